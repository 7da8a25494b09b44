import * as NewsUpdates from "@effect-e621/core/api/NewsUpdates"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 50, seed: 1 })

describe("NewsUpdates", () => {
  it.effect("search pages newest first; stream returns all; bad paging is refused locally", () =>
    Effect.gen(function*() {
      const page = yield* NewsUpdates.search({ limit: 2 })
      assert.deepStrictEqual(page.map((n) => n.id), [5, 4])
      const all = yield* NewsUpdates.stream({ pageSize: 2 }).pipe(Stream.map((n) => n.id), Stream.runCollect)
      assert.deepStrictEqual([...all], [5, 4, 3, 2, 1])
      const bad = yield* Effect.flip(NewsUpdates.search({ page: 751 }))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 4)
    }).pipe(Effect.provide(layer)))
})
