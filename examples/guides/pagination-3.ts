// examples/guides/pagination-3.ts
import { Decoding, E621Client, Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Effect, Stream } from "effect"

// lenient (the default): a post the schema rejects is skipped, logged with its id, and handed to onRejected
export const archiver = NodeE621.layer({
  userAgent: "my-archiver/1.0 (by some_user on e621)",
  onRejected: (rejected) => Effect.logError(`post ${rejected.id} at ${rejected.path}: ${rejected.excerpt}`)
})

// strict for one call: the stream fails with E621DecodeError naming the item (index, id, path)
export const everyOtterOrNothing = Posts.stream({ tags: "otter" }).pipe(
  Stream.provideService(Decoding.Override, { mode: "strict" }),
  Stream.runCollect
)

// or for a whole client
export const strictClient: Partial<E621Client.Options> = { decoding: "strict" }
