import { E621Client } from "@effect-e621/core"
import * as Artists from "@effect-e621/core/api/Artists"
import * as AvoidPostings from "@effect-e621/core/api/AvoidPostings"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 300, seed: 36 })
const admin = () =>
  E621Fake.layer({ posts: 300, seed: 36, client: { credentials: { username: "admin", apiKey: "admin-api-key" } } })

describe("AvoidPostings", () => {
  it.effect("search lists active entries unless isActive says otherwise; staff notes stay hidden", () =>
    Effect.gen(function*() {
      const active = yield* AvoidPostings.search()
      assert.strictEqual(active.length, 2)
      assert.isTrue(active.every((entry) => entry.is_active && entry.staff_notes === undefined))
      const lifted = yield* AvoidPostings.search({ isActive: false })
      assert.strictEqual(lifted.length, 1)
      const rustfang = yield* Artists.get("rustfang")
      assert.strictEqual(lifted[0]!.artist_id, rustfang.id)
      const byName = yield* AvoidPostings.search({ anyNameMatches: "Conditional", order: "artist_name" })
      assert.strictEqual(byName.length, 1)
      assert.strictEqual((yield* requests)[3]!.query["search[any_name_matches]"], "Conditional")
    }).pipe(Effect.provide(anonymous)))

  it.effect("get by id or by artist name", () =>
    Effect.gen(function*() {
      const byName = yield* AvoidPostings.get("Conditional DNP")
      assert.include(byName.details, "Only the artist")
      const byId = yield* AvoidPostings.get(byName.id)
      assert.deepStrictEqual(byId, byName)
      assert.deepStrictEqual((yield* requests).map((r) => r.path), [
        "/avoid_postings/conditional_dnp.json",
        `/avoid_postings/${byName.id}.json`
      ])
      const missing = yield* Effect.flip(AvoidPostings.get("amber_quill"))
      assert.strictEqual(missing._tag, "E621NotFound")
    }).pipe(Effect.provide(anonymous)))

  it.effect("staff see staff notes", () =>
    Effect.gen(function*() {
      const entry = yield* AvoidPostings.get(1)
      assert.include(entry.staff_notes ?? "", "ticket")
    }).pipe(Effect.provide(admin())))

  it.effect("stream and the version history", () =>
    Effect.gen(function*() {
      const all = yield* AvoidPostings.stream({ isActive: false }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 1)
      const history = yield* AvoidPostings.searchVersions({ artistName: "rustfang" })
      assert.deepStrictEqual(history.map((v) => v.is_active), [false, true])
      assert.isTrue(history.every((v) => v.avoid_posting_id === all[0]!.id && v.staff_notes === undefined))
      const everything = yield* AvoidPostings.streamVersions({ pageSize: 2 }).pipe(Stream.map((v) => v.id), Stream.runCollect)
      assert.deepStrictEqual([...everything], [4, 3, 2, 1])
    }).pipe(Effect.provide(anonymous)))

  it.effect("strict controllers: unknown keys are 403 on the wire and refused locally", () =>
    Effect.gen(function*() {
      for (const path of ["/avoid_postings.json", "/avoid_posting_versions.json"]) {
        const wire = yield* Effect.flip(E621Client.execute({ method: "GET", path, query: { "search[staff_notes]": "x" } }))
        assert.strictEqual(wire._tag, "E621Forbidden")
      }
      const local = yield* Effect.flip(AvoidPostings.searchVersions({ order: "id" } as AvoidPostings.AvoidPostingVersionSearch))
      assert.strictEqual(local._tag, "E621InvalidInput")
      const digits = yield* Effect.flip(AvoidPostings.get("1234"))
      assert.strictEqual(digits._tag, "E621InvalidInput")
      const badId = yield* Effect.flip(AvoidPostings.get(0))
      assert.strictEqual(badId._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, 2)
    }).pipe(Effect.provide(anonymous)))
})
