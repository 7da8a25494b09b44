// examples/guides/caching-1.ts
import { NodeFileSystem } from "@effect/platform-node"
import { ReadCache, Tags } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Layer } from "effect"
import * as KeyValueStore from "effect/persistence/KeyValueStore"

// Answers kept on disk survive restarts; ReadCache.layerMemory (bounded) for one process, layerSql for SQLite,
// ReadCache.layerStoreRedis for many machines.
export const layer = ReadCache.layer({ ttl: { posts: "30 seconds" } }).pipe(
  Layer.provide(NodeE621.layer({ userAgent: "my-app/1.0 (by some_user on e621)" })),
  Layer.provide(KeyValueStore.layerFileSystem(".e621-cache").pipe(Layer.provide(NodeFileSystem.layer)))
)

export const suggest = (typed: string) =>
  Effect.gen(function*() {
    const suggestions = yield* Tags.autocomplete(typed) // asked once, then from the cache for an hour
    // a per-call policy, like Cache-Control: accept a day-old answer here
    yield* ReadCache.withPolicy(Tags.autocomplete(typed), { maxAge: "1 day" })
    const { hits, misses } = yield* ReadCache.stats
    yield* Console.log(`${hits} answers from the cache, ${misses} requests`)
    return suggestions
  })
