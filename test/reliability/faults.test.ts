/**
 * Guarantee 1 — faults lose nothing: over real HTTP, with ~20% of answers failing in every way the fake knows,
 * a stream yields every item exactly once, in order; when the retries run out the caller gets the right tagged
 * error, never a defect.
 */
import { type E621Client, Posts } from "@effect-e621/core"
import * as Pools from "@effect-e621/core/api/Pools"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Stream } from "effect"

const everyKind: ReadonlyArray<E621Fake.FaultKind> = ["500", "502", "503", "522", "429", "503-retry-after", "drop", "drop-after", "truncate", "slow"]

const client = (server: NodeE621Fake.Server, retry: E621Client.Retry = { times: 20, base: "1 millis", maxDelay: "20 millis" }) =>
  NodeE621.layer({
    host: server.url,
    userAgent: E621Fake.userAgent,
    rateLimit: false,
    timeout: "250 millis",
    retry
  })

const visibleIdsDescending = (fake: E621Fake.E621Fake["Service"]) =>
  Effect.gen(function*() {
    const ids: Array<number> = []
    for (const id of yield* fake.postIds) {
      const post = yield* fake.post(id)
      if (post !== undefined && !post.flags.deleted) ids.push(id)
    }
    return ids.reverse()
  })

describe("faults lose nothing", () => {
  it.live("Posts.stream over 20,000 posts with ~20% faults of every kind: each post once, in order", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({
        posts: 21_000,
        seed: 99,
        faults: { rate: 0.2, kinds: everyKind, retryAfter: 0, latency: "1 second", seed: 3 }
      })
      const expected = yield* visibleIdsDescending(server.fake)
      assert.isAtLeast(expected.length, 20_000)
      const ids = yield* Posts.stream({ pageSize: 100 }).pipe(
        Stream.map((post) => post.id),
        Stream.runCollect,
        Effect.provide(client(server))
      )
      assert.strictEqual(ids.length, expected.length)
      assert.deepStrictEqual([...ids], expected)
      const log = yield* server.fake.requests
      const faults = new Set(log.flatMap((entry) => entry.fault === undefined ? [] : [entry.fault]))
      for (const kind of everyKind) assert.isTrue(faults.has(kind), `fault ${kind} was injected`)
      const share = log.filter((entry) => entry.fault !== undefined).length / log.length
      assert.isAbove(share, 0.1)
    }), 60_000)

  it.live("Pools.stream through the same faults: each pool once, in order", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 8_000, seed: 17, faults: { rate: 0.2, kinds: everyKind, retryAfter: 0, latency: "1 second", seed: 8 } })
      const expected = (yield* server.fake.pools).map((pool) => pool.id).sort((a, b) => b - a)
      const ids = yield* Pools.stream({ pageSize: 20 }).pipe(Stream.map((pool) => pool.id), Stream.runCollect, Effect.provide(client(server)))
      assert.deepStrictEqual([...ids], expected)
    }), 60_000)

  const exhausted: ReadonlyArray<readonly [E621Fake.FaultKind, string, number | undefined]> = [
    ["502", "E621ServerError", 502],
    ["522", "E621ServerError", 522],
    ["500", "E621ServerError", 500],
    ["503", "E621RateLimited", 503],
    ["429", "E621RateLimited", 429],
    ["drop", "E621TransportError", undefined],
    ["truncate", "E621TransportError", undefined],
    ["slow", "E621TransportError", undefined]
  ]
  for (const [kind, tag, status] of exhausted) {
    it.live(`retries spent on "${kind}" give ${tag}${status === undefined ? "" : ` ${status}`}, never a defect`, () =>
      Effect.gen(function*() {
        const server = yield* NodeE621Fake.serve({ posts: 50, faults: { rate: 1, kinds: [kind], retryAfter: 0, latency: "1 second" } })
        const exit = yield* Posts.search({ limit: 5 }).pipe(
          Effect.provide(client(server, { times: 2, base: "1 millis", maxDelay: "5 millis" })),
          Effect.exit
        )
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) {
          assert.isFalse(Cause.hasDies(exit.cause), "no defect")
          const error = Cause.squash(exit.cause) as { readonly _tag: string; readonly status?: number; readonly reason?: string; readonly message: string }
          assert.strictEqual(error._tag, tag)
          if (status !== undefined) {
            assert.strictEqual(error.status, status)
            assert.isString(error.reason)
            assert.isAbove(error.reason!.length, 0)
          }
          assert.include(error.message, "/posts.json")
        }
        // a slow answer is logged by the fake only when it is finally written, after the client gave up
        if (kind !== "slow") assert.strictEqual((yield* server.fake.requests).length, 3)
      }))
  }
})
