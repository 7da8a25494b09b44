import * as ArtistUrls from "@effect-e621/core/api/ArtistUrls"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 300, seed: 34 })

describe("ArtistUrls", () => {
  it.effect("search by artist name nests the artist (without notes)", () =>
    Effect.gen(function*() {
      const urls = yield* ArtistUrls.search({ artistName: "amber_quill", order: "url_asc" })
      assert.isAtLeast(urls.length, 2)
      assert.isTrue(urls.every((u) => u.artist?.name === "amber_quill" && u.artist_id === u.artist.id))
      assert.isTrue(urls.every((u) => u.artist !== undefined && !("notes" in u.artist)))
      assert.deepStrictEqual(urls.map((u) => u.url), urls.map((u) => u.url).sort())
      const fa = yield* ArtistUrls.search({ urlMatches: "furaffinity", isActive: true, limit: 100 })
      assert.strictEqual(fa.length, 28)
      assert.isTrue(fa.every((u) => u.url.includes("furaffinity") && u.is_active))
      const log = yield* requests
      assert.strictEqual(log[0]!.query["search[artist_name]"], "amber_quill")
      assert.strictEqual(log[1]!.query["search[url_matches]"], "furaffinity")
    }).pipe(Effect.provide(layer)))

  it.effect("stream returns every URL once (cursor and numbered orders agree)", () =>
    Effect.gen(function*() {
      const byId = yield* ArtistUrls.stream({ pageSize: 20 }).pipe(Stream.map((u) => u.id), Stream.runCollect)
      const byUrl = yield* ArtistUrls.stream({ pageSize: 20, order: "url" }).pipe(Stream.map((u) => u.id), Stream.runCollect)
      assert.isAbove(byId.length, 56)
      assert.deepStrictEqual([...byUrl].sort((a, b) => a - b), [...byId].sort((a, b) => a - b))
      const pages = (yield* requests).map((r) => r.query.page)
      assert.strictEqual(pages[0], "b2147483647")
      assert.include(pages, "2")
    }).pipe(Effect.provide(layer)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const order = yield* Effect.flip(ArtistUrls.search({ order: "name" as "url" }))
      assert.strictEqual(order._tag, "E621InvalidInput")
      const limit = yield* Effect.flip(ArtistUrls.search({ limit: 321 }))
      assert.strictEqual(limit._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(layer)))
})
