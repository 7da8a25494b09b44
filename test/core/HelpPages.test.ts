import * as HelpPages from "@effect-e621/core/api/HelpPages"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const layer = E621Fake.layer({ posts: 50, seed: 1 })

describe("HelpPages", () => {
  it.effect("list is sorted by title; get by name and id", () =>
    Effect.gen(function*() {
      const pages = yield* HelpPages.list
      assert.strictEqual(pages[0]!.title, "API")
      assert.strictEqual(pages.length, 6)
      const api = yield* HelpPages.get("api")
      assert.strictEqual(api.wiki_page, "help:api")
      const byId = yield* HelpPages.get(api.id)
      assert.strictEqual(byId.name, "api")
    }).pipe(Effect.provide(layer)))

  it.effect("an unknown name (200 null) and an unknown id (404) are both E621NotFound; empty names never leave", () =>
    Effect.gen(function*() {
      const byName = yield* Effect.flip(HelpPages.get("no_such_page"))
      assert.strictEqual(byName._tag, "E621NotFound")
      assert.strictEqual(byName._tag === "E621NotFound" ? byName.status : 0, 200)
      const byId = yield* Effect.flip(HelpPages.get(999))
      assert.strictEqual(byId._tag === "E621NotFound" ? byId.status : 0, 404)
      const empty = yield* Effect.flip(HelpPages.get(" "))
      assert.strictEqual(empty._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 2)
    }).pipe(Effect.provide(layer)))
})
