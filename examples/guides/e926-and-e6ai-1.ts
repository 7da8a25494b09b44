// examples/guides/e926-and-e6ai-1.ts
import { Posts } from "@effect-e621/core"
import { Post } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect } from "effect"

const userAgent = "site-compare/1.0 (by some_user on e621)"

const newest = Effect.gen(function*() {
  const [post] = yield* Posts.search({ limit: 1 })
  if (post !== undefined) yield* Console.log(post.id, post.rating, Post.visibility(post, { safeMode: true }))
})

export const onEveryHost = Effect.all([
  newest.pipe(Effect.provide(NodeE621.layer({ userAgent }))), // e621.net (the default)
  newest.pipe(Effect.provide(NodeE621.layer({ userAgent, host: "e926" }))), // e926.net: safe mode
  newest.pipe(Effect.provide(NodeE621.layer({ userAgent, host: "e6ai" }))), // e6ai.net: AI-generated art
  newest.pipe(Effect.provide(NodeE621.layer({ userAgent, host: "http://127.0.0.1:3000" }))) // any e621ng
])
