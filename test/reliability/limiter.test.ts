/**
 * Guarantee 3 — the limiter holds under concurrency: many fibers sharing one client never exceed the budget
 * (measured on the TestClock and, briefly, for real against the fake, which counts violations); reads, writes
 * and IQDB have separate budgets; writes follow X-Api-Limit and slow down before a 429; a 429/503 pauses the
 * whole bucket for Retry-After.
 */
import { E621Client, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { busiest } from "./support.ts"

const withFake = (options: E621Fake.Options, client: Partial<E621Client.Options>) =>
  E621Fake.layer({ posts: 400, seed: 4, ...options, client: { rateLimit: { limit: 2, window: "2 seconds" }, ...client } })

const runOnClock = <A, E>(effect: Effect.Effect<A, E, E621Client.E621Client | E621Fake.E621Fake>, layer: Layer.Layer<E621Client.E621Client | E621Fake.E621Fake, unknown>, advance: Duration.Input) =>
  Effect.gen(function*() {
    const fiber = yield* effect.pipe(Effect.provide(layer), Effect.forkChild)
    yield* TestClock.adjust(advance)
    return yield* Fiber.join(fiber)
  })

/** Four reads, four writes and four IQDB look-ups at once; the fake's request log. */
const mixedBurst = Effect.gen(function*() {
  const fake = yield* E621Fake.E621Fake
  const [id] = yield* fake.postIds
  yield* Effect.all([
    Effect.forEach([1, 2, 3, 4], () => Posts.search({ limit: 1 }), { discard: true }),
    Effect.forEach([1, 2, 3, 4], () => Posts.vote(id!, 1), { discard: true }),
    Effect.forEach([1, 2, 3, 4], () => E621Client.execute({ method: "GET", path: "/posts/count.json", bucket: "iqdb" }), { discard: true })
  ], { concurrency: "unbounded" })
  return yield* fake.requests
})

describe("the limiter holds under concurrency", () => {
  it.effect("16 fibers × 3 reads on one client: never more than 2 per second, 1/s sustained", () =>
    runOnClock(
      Effect.gen(function*() {
        yield* Effect.forEach(Array.from({ length: 16 }), () =>
          Effect.forEach([1, 2, 3], () => Posts.search({ limit: 1 }), { discard: true }), { concurrency: "unbounded", discard: true })
        const fake = yield* E621Fake.E621Fake
        const times = (yield* fake.requests).map((r) => r.at)
        assert.strictEqual(times.length, 48)
        assert.isAtMost(busiest(times, 1000), 2)
        assert.isAtMost(busiest(times, 10_000), 11)
        assert.deepStrictEqual(yield* fake.violations, { reads: 0, writes: 0, iqdb: 0 })
      }),
      withFake({ enforceLimits: true }, {}),
      "2 minutes"
    ))

  it.effect("reads, writes and IQDB have separate budgets", () =>
    runOnClock(
      Effect.gen(function*() {
        const log = yield* mixedBurst
        const reads = log.filter((r) => r.method === "GET" && r.path === "/posts.json").map((r) => r.at)
        const writes = log.filter((r) => r.method === "POST").map((r) => r.at)
        const iqdb = log.filter((r) => r.path === "/posts/count.json").map((r) => r.at)
        // every bucket starts at once: none waits for another
        assert.strictEqual(Math.min(...reads), 0)
        assert.strictEqual(Math.min(...writes), 0)
        assert.strictEqual(Math.min(...iqdb), 0)
        // and each keeps its own pace: reads 2 per 2 s, writes 1/s, IQDB 1 per 2 s here
        assert.deepStrictEqual(reads, [0, 0, 2100, 2100])
        assert.deepStrictEqual(writes, [0, 1050, 2100, 3150])
        assert.deepStrictEqual(iqdb, [0, 2100, 4200, 6300])
      }),
      // a base URL other than e621's own sites: no edge budget shared by all buckets
      withFake({}, { host: "https://e621.example.org", credentials: E621Fake.testerCredentials, iqdbRateLimit: { limit: 1, window: "2 seconds" } }),
      "1 minute"
    ))

  it.effect("on e621's own sites every API request, whatever its bucket, also keeps the edge's 2 per second", () =>
    runOnClock(
      Effect.gen(function*() {
        const log = yield* mixedBurst
        assert.strictEqual(log.length, 12)
        assert.isAtMost(busiest(log.map((r) => r.at), 1000), 2)
      }),
      withFake({}, { credentials: E621Fake.testerCredentials }),
      "1 minute"
    ))

  it.effect("a 429 with Retry-After pauses the whole bucket, not only the request that saw it", () =>
    runOnClock(
      Effect.gen(function*() {
        const fake = yield* E621Fake.E621Fake
        yield* fake.failNext("429")
        const first = yield* Effect.forkChild(Posts.search({ limit: 1 }))
        // other fibers start later, while the first one waits out Retry-After: they wait too
        yield* Effect.sleep("1 second")
        yield* Effect.forEach([1, 2, 3], () => Posts.search({ limit: 1 }), { concurrency: "unbounded", discard: true })
        yield* Fiber.join(first)
        const log = yield* fake.requests
        assert.deepStrictEqual(log.map((r) => r.status), [429, 200, 200, 200, 200])
        assert.strictEqual(log[0]!.at, 0)
        for (const request of log.slice(1)) assert.isAtLeast(request.at, 10_000)
      }),
      withFake({ faults: { rate: 0, retryAfter: 10 } }, { rateLimit: false }),
      "2 minutes"
    ))

  it.effect("writes follow X-Api-Limit and slow down before e621 answers 429", () =>
    runOnClock(
      Effect.gen(function*() {
        const fake = yield* E621Fake.E621Fake
        const ids = (yield* fake.postIds).slice(0, 70)
        for (const [i, id] of ids.entries()) yield* Posts.update(id, { tags: { add: [`paced_${i}`] } })
        const log = (yield* fake.requests).filter((r) => r.method === "PATCH")
        assert.strictEqual(log.length, 70)
        assert.isTrue(log.every((r) => r.status === 200), "no 429")
        assert.strictEqual((yield* fake.violations).writes, 0)
        assert.isAtMost(busiest(log.map((r) => r.at), 60_000), 60)
      }),
      withFake({ enforceLimits: true }, { credentials: E621Fake.testerCredentials, writeRateLimit: { limit: 10, window: "1 second" } }),
      "30 minutes"
    ))

  it.live("for real: 12 fibers at e621's hard 2 per second (no burst) against the served fake: 0 violations", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 200, enforceLimits: true })
      yield* Effect.forEach(Array.from({ length: 12 }), () => Posts.search({ limit: 1 }), { concurrency: "unbounded", discard: true }).pipe(
        Effect.provide(NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: { limit: 1, window: "500 millis" }, retry: false }))
      )
      const log = yield* server.fake.requests
      assert.strictEqual(log.length, 12)
      assert.isTrue(log.every((r) => r.status === 200))
      assert.deepStrictEqual(yield* server.fake.violations, { reads: 0, writes: 0, iqdb: 0 })
    }), 30_000)

  it.live("for real with the default budget: no violation at e621's 2 per second", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 200, enforceLimits: true })
      yield* Effect.forEach(Array.from({ length: 16 }), () => Posts.search({ limit: 1 }), { concurrency: 16, discard: true }).pipe(
        Effect.provide(NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, retry: false })),
        Effect.timeout("4 seconds"),
        Effect.ignore
      )
      const log = yield* server.fake.requests
      assert.isAtLeast(log.length, 4)
      assert.deepStrictEqual(yield* server.fake.violations, { reads: 0, writes: 0, iqdb: 0 })
    }), 30_000)
})
