import * as PostSets from "@effect-e621/core/api/PostSets"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { accounts, as, requests } from "./support.ts"

/** One fake per test; each step picks its user with {@link as}. */
const shared = E621Fake.layerHttpClient({ posts: 3_000, seed: 8 })

const tester = as(E621Fake.testerCredentials)
const admin = as(accounts.admin)
const privileged = as(accounts.privileged)
const anonymous = as(undefined)

describe("PostSets reads", () => {
  it.effect("search shows public sets (and the caller's private ones), filters by creator and name", () =>
    Effect.gen(function*() {
      const publicOnly = yield* anonymous(PostSets.search({ limit: 320 }))
      assert.isTrue(publicOnly.length > 10 && publicOnly.every((set) => set.is_public))
      const mine = yield* tester(PostSets.search({ creatorName: "tester" }))
      assert.deepStrictEqual(mine.map((set) => set.shortname).sort(), ["tester_favourites", "tester_private"])
      assert.strictEqual((yield* requests).at(-1)!.query["search[creator_name]"], "tester")
      const named = yield* anonymous(PostSets.search({ name: "Picks" }))
      assert.deepStrictEqual(named.map((set) => set.shortname), ["admin_picks"])
      const ordered = yield* anonymous(PostSets.search({ order: "name", limit: 10 }))
      assert.deepStrictEqual(ordered.map((s) => s.name), [...ordered.map((s) => s.name)].sort())
    }).pipe(Effect.provide(shared)))

  it.effect("stream walks every visible set once; isPublic is a moderator-only key (403)", () =>
    Effect.gen(function*() {
      const all = yield* anonymous(PostSets.stream({ pageSize: 7 }).pipe(Stream.runCollect))
      const page = yield* anonymous(PostSets.search({ limit: 320 }))
      assert.deepStrictEqual(all.map((s) => s.id), page.map((s) => s.id))
      const denied = yield* Effect.flip(tester(PostSets.search({ isPublic: false })))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const privateSets = yield* admin(PostSets.search({ isPublic: false, limit: 320 }))
      assert.isTrue(privateSets.length > 0 && privateSets.every((set) => !set.is_public))
      const before = (yield* requests).length
      const bogus = yield* Effect.flip(anonymous(PostSets.search({ nameMatches: "x" } as PostSets.PostSetSearch)))
      assert.strictEqual(bogus._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(shared)))

  it.effect("get: public sets for all, private sets only for the owner (403 otherwise), 404 unknown", () =>
    Effect.gen(function*() {
      const [priv] = yield* tester(PostSets.search({ shortname: "tester_private" }))
      const own = yield* tester(PostSets.get(priv!.id))
      assert.isFalse(own.is_public)
      assert.strictEqual(own.post_count, own.post_ids.length)
      const denied = yield* Effect.flip(anonymous(PostSets.get(priv!.id)))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const missing = yield* Effect.flip(anonymous(PostSets.get(99_999)))
      assert.strictEqual(missing._tag, "E621NotFound")
    }).pipe(Effect.provide(shared)))

  it.effect("forPost lists the visible sets containing a post; maintained and forSelect list the caller's", () =>
    Effect.gen(function*() {
      const [favs] = yield* tester(PostSets.search({ shortname: "tester_favourites" }))
      const postId = favs!.post_ids[0]!
      const containing = yield* anonymous(PostSets.forPost(postId))
      assert.include(containing.map((s) => s.id), favs!.id)
      assert.isTrue(containing.every((s) => s.post_ids.includes(postId)))
      const log = (yield* requests).at(-1)!
      assert.strictEqual(log.query.post_id, String(postId))
      const maintained = yield* tester(PostSets.maintained(E621Fake.TESTER.id))
      assert.deepStrictEqual(maintained.map((s) => s.shortname).sort(), ["admin_picks", "tester_favourites"])
      const select = yield* tester(PostSets.forSelect())
      assert.deepStrictEqual(select.Owned.map(([name]) => name), ["Tester Favourites", "Tester Private"])
      assert.deepStrictEqual(select.Maintained.map(([name]) => name), ["Admin Picks"])
      const denied = yield* Effect.flip(anonymous(PostSets.forSelect()))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const bad = yield* Effect.flip(anonymous(PostSets.forPost(0)))
      assert.strictEqual(bad._tag === "E621InvalidInput" ? bad.field : "", "postId")
    }).pipe(Effect.provide(shared)))
})

describe("PostSets writes", () => {
  it.effect("create (201 + set), update (204), delete (204); others' sets are 403; taken names 422", () =>
    Effect.gen(function*() {
      const set = yield* tester(PostSets.create({ name: "My Set", shortname: "My_Set", isPublic: true }))
      assert.strictEqual((yield* requests).at(-1)!.status, 201)
      assert.strictEqual(set.shortname, "my_set")
      assert.strictEqual(set.post_count, 0)
      const taken = yield* Effect.flip(tester(PostSets.create({ name: "my set", shortname: "other_name" })))
      assert.strictEqual(taken._tag, "E621ValidationFailed")
      assert.deepStrictEqual(taken._tag === "E621ValidationFailed" ? taken.errors.name : [], ["is already taken"])
      yield* tester(PostSets.update(set.id, { description: "about", isPublic: false }))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      const changed = yield* tester(PostSets.get(set.id))
      assert.strictEqual(changed.description, "about")
      assert.isFalse(changed.is_public)
      const notOwner = yield* Effect.flip(privileged(PostSets.update(set.id, { name: "stolen" })))
      assert.strictEqual(notOwner._tag, "E621Forbidden")
      const anon = yield* Effect.flip(anonymous(PostSets.create({ name: "anon set", shortname: "anon_set" })))
      assert.strictEqual(anon._tag, "E621Forbidden")
      const notOwnerDelete = yield* Effect.flip(privileged(PostSets.delete(set.id)))
      assert.strictEqual(notOwnerDelete._tag, "E621Forbidden")
      yield* admin(PostSets.delete(set.id))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      const gone = yield* Effect.flip(tester(PostSets.get(set.id)))
      assert.strictEqual(gone._tag, "E621NotFound")
    }).pipe(Effect.provide(shared)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const before = (yield* requests).length
      const cases = [
        [tester(PostSets.create({ name: "ab", shortname: "fine_name" })), "post_set.name"],
        [tester(PostSets.create({ name: "fine name", shortname: "12345" })), "post_set.shortname"],
        [tester(PostSets.create({ name: "fine name", shortname: "has space" })), "post_set.shortname"],
        [tester(PostSets.update(1, {})), "patch"],
        [tester(PostSets.addPosts(1, [])), "postIds"],
        [tester(PostSets.removePosts(1, [1, -2])), "postIds[1]"],
        [tester(PostSets.maintained(0)), "userId"]
      ] as const
      for (const [effect, field] of cases) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : error._tag, field)
      }
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(shared)))

  it.effect("addPosts / removePosts send post_ids[] in batches of 320 and answer the set (201)", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const set = yield* tester(PostSets.create({ name: "Big Set", shortname: "big_set" }))
      const ids = (yield* fake.postIds).slice(0, 700)
      yield* fake.clearRequests
      const full = yield* tester(PostSets.addPosts(set.id, ids))
      assert.deepStrictEqual(full.post_ids, ids)
      assert.strictEqual(full.post_count, 700)
      const log = yield* fake.requests
      assert.deepStrictEqual(log.map((r) => [r.path, r.status]), [
        [`/post_sets/${set.id}/add_posts.json`, 201],
        [`/post_sets/${set.id}/add_posts.json`, 201],
        [`/post_sets/${set.id}/add_posts.json`, 201]
      ])
      assert.strictEqual(log[0]!.body!["post_ids[]"]!.split(" ").length, 320)
      assert.strictEqual(log[2]!.body!["post_ids[]"]!.split(" ").length, 60)
      const trimmed = yield* tester(PostSets.removePosts(set.id, ids.slice(0, 100)))
      assert.deepStrictEqual(trimmed.post_ids, ids.slice(100))
    }).pipe(Effect.provide(shared)))

  it.effect("maintainers of public sets may change posts; others get 403; e621's 30-a-minute limit is a 429", () =>
    Effect.gen(function*() {
      const [picks] = yield* anonymous(PostSets.search({ shortname: "admin_picks" }))
      const postId = (yield* (yield* E621Fake.E621Fake).postIds).find((id) => !picks!.post_ids.includes(id))!
      const added = yield* tester(PostSets.addPosts(picks!.id, [postId]))
      assert.include(added.post_ids, postId)
      const [shelf] = yield* anonymous(PostSets.search({ shortname: "privileged_shelf" }))
      const denied = yield* Effect.flip(tester(PostSets.addPosts(shelf!.id, [postId]))) // only invited, not approved
      assert.strictEqual(denied._tag, "E621Forbidden")
      let limited: string | undefined
      for (let i = 0; i < 31 && limited === undefined; i++) {
        const exit = yield* Effect.exit(tester(PostSets.removePosts(picks!.id, [postId])))
        if (exit._tag === "Failure") limited = String(exit.cause)
      }
      assert.strictEqual((yield* requests).at(-1)!.status, 429)
      assert.isDefined(limited)
    }).pipe(Effect.provide(shared)))
})
