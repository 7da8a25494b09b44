import * as SearchTrends from "@effect-e621/core/api/SearchTrends"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 50, seed: 8 })

describe("SearchTrends", () => {
  it.effect("search lists a day most searched first and filters by name", () =>
    Effect.gen(function*() {
      const day = yield* SearchTrends.search({ day: "2026-07-01", limit: 10 })
      assert.strictEqual(day.length, 10)
      assert.isTrue(day.every((t) => t.day === "2026-07-01"))
      assert.deepStrictEqual(day.map((t) => t.count), [...day.map((t) => t.count)].sort((a, b) => b - a))
      const [first] = day
      const found = yield* SearchTrends.search({ day: new Date("2026-07-01T12:00:00Z"), nameMatches: first!.tag })
      assert.deepStrictEqual(found, [first])
      const sent = (yield* requests).at(-1)!
      assert.strictEqual(sent.query.day, "2026-07-01")
      assert.strictEqual(sent.query["search[name_matches]"], first!.tag)
    }).pipe(Effect.provide(layer)))

  it.effect("stream walks numbered pages of a day", () =>
    Effect.gen(function*() {
      const all = yield* SearchTrends.stream({ day: "2026-07-02", pageSize: 7 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 30)
      assert.isTrue((yield* requests).some((r) => r.query.page === "3"))
    }).pipe(Effect.provide(layer)))

  it.effect("rising and track", () =>
    Effect.gen(function*() {
      const rising = yield* SearchTrends.rising
      assert.isTrue(rising.every((t) => t.pretty_name === t.name.replace(/_+/g, " ")))
      const track = yield* SearchTrends.track(["Canine", "wolf"])
      assert.deepStrictEqual(Object.keys(track).sort(), ["canine", "wolf"])
      assert.strictEqual(track.canine!.length, 31)
      assert.strictEqual((yield* requests).at(-1)!.query.tag, "canine,wolf")
    }).pipe(Effect.provide(layer)))

  it.effect("bad input is refused before sending", () =>
    Effect.gen(function*() {
      const tooMany = yield* Effect.flip(SearchTrends.track(Array.from({ length: 11 }, (_, i) => `tag_${i}`)))
      assert.strictEqual(tooMany._tag, "E621InvalidInput")
      const badDay = yield* Effect.flip(SearchTrends.search({ day: "yesterday" }))
      assert.strictEqual(badDay._tag, "E621InvalidInput")
      const strict = yield* Effect.flip(SearchTrends.search({ tag: "x" } as SearchTrends.SearchTrendSearch))
      assert.strictEqual(strict._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(layer)))
})
