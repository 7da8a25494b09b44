import * as ModActions from "@effect-e621/core/api/ModActions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 100, seed: 3 })
const admin = E621Fake.layer({
  posts: 100,
  seed: 3,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

describe("ModActions", () => {
  it.effect("updated_at filters are sent (permit_search_params always permits them)", () =>
    Effect.gen(function*() {
      const all = yield* ModActions.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      assert.strictEqual((yield* ModActions.search({ updatedAt: "<1990-01-01", limit: 320 })).length, 0)
      const since = yield* ModActions.search({ updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
    }).pipe(Effect.provide(anonymous)))

  it.effect("search by action and by a value of the action; values sanitised for non-admins", () =>
    Effect.gen(function*() {
      const bans = yield* ModActions.search({ action: "user_ban" })
      assert.isAbove(bans.length, 0)
      assert.isTrue(bans.every((a) => a.action === "user_ban" && a.values?.internal_note === undefined))
      const userId = bans[0]!.values!.user_id as number
      const forUser = yield* ModActions.search({ action: "user_ban", values: { user_id: userId } })
      assert.isTrue(forUser.length > 0 && forUser.every((a) => a.values?.user_id === userId))
      assert.strictEqual((yield* requests).at(-1)!.query["search[user_id]"], String(userId))
    }).pipe(Effect.provide(anonymous)))

  it.effect("protected actions are hidden from non-staff (list and get)", () =>
    Effect.gen(function*() {
      const all = yield* ModActions.stream({ pageSize: 20 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 46)
      assert.isFalse(all.some((a) => a.action === "staff_note_create"))
      const error = yield* Effect.flip(ModActions.get(6))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("admins see everything with raw values", () =>
    Effect.gen(function*() {
      const note = yield* ModActions.get(6)
      assert.strictEqual(note.action, "staff_note_create")
      assert.strictEqual(note.values?.internal_note, "raw value only admins see")
    }).pipe(Effect.provide(admin)))

  it.effect("values without an action and bad keys are refused before sending", () =>
    Effect.gen(function*() {
      const noAction = yield* Effect.flip(ModActions.search({ values: { user_id: 1 } }))
      assert.strictEqual(noAction._tag, "E621InvalidInput")
      const badKey = yield* Effect.flip(ModActions.search({ action: "user_ban", values: { "User Id": 1 } }))
      assert.strictEqual(badKey._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(anonymous)))
})
