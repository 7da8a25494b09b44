import * as Stats from "@effect-e621/core/api/Stats"
import * as StatsSchema from "@effect-e621/core/schemas/Stats"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"

const layer = E621Fake.layer({ posts: 300, seed: 1 })

describe("Stats", () => {
  it.effect("get reads the counts", () =>
    Effect.gen(function*() {
      const stats = yield* Stats.get
      const fake = yield* E621Fake.E621Fake
      assert.strictEqual(StatsSchema.count(stats, "existing_posts"), yield* fake.posts)
      assert.strictEqual(StatsSchema.count(stats, "total_users"), (yield* fake.users).length)
      assert.strictEqual(StatsSchema.count(stats, "admin_users"), 1)
      assert.isUndefined(StatsSchema.count(stats, "started"))
    }).pipe(Effect.provide(layer)))

  it("an empty object (never computed) decodes", () => {
    assert.deepStrictEqual(Schema.decodeUnknownSync(StatsSchema.Stats)({}), {})
  })
})
