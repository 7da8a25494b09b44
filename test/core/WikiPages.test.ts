import * as WikiPages from "@effect-e621/core/api/WikiPages"
import * as WikiPageVersions from "@effect-e621/core/api/WikiPageVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 600, seed: 31 })
const member = () => E621Fake.layer({ posts: 600, seed: 31, client: { credentials: E621Fake.testerCredentials } })
const admin = () =>
  E621Fake.layer({ posts: 600, seed: 31, client: { credentials: { username: "admin", apiKey: "admin-api-key" } } })

describe("WikiPages", () => {
  it.effect("search filters by title (normalised by e621) and other names", () =>
    Effect.gen(function*() {
      const [wolf] = yield* WikiPages.search({ title: "Wolf" })
      assert.strictEqual(wolf?.title, "wolf")
      assert.deepStrictEqual(wolf?.other_names, ["canis_lupus", "lupine"])
      assert.strictEqual(wolf?.category_id, 5)
      const byOtherName = yield* WikiPages.search({ otherNamesMatch: "vulpine" })
      assert.deepStrictEqual(byOtherName.map((page) => page.title), ["fox"])
      const wildcard = yield* WikiPages.search({ title: "domestic_*", order: "title" })
      assert.deepStrictEqual(wildcard.map((page) => page.title), ["domestic_cat", "domestic_dog"])
      const log = yield* requests
      assert.strictEqual(log[0]!.query["search[title]"], "Wolf")
      assert.strictEqual(log[1]!.query["search[other_names_match]"], "vulpine")
    }).pipe(Effect.provide(anonymous)))

  it.effect("stream walks every page once with cursors", () =>
    Effect.gen(function*() {
      const all = yield* WikiPages.search({ limit: 320, order: "id_desc" })
      const streamed = yield* WikiPages.stream({ pageSize: 40 }).pipe(Stream.map((page) => page.id), Stream.runCollect)
      assert.isAbove(all.length, 100)
      assert.deepStrictEqual([...streamed], all.map((page) => page.id))
      const pages = (yield* requests).slice(1).map((r) => r.query.page)
      assert.strictEqual(pages[0], "b2147483647")
    }).pipe(Effect.provide(anonymous)))

  it.effect("get by id and by title: normalised, URL-encoded, all-digit titles through the search", () =>
    Effect.gen(function*() {
      const dog = yield* WikiPages.get("Domestic Dog")
      assert.strictEqual(dog.title, "domestic_dog")
      const again = yield* WikiPages.get(dog.id)
      assert.deepStrictEqual(again, dog)
      const tails = yield* WikiPages.get("tails_(sonic)")
      assert.strictEqual(tails.category_id, 4)
      const year = yield* WikiPages.get("2020")
      assert.strictEqual(year.title, "2020")
      const log = yield* requests
      assert.deepStrictEqual(log.map((r) => r.path), [
        "/wiki_pages/domestic_dog.json",
        `/wiki_pages/${dog.id}.json`,
        "/wiki_pages/tails_(sonic).json",
        "/wiki_pages.json"
      ])
      assert.strictEqual(log[3]!.query["search[title]"], "2020")
      const missing = yield* Effect.flip(WikiPages.get("1999"))
      assert.strictEqual(missing._tag, "E621NotFound")
      const unknown = yield* Effect.flip(WikiPages.get("no such page"))
      assert.strictEqual(unknown._tag, "E621NotFound")
    }).pipe(Effect.provide(anonymous)))

  it.effect("create (member) records a version; odd titles are encoded; duplicates fail validation", () =>
    Effect.gen(function*() {
      const page = yield* WikiPages.create({ title: "What? #1 (meme)", body: "A [[meme]].", editReason: "new", featuredPosts: [] })
      assert.strictEqual(page.title, "what?_#1_(meme)")
      assert.strictEqual(page.creator_name, "tester")
      const read = yield* WikiPages.get("what? #1 (meme)")
      assert.strictEqual(read.id, page.id)
      const log = yield* requests
      assert.strictEqual(log[0]!.status, 201)
      assert.strictEqual(log[0]!.body?.["wiki_page[title]"], "What? #1 (meme)")
      assert.strictEqual(log[0]!.body?.["wiki_page[edit_reason]"], "new")
      assert.strictEqual(log[1]!.path, "/wiki_pages/what%3F_%231_(meme).json")
      const versions = yield* WikiPageVersions.search({ wikiPageId: page.id })
      assert.deepStrictEqual(versions.map((v) => [v.body, v.reason]), [["A [[meme]].", "new"]])
      const duplicate = yield* Effect.flip(WikiPages.create({ title: "wolf", body: "again" }))
      assert.strictEqual(duplicate._tag, "E621ValidationFailed")
      assert.deepStrictEqual(duplicate._tag === "E621ValidationFailed" ? duplicate.errors.title : [], ["has already been taken"])
    }).pipe(Effect.provide(member())))

  it.effect("writes are member-only", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(WikiPages.create({ title: "anon_page", body: "x" }))
      assert.strictEqual(error._tag, "E621Forbidden")
      const revert = yield* Effect.flip(WikiPages.revert(101, 5001))
      assert.strictEqual(revert._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("update edits and versions; revert restores; locked pages and staff fields are refused", () =>
    Effect.gen(function*() {
      const fox = yield* WikiPages.get("fox")
      const before = yield* WikiPageVersions.search({ wikiPageId: fox.id })
      yield* WikiPages.update(fox.id, { body: "Foxes.", featuredPosts: [], editReason: "rewrite" })
      const edited = yield* WikiPages.get(fox.id)
      assert.strictEqual(edited.body, "Foxes.")
      const after = yield* WikiPageVersions.search({ wikiPageId: fox.id })
      assert.strictEqual(after.length, before.length + 1)
      assert.strictEqual(after[0]!.reason, "rewrite")
      const oldest = after[after.length - 1]!
      yield* WikiPages.revert(fox.id, oldest.id)
      const reverted = yield* WikiPages.get(fox.id)
      assert.strictEqual(reverted.body, oldest.body)
      assert.strictEqual((yield* WikiPageVersions.search({ wikiPageId: fox.id })).length, after.length + 1)
      const patch = (yield* requests).find((r) => r.method === "PATCH")!
      assert.strictEqual(patch.status, 204)
      assert.strictEqual(patch.body?.["wiki_page[featured_posts_string]"], "")

      const pokemon = yield* WikiPages.get("pokemon")
      assert.isTrue(pokemon.is_locked)
      const locked = yield* Effect.flip(WikiPages.update(pokemon.id, { body: "vandalism" }))
      assert.strictEqual(locked._tag, "E621Forbidden")
      const rename = yield* Effect.flip(WikiPages.update(fox.id, { title: "vulpes" }))
      assert.strictEqual(rename._tag, "E621Forbidden")
      const otherPage = yield* Effect.flip(WikiPages.revert(fox.id, (yield* WikiPageVersions.search({ wikiPageId: pokemon.id }))[0]!.id))
      assert.strictEqual(otherPage._tag, "E621NotFound")
    }).pipe(Effect.provide(member())))

  it.effect("staff may edit locked pages and rename", () =>
    Effect.gen(function*() {
      const pokemon = yield* WikiPages.get("pokemon")
      yield* WikiPages.update(pokemon.id, { title: "pokemon_(franchise)", body: "Gotta catch 'em all." })
      const renamed = yield* WikiPages.get(pokemon.id)
      assert.strictEqual(renamed.title, "pokemon_(franchise)")
    }).pipe(Effect.provide(admin())))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const cases = [
        WikiPages.get(0),
        WikiPages.get("  "),
        WikiPages.get("a/b"),
        WikiPages.create({ title: "x", body: "y", featuredPosts: [1, 2, 3, 4, 5, 6, 7] }),
        WikiPages.create({ title: "x", body: "y", featuredPosts: [1, 1] }),
        WikiPages.create({ title: "", body: "y" }),
        WikiPages.update(5, {}),
        WikiPages.revert(5, -1),
        WikiPages.search({ title: "" }),
        WikiPages.search({ bogus: 1 } as WikiPages.WikiPageSearch)
      ]
      const fields: Array<string> = []
      for (const effect of cases) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag, "E621InvalidInput")
        if (error._tag === "E621InvalidInput") fields.push(error.field)
      }
      assert.deepStrictEqual(fields, [
        "id",
        "title",
        "title",
        "input.featuredPosts",
        "input.featuredPosts",
        "input.title",
        "patch",
        "versionId",
        "search.title",
        "search.bogus"
      ])
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(anonymous)))

  it.effect("e621's hourly wiki limit: after 60 page versions in an hour, saves are refused with a base error", () =>
    Effect.gen(function*() {
      const page = yield* WikiPages.create({ title: "limit_test_page", body: "version 0" })
      for (let i = 1; i < 60; i++) {
        yield* WikiPages.update(page.id, { body: `version ${i}` })
        if (i % 40 === 0) yield* TestClock.adjust("1 minute") // under the write throttle, inside the hour
      }
      const refused = yield* Effect.flip(WikiPages.update(page.id, { body: "one too many" }))
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors["base"] : [], ["User reached the hourly limit for this action."])
      yield* TestClock.adjust("1 hour")
      yield* WikiPages.update(page.id, { body: "an hour later" })
      assert.strictEqual((yield* WikiPages.get(page.id)).body, "an hour later")
    }).pipe(Effect.provide(member())))
})
