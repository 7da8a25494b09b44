// examples/guides/following-1.ts
import { NodeRuntime } from "@effect/platform-node"
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"
import * as Fs from "node:fs"

// Posts come oldest first, each once: the id of the last one handled is the position to store.
const file = "otter-bot.position"
const since = Fs.existsSync(file) ? Number(Fs.readFileSync(file, "utf8")) : undefined

Posts.watch({ tags: "otter rating:s" }, { every: "1 minute", since }).pipe(
  Stream.runForEach((post) =>
    Console.log(`new otter: https://e621.net/posts/${post.id}`).pipe(
      Effect.andThen(Effect.sync(() => Fs.writeFileSync(file, String(post.id))))
    )
  ),
  Effect.provide(NodeE621.layer({ userAgent: "otter-bot/1.0 (by some_user on e621)" })),
  NodeRuntime.runMain
)
