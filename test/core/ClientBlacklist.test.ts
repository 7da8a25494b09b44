import { Blacklist, Favorites, Popular, Post, Posts, Watch } from "@effect-e621/core"
import * as Users from "@effect-e621/core/api/Users"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schedule, Stream } from "effect"

const rules = "rating:e\nsolo"
const withBlacklist = (blacklist: Blacklist.Source, credentials = false) =>
  E621Fake.layer({
    posts: 300,
    seed: 23,
    client: { blacklist, ...(credentials ? { credentials: E621Fake.testerCredentials } : {}) }
  })

const hiddenBy = (post: Post.Post) => post.rating === "e" || Post.allTags(post).includes("solo")

describe("the blacklist client option", () => {
  it.effect("applies to searches, streams, watches, favourites and popular posts; hidden posts are counted", () =>
    Effect.gen(function*() {
      const all = yield* Blacklist.unfiltered(Posts.stream({ tags: "anthro" }).pipe(Stream.runCollect))
      const expectedHidden = all.filter(hiddenBy).length
      assert.isAbove(expectedHidden, 5)
      assert.strictEqual(yield* Blacklist.hidden, 0, "unfiltered hides nothing")

      const streamed = yield* Posts.stream({ tags: "anthro" }).pipe(Stream.runCollect)
      assert.deepStrictEqual(streamed.map((p) => p.id), all.filter((p) => !hiddenBy(p)).map((p) => p.id))
      assert.strictEqual(yield* Blacklist.hidden, expectedHidden)

      const page = yield* Posts.search({ tags: "anthro", limit: 100 })
      const rawPage = yield* Posts.search({ tags: "anthro", limit: 100, blacklist: false })
      assert.deepStrictEqual(page.map((p) => p.id), rawPage.filter((p) => !hiddenBy(p)).map((p) => p.id))
      assert.strictEqual(yield* Blacklist.hidden, expectedHidden + rawPage.filter(hiddenBy).length)

      const fake = yield* E621Fake.E621Fake
      const since = (yield* fake.postIds).at(-60)!
      const watched = yield* Posts.watch({ tags: "anthro" }, { every: Schedule.recurs(0), since }).pipe(Stream.runCollect)
      assert.isTrue(watched.length > 0 && watched.every((p) => !hiddenBy(p)))
      const polls = yield* Watch.follow({ a: "anthro" }, { every: Schedule.recurs(0), since }).pipe(Stream.runCollect)
      assert.strictEqual(polls.reduce((n, poll) => n + poll.hidden, 0), all.filter((p) => p.id > since && hiddenBy(p)).length)

      const popular = yield* Popular.search({})
      const rawPopular = yield* Popular.search({ blacklist: false })
      assert.deepStrictEqual(popular.map((p) => p.id), rawPopular.filter((p) => !hiddenBy(p)).map((p) => p.id))

      const user = (yield* fake.users).find((u) => u.id > 5)!
      const favorites = yield* Favorites.stream({ userId: user.id }).pipe(Stream.runCollect)
      assert.isTrue(favorites.every((p) => !hiddenBy(p)))

      // a per-call blacklist replaces the client's; false and Skip turn it off
      const own = yield* Posts.search({ tags: "anthro", limit: 100, blacklist: Blacklist.parse("rating:s") })
      assert.isTrue(own.length > 0 && own.every((p) => p.rating !== "s"))
      assert.isTrue(own.some(hiddenBy))
      const skipped = yield* Posts.stream({ tags: "anthro" }).pipe(Stream.runCollect, Effect.provideService(Blacklist.Skip, true))
      assert.strictEqual(skipped.length, all.length)
    }).pipe(Effect.provide(withBlacklist(rules))))

  it.effect("{ account: true } uses the logged-in user's blacklist, loaded once", () =>
    Effect.gen(function*() {
      yield* Blacklist.unfiltered(Users.update({ blacklistedTags: rules }))
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      const first = yield* Posts.search({ tags: "anthro", limit: 100 })
      const second = yield* Posts.stream({ tags: "anthro" }).pipe(Stream.take(50), Stream.runCollect)
      assert.isTrue([...first, ...second].every((p) => !hiddenBy(p)))
      const me = (yield* fake.requests).filter((r) => r.path === "/users/me.json")
      assert.strictEqual(me.length, 1)
      assert.isAbove(yield* Blacklist.hidden, 0)
    }).pipe(Effect.provide(withBlacklist({ account: true }, true))))

  it.effect("a blacklist option of the wrong shape is E621InvalidInput naming it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(withBlacklist(42 as unknown as string)).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual(error.field, "blacklist")
      // the account's blacklist without an account: refused, not the site's anonymous default in disguise
      const anonymous = yield* Effect.flip(Layer.build(withBlacklist({ account: true })).pipe(Effect.scoped))
      assert.strictEqual(anonymous._tag === "E621InvalidInput" ? anonymous.field : anonymous._tag, "blacklist")
      assert.include(anonymous.message, "credentials")
    }))

  it.effect("{ account: true } with an empty account blacklist hides nothing (and asks /users/me.json once)", () =>
    Effect.gen(function*() {
      yield* Blacklist.unfiltered(Users.update({ blacklistedTags: "" }))
      const all = yield* Blacklist.unfiltered(Posts.stream({ tags: "anthro" }).pipe(Stream.runCollect))
      const shown = yield* Posts.stream({ tags: "anthro" }).pipe(Stream.runCollect)
      assert.strictEqual(shown.length, all.length)
      assert.strictEqual(yield* Blacklist.hidden, 0)
    }).pipe(Effect.provide(withBlacklist({ account: true }, true))))
})
