/**
 * Guarantee 2 — writes are never applied twice: a write is retried only when e621 provably did not process it
 * (429, a 503 from the limiter, a refused connection); a write whose answer was lost is reported, not repeated;
 * votes are sent with `no_unvote`, so a repeat cannot toggle them off and they may be retried.
 */
import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const member = (server: NodeE621Fake.Server) =>
  NodeE621.layer({
    host: server.url,
    userAgent: E621Fake.userAgent,
    credentials: E621Fake.testerCredentials,
    rateLimit: false,
    retry: { times: 3, base: "1 millis" }
  })

const firstVisible = (fake: E621Fake.E621Fake["Service"]) =>
  Effect.gen(function*() {
    for (const id of yield* fake.postIds) {
      const post = yield* fake.post(id)
      if (post !== undefined && !post.flags.deleted) return post
    }
    return yield* Effect.die("no visible post")
  })

describe("writes are never applied twice", () => {
  it.live("an edit processed by e621 whose answer is lost is reported, not repeated", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 50 })
      const post = yield* firstVisible(server.fake)
      yield* server.fake.failNext("drop-after")
      const error = yield* Posts.update(post.id, { tags: { add: ["applied_once"] } }).pipe(Effect.provide(member(server)), Effect.flip)
      assert.strictEqual(error._tag, "E621TransportError")
      if (error._tag === "E621TransportError") assert.isTrue(error.sent)
      const writes = (yield* server.fake.requests).filter((r) => r.method === "PATCH")
      assert.strictEqual(writes.length, 1)
      const stored = yield* server.fake.post(post.id)
      assert.include(stored!.tags.general, "applied_once")
      assert.strictEqual((yield* server.fake.versions(post.id)).length, 2, "the upload plus one edit")
    }))

  for (const kind of ["429", "503-retry-after", "503"] as const) {
    it.live(`an edit refused with ${kind} (not processed) is retried and applied once`, () =>
      Effect.gen(function*() {
        const server = yield* NodeE621Fake.serve({ posts: 50, faults: { rate: 0, retryAfter: 0 } })
        const post = yield* firstVisible(server.fake)
        yield* server.fake.failNext(kind)
        const updated = yield* Posts.update(post.id, { tags: { add: ["retried_once"] } }).pipe(Effect.provide(member(server)))
        assert.include(updated.tags.general, "retried_once")
        const writes = (yield* server.fake.requests).filter((r) => r.method === "PATCH")
        assert.deepStrictEqual(writes.map((r) => r.status), [kind === "429" ? 429 : 503, 200])
        assert.strictEqual((yield* server.fake.versions(post.id)).length, 2)
      }))
  }

  it.live("a 500 on a write is not retried (e621 may have processed it)", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 50 })
      const post = yield* firstVisible(server.fake)
      yield* server.fake.failNext("500")
      const error = yield* Posts.update(post.id, { tags: { add: ["x_tag"] } }).pipe(Effect.provide(member(server)), Effect.flip)
      assert.strictEqual(error._tag, "E621ServerError")
      assert.strictEqual((yield* server.fake.requests).length, 1)
    }))

  it.live("a vote whose answer is lost is retried safely: no_unvote keeps it a single up-vote", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 50 })
      const post = yield* firstVisible(server.fake)
      yield* server.fake.failNext("drop-after")
      const result = yield* Posts.vote(post.id, 1).pipe(Effect.provide(member(server)))
      assert.strictEqual(result.our_score, 1)
      assert.strictEqual(result.up, post.score.up + 1)
      const votes = (yield* server.fake.requests).filter((r) => r.method === "POST")
      assert.strictEqual(votes.length, 2, "sent twice, counted once")
      assert.isTrue(votes.every((r) => r.body?.no_unvote === "true"))
    }))

  it.live("without no_unvote (toggle: true) a lost answer is not retried, so the vote is not undone", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 50 })
      const post = yield* firstVisible(server.fake)
      yield* server.fake.failNext("drop-after")
      const error = yield* Posts.vote(post.id, 1, { toggle: true }).pipe(Effect.provide(member(server)), Effect.flip)
      assert.strictEqual(error._tag, "E621TransportError")
      assert.strictEqual((yield* server.fake.requests).length, 1)
      const after = yield* Posts.get(post.id).pipe(Effect.provide(member(server)))
      assert.strictEqual(after.score.up, post.score.up + 1)
    }))
})
