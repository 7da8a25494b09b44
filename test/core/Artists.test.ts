import * as Artists from "@effect-e621/core/api/Artists"
import * as ArtistVersions from "@effect-e621/core/api/ArtistVersions"
import * as WikiPages from "@effect-e621/core/api/WikiPages"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 1_500, seed: 32 })
const member = () => E621Fake.layer({ posts: 1_500, seed: 32, client: { credentials: E621Fake.testerCredentials } })

describe("Artists", () => {
  it.effect("search embeds urls and filters by any name and by URL", () =>
    Effect.gen(function*() {
      const [amber] = yield* Artists.search({ anyNameMatches: "Amber Quill" })
      assert.strictEqual(amber?.name, "amber_quill")
      assert.isTrue((amber?.urls ?? []).some((u) => u.url === "https://www.furaffinity.net/user/amber_quill/"))
      assert.isTrue((amber?.urls ?? []).every((u) => u.artist_id === amber!.id))
      const byUrl = yield* Artists.search({ urlMatches: "https://www.furaffinity.net/user/amber_quill/gallery/" })
      assert.deepStrictEqual(byUrl.map((a) => a.name), ["amber_quill"])
      const group = yield* Artists.search({ groupName: "ink_and_light", order: "name" })
      assert.deepStrictEqual(group.map((a) => a.name), ["lumen_fox", "umbra_ink"])
      const log = yield* requests
      assert.strictEqual(log[0]!.query["search[any_name_matches]"], "Amber Quill")
      assert.strictEqual(log[2]!.query["search[order]"], "name")
    }).pipe(Effect.provide(anonymous)))

  it.effect("stream returns every artist once", () =>
    Effect.gen(function*() {
      const streamed = yield* Artists.stream({ pageSize: 10 }).pipe(Stream.map((a) => a.name), Stream.runCollect)
      assert.strictEqual(new Set(streamed).size, 28)
      assert.strictEqual((yield* requests).length, 3)
    }).pipe(Effect.provide(anonymous)))

  it.effect("get by id or name gives urls and domains", () =>
    Effect.gen(function*() {
      const byName = yield* Artists.get("Cobalt Paws")
      assert.strictEqual(byName.name, "cobalt_paws")
      assert.isAbove(byName.urls?.length ?? 0, 1)
      const domains = byName.domains ?? []
      assert.isTrue(domains.some(([domain, count]) => domain === "furaffinity.net" && count > 0))
      assert.isTrue(domains.every(([, count], i) => i === 0 || count <= domains[i - 1]![1]))
      const byId = yield* Artists.get(byName.id)
      assert.deepStrictEqual(byId, byName)
      assert.deepStrictEqual((yield* requests).map((r) => r.path), ["/artists/cobalt_paws.json", `/artists/${byName.id}.json`])
      const missing = yield* Effect.flip(Artists.get("nobody_here"))
      assert.strictEqual(missing._tag, "E621NotFound")
      const digits = yield* Effect.flip(Artists.get("12345"))
      assert.strictEqual(digits._tag, "E621NotFound")
    }).pipe(Effect.provide(anonymous)))

  it.effect("create with urls and notes; update and revert record versions", () =>
    Effect.gen(function*() {
      const created = yield* Artists.create({
        name: "New Artist",
        otherNames: ["new artist alt"],
        urls: ["https://www.furaffinity.net/user/new_artist/", { url: "https://old.example.com/new", isActive: false }],
        notes: "Commissions open."
      })
      assert.strictEqual(created.name, "new_artist")
      assert.deepStrictEqual(created.other_names, ["new_artist_alt"])
      assert.strictEqual(created.notes, "Commissions open.")
      const sent = (yield* requests)[0]!
      assert.strictEqual(sent.status, 201)
      assert.strictEqual(
        sent.body?.["artist[url_string]"],
        "https://www.furaffinity.net/user/new_artist/\n-https://old.example.com/new"
      )
      const read = yield* Artists.get(created.id)
      assert.deepStrictEqual(read.urls?.map((u) => [u.url, u.is_active, u.normalized_url]), [
        ["https://www.furaffinity.net/user/new_artist/", true, "http://www.furaffinity.net/user/new_artist/"],
        ["https://old.example.com/new", false, "http://old.example.com/new/"]
      ])
      const wiki = yield* WikiPages.get("new_artist")
      assert.strictEqual(wiki.body, "Commissions open.")

      yield* Artists.update(created.id, { urls: ["https://x.com/new_artist"], groupName: "crew" })
      const updated = yield* Artists.get(created.id)
      assert.deepStrictEqual(updated.urls?.map((u) => u.url), ["https://x.com/new_artist"])
      assert.strictEqual(updated.group_name, "crew")
      const versions = yield* ArtistVersions.search({ artistId: created.id })
      assert.strictEqual(versions.length, 2)
      assert.deepStrictEqual(versions[0]!.urls, ["https://x.com/new_artist"])

      yield* Artists.revert(created.id, versions[1]!.id)
      const reverted = yield* Artists.get(created.id)
      assert.deepStrictEqual(reverted.urls?.map((u) => u.url).sort(), [
        "https://old.example.com/new",
        "https://www.furaffinity.net/user/new_artist/"
      ])
      assert.strictEqual(reverted.group_name, "")
      assert.strictEqual((yield* ArtistVersions.search({ artistId: created.id })).length, 3)

      const digits = yield* Artists.create({ name: "2468" })
      assert.strictEqual((yield* Artists.get("2468")).id, digits.id)

      const taken = yield* Effect.flip(Artists.create({ name: "amber_quill" }))
      assert.strictEqual(taken._tag, "E621ValidationFailed")
    }).pipe(Effect.provide(member())))

  it.effect("locked artists, avoid-posting renames and other artists' versions are refused", () =>
    Effect.gen(function*() {
      const nightpaw = yield* Artists.get("nightpaw")
      assert.isTrue(nightpaw.is_locked)
      const locked = yield* Effect.flip(Artists.update(nightpaw.id, { notes: "hi" }))
      assert.strictEqual(locked._tag, "E621Forbidden")
      const dnp = yield* Artists.get("conditional_dnp")
      const rename = yield* Effect.flip(Artists.update(dnp.id, { name: "someone_else" }))
      assert.strictEqual(rename._tag, "E621ValidationFailed")
      const [foreign] = yield* ArtistVersions.search({ artistId: nightpaw.id })
      const wrong = yield* Effect.flip(Artists.revert(dnp.id, foreign!.id))
      assert.strictEqual(wrong._tag, "E621NotFound")
    }).pipe(Effect.provide(member())))

  it.effect("writes are member-only", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Artists.create({ name: "anon_artist" }))
      assert.strictEqual(error._tag, "E621Forbidden")
      const update = yield* Effect.flip(Artists.update(201, { groupName: "x" }))
      assert.strictEqual(update._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const cases = [
        Artists.get(-1),
        Artists.get("a/b"),
        Artists.create({ name: "x", urls: ["ftp://example.com/x"] }),
        Artists.create({ name: "x", urls: ["https://example.com/a b"] }),
        Artists.create({ name: "" }),
        Artists.create({ name: "x", otherNames: Array.from({ length: 26 }, (_, i) => `n${i}`) }),
        Artists.update(1, {}),
        Artists.revert(1, 0),
        Artists.search({ order: "random" as "name" })
      ]
      const fields: Array<string> = []
      for (const effect of cases) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag, "E621InvalidInput")
        if (error._tag === "E621InvalidInput") fields.push(error.field)
      }
      assert.deepStrictEqual(fields, [
        "id",
        "name",
        "input.urls.0",
        "input.urls.0",
        "input.name",
        "input.otherNames",
        "patch",
        "versionId",
        "search.order"
      ])
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(anonymous)))

  it.effect("e621's hourly artist limit: after 25 artist versions in an hour, saves are refused with a base error", () =>
    Effect.gen(function*() {
      const artist = yield* Artists.create({ name: "limit_test_artist" })
      for (let i = 1; i < 25; i++) yield* Artists.update(artist.id, { groupName: `crew_${i}` })
      const refused = yield* Effect.flip(Artists.update(artist.id, { groupName: "one_too_many" }))
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors["base"] : [], ["User reached the hourly limit for this action."])
      yield* TestClock.adjust("1 hour")
      yield* Artists.update(artist.id, { groupName: "an_hour_later" })
      assert.strictEqual((yield* Artists.get(artist.id)).group_name, "an_hour_later")
    }).pipe(Effect.provide(member())))
})
