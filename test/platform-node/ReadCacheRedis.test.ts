/**
 * `ReadCache.layerStoreRedis`: one cache for many processes, in a `redis-server` this test starts on a free port
 * (like `test/reliability/redis.test.ts`; Debian package `redis-server`).
 */
import { ReadCache, Tags } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import * as NodeRedis from "@effect/platform-node/NodeRedis"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Redis from "effect/persistence/Redis"
import { clientLayer } from "../core/support.ts"
import { freePort, spawnRedis } from "../support/redis.ts"

const startRedis = Effect.acquireRelease(
  Effect.promise(async () => {
    const port = await freePort()
    return { url: `redis://127.0.0.1:${port}`, child: await spawnRedis(port) }
  }),
  ({ child }) => Effect.sync(() => child.kill())
)

describe("ReadCache.layerStoreRedis", () => {
  it.live("two clients (two processes' worth) share one cache in Redis; entries expire; writes invalidate by prefix", () =>
    Effect.gen(function*() {
      const { url } = yield* startRedis
      const redis = NodeRedis.layer({ url })
      const store = ReadCache.layerStoreRedis({ prefix: "test-cache:", expire: "10 minutes" }).pipe(Layer.provide(redis))
      const process = () => ReadCache.layer().pipe(Layer.provide(clientLayer(undefined)), Layer.provide(store))
      const first = yield* Tags.autocomplete("dom").pipe(Effect.provide(process()))
      const second = yield* Effect.gen(function*() {
        const tags = yield* Tags.autocomplete("dom")
        return { tags, stats: yield* ReadCache.stats }
      }).pipe(Effect.provide(process()))
      assert.deepStrictEqual(second.tags, first)
      assert.strictEqual(second.stats.hits, 1, "the second client was answered from Redis")
      const fake = yield* E621Fake.E621Fake
      assert.strictEqual((yield* fake.requests).length, 1)
      const check = Effect.gen(function*() {
        const r = yield* Redis.Redis
        const keys = yield* r.send<ReadonlyArray<string>>("KEYS", "test-cache:*")
        assert.strictEqual(keys.length, 1)
        const ttl = yield* r.send<number>("PTTL", keys[0]!)
        assert.isTrue(ttl > 0 && ttl <= 600_000, `expiry set: ${ttl}`)
        yield* ReadCache.ReadCache.use((cache) => cache.invalidate("/tags/"))
        assert.strictEqual((yield* r.send<ReadonlyArray<string>>("KEYS", "test-cache:*")).length, 0)
      })
      yield* check.pipe(Effect.provide(Layer.merge(process(), redis)))
    }).pipe(Effect.provide(E621Fake.layerHttpClient({ posts: 50, seed: 2 }))), 30_000)
})
