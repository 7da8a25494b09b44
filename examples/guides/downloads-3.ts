// examples/guides/downloads-3.ts
import { NodeDbExports } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"

export const exports = Effect.gen(function*() {
  // what is there today: GET /db_exports.json (falls back to the older /db_export/ listing)
  for (const entry of yield* NodeDbExports.list) {
    yield* Console.log(entry.name, entry.size, entry.url)
  }

  // every tag, typed, streamed from the gzip file as it downloads (constant memory)
  const artists = yield* NodeDbExports.stream("tags").pipe(
    Stream.filter((tag) => tag.category === 1 && tag.post_count >= 100),
    Stream.runFold(() => 0, (n) => n + 1)
  )
  yield* Console.log(`${artists} artists with 100 posts or more`)

  // "every post matching X" without a single API request
  yield* NodeDbExports.stream("posts").pipe(
    NodeDbExports.filter("otter rating:s score:>100"),
    Stream.runForEach((row) => Console.log(row.id, row.md5, row.fav_count))
  )
})
