// examples/guides/getting-started-1.ts
import { NodeRuntime } from "@effect/platform-node"
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"

const program = Effect.gen(function*() {
  // one post by id: GET /posts/3291457.json
  const post = yield* Posts.get(3291457)
  yield* Console.log(post.id, post.rating, post.tags.artist, post.file.url)

  // one page of a search: GET /posts.json?tags=…&limit=5
  const page = yield* Posts.search({ tags: "otter rating:s", limit: 5 })
  yield* Console.log(page.map((p) => p.id))

  // every result, page after page, under the rate limiter
  yield* Posts.stream({ tags: ["otter", "rating:s", "score:>100"] }).pipe(
    Stream.take(200),
    Stream.runForEach((p) => Console.log(p.id, p.score.total))
  )
})

program.pipe(
  Effect.provide(NodeE621.layer({ userAgent: "otter-feed/1.0 (by some_user on e621)" })),
  NodeRuntime.runMain
)
