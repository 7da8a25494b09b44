import * as PostVotes from "@effect-e621/core/api/PostVotes"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const options = { posts: 1_500, seed: 8 }
const admin = E621Fake.layer({ ...options, client: { credentials: { username: "admin", apiKey: "admin-api-key" } } })
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

describe("PostVotes", () => {
  it.effect("moderators search vote records by score and user; votes cast show up", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const target = ids[ids.length - 3]!
      const result = yield* PostVotes.create(target, -1)
      assert.strictEqual(result.our_score, -1)
      const mine = yield* PostVotes.search({ userName: "admin" })
      assert.deepStrictEqual(mine.map((v) => [v.post_id, v.score]), [[target, -1]])
      const up = yield* PostVotes.search({ score: 1, limit: 20 })
      assert.isAbove(up.length, 0)
      assert.isTrue(up.every((v) => v.score === 1))
      const request = (yield* fake.requests).at(-1)!
      assert.strictEqual(request.query["search[score]"], "1")
      const byId = yield* PostVotes.search({ id: up[0]!.id })
      assert.deepStrictEqual(byId.map((v) => v.id), [up[0]!.id])
      yield* PostVotes.delete(target)
      assert.deepStrictEqual(yield* PostVotes.search({ userName: "admin" }), [])
    }).pipe(Effect.provide(admin)))

  it.effect("stream walks every record once with cursors", () =>
    Effect.gen(function*() {
      const first = yield* PostVotes.search({ limit: 320 })
      const all = yield* PostVotes.stream({ pageSize: 25 }).pipe(Stream.map((v) => v.id), Stream.runCollect)
      assert.deepStrictEqual([...all], first.map((v) => v.id))
      const pages = (yield* (yield* E621Fake.E621Fake).requests).slice(1).map((r) => r.query.page)
      assert.isTrue(pages.every((p) => p?.startsWith("b")))
    }).pipe(Effect.provide(admin)))

  it.effect("members may vote but not list votes; unknown keys are refused locally", () =>
    Effect.gen(function*() {
      const ids = yield* (yield* E621Fake.E621Fake).postIds
      const vote = yield* PostVotes.create(ids[0]!, 1)
      assert.strictEqual(vote.our_score, 1)
      const error = yield* Effect.flip(PostVotes.search())
      assert.strictEqual(error._tag, "E621Forbidden")
      const bad = yield* Effect.flip(PostVotes.search({ userIpAddr: "127.0.0.1" } as PostVotes.PostVoteSearch))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 2)
    }).pipe(Effect.provide(member)))
})
