import * as Users from "@effect-e621/core/api/Users"
import * as User from "@effect-e621/core/schemas/User"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 200, seed: 4 })
const member = E621Fake.layer({ posts: 200, seed: 4, client: { credentials: E621Fake.testerCredentials } })
const admin = E621Fake.layer({
  posts: 200,
  seed: 4,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

describe("User helpers", () => {
  it("compares levels by level_string, tolerating unknown and historical names", () => {
    assert.isTrue(User.levelAtLeast({ level_string: "Admin" }, "Privileged"))
    assert.isTrue(User.levelAtLeast("Janitor", "Staff"))
    assert.isFalse(User.levelAtLeast("Member", "Privileged"))
    assert.isTrue(User.levelAtLeast("Contributor", "Privileged"))
    assert.isFalse(User.levelAtLeast("Space Wizard", "Anonymous"))
    assert.isFalse(User.levelAtLeast({}, "Anonymous"))
    assert.deepStrictEqual(User.blacklistLines({ blacklisted_tags: "gore\r\n\n scat \n" }), ["gore", "scat"])
  })
})

describe("Users", () => {
  it.effect("search filters by level and name with strict keys, public fields only", () =>
    Effect.gen(function*() {
      const staff = yield* Users.search({ minLevel: User.levels.Janitor })
      assert.deepStrictEqual(staff.map((u) => u.name).sort(), ["admin", "janitor"])
      assert.isTrue(staff.every((u) => User.levelAtLeast(u, "Janitor")))
      const [tester] = yield* Users.search({ nameMatches: "TEST*" })
      assert.strictEqual(tester?.name, "tester")
      assert.isFalse("blacklisted_tags" in tester!)
      assert.isFalse("apiKey" in tester!)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[name_matches]"], "TEST*")
      const bad = yield* Effect.flip(Users.search({ name: "x" } as Users.UserSearch))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 2)
    }).pipe(Effect.provide(anonymous)))

  it.effect("createdAt / updatedAt are accepted by the strict search (permit_search_params always allows them)", () =>
    Effect.gen(function*() {
      const all = yield* Users.search({ limit: 320 })
      const old = yield* Users.search({ createdAt: "<1990-01-01", limit: 320 })
      assert.strictEqual(old.length, 0)
      const since = yield* Users.search({ createdAt: ">1990-01-01", updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[created_at]"], ">1990-01-01")
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
    }).pipe(Effect.provide(anonymous)))

  it.effect("an admin-only key is a 403 from e621 for others", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Users.search({ emailMatches: "*@example.com" }))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("stream walks every user once", () =>
    Effect.gen(function*() {
      const all = yield* (yield* E621Fake.E621Fake).users
      const ids = yield* Users.stream({ pageSize: 7 }).pipe(Stream.map((u) => u.id), Stream.runCollect)
      assert.deepStrictEqual([...ids], all.map((u) => u.id).sort((a, b) => b - a))
    }).pipe(Effect.provide(anonymous)))

  it.effect("get by id and by name gives full fields; private ones only for oneself", () =>
    Effect.gen(function*() {
      const byName = yield* Users.get("Privileged")
      assert.strictEqual(byName.id, 3)
      assert.isNumber(byName.comment_count)
      assert.isNumber(byName.upload_slots)
      assert.isFalse("blacklisted_tags" in byName)
      const self = yield* Users.get(4)
      assert.strictEqual(self.name, "tester")
      const missing = yield* Effect.flip(Users.get("nobody_here"))
      assert.strictEqual(missing._tag, "E621NotFound")
      const bad = yield* Effect.flip(Users.get(0))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(member)))

  it.effect("me decodes the caller's private fields", () =>
    Effect.gen(function*() {
      const me = yield* Users.me
      assert.strictEqual(me.id, 4)
      assert.isFalse(User.isAnonymous(me))
      assert.strictEqual(me.per_page, 75)
      assert.strictEqual(me.api_burst_limit, 60)
      assert.isNumber(me.remaining_api_limit)
      assert.include(User.blacklistLines(me), "young -rating:s")
      assert.isFalse("apiKey" in me)
    }).pipe(Effect.provide(member)))

  it.effect("me without credentials is e621's anonymous placeholder", () =>
    Effect.gen(function*() {
      const me = yield* Users.me
      assert.isTrue(User.isAnonymous(me))
      assert.strictEqual(me.name, "Anonymous")
      assert.strictEqual(me.level_string, "Anonymous")
      assert.isFalse(User.levelAtLeast(me, "Member"))
    }).pipe(Effect.provide(anonymous)))

  it.effect("update changes the caller's settings (204) and me shows them", () =>
    Effect.gen(function*() {
      yield* Users.update({ blacklistedTags: ["gore", "feet rating:e"], perPage: 320, enableSafeMode: true, dmailFilterWords: "spam" })
      const sent = (yield* requests).at(-1)!
      assert.strictEqual(sent.method, "PATCH")
      assert.strictEqual(sent.status, 204)
      assert.strictEqual(sent.body?.["user[blacklisted_tags]"], "gore\nfeet rating:e")
      assert.strictEqual(sent.body?.["user[dmail_filter_attributes][words]"], "spam")
      const me = yield* Users.me
      assert.deepStrictEqual(User.blacklistLines(me), ["gore", "feet rating:e"])
      assert.strictEqual(me.per_page, 320)
      assert.strictEqual(me.enable_safe_mode, true)
    }).pipe(Effect.provide(member)))

  it.effect("update: e621's validation failure, a permission failure, bad input caught locally", () =>
    Effect.gen(function*() {
      const invalid = yield* Effect.flip(Users.update({ timeZone: "Atlantis" }))
      assert.strictEqual(invalid._tag, "E621ValidationFailed")
      const compact = yield* Effect.flip(Users.update({ enableCompactUploader: true }))
      assert.strictEqual(compact._tag, "E621Forbidden")
      const before = (yield* requests).length
      const perPage = yield* Effect.flip(Users.update({ perPage: 500 }))
      assert.strictEqual(perPage._tag, "E621InvalidInput")
      const empty = yield* Effect.flip(Users.update({}))
      assert.strictEqual(empty._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(member)))

  it.effect("update and uploadLimit are refused to anonymous callers", () =>
    Effect.gen(function*() {
      const update = yield* Effect.flip(Users.update({ perPage: 10 }))
      assert.strictEqual(update._tag, "E621Forbidden")
      const limit = yield* Effect.flip(Users.uploadLimit(4))
      assert.strictEqual(limit._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("uploadLimit gives the full record", () =>
    Effect.gen(function*() {
      const user = yield* Users.uploadLimit("tester")
      assert.strictEqual(user.id, 4)
      assert.isNumber(user.upload_slots)
      assert.strictEqual((yield* requests).at(-1)!.path, "/users/tester/upload_limit.json")
    }).pipe(Effect.provide(member)))

  it.effect("admins see others' last_logged_in_at but never their settings", () =>
    Effect.gen(function*() {
      const tester = yield* Users.get(4)
      assert.isFalse("blacklisted_tags" in tester)
      const me = yield* Users.me
      assert.strictEqual(me.level_string, "Admin")
      assert.strictEqual(me.api_burst_limit, 120)
    }).pipe(Effect.provide(admin)))
})
