import * as TagTypeVersions from "@effect-e621/core/api/TagTypeVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 800, seed: 7 })

describe("TagTypeVersions", () => {
  it.effect("search by user and tag, stream newest first once each", () =>
    Effect.gen(function*() {
      const all = yield* TagTypeVersions.stream({ pageSize: 7 }).pipe(Stream.runCollect)
      const ids = [...all].map((v) => v.id)
      assert.isTrue(ids.length > 5)
      assert.deepStrictEqual(ids, [...ids].sort((a, b) => b - a))
      const creator = all[0]!.creator_id
      const byUser = yield* TagTypeVersions.search({ userId: creator })
      assert.isTrue(byUser.length > 0 && byUser.every((v) => v.creator_id === creator))
      assert.strictEqual((yield* TagTypeVersions.search({ tag: "no_such_tag" })).length, 0)
      assert.strictEqual((yield* Effect.flip(TagTypeVersions.search({ limit: 321 })))._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))
})
