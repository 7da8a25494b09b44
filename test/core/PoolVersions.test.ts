import { E621Client } from "@effect-e621/core"
import * as Pools from "@effect-e621/core/api/Pools"
import * as PoolVersions from "@effect-e621/core/api/PoolVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const member = E621Fake.layer({ posts: 2_000, seed: 5, client: { credentials: E621Fake.testerCredentials } })
const anonymous = E621Fake.layer({ posts: 2_000, seed: 5 })

describe("PoolVersions", () => {
  it.effect("search filters by pool id (one or a list) and by updater", () =>
    Effect.gen(function*() {
      const pools = yield* (yield* E621Fake.E621Fake).pools
      const one = yield* PoolVersions.search({ poolId: pools[0]!.id })
      assert.strictEqual(one.length, 1)
      assert.deepStrictEqual(one[0]!.post_ids, pools[0]!.post_ids)
      assert.deepStrictEqual(one[0]!.added_post_ids, pools[0]!.post_ids)
      assert.strictEqual(one[0]!.version, 1)
      const two = yield* PoolVersions.search({ poolId: [pools[0]!.id, pools[1]!.id] })
      assert.deepStrictEqual(two.map((v) => v.pool_id).sort(), [pools[0]!.id, pools[1]!.id].sort())
      assert.strictEqual((yield* requests).at(-1)!.query["search[pool_id]"], `${pools[0]!.id},${pools[1]!.id}`)
      const byCreator = yield* PoolVersions.search({ updaterName: pools[0]!.creator_name, limit: 320 })
      assert.isTrue(byCreator.length > 0 && byCreator.every((v) => v.updater_id === pools[0]!.creator_id))
    }).pipe(Effect.provide(member)))

  it.effect("a pool edit records a version with added and removed ids; stream walks all versions", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [pool] = yield* fake.pools
      const extra = (yield* fake.postIds).find((id) => !pool!.post_ids.includes(id))!
      const next = [...pool!.post_ids.slice(1), extra]
      yield* Pools.update(pool!.id, { postIds: next, description: "new text" })
      const history = yield* PoolVersions.search({ poolId: pool!.id })
      assert.deepStrictEqual(history.map((v) => v.version).sort(), [1, 2])
      const latest = history.find((v) => v.version === 2)
      assert.deepStrictEqual(latest!.post_ids, next)
      assert.deepStrictEqual(latest!.added_post_ids, [extra])
      assert.deepStrictEqual(latest!.removed_post_ids, [pool!.post_ids[0]])
      assert.isTrue(latest!.description_changed)
      assert.isFalse(latest!.name_changed)
      assert.strictEqual(latest!.updater_id, E621Fake.TESTER.id)
      const all = yield* PoolVersions.stream({ pageSize: 50 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, (yield* fake.pools).length + 1)
      const ids = all.map((v) => v.id)
      assert.deepStrictEqual(ids, [...ids].sort((a, b) => b - a))
    }).pipe(Effect.provide(member)))

  it.effect("member only: anonymous callers get E621Forbidden; bad keys and ids are refused locally", () =>
    Effect.gen(function*() {
      const denied = yield* Effect.flip(PoolVersions.search({}))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const before = (yield* requests).length
      const bogus = yield* Effect.flip(PoolVersions.search({ order: "id_asc" } as PoolVersions.PoolVersionSearch))
      assert.strictEqual(bogus._tag, "E621InvalidInput")
      const badId = yield* Effect.flip(PoolVersions.search({ poolId: 0 }))
      assert.strictEqual(badId._tag === "E621InvalidInput" ? badId.field : "", "search.poolId")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(anonymous)))

  it.effect("the fake is strict like e621: an unknown key sent anyway is a 403", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const exit = yield* Effect.flip(E621Client.execute({ method: "GET", path: "/pool_versions.json", query: { "search[bogus]": "1" } }))
      assert.strictEqual(exit._tag, "E621Forbidden")
      assert.strictEqual((yield* fake.requests).at(-1)!.status, 403)
    }).pipe(Effect.provide(member)))
})
