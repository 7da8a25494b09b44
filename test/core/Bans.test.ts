import * as Bans from "@effect-e621/core/api/Bans"
import * as Ban from "@effect-e621/core/schemas/Ban"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 100, seed: 2 })

describe("Bans", () => {
  it.effect("updated_at / created_at filters are sent (permit_search_params always permits them)", () =>
    Effect.gen(function*() {
      const all = yield* Bans.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      assert.strictEqual((yield* Bans.search({ updatedAt: "<1990-01-01", limit: 320 })).length, 0)
      const since = yield* Bans.search({ createdAt: ">1990-01-01", updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
      assert.strictEqual(last.query["search[created_at]"], ">1990-01-01")
    }).pipe(Effect.provide(layer)))

  it.effect("search by user name finds the banned account's permanent ban", () =>
    Effect.gen(function*() {
      const [ban] = yield* Bans.search({ userName: E621Fake.BANNED.name })
      assert.strictEqual(ban?.user_id, E621Fake.BANNED.id)
      assert.isTrue(Ban.isPermanent(ban!))
      assert.strictEqual((yield* requests).at(-1)!.query["search[user_name]"], E621Fake.BANNED.name)
    }).pipe(Effect.provide(layer)))

  it.effect("stream (numbered pages when ordered by expiry) and get", () =>
    Effect.gen(function*() {
      const byId = yield* Bans.stream({ pageSize: 5 }).pipe(Stream.runCollect)
      assert.strictEqual(byId.length, 12)
      const byExpiry = yield* Bans.stream({ pageSize: 5, order: "expires_at_desc" }).pipe(Stream.runCollect)
      assert.strictEqual(byExpiry.length, 12)
      assert.isTrue((yield* requests).some((r) => r.query.page === "2"))
      const one = yield* Bans.get(3)
      assert.strictEqual(one.id, 3)
      const missing = yield* Effect.flip(Bans.get(999))
      assert.strictEqual(missing._tag, "E621NotFound")
      const bad = yield* Effect.flip(Bans.search({ order: "reason" } as unknown as Bans.BanSearch))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))
})
