// examples/guides/blacklist-1.ts
import { Blacklist, Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Redacted } from "effect"

// The logged-in user's own blacklist, loaded once, applied to every post search, stream, watch and download.
export const layer = NodeE621.layer({
  userAgent: "my-viewer/1.0 (by some_user on e621)",
  credentials: { username: "some_user", apiKey: Redacted.make(process.env["E621_API_KEY"] ?? "") },
  blacklist: { account: true } // or text: "gore\nrating:e" , or a Blacklist
})

export const program = Effect.gen(function*() {
  const shown = yield* Posts.search({ tags: "canine", limit: 75 })
  // hidden posts are counted (and logged at debug level), never silently lost
  yield* Console.log(`${shown.length} shown, ${yield* Blacklist.hidden} hidden so far`)
  // per call: another blacklist, or none
  const everything = yield* Posts.search({ tags: "canine", limit: 75, blacklist: false })
  // or for a whole effect (streams: Stream.provideService(stream, Blacklist.Skip, true))
  const alsoEverything = yield* Blacklist.unfiltered(Posts.search({ tags: "canine", limit: 75 }))
  return { shown, everything, alsoEverything }
})
