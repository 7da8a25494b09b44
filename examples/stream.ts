/**
 * Stream every post of a tag search with `Stream.runForEach`: pages are fetched one after the other with
 * `b<id>` cursors under the client's rate limiter, and the next page is fetched while this one is printed.
 *
 *   E621_USER_AGENT="my-bot/1.0 (by me on e621)" npx tsx examples/stream.ts "wolf rating:s" 500
 */
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { pathToFileURL } from "node:url"
import { Console, Effect, Stream } from "effect"

export const program = (tags: string, max: number) =>
  Effect.gen(function*() {
    let seen = 0
    yield* Posts.stream({ tags, pageSize: 320 }).pipe(
      Stream.take(max),
      Stream.runForEach((post) => {
        seen++
        return Console.log(`${seen}. #${post.id} ${post.file.ext} ${post.file.width}x${post.file.height} score ${post.score.total}`)
      })
    )
    return seen
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program(process.argv[2] ?? "rating:s", Number(process.argv[3] ?? 500)).pipe(
    Effect.provide(NodeE621.layerConfig()),
    Effect.runPromise
  )
}
