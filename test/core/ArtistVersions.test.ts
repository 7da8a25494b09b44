import { E621Client } from "@effect-e621/core"
import * as ArtistVersions from "@effect-e621/core/api/ArtistVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 300, seed: 35 })

describe("ArtistVersions", () => {
  it.effect("search by artist ids and by name; order by name", () =>
    Effect.gen(function*() {
      const two = yield* ArtistVersions.search({ artistId: [201, 202] })
      assert.deepStrictEqual([...new Set(two.map((v) => v.artist_id))].sort(), [201, 202])
      const named = yield* ArtistVersions.search({ name: "amber_*" })
      assert.isTrue(named.length > 0 && named.every((v) => v.name.startsWith("amber_")))
      assert.isTrue(named[0]!.urls.some((url) => url.includes("furaffinity.net/user/amber_quill")))
      const ordered = yield* ArtistVersions.search({ order: "name", limit: 5 })
      assert.deepStrictEqual(ordered.map((v) => v.name), ordered.map((v) => v.name).sort())
      const log = yield* requests
      assert.strictEqual(log[0]!.query["search[artist_id]"], "201,202")
    }).pipe(Effect.provide(layer)))

  it.effect("stream walks every version once", () =>
    Effect.gen(function*() {
      const streamed = yield* ArtistVersions.stream({ pageSize: 10 }).pipe(Stream.map((v) => v.id), Stream.runCollect)
      assert.strictEqual(streamed.length, 28)
      assert.strictEqual(new Set(streamed).size, 28)
    }).pipe(Effect.provide(layer)))

  it.effect("strict controller: unknown keys are 403 on the wire and refused locally", () =>
    Effect.gen(function*() {
      const wire = yield* Effect.flip(
        E621Client.execute({ method: "GET", path: "/artist_versions.json", query: { "search[group_name]": "x" } })
      )
      assert.strictEqual(wire._tag, "E621Forbidden")
      const local = yield* Effect.flip(ArtistVersions.search({ groupName: "x" } as ArtistVersions.ArtistVersionSearch))
      assert.strictEqual(local._tag, "E621InvalidInput")
      assert.strictEqual(local._tag === "E621InvalidInput" ? local.field : "", "search.groupName")
      assert.strictEqual((yield* requests).length, 1)
    }).pipe(Effect.provide(layer)))
})
