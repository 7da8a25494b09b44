import { E621Fake } from "@effect-e621/core/testing"
import * as Pools from "@effect-e621/core/api/Pools"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 4_000, seed: 21 })

describe("Pools", () => {
  it.effect("search filters by category and pages with limit", () =>
    Effect.gen(function*() {
      const pools = yield* Pools.search({ category: "series", limit: 5 })
      assert.strictEqual(pools.length, 5)
      assert.isTrue(pools.every((pool) => pool.category === "series"))
      const request = (yield* (yield* E621Fake.E621Fake).requests)[0]!
      assert.strictEqual(request.query["search[category]"], "series")
      assert.strictEqual(request.query.limit, "5")
    }).pipe(Effect.provide(layer)))

  it.effect("stream returns every pool once with cursors", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const all = yield* fake.pools
      const streamed = yield* Pools.stream({ pageSize: 7 }).pipe(Stream.map((pool) => pool.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((pool) => pool.id).sort((a, b) => b - a))
    }).pipe(Effect.provide(layer)))

  it.effect("get returns post_ids in reading order; unknown search keys are refused locally", () =>
    Effect.gen(function*() {
      const [first] = yield* (yield* E621Fake.E621Fake).pools
      const pool = yield* Pools.get(first!.id)
      assert.deepStrictEqual(pool.post_ids, first!.post_ids)
      const error = yield* Effect.flip(Pools.search({ nameMatches: "" }))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : "", "search.nameMatches")
      const unknown = yield* Effect.flip(Pools.search({ bogus: 1 } as Pools.PoolSearch))
      assert.strictEqual(unknown._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))
})
