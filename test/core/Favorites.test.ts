import * as Favorites from "@effect-e621/core/api/Favorites"
import * as Favorite from "@effect-e621/core/schemas/Favorite"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { readFileSync } from "node:fs"

const anonymous = E621Fake.layer({ posts: 2_000, seed: 5 })
const member = E621Fake.layer({ posts: 2_000, seed: 5, client: { credentials: E621Fake.testerCredentials } })
const v2Member = E621Fake.layer({ posts: 2_000, seed: 5, client: { credentials: E621Fake.testerCredentials, postFormat: "v2" } })

describe("Favorites", () => {
  it.effect("search returns a user's favourites, newest favourite first, with numbered pages", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const stored = yield* fake.favorites("tester")
      assert.isAbove(stored.length, 10)
      const page = yield* Favorites.search({ userId: E621Fake.TESTER.id, limit: 5, page: 2 })
      assert.strictEqual(page.length, 5)
      const request = (yield* fake.requests)[0]!
      assert.strictEqual(request.query.user_id, String(E621Fake.TESTER.id))
      assert.strictEqual(request.query.page, "2")
      const all = yield* Favorites.stream({ userId: E621Fake.TESTER.id, pageSize: 7 }).pipe(Stream.map((p) => p.id), Stream.runCollect)
      assert.deepStrictEqual([...all].sort((a, b) => a - b), [...stored])
      assert.deepStrictEqual(page.map((p) => p.id), [...all].slice(5, 10))
      assert.isTrue((yield* fake.requests).slice(1).every((r) => !String(r.query.page).startsWith("b")))
    }).pipe(Effect.provide(anonymous)))

  it.effect("anonymous search without userId and cursors are refused before any request", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Favorites.search())
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : error._tag, "userId")
      const cursor = yield* Effect.flip(Favorites.search({ userId: 4, page: "b100" as unknown as number }))
      assert.strictEqual(cursor._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(anonymous)))

  it.effect("a user hiding their favourites gives an empty list to others", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      let hidden = 0
      for (const user of (yield* fake.users).filter((u) => u.id >= 1000).slice(0, 20)) {
        const stored = yield* fake.favorites(user.name)
        const seen = yield* Favorites.search({ userId: user.id, limit: 320 })
        if (stored.length > 0 && seen.length === 0) hidden++
        else assert.strictEqual(seen.length, Math.min(320, stored.length))
      }
      assert.isAbove(hidden, 0)
    }).pipe(Effect.provide(anonymous)))

  it.effect("add and remove answer the favourite count; adding twice fails; anonymous is forbidden", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const mine = new Set(yield* fake.favorites("tester"))
      const postId = ids.find((id) => !mine.has(id))!
      const before = (yield* fake.post(postId))!.fav_count
      const added = yield* Favorites.add(postId)
      assert.deepStrictEqual(added, { post_id: postId, favorite_count: before + 1 })
      assert.isTrue((yield* fake.favorites("tester")).includes(postId))
      const first = yield* Favorites.search({ limit: 1 })
      assert.strictEqual(first[0]!.id, postId)
      assert.isTrue(first[0]!.is_favorited)
      const again = yield* Effect.flip(Favorites.add(postId))
      assert.strictEqual(again._tag, "E621ValidationFailed")
      const removed = yield* Favorites.remove(postId)
      assert.strictEqual(removed.favorite_count, before)
      assert.isFalse((yield* fake.favorites("tester")).includes(postId))
      const bad = yield* Effect.flip(Favorites.add(0))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(member)))

  it.effect("anonymous add is E621Forbidden", () =>
    Effect.gen(function*() {
      const [id] = yield* (yield* E621Fake.E621Fake).postIds
      const error = yield* Effect.flip(Favorites.add(id!))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("the v2 format decodes to the same favourites", () =>
    Effect.gen(function*() {
      const page = yield* Favorites.search({ limit: 10 })
      const stored = new Set(yield* (yield* E621Fake.E621Fake).favorites("tester"))
      assert.strictEqual(page.length, 10)
      assert.isTrue(page.every((p) => stored.has(p.id)))
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests)[0]!.query.v2, "true")
    }).pipe(Effect.provide(v2Member)))

  it("the old add answer (201 + post, rs621/favorite.json) decodes", () => {
    const json: unknown = JSON.parse(readFileSync(new URL("../fixtures/real/rs621/favorite.json", import.meta.url), "utf8"))
    const change = Favorite.toChange(Schema.decodeUnknownSync(Favorite.FavoriteAnswer)(json))
    assert.strictEqual(change.post_id, 3758515)
    assert.strictEqual(change.post?.id, 3758515)
    assert.isNumber(change.favorite_count)
    const current = Favorite.toChange(Schema.decodeUnknownSync(Favorite.FavoriteAnswer)({ post_id: 7, favorite_count: 3 }))
    assert.deepStrictEqual(current, { post_id: 7, favorite_count: 3 })
  })
})
