// examples/guides/writes-2.ts
import { Posts } from "@effect-e621/core"
import { Console, Effect } from "effect"

// A write that e621 refused comes back as E621ValidationFailed with e621's messages per field.
export const retag = (postId: number, tags: ReadonlyArray<string>) =>
  Posts.update(postId, { tags: { add: tags } }).pipe(
    Effect.catchTag("E621ValidationFailed", (e) =>
      Console.error(Object.entries(e.errors).map(([field, messages]) => `${field}: ${messages.join("; ")}`).join("\n"))),
    Effect.catchTag("E621Forbidden", (e) => Console.error(`not allowed: ${e.reason}`))
  )
