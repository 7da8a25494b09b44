import * as Takedowns from "@effect-e621/core/api/Takedowns"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 300, seed: 5 })

describe("Takedowns", () => {
  it.effect("updated_at filters are sent (permit_search_params always permits them)", () =>
    Effect.gen(function*() {
      const all = yield* Takedowns.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      assert.strictEqual((yield* Takedowns.search({ updatedAt: "<1990-01-01", limit: 320 })).length, 0)
      const since = yield* Takedowns.search({ updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
    }).pipe(Effect.provide(layer)))

  it.effect("search by status shows only the public fields", () =>
    Effect.gen(function*() {
      const pending = yield* Takedowns.search({ status: "pending" })
      assert.strictEqual(pending.length, 3)
      assert.isTrue(pending.every((t) => t.status === "pending" && t.approver_id === null))
      assert.isFalse("source" in pending[0]!)
    }).pipe(Effect.provide(layer)))

  it.effect("moderator-only keys are a 403; bad input is caught locally", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Takedowns.search({ source: "*art*" }))
      assert.strictEqual(error._tag, "E621Forbidden")
      const before = (yield* requests).length
      const bad = yield* Effect.flip(Takedowns.get(-1))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(layer)))

  it.effect("stream, and get answers e621's boolean", () =>
    Effect.gen(function*() {
      const all = yield* Takedowns.stream({ pageSize: 4 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 15)
      const shown = yield* Takedowns.get(all[0]!.id)
      assert.strictEqual(shown, false)
      assert.strictEqual((yield* requests).at(-1)!.path, `/takedowns/${all[0]!.id}.json`)
    }).pipe(Effect.provide(layer)))
})
