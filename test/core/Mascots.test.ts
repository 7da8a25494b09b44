import * as Mascots from "@effect-e621/core/api/Mascots"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 50, seed: 1 })

describe("Mascots", () => {
  it.effect("search is oldest first and filters by id; stream returns all", () =>
    Effect.gen(function*() {
      const all = yield* Mascots.search()
      assert.deepStrictEqual(all.map((m) => m.id), [1, 2, 3, 4])
      assert.match(all[0]!.url_path, /\/mascot\/[0-9a-f]{32}\.jpg$/)
      const some = yield* Mascots.search({ id: ">2" })
      assert.deepStrictEqual(some.map((m) => m.id), [3, 4])
      const streamed = yield* Mascots.stream({ pageSize: 3 }).pipe(Stream.runCollect)
      assert.strictEqual(streamed.length, 4)
      const bad = yield* Effect.flip(Mascots.search({ id: "abc" }))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))
})
