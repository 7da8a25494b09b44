import * as Popular from "@effect-e621/core/api/Popular"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const layer = E621Fake.layer({ posts: 3_000, seed: 2 })

describe("Popular", () => {
  it.effect("day, week and month give the best-scored posts created in the period", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const sample = (yield* fake.post(ids[1500]!))!
      const day = new Date(sample.created_at)
      const daily = yield* Popular.search({ date: day })
      assert.isTrue(daily.some((p) => p.id === sample.id))
      const key = sample.created_at.slice(0, 10)
      assert.isTrue(daily.every((p) => p.created_at.slice(0, 10) === key))
      const scores = daily.map((p) => p.score.total)
      assert.deepStrictEqual(scores, [...scores].sort((a, b) => b - a))
      const monthly = yield* Popular.search({ scale: "month", date: key })
      assert.isTrue(monthly.every((p) => p.created_at.slice(0, 7) === key.slice(0, 7)))
      assert.isAtLeast(monthly.length, daily.length)
      const weekly = yield* Popular.search({ scale: "week", date: day })
      assert.isTrue(weekly.some((p) => p.id === sample.id) || weekly.length === 75)
      const requests = yield* fake.requests
      assert.deepStrictEqual(requests.map((r) => [r.query.date, r.query.scale]), [[key, undefined], [key, "month"], [key, "week"]])
    }).pipe(Effect.provide(layer)))

  it.effect("bad scale and invalid dates are refused before any request; e621's 422 for unparseable text", () =>
    Effect.gen(function*() {
      const scale = yield* Effect.flip(Popular.search({ scale: "year" as Popular.Scale }))
      assert.strictEqual(scale._tag === "E621InvalidInput" ? scale.field : "", "scale")
      const date = yield* Effect.flip(Popular.search({ date: new Date(Number.NaN) }))
      assert.strictEqual(date._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
      const text = yield* Effect.flip(Popular.search({ date: "not a date" }))
      assert.strictEqual(text._tag, "E621ValidationFailed")
    }).pipe(Effect.provide(layer)))
})
