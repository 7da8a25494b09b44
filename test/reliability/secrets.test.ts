/**
 * Guarantee 8 — secrets stay secret: driving every error path with a known API key, the key and its Basic-auth
 * form appear in no error message, `String(e)`, `JSON.stringify(e)`, stack, cause rendering, log line, span
 * attribute, or the fake's request log. Credentials are refused over plain http to another host and are never
 * carried across a redirect.
 *
 * Guarantee 9 — cancellation: interrupting a stream stops the request in flight at once and leaves no socket
 * open.
 */
import { E621Client, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Latch, Layer, Stream, type Tracer } from "effect"
import { FetchHttpClient } from "effect/http"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { observed } from "./support.ts"

const key = E621Fake.testerCredentials.apiKey as string
const basic = Buffer.from(`${E621Fake.testerCredentials.username}:${key}`).toString("base64")
const wrongKey = "wr0ng-K3y-never-to-be-printed"
const secrets = [key, basic, wrongKey, Buffer.from(`tester:${wrongKey}`).toString("base64")]

const assertClean = (label: string, text: string) => {
  for (const secret of secrets) assert.notInclude(text, secret, `${label} leaks a secret`)
}


const scan = (label: string, exit: Exit.Exit<unknown, unknown>, logs: ReadonlyArray<string>, spans: ReadonlyArray<Tracer.Span>) => {
  if (Exit.isFailure(exit)) {
    assertClean(`${label}: Cause.pretty`, Cause.pretty(exit.cause))
    const error = Cause.squash(exit.cause)
    assertClean(`${label}: String(e)`, String(error))
    assertClean(`${label}: JSON.stringify(e)`, JSON.stringify(error))
    if (error instanceof Error) {
      assertClean(`${label}: message`, error.message)
      assertClean(`${label}: stack`, error.stack ?? "")
    }
  }
  assertClean(`${label}: logs`, logs.join("\n"))
  for (const span of spans) {
    assertClean(`${label}: span ${span.name}`, `${span.name} ${JSON.stringify([...span.attributes])}`)
  }
}

describe("secrets stay secret", () => {
  const faults: ReadonlyArray<E621Fake.FaultKind> = ["500", "502", "503", "522", "429", "drop", "truncate", "slow"]

  it.live("every fault, every status, with a real key over HTTP: no output carries it", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 60, faults: { rate: 0, retryAfter: 0, latency: "1 second" } })
      const client = (apiKey: string) =>
        NodeE621.layer({
          host: server.url,
          userAgent: E621Fake.userAgent,
          credentials: { username: "tester", apiKey },
          rateLimit: false,
          timeout: "200 millis",
          retry: { times: 1, base: "1 millis" }
        })
      const attempts: Array<readonly [string, Effect.Effect<unknown, unknown, E621Client.E621Client>]> = [
        ["ok", Posts.search({ limit: 2 })],
        ["404", Posts.get(2_000_000)],
        ["410", E621Client.execute({ method: "GET", path: "/posts.json", query: { page: "751" } })],
        ["422", E621Client.execute({ method: "GET", path: "/posts.json", query: { tags: Array.from({ length: 41 }, (_, i) => `t${i}`).join(" ") } })],
        ["html 404", E621Client.execute({ method: "GET", path: "/no/such/route.json" })],
        ["invalid input", Posts.get(-1)],
        ["write", Posts.vote(1, 1)]
      ]
      for (const kind of faults) {
        attempts.push([`fault ${kind}`, Effect.andThen(server.fake.failNext(kind, 2), Posts.search({ limit: 1 }))])
      }
      for (const [label, attempt] of attempts) {
        const { exit, logs, spans } = yield* observed(attempt.pipe(Effect.provide(client(key))))
        if (label !== "invalid input") assert.isAbove(spans.length, 0, `${label}: the tracer saw the request`)
        scan(label, exit, logs, spans)
      }
      const { exit, logs, spans } = yield* observed(Posts.search({ limit: 1 }).pipe(Effect.provide(client(wrongKey))))
      assert.isTrue(Exit.isFailure(exit))
      scan("401", exit, logs, spans)
      const requests = yield* server.fake.requests
      assert.isAbove(requests.length, attempts.length)
      assertClean("fake request log", JSON.stringify(requests))
    }), 30_000)

  it.effect("the scan finds a key that does leak (control)", () =>
    Effect.gen(function*() {
      const { exit, logs, spans } = yield* observed(Effect.logDebug(`oops ${key}`))
      assert.throws(() => scan("control", exit, logs, spans))
    }))

  it.effect("option errors never echo the key", () =>
    Effect.gen(function*() {
      for (const options of [
        { userAgent: "", credentials: { username: "tester", apiKey: key } },
        { userAgent: E621Fake.userAgent, host: "http://example.org", credentials: { username: "tester", apiKey: key } },
        { userAgent: E621Fake.userAgent, credentials: { username: "", apiKey: key } },
        { userAgent: E621Fake.userAgent, host: `https://tester:${key}@e621.net` }
      ]) {
        const error = yield* Effect.flip(E621Client.validateOptions(options))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assertClean("option error", `${error.message} ${String(error)} ${JSON.stringify(error)}`)
      }
    }))

  const redirecting = (target: (port: number) => string) =>
    Effect.acquireRelease(
      Effect.promise(async () => {
        const seen: Array<string | undefined> = []
        const other = Http.createServer((request, response) => {
          seen.push(request.headers.authorization)
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify({ posts: [] }))
        })
        await new Promise<void>((resolve) => other.listen(0, "127.0.0.2", resolve))
        const otherPort = (other.address() as AddressInfo).port
        const first = Http.createServer((_, response) => {
          response.writeHead(302, { location: target(otherPort) })
          response.end()
        })
        await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve))
        return { url: `http://127.0.0.1:${(first.address() as AddressInfo).port}`, seen, servers: [first, other] }
      }),
      ({ servers }) => Effect.sync(() => servers.forEach((server) => server.close()))
    )

  it.live("a redirect to another host is not followed: the credentials stay home (Node client)", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* redirecting((port) => `http://127.0.0.2:${port}/posts.json`)
      const error = yield* Posts.search({ limit: 1 }).pipe(
        Effect.provide(NodeE621.layer({ host: url, userAgent: E621Fake.userAgent, credentials: E621Fake.testerCredentials, rateLimit: false, retry: false })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "E621DecodeError")
      assert.include("location" in error ? error.location : "", "127.0.0.2")
      assert.deepStrictEqual(seen, [])
    }))

  it.live("with fetch (which follows redirects itself) the Authorization header is not forwarded to another host", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* redirecting((port) => `http://127.0.0.2:${port}/posts.json`)
      yield* Posts.search({ limit: 1 }).pipe(
        Effect.provide(E621Client.layer({ host: url, userAgent: E621Fake.userAgent, credentials: E621Fake.testerCredentials, rateLimit: false, retry: false }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )),
        Effect.ignore
      )
      assert.isTrue(seen.every((header) => header === undefined), "no credentials reached the other host")
    }))
})

describe("cancellation", () => {
  it.live("interrupting a stream aborts the request in flight and closes its socket", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 2_000, faults: { rate: 0, latency: "30 seconds" } })
      const firstPage = yield* Latch.make(false)
      const fiber = yield* Posts.stream({ pageSize: 50 }).pipe(
        Stream.tap(() => firstPage.open),
        Stream.runDrain,
        Effect.provide(NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: false, retry: false, timeout: "1 minute" })),
        Effect.forkChild
      )
      yield* firstPage.await
      // every following request now hangs for 30 s on the server
      yield* server.fake.failNext("slow", 100)
      yield* Effect.sleep("200 millis")
      assert.isAtLeast(server.connections(), 1, "a request is in flight")
      const started = Date.now()
      yield* Fiber.interrupt(fiber)
      assert.isBelow(Date.now() - started, 2_000, "interruption does not wait for the answer")
      // the client's sockets close at once (the agent is released with the layer)
      let open = server.connections()
      for (let i = 0; i < 20 && open > 0; i++) {
        yield* Effect.sleep("50 millis")
        open = server.connections()
      }
      assert.strictEqual(open, 0)
    }), 20_000)

  it.live("interrupting a program that runs many fibers leaves no socket open", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 500, faults: { rate: 1, kinds: ["slow"], latency: "30 seconds" } })
      const fiber = yield* Effect.forEach(Array.from({ length: 8 }), () => Posts.search({ limit: 5 }), { concurrency: "unbounded" }).pipe(
        Effect.provide(NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: false, retry: false })),
        Effect.forkChild
      )
      yield* Effect.sleep("300 millis")
      assert.strictEqual(server.connections(), 8)
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep("100 millis")
      assert.strictEqual(server.connections(), 0)
    }), 20_000)
})
