// examples/guides/offline-queries-1.ts
import { NodeDbExports } from "@effect-e621/platform-node"
import { Effect, Stream } from "effect"

// "Every post matching X" without a single API request, matched as e621's search would:
// the aliases export resolves `kitty` to `domestic_cat`, as e621 does before searching.
export const kittens = Effect.gen(function*() {
  const tagGraph = yield* NodeDbExports.tagGraph // tag_aliases + tag_implications, active rows only
  return yield* NodeDbExports.stream("posts").pipe(
    NodeDbExports.filter("kitty rating:s -comic", { tagGraph }),
    Stream.map((row) => row.id),
    Stream.runCollect
  )
})
