import * as Tags from "@effect-e621/core/api/Tags"
import * as TagTypeVersions from "@effect-e621/core/api/TagTypeVersions"
import * as Tag from "@effect-e621/core/schemas/Tag"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 1_500, seed: 7 })
const member = E621Fake.layer({ posts: 1_500, seed: 7, client: { credentials: E621Fake.testerCredentials } })
const admin = E621Fake.layer({
  posts: 1_500,
  seed: 7,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/real/aioe621/${name}`, import.meta.url)), "utf8"))

describe("Tag schema", () => {
  it("decodes the real tag 1068 (canine) and parses related_tags", () => {
    const tag = Schema.decodeUnknownSync(Tag.Tag)(fixture("tag_1068.json"))
    assert.strictEqual(tag.name, "canine")
    assert.strictEqual(tag.category, 5)
    assert.strictEqual(Tag.categoryName(tag.category), "species")
    assert.deepStrictEqual(tag.related_tags?.slice(0, 2), [{ name: "canid", count: 300 }, { name: "canine", count: 300 }])
    assert.strictEqual(tag.related_tags?.length, 25)
    assert.deepStrictEqual(tag.related_tags?.at(-1), { name: "balls", count: 85 })
  })

  it("keeps unknown categories, null and legacy related_tags", () => {
    const base = { id: 1, name: "x", post_count: 0, created_at: "2020-01-01", updated_at: "2020-01-01" }
    const tag = Schema.decodeUnknownSync(Tag.Tag)({ ...base, category: 42, related_tags: null })
    assert.strictEqual(tag.category, 42)
    assert.strictEqual(Tag.categoryName(42), undefined)
    assert.deepStrictEqual(Schema.decodeUnknownSync(Tag.Tag)({ ...base, category: 0, related_tags: "[]" }).related_tags, [])
    assert.deepStrictEqual(Tag.parseRelatedTags("a 3 b"), [{ name: "a", count: 3 }, { name: "b", count: 0 }])
  })
})

describe("Tags", () => {
  it.effect("search: default order is post_count desc, empty tags hidden, category by name", () =>
    Effect.gen(function*() {
      const page = yield* Tags.search({ category: "species", limit: 10 })
      assert.strictEqual(page.length, 10)
      assert.isTrue(page.every((tag) => tag.category === 5 && tag.post_count > 0))
      for (let i = 1; i < page.length; i++) assert.isTrue(page[i - 1]!.post_count >= page[i]!.post_count)
      const [request] = yield* requests
      assert.strictEqual(request!.query["search[category]"], "5")
      const both = yield* Tags.search({ category: ["artist", 4], limit: 100 })
      assert.isTrue(both.every((tag) => tag.category === 1 || tag.category === 4))
      assert.isTrue(both.some((tag) => tag.category === 1) && both.some((tag) => tag.category === 4))
    }).pipe(Effect.provide(layer)))

  it.effect("search: name_matches has no implicit wildcard; counts match the posts", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const exact = yield* Tags.search({ nameMatches: "fox" })
      assert.deepStrictEqual(exact.map((tag) => tag.name), ["fox"])
      const prefix = yield* Tags.search({ nameMatches: "fox*", order: "name" })
      assert.isTrue(prefix.length >= 2)
      assert.isTrue(prefix.every((tag) => tag.name.startsWith("fox")))
      let count = 0
      for (const id of yield* fake.postIds) {
        const post = (yield* fake.post(id))!
        if (post.tags.species.includes("fox")) count++
      }
      assert.strictEqual(exact[0]!.post_count, count)
    }).pipe(Effect.provide(layer)))

  it.effect("post edits move post counts; zero-count tags need hideEmpty: false", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const before = (yield* Tags.get("fox")).post_count
      const [id] = (yield* fake.postIds).filter((_, i) => i === 3)
      const post = (yield* fake.post(id!))!
      const had = post.tags.species.includes("fox")
      yield* fake.updatePost(id!, (p) => ({
        ...p,
        tags: {
          ...p.tags,
          species: had ? p.tags.species.filter((t) => t !== "fox") : [...p.tags.species, "fox"],
          general: [...p.tags.general, "brand_new_tag"]
        }
      }))
      assert.strictEqual((yield* Tags.get("fox")).post_count, before + (had ? -1 : 1))
      assert.strictEqual((yield* Tags.get("brand_new_tag")).post_count, 1)
      yield* fake.updatePost(id!, post)
      assert.strictEqual((yield* Tags.search({ name: "brand_new_tag" })).length, 0)
      const shown = yield* Tags.search({ name: "brand_new_tag", hideEmpty: false })
      assert.strictEqual(shown[0]?.post_count, 0)
    }).pipe(Effect.provide(layer)))

  it.effect("stream walks cursors: every non-empty tag exactly once", () =>
    Effect.gen(function*() {
      const all = yield* Tags.stream({ pageSize: 50 }).pipe(Stream.runCollect)
      const ids = [...all].map((tag) => tag.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.isTrue(ids.length > 100)
      assert.deepStrictEqual(ids, [...ids].sort((a, b) => b - a))
      const log = yield* requests
      assert.isTrue(log.slice(1).every((r) => /^b\d+$/.test(r.query.page ?? "")))
      const firstPage = yield* Tags.search({ limit: 320, hideEmpty: true })
      assert.isTrue(firstPage.every((tag) => ids.includes(tag.id)))
    }).pipe(Effect.provide(layer)))

  it.effect("get by id, by name, by all-digit name; 404s", () =>
    Effect.gen(function*() {
      const fox = yield* Tags.get("Fox")
      assert.strictEqual(fox.name, "fox")
      assert.strictEqual((yield* Tags.get(fox.id)).name, "fox")
      assert.isTrue((fox.related_tags ?? []).some((entry) => entry.name === "fox"))
      assert.strictEqual((yield* Tags.get("digital media (artwork)")).name, "digital_media_(artwork)")
      const year = yield* Tags.get("2020")
      assert.strictEqual(year.name, "2020")
      assert.strictEqual(year.category, 7)
      const log = yield* requests
      assert.strictEqual(log.at(-1)!.path, "/tags.json")
      assert.strictEqual(log.at(-1)!.query["search[name]"], "2020")
      assert.strictEqual((yield* Effect.flip(Tags.get("no_such_tag_at_all")))._tag, "E621NotFound")
      assert.strictEqual((yield* Effect.flip(Tags.get(2_000_000)))._tag, "E621NotFound")
      assert.strictEqual((yield* Effect.flip(Tags.get("1999")))._tag, "E621NotFound")
    }).pipe(Effect.provide(layer)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Tags.get(0)),
        yield* Effect.flip(Tags.get("two words,")),
        yield* Effect.flip(Tags.search({ category: "colour" as "artist" })),
        yield* Effect.flip(Tags.search({ bogus: 1 } as Tags.TagSearch)),
        yield* Effect.flip(Tags.autocomplete("ab")),
        yield* Effect.flip(Tags.update(1, {})),
        yield* Effect.flip(Tags.relatedBulk([]))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(7).fill("E621InvalidInput"))
      assert.strictEqual(errors[2]!._tag === "E621InvalidInput" ? errors[2]!.field : "", "search.category")
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(layer)))

  it.effect("autocomplete: prefix matches by count, aliases give their consequent", () =>
    Effect.gen(function*() {
      const found = yield* Tags.autocomplete("Fox*")
      assert.isTrue(found.length > 0 && found.length <= 10)
      assert.strictEqual(found[0]!.name, "fox")
      assert.isTrue(found.every((tag) => tag.name.startsWith("fox") || tag.antecedent_name?.startsWith("fox")))
      const viaAlias = yield* Tags.autocomplete("lupi")
      assert.deepStrictEqual(viaAlias.map((tag) => [tag.name, tag.antecedent_name]), [["wolf", "lupine"]])
      const request = (yield* requests).at(-1)!
      assert.strictEqual(request.path, "/tags/autocomplete.json")
      assert.strictEqual(request.query["search[name_matches]"], "lupi")
    }).pipe(Effect.provide(layer)))

  it.effect("update: member changes a small tag's category; type version logged; limits enforced", () =>
    Effect.gen(function*() {
      const small = (yield* Tags.search({ category: "general", order: "count", limit: 320 })).filter((t) => t.post_count < 100 && t.is_locked !== true)
      const tag = small.at(-1)!
      yield* Tags.update(tag.id, { category: "species" })
      assert.strictEqual((yield* Tags.get(tag.id)).category, 5)
      const [version] = yield* TagTypeVersions.search({ tag: tag.name })
      assert.strictEqual(version!.old_type, 0)
      assert.strictEqual(version!.new_type, 5)
      assert.strictEqual(version!.creator_id, E621Fake.TESTER.id)
      const big = (yield* Tags.search({ category: "general", limit: 1 }))[0]!
      assert.isTrue(big.post_count >= 100)
      const refused = yield* Effect.flip(Tags.update(big.id, { category: "species" }))
      assert.strictEqual(refused._tag, "E621Forbidden")
      const meta = yield* Effect.flip(Tags.update(tag.id, { category: "meta" }))
      assert.strictEqual(meta._tag, "E621ValidationFailed")
      const lock = yield* Effect.flip(Tags.update(tag.id, { isLocked: true }))
      assert.strictEqual(lock._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("update: anonymous is refused with 403; admin may lock", () =>
    Effect.gen(function*() {
      const anonymous = yield* Effect.flip(Tags.update(1, { category: "artist" }).pipe(Effect.provide(layer)))
      assert.strictEqual(anonymous._tag, "E621Forbidden")
      const tag = (yield* Tags.search({ limit: 1 }))[0]!
      yield* Tags.update(tag.id, { isLocked: true })
      assert.strictEqual((yield* Tags.get(tag.id)).is_locked, true)
    }).pipe(Effect.provide(admin)))

  it.effect("related and relatedBulk (member only)", () =>
    Effect.gen(function*() {
      const fox = yield* Tags.get("fox")
      const related = yield* Tags.related("fox")
      assert.deepStrictEqual(related.map((r) => r.name), (fox.related_tags ?? []).map((r) => r.name))
      assert.isTrue(related.every((r) => typeof r.category_id === "number"))
      const artists = yield* Tags.related("fox", { category: "artist" })
      assert.isTrue(artists.length > 0 && artists.every((r) => r.category_id === 1))
      const wild = yield* Tags.related("fox*")
      assert.isTrue(wild.every((r) => r.name.startsWith("fox")))
      const bulk = yield* Tags.relatedBulk(["fox", "wolf", "no_such_tag"])
      assert.deepStrictEqual(Object.keys(bulk).sort(), ["fox", "wolf"])
      const top = fox.related_tags![0]!
      assert.deepStrictEqual(bulk.fox![0], { name: top.name, count: top.count, category_id: (yield* Tags.get(top.name)).category })
      const anonymous = yield* Effect.flip(Tags.related("fox").pipe(Effect.provide(layer)))
      assert.strictEqual(anonymous._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))
})
