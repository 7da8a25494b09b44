/**
 * Guarantee 4 — the budget never fails open and keeps e621's limits as e621 counts them: on arrival (a slow
 * connection cannot push a third request into one second), in turn (waiting workers are served in turn), with
 * a store that fails or stalls (no request without a token; a typed error after a bound; an opt-in local
 * budget), with hostile Retry-After values (bounded, the bucket not parked), on e621's own sites (budgets above
 * its limits refused), and for IQDB (each kind its own budget, e621's limits as defaults, the fake enforcing
 * them).
 */
import { BudgetStore, E621Client, Iqdb, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Clock, type Duration, Effect, Exit, Fiber, Layer, Option } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { busiest } from "./support.ts"

const userAgent = E621Fake.userAgent

/** Runs `effect` in the background and moves the TestClock by `advance`. */
const onClock = <A, E, R>(effect: Effect.Effect<A, E, R>, advance: Duration.Input) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Effect.exit(effect))
    yield* TestClock.adjust(advance)
    return yield* Fiber.join(fiber)
  })

/** The fake's HTTP client with every request delayed by `delay(n)` ms before it arrives (a slow connection). */
const slowArrivals = (delay: (n: number) => number) =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.gen(function*() {
      const inner = yield* HttpClient.HttpClient
      let n = 0
      return HttpClient.make((request) => Effect.sleep(delay(n++)).pipe(Effect.andThen(inner.execute(request))))
    })
  )

/** A client on e621 with `options` and a memory store, over the fake (its HTTP client wrapped by `wrap`). */
const clientOver = (
  options: Partial<E621Client.Options>,
  fake: E621Fake.Options = {},
  wrap?: Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient>
) => {
  const http = E621Fake.layerHttpClient({ posts: 60, seed: 3, ...fake })
  const transport = wrap === undefined ? http : wrap.pipe(Layer.provide(http))
  return E621Client.layerWithoutStore({ host: "e621", userAgent, retry: false, ...options }).pipe(
    Layer.provide(Layer.merge(transport, BudgetStore.layerMemory)),
    Layer.provideMerge(http)
  )
}

describe("the default budget holds on arrival", () => {
  it.effect("a slow first connection cannot bring a third request into one second (fake counts arrivals: 0 violations)", () =>
    Effect.gen(function*() {
      // the first burst of 2 opens two connections, which take 90 ms; later requests reuse them
      const exit = yield* onClock(
        Effect.forEach(Array.from({ length: 12 }), () => Posts.search({ limit: 1 }), { concurrency: "unbounded", discard: true }).pipe(
          Effect.andThen(E621Fake.E621Fake.use((fake) => Effect.all([fake.requests, fake.violations])))
        ).pipe(Effect.provide(clientOver({}, { enforceLimits: true }, slowArrivals((n) => n < 2 ? 90 : 0)))),
        "1 minute"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isFailure(exit)) return
      const [log, violations] = exit.value
      assert.strictEqual(log.length, 12)
      assert.isTrue(log.every((r) => r.status === 200))
      assert.deepStrictEqual(violations, { reads: 0, writes: 0, iqdb: 0 })
      assert.isAtMost(busiest(log.map((r) => r.at), 1000), 2)
      // 1 request/s sustained: 12 requests take 5 windows of 2 s (+5 %)
      assert.isAtLeast(Math.max(...log.map((r) => r.at)), 5 * 2000)
    }))
})

describe("waiting workers are served in turn", () => {
  /** Requests in a loop until `until`; counts those answered by then. */
  const worker = (until: number) =>
    Effect.gen(function*() {
      let done = 0
      while ((yield* Clock.currentTimeMillis) < until) {
        yield* Posts.search({ limit: 1 })
        if ((yield* Clock.currentTimeMillis) <= until) done++
      }
      return done
    })
  /** A worker that keeps 50 requests waiting at all times. */
  const greedy = (until: number) =>
    Effect.all(Array.from({ length: 50 }, () => worker(until)), { concurrency: "unbounded" }).pipe(
      Effect.map((counts) => counts.reduce((a, b) => a + b, 0))
    )

  const fair = (counts: ReadonlyArray<number>) => {
    const total = counts.reduce((a, b) => a + b, 0)
    assert.isAtLeast(total, 14)
    for (const count of counts) assert.isAtLeast(count / total, 0.2, `counts ${counts.join(", ")}`)
  }

  it.effect("3 workers (clients) sharing one store over 30 s, one of them with 50 requests always waiting: each gets at least 20 %", () =>
    Effect.gen(function*() {
      const program = Effect.gen(function*() {
        const make = E621Client.make({ host: "e621", userAgent, retry: false })
        const clients = yield* Effect.all([make, make, make])
        const counts = yield* Effect.all(
          [greedy(30_000), worker(30_000), worker(30_000)].map((work, i) => Effect.provideService(work, E621Client.E621Client, clients[i]!)),
          { concurrency: "unbounded" }
        )
        const log = yield* E621Fake.E621Fake.use((fake) => fake.requests)
        return { counts, times: log.map((r) => r.at) }
      }).pipe(Effect.provide(Layer.merge(E621Fake.layerHttpClient({ posts: 60 }), BudgetStore.layerMemory)))
      const exit = yield* onClock(program, "10 minutes")
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isFailure(exit)) return
      fair(exit.value.counts)
      // and together they keep the one budget
      assert.isAtMost(busiest(exit.value.times, 2000), 2)
    }))

  it.effect("3 workers on one client over 30 s: first come, first served, each at least 20 %", () =>
    Effect.gen(function*() {
      const exit = yield* onClock(
        Effect.all([worker(30_000), worker(30_000), worker(30_000)], { concurrency: "unbounded" }).pipe(
          Effect.provide(clientOver({}))
        ),
        "1 minute"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isSuccess(exit)) fair(exit.value)
    }))
})

/** A store that can be switched down (fails at once) or stalled (never answers), over a memory store. */
const switchable = Effect.gen(function*() {
  const inner = yield* BudgetStore.makeMemory
  const state = { mode: "up" as "up" | "down" | "stalled" }
  const store = BudgetStore.BudgetStore.of({
    take: (take) =>
      state.mode === "up"
        ? inner.take(take)
        : state.mode === "down"
        ? Effect.fail(new BudgetStore.BudgetStoreError({ message: "connection refused" }))
        : Effect.never
  })
  return { store, state }
})

describe("a budget store that fails or stalls never lets a request out without a token", () => {
  const withStore = (options: Partial<E621Client.Options>) =>
    Effect.gen(function*() {
      const { state, store } = yield* switchable
      const http = E621Fake.layerHttpClient({ posts: 60 })
      const layer = E621Client.layerWithoutStore({ host: "e621", userAgent, retry: false, ...options }).pipe(
        Layer.provideMerge(Layer.merge(http, Layer.succeed(BudgetStore.BudgetStore, store)))
      )
      return { state, layer }
    })

  for (const mode of ["down", "stalled"] as const) {
    it.effect(`store ${mode}: nothing is sent; when it is back the requests go at the budget's pace, no burst`, () =>
      Effect.gen(function*() {
        const { layer, state } = yield* withStore({})
        const program = Effect.gen(function*() {
          const fake = yield* E621Fake.E621Fake
          yield* Posts.search({ limit: 1 })
          state.mode = mode
          const fibers = yield* Effect.forEach(Array.from({ length: 20 }), () => Effect.forkChild(Posts.search({ limit: 1 })))
          yield* Effect.sleep("30 seconds")
          const during = (yield* fake.requests).length
          state.mode = "up"
          yield* Fiber.joinAll(fibers)
          return { during, times: (yield* fake.requests).map((r) => r.at) }
        }).pipe(Effect.provide(layer))
        const exit = yield* onClock(program, "5 minutes")
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isFailure(exit)) return
        assert.strictEqual(exit.value.during, 1, "no request while the store is unavailable")
        assert.strictEqual(exit.value.times.length, 21)
        assert.isAtMost(busiest(exit.value.times, 2000), 2)
      }))
  }

  it.effect("a remote store (answers take 300 ms): requests still go, recorded when they are sent, within the budget", () =>
    Effect.gen(function*() {
      const inner = yield* BudgetStore.makeMemory
      // the store decides halfway: the grant travels 150 ms back before the request can go
      const remote = BudgetStore.BudgetStore.of({
        take: (take) => Effect.sleep("150 millis").pipe(Effect.andThen(inner.take(take)), Effect.tap(() => Effect.sleep("150 millis")))
      })
      const layer = E621Client.layerWithoutStore({ host: "e621", userAgent, retry: false }).pipe(
        Layer.provideMerge(Layer.merge(E621Fake.layerHttpClient({ posts: 60, enforceLimits: true }), Layer.succeed(BudgetStore.BudgetStore, remote)))
      )
      const exit = yield* onClock(
        Effect.forEach(Array.from({ length: 12 }), () => Posts.search({ limit: 1 }), { concurrency: "unbounded", discard: true }).pipe(
          Effect.andThen(E621Fake.E621Fake.use((fake) => Effect.all([fake.requests, fake.violations]))),
          Effect.provide(layer)
        ),
        "5 minutes"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isFailure(exit)) return
      const [log, violations] = exit.value
      assert.strictEqual(log.length, 12)
      assert.deepStrictEqual(violations, { reads: 0, writes: 0, iqdb: 0 })
      assert.isAtMost(busiest(log.map((r) => r.at), 2000), 2)
    }))

  it.effect("unavailable longer than budgetStore.maxWait: E621BudgetUnavailable, and still nothing sent", () =>
    Effect.gen(function*() {
      const { layer, state } = yield* withStore({ budgetStore: { maxWait: "10 seconds" } })
      state.mode = "down"
      const exit = yield* onClock(
        Effect.all([Posts.search({ limit: 1 }), E621Fake.E621Fake.use((fake) => fake.requests)]).pipe(Effect.provide(layer)),
        "1 minute"
      )
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
      assert.strictEqual(error?._tag === "Fail" ? error.error._tag : undefined, "E621BudgetUnavailable")
      if (error?._tag === "Fail" && error.error._tag === "E621BudgetUnavailable") {
        assert.isAtLeast(error.error.waited, 10_000)
        assert.strictEqual(error.error.method, "GET")
      }
    }))

  it.effect("opt-in local fallback: requests go on at the budget's pace while the store is down", () =>
    Effect.gen(function*() {
      const { layer, state } = yield* withStore({ budgetStore: { fallback: "local" } })
      state.mode = "down"
      const exit = yield* onClock(
        Effect.forEach(Array.from({ length: 8 }), () => Posts.search({ limit: 1 }), { concurrency: "unbounded", discard: true }).pipe(
          Effect.andThen(E621Fake.E621Fake.use((fake) => fake.requests)),
          Effect.provide(layer)
        ),
        "2 minutes"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isSuccess(exit)) {
        assert.strictEqual(exit.value.length, 8)
        assert.isAtMost(busiest(exit.value.map((r) => r.at), 2000), 2)
      }
    }))
})

describe("server-imposed waits are bounded", () => {
  /** A transport answering `first` once, then 200s; records arrival times. */
  const scripted = (first: Response) => {
    const sent: Array<number> = []
    const transport = HttpClient.make((request) =>
      Effect.gen(function*() {
        sent.push(yield* Clock.currentTimeMillis)
        const response = sent.length === 1 ? first : new Response("{\"posts\":[]}", { status: 200, headers: { "content-type": "application/json" } })
        return HttpClientResponse.fromWeb(request, response)
      })
    )
    return { sent, transport: Layer.succeed(HttpClient.HttpClient, transport) }
  }
  const limited = (status: number, retryAfter: string) =>
    new Response("{\"success\":false,\"message\":\"Throttled: Too many requests\",\"code\":null}", {
      status,
      headers: { "content-type": "application/json", "retry-after": retryAfter }
    })

  const hostile = [
    ["429", "999999", 999_999_000],
    ["503", "999999", 999_999_000],
    ["429", "Fri, 01 Jan 2100 00:00:00 GMT", 4_102_444_800_000],
    ["503", "Fri, 01 Jan 2100 00:00:00 GMT", 4_102_444_800_000],
    ["429", "1e9", 1e12],
    ["503", "  999999 ", 999_999_000],
    ["429", "1e400", Infinity],
    // other 5xx carrying a Retry-After impose the same wait
    ["500", "999999", 999_999_000],
    ["502", "Fri, 01 Jan 2100 00:00:00 GMT", 4_102_444_800_000]
  ] as const
  for (const [status, header, millis] of hostile) {
    it.effect(`${status} with Retry-After ${header}: fails at once with the server's value; the bucket is not parked`, () =>
      Effect.gen(function*() {
        const { sent, transport } = scripted(limited(Number(status), header))
        const layer = E621Client.layer({ userAgent }).pipe(Layer.provide(transport))
        const exit = yield* onClock(
          Effect.gen(function*() {
            const error = yield* Effect.flip(Posts.search({ limit: 1 }))
            const failedAt = yield* Clock.currentTimeMillis
            yield* Posts.search({ limit: 1 })
            return { error, failedAt }
          }).pipe(Effect.provide(layer)),
          "1 hour"
        )
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isFailure(exit)) return
        const { error, failedAt } = exit.value
        assert.strictEqual(error._tag, Number(status) >= 500 && Number(status) !== 503 ? "E621ServerError" : "E621RateLimited")
        if (error._tag === "E621RateLimited" || error._tag === "E621ServerError") {
          // the server's value, measured from the (virtual) time of the answer
          assert.isAtLeast(error.retryAfter!, Math.min(millis, 999_999_000) - 1000)
        }
        assert.strictEqual(failedAt, 0, "not retried")
        assert.deepStrictEqual(sent, [0, 0], "the next call goes at once: nothing parked")
      }))
  }

  // Waits within the bound are kept in full: padded, fractional (rounded up, never shorter) and on other 5xx.
  const waited = [
    ["429", "  120 ", 120_000],
    ["503", "1.5", 1_500],
    ["429", "2.0001", 2_001],
    ["500", "30", 30_000],
    ["502", "45", 45_000]
  ] as const
  for (const [status, header, millis] of waited) {
    it.effect(`${status} with Retry-After ${JSON.stringify(header)}: the retry waits at least ${millis} ms`, () =>
      Effect.gen(function*() {
        const { sent, transport } = scripted(limited(Number(status), header))
        const exit = yield* onClock(
          Posts.search({ limit: 1 }).pipe(
            Effect.provide(E621Client.layer({ userAgent, retry: { times: 1, base: "10 millis" } }).pipe(Layer.provide(transport)))
          ),
          "1 hour"
        )
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        assert.strictEqual(sent.length, 2)
        assert.isAtLeast(sent[1]!, millis)
      }))
  }

  it.effect("a Retry-After that is not one (-5, Infinity, NaN, garbage, empty) is no server wait: the usual backoff, nothing parked", () =>
    Effect.gen(function*() {
      for (const header of ["-5", "Infinity", "NaN", "soon", "", "1,5"]) {
        const { sent, transport } = scripted(limited(429, header))
        const exit = yield* onClock(
          Posts.search({ limit: 1 }).pipe(
            Effect.provide(E621Client.layer({ userAgent, retry: { times: 1, base: "1 second" } }).pipe(Layer.provide(transport)))
          ),
          "1 hour"
        )
        assert.isTrue(Exit.isSuccess(exit), `${JSON.stringify(header)}: ${String(exit)}`)
        assert.strictEqual(sent.length, 2)
        // the exponential backoff (1 s, jittered) — neither at once nor the cap
        assert.isAtLeast(sent[1]! - sent[0]!, 500, JSON.stringify(header))
        assert.isAtMost(sent[1]! - sent[0]!, 5_000, JSON.stringify(header))
      }
    }))

  it.effect("a file request (files bucket) with a hostile Retry-After fails at once, carrying the server's value", () =>
    Effect.gen(function*() {
      const { sent, transport } = scripted(limited(503, "Fri, 01 Jan 2100 00:00:00 GMT"))
      const exit = yield* onClock(
        Effect.flatMap(E621Client.E621Client, (client) => client.fetchFile("https://static1.e621.net/data/ab/cd/abcd.png")).pipe(
          Effect.provide(E621Client.layer({ userAgent }).pipe(Layer.provide(transport)))
        ),
        "1 hour"
      )
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
      assert.isTrue(Option.isSome(error) && error.value._tag === "E621RateLimited" && error.value.retryAfter! > 4e12, String(exit))
      assert.deepStrictEqual(sent, [0])
    }))

  it.effect("maxServerWait is configurable: a Retry-After of 30 s is refused under a 10 s bound, waited for under the default", () =>
    Effect.gen(function*() {
      const bounded = scripted(limited(429, "30"))
      const refused = yield* onClock(
        Posts.search({ limit: 1 }).pipe(Effect.provide(E621Client.layer({ userAgent, maxServerWait: "10 seconds" }).pipe(Layer.provide(bounded.transport)))),
        "1 hour"
      )
      assert.isTrue(Exit.isFailure(refused))
      assert.deepStrictEqual(bounded.sent, [0])
      const waited = scripted(limited(429, "30"))
      const ok = yield* onClock(
        Posts.search({ limit: 1 }).pipe(Effect.provide(E621Client.layer({ userAgent }).pipe(Layer.provide(waited.transport)))),
        "1 hour"
      )
      assert.isTrue(Exit.isSuccess(ok))
      assert.isAtLeast(waited.sent[1]!, 30_000)
    }))

  it.effect("X-Api-Limit pacing is bounded by maxServerWait too", () =>
    Effect.gen(function*() {
      const sent: Array<number> = []
      const transport = HttpClient.make((request) =>
        Effect.gen(function*() {
          sent.push(yield* Clock.currentTimeMillis)
          return HttpClientResponse.fromWeb(request, new Response("{}", { status: 200, headers: { "content-type": "application/json", "x-api-limit": "1" } }))
        })
      )
      const layer = E621Client.layer({ userAgent, credentials: { username: "tester", apiKey: "k" }, maxServerWait: "5 seconds" }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, transport))
      )
      const write = E621Client.execute({ method: "POST", path: "/favorites.json" })
      const exit = yield* onClock(Effect.all([write, write]).pipe(Effect.provide(layer)), "1 hour")
      assert.isTrue(Exit.isSuccess(exit))
      // no writes left: e621 pacing would wait a minute; the bound is 5 s
      assert.deepStrictEqual(sent, [0, 5000])
    }))
})

describe("e621's own sites keep e621's limits", () => {
  it.effect("rateLimit: false for another base URL never lifts the budget of files from e621's static hosts", () =>
    Effect.gen(function*() {
      const sent: Array<{ readonly host: string; readonly at: number }> = []
      const transport = HttpClient.make((request, url) =>
        Effect.gen(function*() {
          sent.push({ host: url.hostname, at: yield* Clock.currentTimeMillis })
          return HttpClientResponse.fromWeb(request, new Response(new Uint8Array(4), { status: 200, headers: { "content-type": "image/png" } }))
        })
      )
      const layer = E621Client.layer({ userAgent, host: "https://mirror.example", rateLimit: false }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, transport))
      )
      const fetchAll = (base: string) =>
        Effect.forEach(
          Array.from({ length: 12 }, (_, i) => `${base}/data/${i}.png`),
          (url) => Effect.flatMap(E621Client.E621Client, (client) => client.fetchFile(url)),
          { concurrency: "unbounded" }
        )
      const exit = yield* onClock(
        Effect.andThen(fetchAll("https://static1.e621.net"), fetchAll("https://mirror.example")).pipe(Effect.provide(layer)),
        "1 minute"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      const e621 = sent.filter((r) => r.host === "static1.e621.net").map((r) => r.at)
      assert.strictEqual(e621.length, 12)
      assert.isAtMost(busiest(e621, 1000), 4, "the default files budget (4 per second) on e621's static host")
      assert.strictEqual(busiest(sent.filter((r) => r.host === "mirror.example").map((r) => r.at), 1), 12, "the mirror's own files: no budget")
    }))


  const publicHosts = [
    "e621",
    "e926",
    "e6ai",
    "https://e621.net",
    "https://e621.net/",
    "https://www.e621.net",
    "https://E621.NET",
    "https://e621.net./",
    "https://www.e926.net/",
    "https://e6ai.net:443",
    "https://e621.net..",
    "HTTPS://e621.net/posts",
    "https://e621。net",
    "https://ｅ６２１．ｎｅｔ",
    "https://e6\u00ad21.net",
    "https:e926.net",
    "https://static1.e621.net:8443"
  ]
  const tooMuch: ReadonlyArray<readonly [Partial<E621Client.Options>, string]> = [
    [{ rateLimit: false }, "rateLimit"],
    [{ rateLimit: { limit: 3, window: "1 second" } }, "rateLimit"],
    [{ rateLimit: { limit: 3, window: "2 seconds" } }, "rateLimit"],
    [{ rateLimit: { limit: 1, window: "400 millis" } }, "rateLimit"],
    [{ writeRateLimit: { limit: 5, window: "1 second" } }, "writeRateLimit"],
    [{ iqdbRateLimit: { limit: 11, window: "10 seconds" } }, "iqdbRateLimit"],
    [{ iqdbRateLimit: { limit: 2, window: "1 second" } }, "iqdbRateLimit"],
    [{ iqdbImageRateLimit: { limit: 2, window: "1 minute" } }, "iqdbImageRateLimit"],
    [{ iqdbImageRateLimit: { limit: 7, window: "10 seconds" }, credentials: E621Fake.testerCredentials }, "iqdbImageRateLimit"],
    [{ rateLimit: { limit: 2, window: "999 millis" } }, "rateLimit"],
    [{ rateLimit: { limit: 1_000_000_000, window: "100000000 hours" } }, "rateLimit"],
    [{ rateLimit: { limit: 2, window: [0, 999_999_999] } }, "rateLimit"]
  ]

  for (const host of publicHosts) {
    it.effect(`${host}: budgets above e621's limits are refused before any request, naming the option`, () =>
      Effect.gen(function*() {
        for (const [options, field] of tooMuch) {
          const exit = yield* Effect.exit(E621Client.validateOptions({ userAgent, host, ...options }))
          assert.isTrue(Exit.isFailure(exit), `${host} ${JSON.stringify(options)}`)
          const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
          if (error?._tag !== "Fail") return assert.fail("expected E621InvalidInput")
          assert.strictEqual(error.error._tag, "E621InvalidInput")
          assert.strictEqual(error.error.field, field)
          assert.match(error.error.message, /got /)
          assert.match(error.error.message, /allow/)
        }
        // the defaults and e621's own limits are accepted
        for (
          const ok of [
            {},
            { rateLimit: { limit: 1, window: "500 millis" } },
            { rateLimit: { limit: 2, window: "1 second" } },
            { iqdbRateLimit: { limit: 10, window: "10 seconds" } },
            { iqdbImageRateLimit: { limit: 6, window: "10 seconds" }, credentials: E621Fake.testerCredentials }
          ] as ReadonlyArray<Partial<E621Client.Options>>
        ) {
          assert.isTrue(Exit.isSuccess(yield* Effect.exit(E621Client.validateOptions({ userAgent, host, ...ok }))), JSON.stringify(ok))
        }
      }))
  }

  it.effect("a bad budget fails the layer: no request reaches the server", () =>
    Effect.gen(function*() {
      let sent = 0
      const transport = HttpClient.make((request) => Effect.sync(() => (sent++, HttpClientResponse.fromWeb(request, new Response("{}")))))
      const exit = yield* Posts.search({ limit: 1 }).pipe(
        Effect.provide(E621Client.layer({ userAgent, host: "https://e621.net", rateLimit: false }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, transport)))),
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(sent, 0)
    }))

  it.effect("other base URLs may go faster or without limits", () =>
    Effect.gen(function*() {
      for (const host of ["http://127.0.0.1:3000", "https://e621.example.org", "https://not-e621.net", "https://e621.net.example.org"]) {
        for (const [options] of tooMuch) {
          assert.isTrue(Exit.isSuccess(yield* Effect.exit(E621Client.validateOptions({ userAgent, host, ...options }))), `${host} ${JSON.stringify(options)}`)
        }
      }
    }))
})

describe("IQDB: each kind its own budget, e621's limits (since 2026-08-21)", () => {
  const url = "https://d.furaffinity.net/art/a/1.png"

  it.effect("the fake answers e621's 429 beyond each throttle (fixed windows from the first hit)", () =>
    Effect.gen(function*() {
      const exit = yield* onClock(
        Effect.gen(function*() {
          const fake = yield* E621Fake.E621Fake
          const [id] = yield* fake.postIds
          // (spaced 600 ms apart: the edge's 2 per second is enforced too)
          const pace = Effect.sleep("600 millis")
          // anonymous by URL: 1 per 60 s
          yield* Iqdb.byUrl(url)
          yield* pace
          const second = yield* Effect.flip(Iqdb.byUrl(url)).pipe(Effect.tap(() => pace))
          // by post: 10 per 10 s, counted apart from the URL look-ups
          for (let i = 0; i < 10; i++) yield* Iqdb.byPost(id!).pipe(Effect.andThen(pace))
          const eleventh = yield* Effect.flip(Iqdb.byPost(id!))
          yield* Effect.sleep("10 seconds")
          yield* Iqdb.byHash("abcdef")
          yield* Effect.sleep("50 seconds")
          yield* Iqdb.byUrl(url)
          return { second, eleventh, violations: yield* fake.violations }
        }).pipe(Effect.provide(E621Fake.layer({ posts: 50, enforceLimits: true, client: { retry: false } }))),
        "5 minutes"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isFailure(exit)) return
      for (const error of [exit.value.second, exit.value.eleventh]) {
        assert.strictEqual(error._tag, "E621RateLimited")
        if (error._tag === "E621RateLimited") {
          assert.strictEqual(error.status, 429)
          assert.strictEqual(error.reason, "Throttled: Too many requests")
        }
      }
      assert.strictEqual(exit.value.violations.iqdb, 2)
    }))

  it.effect("members: 6 look-ups by file or URL per 10 s", () =>
    Effect.gen(function*() {
      const exit = yield* onClock(
        Effect.gen(function*() {
          for (let i = 0; i < 6; i++) yield* Iqdb.byUrl(url).pipe(Effect.andThen(Effect.sleep("600 millis")))
          return yield* Effect.flip(Iqdb.byUrl(url))
        }).pipe(Effect.provide(E621Fake.layer({ posts: 50, enforceLimits: true, client: { retry: false, credentials: E621Fake.testerCredentials } }))),
        "1 minute"
      )
      assert.isTrue(Exit.isSuccess(exit) && exit.value._tag === "E621RateLimited", String(exit))
    }))

  for (const who of ["anonymous", "member"] as const) {
    it.effect(`the default budgets keep every throttle (${who}): a mixed burst of look-ups gets no 429`, () =>
      Effect.gen(function*() {
        const credentials = who === "member" ? { credentials: E621Fake.testerCredentials } : {}
        const exit = yield* onClock(
          Effect.gen(function*() {
            const fake = yield* E621Fake.E621Fake
            const [id] = yield* fake.postIds
            yield* Effect.all([
              ...Array.from({ length: 8 }, () => Iqdb.byUrl(url)),
              ...Array.from({ length: 25 }, () => Iqdb.byPost(id!)),
              ...Array.from({ length: 6 }, () => Posts.search({ limit: 1 }))
            ], { concurrency: "unbounded", discard: true })
            return { log: yield* fake.requests, violations: yield* fake.violations }
          }).pipe(Effect.provide(clientOver({ ...credentials }, { enforceLimits: true }))),
          "20 minutes"
        )
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isFailure(exit)) return
        const { log, violations } = exit.value
        assert.strictEqual(log.length, 39)
        assert.isTrue(log.every((r) => r.status === 200))
        assert.deepStrictEqual(violations, { reads: 0, writes: 0, iqdb: 0 })
        const images = log.filter((r) => r.query.url !== undefined).map((r) => r.at)
        // the image look-ups keep e621's pace for the caller: 1 per minute anonymous, 6 per 10 s for members
        if (who === "anonymous") assert.isAtMost(busiest(images, 60_000), 1)
        else assert.isAtMost(busiest(images, 10_000), 6)
        // and every request to the API host, whatever its bucket, stays within the edge's 2 per second
        assert.isAtMost(busiest(log.map((r) => r.at), 1000), 2)
      }))
  }

  it.effect("iqdbRateLimit sets the budget of look-ups by post or hash; file and URL look-ups keep theirs", () =>
    Effect.gen(function*() {
      const exit = yield* onClock(
        Effect.gen(function*() {
          const fake = yield* E621Fake.E621Fake
          const [id] = yield* fake.postIds
          yield* Effect.all([Iqdb.byPost(id!), Iqdb.byHash("abc"), Iqdb.byUrl(url)], { concurrency: "unbounded" })
          return yield* fake.requests
        }).pipe(Effect.provide(clientOver({ iqdbRateLimit: { limit: 1, window: "5 seconds" } }))),
        "5 minutes"
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      if (Exit.isFailure(exit)) return
      const at = (key: string) => exit.value.find((r) => r.query[key] !== undefined)!.at
      assert.strictEqual(at("url"), 0)
      assert.deepStrictEqual([at("post_id"), at("hash")].sort((a, b) => a - b), [0, 5250])
    }))
})
