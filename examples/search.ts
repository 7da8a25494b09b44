/**
 * Search one page of posts and print them.
 *
 *   E621_USER_AGENT="my-bot/1.0 (by me on e621)" npx tsx examples/search.ts "canine rating:s"
 *
 * `program` needs only `E621Client`: `main` runs it against e621 (configured from the environment), the tests
 * run it against the fake.
 */
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { pathToFileURL } from "node:url"
import { Console, Effect } from "effect"

export const program = (tags: string) =>
  Effect.gen(function*() {
    const posts = yield* Posts.search({ tags, limit: 10 })
    for (const post of posts) {
      yield* Console.log(`#${post.id} [${post.rating}] score ${post.score.total}, ${post.tags.artist.join(", ") || "unknown artist"}`)
    }
    return posts.length
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program(process.argv[2] ?? "rating:s").pipe(
    Effect.provide(NodeE621.layerConfig()),
    Effect.runPromise
  )
}
