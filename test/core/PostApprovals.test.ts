import * as PostApprovals from "@effect-e621/core/api/PostApprovals"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 1_000, seed: 3, client: { credentials: E621Fake.testerCredentials } })

describe("PostApprovals", () => {
  it.effect("search filters by approver and post tags; stream returns every approval", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const byJanitor = yield* PostApprovals.search({ userName: "janitor", limit: 50 })
      assert.isAbove(byJanitor.length, 0)
      assert.isTrue(byJanitor.every((a) => a.user_id === 2))
      for (const approval of byJanitor.slice(0, 5)) assert.strictEqual((yield* fake.post(approval.post_id))!.approver_id, 2)
      const tagged = yield* PostApprovals.search({ postTagsMatch: "rating:s", limit: 20 })
      for (const approval of tagged) assert.strictEqual((yield* fake.post(approval.post_id))!.rating, "s")
      const all = yield* PostApprovals.stream({ pageSize: 100 }).pipe(Stream.runCollect)
      const ids = all.map((a) => a.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.isAbove(ids.length, byJanitor.length)
      // id / created_at / updated_at are permitted on every e621 search (permit_search_params)
      const one = yield* PostApprovals.search({ id: byJanitor[0]!.id })
      assert.deepStrictEqual(one.map((a) => a.id), [byJanitor[0]!.id])
      assert.strictEqual((yield* fake.requests).at(-1)!.query["search[id]"], String(byJanitor[0]!.id))
      const bad = yield* Effect.flip(PostApprovals.search({ limit: 321 }))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))
})
