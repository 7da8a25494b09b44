// examples/guides/redis-1.ts
import { NodeRuntime } from "@effect/platform-node"
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"

// Run this file in as many processes (or machines) as you like: they share one budget through Redis,
// so together they stay within e621's limits as one client would.
const worker = Number(process.env["WORKER"] ?? 0)
const workers = Number(process.env["WORKERS"] ?? 1)

Posts.stream({ tags: "otter" }).pipe(
  Stream.filter((post) => post.id % workers === worker), // a toy partition of the work
  Stream.runForEach((post) => Console.log(`worker ${worker}: ${post.id}`)),
  Effect.provide(NodeE621.layer({
    userAgent: "otter-indexer/1.0 (by some_user on e621)",
    redis: { url: process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379", prefix: "otter-indexer:rl:" }
  })),
  NodeRuntime.runMain
)
