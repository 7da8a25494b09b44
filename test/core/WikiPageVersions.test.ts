import { E621Client } from "@effect-e621/core"
import * as WikiPageVersions from "@effect-e621/core/api/WikiPageVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 300, seed: 33 })

describe("WikiPageVersions", () => {
  it.effect("search filters by page and editor; get reads one version", () =>
    Effect.gen(function*() {
      const page = yield* WikiPageVersions.search({ wikiPageId: 101, limit: 10 })
      assert.isAtLeast(page.length, 1)
      assert.isTrue(page.every((v) => v.wiki_page_id === 101))
      assert.isTrue(page.every((v, i) => i === 0 || v.id < page[i - 1]!.id))
      const byUpdater = yield* WikiPageVersions.search({ updaterId: page[0]!.updater_id ?? 0 })
      assert.isTrue(byUpdater.every((v) => v.updater_id === page[0]!.updater_id))
      const one = yield* WikiPageVersions.get(page[0]!.id)
      assert.deepStrictEqual(one, page[0])
      const log = yield* requests
      assert.strictEqual(log[0]!.query["search[wiki_page_id]"], "101")
      assert.strictEqual(log[2]!.path, `/wiki_page_versions/${page[0]!.id}.json`)
      const missing = yield* Effect.flip(WikiPageVersions.get(99))
      assert.strictEqual(missing._tag, "E621NotFound")
    }).pipe(Effect.provide(layer)))

  it.effect("stream walks every version once", () =>
    Effect.gen(function*() {
      const streamed = yield* WikiPageVersions.stream({ pageSize: 50 }).pipe(Stream.map((v) => v.id), Stream.runCollect)
      assert.isAbove(streamed.length, 110)
      assert.strictEqual(new Set(streamed).size, streamed.length)
      assert.deepStrictEqual([...streamed], [...streamed].sort((a, b) => b - a))
    }).pipe(Effect.provide(layer)))

  it.effect("strict controller: unknown keys and order are 403 on the wire, refused locally", () =>
    Effect.gen(function*() {
      const wire = yield* Effect.flip(
        E621Client.execute({ method: "GET", path: "/wiki_page_versions.json", query: { "search[bogus]": "1" } })
      )
      assert.strictEqual(wire._tag, "E621Forbidden")
      assert.include(wire._tag === "E621Forbidden" ? wire.reason : "", "unpermitted parameter: :bogus")
      const order = yield* Effect.flip(
        E621Client.execute({ method: "GET", path: "/wiki_page_versions.json", query: { "search[order]": "id_asc" } })
      )
      assert.strictEqual(order._tag, "E621Forbidden")
      const local = yield* Effect.flip(WikiPageVersions.search({ order: "id_asc" } as WikiPageVersions.WikiPageVersionSearch))
      assert.strictEqual(local._tag, "E621InvalidInput")
      const badId = yield* Effect.flip(WikiPageVersions.get(1.5))
      assert.strictEqual(badId._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 2)
    }).pipe(Effect.provide(layer)))
})
