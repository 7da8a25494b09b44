/**
 * Guarantee — transfers are bounded: redirects are never followed nor retried (a typed error names where they
 * pointed, sanitised), whatever HTTP layer carries the request; every file body has an idle and an overall
 * deadline; every buffered body has a size cap.
 */
import { E621Client, Posts } from "@effect-e621/core"
import type { E621Error } from "@effect-e621/core/E621Error"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Layer, Stream } from "effect"
import { FetchHttpClient, HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

const redirectStatuses = [300, 301, 302, 303, 304, 307, 308]

/**
 * Two loopback servers: the first answers every request with the status named by its first path segment
 * (`/302/posts.json` → 302) and a `Location` on the second, carrying user info and credential parameters;
 * the second must never be reached.
 */
const redirecting = Effect.acquireRelease(
  Effect.promise(async () => {
    const hits = { source: 0, target: 0 }
    const target = Http.createServer((_, response) => {
      hits.target++
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify({ posts: [] }))
    })
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.2", resolve))
    const targetPort = (target.address() as AddressInfo).port
    const source = Http.createServer((request, response) => {
      hits.source++
      const status = Number(/^\/(\d{3})\//.exec(request.url ?? "")?.[1] ?? 500)
      response.writeHead(status, {
        location: `http://someone:hunter2@127.0.0.2:${targetPort}/landing?login=someone&api_key=SECRETKEY&page=2`
      })
      response.end()
    })
    await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve))
    return { url: `http://127.0.0.1:${(source.address() as AddressInfo).port}`, targetPort, hits, servers: [source, target] }
  }),
  ({ servers }) => Effect.sync(() => servers.forEach((server) => server.closeAllConnections?.() ?? server.close()))
)

const options = (host: string): E621Client.Options => ({
  host,
  userAgent: E621Fake.userAgent,
  rateLimit: false,
  retry: { times: 3, base: "1 millis" }
})

const layers: ReadonlyArray<readonly [string, (host: string) => Layer.Layer<E621Client.E621Client>]> = [
  ["NodeE621 (node:http)", (host) => Layer.orDie(NodeE621.layer(options(host)))],
  ["fetch", (host) => Layer.orDie(E621Client.layer(options(host)).pipe(Layer.provide(FetchHttpClient.layer)))],
  ["undici", (host) => Layer.orDie(E621Client.layer(options(host)).pipe(Layer.provide(NodeHttpClient.layerUndici)))]
]

describe("redirects are not server errors", () => {
  for (const [name, layer] of layers) {
    it.live(`${name}: every 3xx, API and file requests: typed, not followed, not retried, Location sanitised`, () =>
      Effect.gen(function*() {
        const { hits, targetPort, url } = yield* redirecting
        for (const status of redirectStatuses) {
          const requests: ReadonlyArray<readonly [string, Effect.Effect<unknown, E621Error, E621Client.E621Client>]> = [
            ["API", E621Client.execute({ method: "GET", path: "/posts.json" })],
            ["file", E621Client.fetchFile("data/aa/bb/file.png")]
          ]
          for (const [what, request] of requests) {
            hits.source = 0
            const error = yield* Effect.flip(Effect.provide(request, layer(`${url}/${status}`)))
            const label = `${name} ${what} ${status}`
            assert.strictEqual(error._tag, "E621DecodeError", label)
            if (error._tag !== "E621DecodeError") continue
            assert.strictEqual(error.status, status, label)
            assert.strictEqual(error.location, `http://127.0.0.2:${targetPort}/landing?login=%3Credacted%3E&api_key=%3Credacted%3E&page=2`, label)
            assert.include(error.message, "never followed", label)
            assert.isFalse(E621Client.isRetryable(error, true), label)
            const printed = `${error.message} ${String(error)} ${JSON.stringify(error)}`
            assert.notInclude(printed, "SECRETKEY", label)
            assert.notInclude(printed, "hunter2", label)
            assert.strictEqual(hits.source, 1, `${label}: not retried`)
          }
        }
        assert.strictEqual(hits.target, 0, "no redirect was followed")
      }))
  }
})

describe("an opaque redirect", () => {
  // A browser's fetch in `redirect: "manual"` mode answers a redirect with status 0 and no headers.
  const opaque = HttpClient.make((request) =>
    Effect.sync(() => {
      const response = new Response(null, { status: 200 })
      Object.defineProperty(response, "status", { value: 0 })
      return HttpClientResponse.fromWeb(request, response)
    })
  )
  it.effect("is a redirect too: typed, without a location, not retried", () =>
    Effect.gen(function*() {
      for (const request of [E621Client.execute({ method: "GET", path: "/posts.json" }), E621Client.fetchFile("/data/a.png")]) {
        const error = yield* Effect.flip(request as Effect.Effect<unknown, E621Error, E621Client.E621Client>)
        assert.strictEqual(error._tag, "E621DecodeError")
        assert.strictEqual(error._tag === "E621DecodeError" && error.status, 0)
        assert.strictEqual(error._tag === "E621DecodeError" && error.location, undefined)
        assert.include(error.message, "opaque redirect")
      }
    }).pipe(Effect.provide(E621Client.layer(options("https://e621.test")).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, opaque))))))
})

const fakeWithFiles = E621Fake.layer({ posts: 30, seed: 5, files: true })

/** Runs `effect` in a fiber, advancing the `TestClock` a second at a time until it ends (at most `limit` s). */
const runAdvancing = <A, E, R>(effect: Effect.Effect<A, E, R>, limit: number) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    for (let second = 0; second < limit && fiber.pollUnsafe() === undefined; second++) {
      yield* TestClock.adjust("1 second")
    }
    return yield* Fiber.await(fiber)
  })

const firstPost = Posts.search({ tags: "-status:deleted", limit: 1 }).pipe(Effect.map((posts) => posts[0]!))

describe("every byte has a deadline", () => {
  it.effect("a file body that stalls after the headers fails after the idle deadline (30 s by default)", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* firstPost
      yield* fake.failNext("stall")
      const started = yield* Clock.currentTimeMillis
      const exit = yield* runAdvancing(Stream.runDrain(Posts.download(post)), 120)
      const elapsed = (yield* Clock.currentTimeMillis) - started
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
      assert.strictEqual(error?._tag, "Fail")
      const failure = error?._tag === "Fail" ? error.error : undefined
      assert.strictEqual(failure?._tag, "E621TransportError")
      assert.strictEqual(failure?._tag === "E621TransportError" && failure.kind, "timeout")
      assert.include(failure?.message ?? "", "stalled")
      assert.isAtLeast(elapsed, 30_000)
      assert.isAtMost(elapsed, 31_000)
    }).pipe(Effect.provide(fakeWithFiles)))

  it.effect("idle and overall are options", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* firstPost
      for (const [fault, limit, word] of [["stall", 5_000, "stalled"], ["trickle", 20_000, "overall"]] as const) {
        yield* fake.failNext(fault)
        const started = yield* Clock.currentTimeMillis
        const exit = yield* runAdvancing(Stream.runDrain(Posts.download(post)), 120)
        const elapsed = (yield* Clock.currentTimeMillis) - started
        const failure = Exit.isFailure(exit) && exit.cause.reasons[0]?._tag === "Fail" ? exit.cause.reasons[0].error : undefined
        assert.strictEqual(failure?._tag === "E621TransportError" && failure.kind, "timeout", fault)
        assert.include(failure?.message ?? "", word)
        assert.isAtLeast(elapsed, limit - 1_000, fault)
        assert.isAtMost(elapsed, limit + 1_000, fault)
      }
    }).pipe(Effect.provide(E621Fake.layer({ posts: 30, seed: 5, files: true, client: { transfer: { idle: "5 seconds", overall: "20 seconds" } } }))))

  it.effect("a body trickling 1 byte/s (never idle) fails at the overall deadline: 10 min + size at 64 KiB/s", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* firstPost
      yield* fake.failNext("trickle")
      const started = yield* Clock.currentTimeMillis
      let received = 0
      const exit = yield* runAdvancing(
        Posts.download(post).pipe(Stream.runForEach((chunk) => Effect.sync(() => received += chunk.length))),
        2_000
      )
      const elapsed = (yield* Clock.currentTimeMillis) - started
      const failure = Exit.isFailure(exit) && exit.cause.reasons[0]?._tag === "Fail" ? exit.cause.reasons[0].error : undefined
      assert.strictEqual(failure?._tag === "E621TransportError" && failure.kind, "timeout")
      assert.include(failure?.message ?? "", "overall")
      const deadline = 600_000 + post.file.size / 65_536 * 1000
      assert.isAtLeast(elapsed, deadline - 1_000)
      assert.isAtMost(elapsed, deadline + 2_000)
      assert.isBelow(received, post.file.size)
    }).pipe(Effect.provide(fakeWithFiles)))

  it.effect("transfer deadlines are validated", () =>
    Effect.gen(function*() {
      for (const transfer of [{ idle: "0 seconds" }, { overall: -1 }, { idle: "soon" }] as const) {
        const error = yield* Effect.flip(E621Client.validateOptions({ userAgent: E621Fake.userAgent, transfer: transfer as E621Client.Transfer }))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assert.match(error.field, /^transfer\.(idle|overall)$/)
      }
    }))

  it.live("over real HTTP (node:http and undici) a stalled file fails at the idle deadline and its socket is closed", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 20, seed: 3, files: true })
      const clientOptions = { host: server.url, userAgent: E621Fake.userAgent, rateLimit: false, transfer: { idle: "300 millis" } } as const
      for (const layer of [
        NodeE621.layer(clientOptions),
        E621Client.layer(clientOptions).pipe(Layer.provide(NodeHttpClient.layerUndici))
      ]) {
        const exit = yield* Effect.gen(function*() {
          const post = yield* firstPost
          yield* server.fake.failNext("stall")
          const started = Date.now()
          const exit = yield* Effect.exit(Stream.runDrain(Posts.download(post)))
          assert.isBelow(Date.now() - started, 5_000)
          return exit
        }).pipe(Effect.provide(Layer.orDie(layer)))
        const failure = Exit.isFailure(exit) && exit.cause.reasons[0]?._tag === "Fail" ? exit.cause.reasons[0].error : undefined
        assert.strictEqual(failure?._tag === "E621TransportError" && failure.kind, "timeout")
        let open = server.connections()
        for (let i = 0; i < 40 && open > 0; i++) {
          yield* Effect.sleep("50 millis")
          open = server.connections()
        }
        assert.strictEqual(open, 0, "the stalled connection was closed")
      }
    }), 20_000)
})
