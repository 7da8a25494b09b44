import * as Posts from "@effect-e621/core/api/Posts"
import * as TagAliases from "@effect-e621/core/api/TagAliases"
import * as TagAlias from "@effect-e621/core/schemas/TagAlias"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { requests } from "./support.ts"

const options = { posts: 600, seed: 11 }
const layer = E621Fake.layer(options)
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })
const admin = E621Fake.layer({
  ...options,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

const statusRank = ["queued", "processing", "pending", "active", "deleted", "retired"]

describe("TagAliases", () => {
  it("decodes old answers without reason / post_count", () => {
    const alias = Schema.decodeUnknownSync(TagAlias.TagAlias)({
      id: 1, antecedent_name: "a", consequent_name: "b", creator_id: 1, forum_topic_id: null, status: "error: boom",
      created_at: null, updated_at: null, approver_id: null
    })
    assert.strictEqual(alias.status, "error: boom")
  })

  it.effect("post searches read an active alias's antecedent as its consequent; other statuses are not applied", () =>
    Effect.gen(function*() {
      const all = yield* TagAliases.search({ limit: 320 })
      const ids = (tags: string) => Effect.map(Posts.search({ tags, limit: 320 }), (posts) => posts.map((p) => p.id))
      const active = all.filter((a) => a.status === "active")
      let compared = 0
      for (const alias of active) {
        const consequent = yield* ids(alias.consequent_name)
        if (consequent.length === 0) continue
        compared++
        assert.deepStrictEqual(yield* ids(alias.antecedent_name), consequent, alias.antecedent_name)
        // inside groups and negated too
        assert.deepStrictEqual(yield* ids(`( ${alias.antecedent_name} )`), consequent)
        const without = yield* ids(`-${alias.antecedent_name}`)
        assert.isTrue(without.every((id) => !consequent.includes(id)))
      }
      assert.isAtLeast(compared, 3)
      const inactive = all.filter((a) => a.status === "pending" || a.status === "deleted" || a.status === "retired")
      assert.isAtLeast(inactive.length, 1)
      for (const alias of inactive) assert.deepStrictEqual(yield* ids(alias.antecedent_name), [], alias.antecedent_name)
    }).pipe(Effect.provide(layer)))

  it.effect("search: default status order, filters by name, status and category", () =>
    Effect.gen(function*() {
      const page = yield* TagAliases.search({ limit: 100 })
      assert.isTrue(page.length > 20)
      for (let i = 1; i < page.length; i++) {
        const a = statusRank.indexOf(page[i - 1]!.status)
        const b = statusRank.indexOf(page[i]!.status)
        assert.isTrue(a < b || (a === b && page[i - 1]!.id > page[i]!.id))
      }
      const dogs = yield* TagAliases.search({ consequentName: ["domestic_dog", "Domestic Cat"] })
      assert.deepStrictEqual([...new Set(dogs.map((a) => a.consequent_name))].sort(), ["domestic_cat", "domestic_dog"])
      const log = yield* requests
      assert.strictEqual(log.at(-1)!.query["search[consequent_name]"], "domestic_dog,domestic_cat")
      const approved = yield* TagAliases.search({ status: "approved", limit: 100 })
      assert.isTrue(approved.every((a) => ["active", "processing", "queued"].includes(a.status)))
      const wild = yield* TagAliases.search({ nameMatches: "*dog*" })
      assert.isTrue(wild.length > 0 && wild.every((a) => a.antecedent_name.includes("dog") || a.consequent_name.includes("dog")))
      const species = yield* TagAliases.search({ consequentTagCategory: "species", limit: 100 })
      assert.isTrue(species.some((a) => a.consequent_name === "wolf"))
      assert.isFalse(species.some((a) => a.consequent_name === "smile"))
    }).pipe(Effect.provide(layer)))

  it.effect("stream: id order walks cursors, every alias once; get by id", () =>
    Effect.gen(function*() {
      const all = yield* TagAliases.stream({ order: "id_desc", pageSize: 5 }).pipe(Stream.runCollect)
      const ids = [...all].map((a) => a.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.strictEqual(ids.length, (yield* TagAliases.search({ limit: 320 })).length)
      const one = yield* TagAliases.get(ids[3]!)
      assert.deepStrictEqual(one, all[3])
      assert.strictEqual((yield* Effect.flip(TagAliases.get(1)))._tag, "E621NotFound")
    }).pipe(Effect.provide(layer)))

  it.effect("request: posts the HTML form, follows e621's redirect, returns the pending alias", () =>
    Effect.gen(function*() {
      const alias = yield* TagAliases.request({ antecedentName: "Doggo", consequentName: "domestic_dog", reason: "Common slang." })
      assert.strictEqual(alias.antecedent_name, "doggo")
      assert.strictEqual(alias.consequent_name, "domestic_dog")
      assert.strictEqual(alias.status, "pending")
      assert.strictEqual(alias.creator_id, E621Fake.TESTER.id)
      assert.isNotNull(alias.forum_topic_id)
      const log = yield* requests
      const post = log.find((r) => r.method === "POST")!
      assert.strictEqual(post.path, "/tag_alias_request.json")
      assert.strictEqual(post.status, 302)
      assert.strictEqual(post.body?.["tag_alias_request[antecedent_name]"], "doggo")
      const again = yield* Effect.flip(TagAliases.request({ antecedentName: "doggo", consequentName: "wolf", reason: "Duplicate!" }))
      assert.strictEqual(again._tag, "E621ValidationFailed")
      assert.strictEqual(again._tag === "E621ValidationFailed" ? again.status : 0, 406)
      // the creator may reject (delete) a pending request
      yield* TagAliases.delete(alias.id)
      assert.strictEqual((yield* TagAliases.get(alias.id)).status, "deleted")
      const active = (yield* TagAliases.search({ status: "active", limit: 1 }))[0]!
      assert.strictEqual((yield* Effect.flip(TagAliases.delete(active.id)))._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("request: bad input refused locally; anonymous refused by e621", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(TagAliases.request({ antecedentName: "a b", consequentName: "a_b", reason: "same tag" })),
        yield* Effect.flip(TagAliases.request({ antecedentName: "x", consequentName: "y", reason: "why" })),
        yield* Effect.flip(TagAliases.request({ antecedentName: "x*", consequentName: "y", reason: "wildcard" })),
        yield* Effect.flip(TagAliases.search({ order: "random" as "name" })),
        yield* Effect.flip(TagAliases.get(-1))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(5).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
      const anonymous = yield* Effect.flip(TagAliases.request({ antecedentName: "x", consequentName: "y", reason: "because" }))
      assert.strictEqual(anonymous._tag, "E621Forbidden")
      const active = (yield* TagAliases.search({ status: "active", limit: 1 }))[0]!
      assert.strictEqual((yield* Effect.flip(TagAliases.delete(active.id)))._tag, "E621Forbidden")
    }).pipe(Effect.provide(layer)))

  it.effect("delete: an admin rejects any alias", () =>
    Effect.gen(function*() {
      const active = (yield* TagAliases.search({ status: "active", limit: 1 }))[0]!
      yield* TagAliases.delete(active.id)
      assert.strictEqual((yield* TagAliases.get(active.id)).status, "deleted")
    }).pipe(Effect.provide(admin)))
})
