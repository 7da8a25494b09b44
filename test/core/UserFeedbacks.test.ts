import * as UserFeedbacks from "@effect-e621/core/api/UserFeedbacks"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 100, seed: 9 })
const admin = E621Fake.layer({
  posts: 100,
  seed: 9,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

describe("UserFeedbacks", () => {
  it.effect("updated_at filters are sent (permit_search_params always permits them)", () =>
    Effect.gen(function*() {
      const all = yield* UserFeedbacks.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      assert.strictEqual((yield* UserFeedbacks.search({ updatedAt: "<1990-01-01", limit: 320 })).length, 0)
      const since = yield* UserFeedbacks.search({ updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
    }).pipe(Effect.provide(anonymous)))

  it.effect("search filters by category and user; deleted records stay hidden", () =>
    Effect.gen(function*() {
      const negative = yield* UserFeedbacks.search({ category: "negative" })
      assert.isAbove(negative.length, 0)
      assert.isTrue(negative.every((f) => f.category === "negative" && f.is_deleted === false))
      const testers = yield* UserFeedbacks.search({ userName: "tester" })
      assert.isTrue(testers.every((f) => f.user_id === E621Fake.TESTER.id))
      assert.isAbove(testers.length, 0)
      assert.strictEqual((yield* requests).at(-1)!.query["search[user_name]"], "tester")
    }).pipe(Effect.provide(anonymous)))

  it.effect("the staff-only deleted key is a 403 for others; bad input never leaves", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(UserFeedbacks.search({ deleted: "only" }))
      assert.strictEqual(error._tag, "E621Forbidden")
      const before = (yield* requests).length
      const bad = yield* Effect.flip(UserFeedbacks.search({ limit: 321 }))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(anonymous)))

  it.effect("stream returns every visible record; get hides deleted ones from non-staff", () =>
    Effect.gen(function*() {
      const all = yield* UserFeedbacks.stream({ pageSize: 4 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 26)
      const one = yield* UserFeedbacks.get(all[0]!.id)
      assert.strictEqual(one.id, all[0]!.id)
      const hidden = yield* Effect.flip(UserFeedbacks.get(7))
      assert.strictEqual(hidden._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("staff see deleted records", () =>
    Effect.gen(function*() {
      const deleted = yield* UserFeedbacks.search({ deleted: "only" })
      assert.isTrue(deleted.length > 0 && deleted.every((f) => f.is_deleted === true))
      const seven = yield* UserFeedbacks.get(7)
      assert.strictEqual(seven.is_deleted, true)
    }).pipe(Effect.provide(admin)))
})
