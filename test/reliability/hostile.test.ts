/**
 * Guarantee 7 — hostile responses: HTML with status 200, wrong content types, JSON of the wrong shape, huge or
 * deeply nested bodies, invalid UTF-8, empty bodies and `null` each become a typed error (never a defect) with
 * an excerpt of what came back, and the client keeps working afterwards.
 */
import { E621Client, E621Error, Pools, Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

const ua = "effect-e621-tests/1.0 (by tester on e621)"
/** A transport that answers every request with `reply()` (a fresh web `Response`). */
const scripted = (reply: (url: URL) => Response) =>
  // a base URL of its own (not e621.net): the transport is scripted, so the client may run without budgets
  E621Client.layer({ host: "https://e621.test", userAgent: ua, rateLimit: false, retry: false }).pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request, url) => Effect.sync(() => HttpClientResponse.fromWeb(request, reply(url))))
    ))
  )

const typedFailure = <A, E>(exit: Exit.Exit<A, E>): E => {
  assert.isTrue(Exit.isFailure(exit), "the call failed")
  if (Exit.isSuccess(exit)) throw new Error("unreachable")
  assert.isFalse(Cause.hasDies(exit.cause), `no defect: ${Cause.pretty(exit.cause)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`no typed failure: ${Cause.pretty(exit.cause)}`)
  return reason.error
}

const decodeError = (error: unknown): E621Error.E621DecodeError => {
  if (!(error instanceof E621Error.E621DecodeError)) throw new Error(`expected E621DecodeError, got ${String(error)}`)
  return error
}

const body = (text: string | Uint8Array, contentType: string, status = 200) =>
  new Response(typeof text === "string" ? text : new Uint8Array(text), { status, headers: { "content-type": contentType } })

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe])

describe("hostile responses become typed errors (scripted transport)", () => {
  it.effect("an HTML page with status 200 → E621DecodeError with the page's title", () =>
    Effect.gen(function*() {
      const layer = scripted(() =>
        body("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>", "text/html")
      )
      const error = decodeError(typedFailure(yield* Posts.search({ limit: 1 }).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.issue, "HTML")
      assert.include(error.excerpt, "Just a moment")
      assert.include(error.message, "/posts.json")
      assert.strictEqual(error.status, 200)
    }))

  it.effect("a JSON body labelled text/html → typed error showing the body", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body(JSON.stringify({ posts: [] }), "text/html; charset=utf-8"))
      const error = decodeError(typedFailure(yield* Posts.search({ limit: 1 }).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.excerpt, "posts")
    }))

  it.effect("plain text (text/plain \"OK\") where JSON is expected → E621DecodeError with the text", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body("OK", "text/plain"))
      const error = decodeError(typedFailure(yield* Posts.search({ limit: 1 }).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.issue, "invalid JSON")
      assert.strictEqual(error.excerpt, "OK")
    }))

  it.effect("a PNG (image/png, invalid UTF-8) where JSON is expected → E621DecodeError with an excerpt", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body(pngBytes, "image/png"))
      const error = decodeError(typedFailure(yield* Posts.get(1).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.issue, "JSON")
      assert.include(error.excerpt, "PNG")
    }))

  it.effect("invalid UTF-8 bytes around JSON → E621DecodeError; inside a string they become U+FFFD", () =>
    Effect.gen(function*() {
      const bad = new Uint8Array([0xff, 0xfe, ...new TextEncoder().encode("[]")])
      const layer = scripted(() => body(bad, "application/json"))
      const error = decodeError(typedFailure(yield* Pools.search({}).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.excerpt, "[]")
      const inside = new Uint8Array([...new TextEncoder().encode("{\"reason\":\"a"), 0xc3, 0x28, ...new TextEncoder().encode("b\"}")])
      const failed = typedFailure(
        yield* Posts.get(1).pipe(Effect.provide(scripted(() => body(inside, "application/json", 500))), Effect.exit)
      )
      assert.strictEqual(failed._tag, "E621ServerError")
      if (failed._tag === "E621ServerError") assert.include(failed.reason, "a\uFFFD(b")
    }))

  it.effect("JSON of the wrong shape through Posts.get → E621DecodeError naming the path, excerpt of the body", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body(JSON.stringify({ post: { id: "one", tags: 5 } }), "application/json"))
      const error = decodeError(typedFailure(yield* Posts.get(1).pipe(Effect.provide(layer), Effect.exit)))
      assert.match(error.issue, /\["id"\]|\["tags"\]|\["[a-z_]+"\]/)
      assert.isTrue(error.excerpt.startsWith("{\"id\":\"one\""), error.excerpt)
      assert.include(error.message, "/posts/1.json")
    }))

  it.effect("JSON of the wrong shape through Pools.search → E621DecodeError naming the item and field", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body(JSON.stringify([{ id: 1, name: 42 }]), "application/json"))
      const error = decodeError(typedFailure(yield* Pools.search({}).pipe(Effect.provide(layer), Effect.exit)))
      assert.strictEqual(error.index, 0)
      assert.strictEqual(error.id, 1)
      assert.strictEqual(error.path, `["name"]`)
      assert.isTrue(error.excerpt.startsWith("{\"id\":1,\"name\":42"), error.excerpt)
    }))

  it.effect("200,000 levels of [ … ] → a typed error, not a stack overflow", () =>
    Effect.gen(function*() {
      const deep = "[".repeat(200_000) + "]".repeat(200_000)
      const layer = scripted(() => body(deep, "application/json"))
      const list = typedFailure(yield* Pools.search({}).pipe(Effect.provide(layer), Effect.exit))
      assert.strictEqual(list._tag, "E621DecodeError")
      const one = decodeError(typedFailure(yield* Posts.get(1).pipe(Effect.provide(layer), Effect.exit)))
      assert.isTrue(one.excerpt.startsWith("[[[["), one.excerpt.slice(0, 20))
      assert.isAtMost(one.excerpt.length, 301)
    }))

  it.effect("200,000 unclosed [ → a typed error (a cut body)", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body("[".repeat(200_000), "application/json"))
      const error = typedFailure(yield* Posts.search({}).pipe(Effect.provide(layer), Effect.exit))
      assert.strictEqual(error._tag, "E621TransportError")
    }))

  it.effect("an empty 200 body where a record is expected → E621DecodeError saying the body was empty", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body("", "application/json"))
      const error = decodeError(typedFailure(yield* Posts.get(1).pipe(Effect.provide(layer), Effect.exit)))
      assert.include(error.issue.toLowerCase(), "expected")
      assert.strictEqual(error.excerpt, "(empty body)")
      assert.include(error.message, "/posts/1.json")
    }))

  it.effect("a 200 with null → E621DecodeError with the excerpt null", () =>
    Effect.gen(function*() {
      const layer = scripted(() => body("null", "application/json"))
      const one = decodeError(typedFailure(yield* Posts.get(1).pipe(Effect.provide(layer), Effect.exit)))
      assert.strictEqual(one.excerpt, "null")
      const list = decodeError(typedFailure(yield* Pools.search({}).pipe(Effect.provide(layer), Effect.exit)))
      assert.strictEqual(list.excerpt, "null")
    }))

  it.effect("after every hostile answer the same client still works", () =>
    Effect.gen(function*() {
      let n = 0
      const answers = [
        () => body("<html><title>x</title></html>", "text/html"),
        () => body("[".repeat(200_000) + "]".repeat(200_000), "application/json"),
        () => body(pngBytes, "image/png"),
        () => body(JSON.stringify([]), "application/json")
      ]
      const layer = scripted(() => answers[n++ % answers.length]!())
      const results = yield* Effect.forEach(answers, () => Effect.exit(Pools.search({}))).pipe(Effect.provide(layer))
      assert.deepStrictEqual(results.map((exit) => exit._tag), ["Failure", "Failure", "Failure", "Success"])
      for (const exit of results) if (Exit.isFailure(exit)) assert.isFalse(Cause.hasDies(exit.cause))
    }))
})

// ---------------------------------------------------------------------------------------------------------
// Over real sockets: bodies larger than the client's 64 MiB cap
// ---------------------------------------------------------------------------------------------------------

const cap = 64 * 1024 * 1024

/** A localhost server answering with `handler`; closed (and every socket destroyed) when the scope ends. */
const serve = (handler: (request: Http.IncomingMessage, response: Http.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.callback<Http.Server>((resume) => {
      const server = Http.createServer(handler)
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

const nodeClient = (url: string) => NodeE621.layer({ host: url, userAgent: ua, rateLimit: false, retry: false, timeout: "20 seconds" })

describe("bodies over the 64 MiB cap (real HTTP)", () => {
  it.live("a Content-Length above the cap fails at once, without reading the body", () =>
    Effect.gen(function*() {
      let sent = 0
      let closed = false
      const url = yield* serve((request, response) => {
        if (request.url?.startsWith("/pools.json") === true && request.url.includes("ok")) {
          response.writeHead(200, { "content-type": "application/json" }).end("[]")
          return
        }
        response.on("close", () => {
          closed = true
        })
        response.writeHead(200, { "content-type": "application/json", "content-length": String(cap + 1) })
        const chunk = "[".repeat(64 * 1024)
        response.write(chunk)
        sent += chunk.length
        // never sends the rest
      })
      const started = Date.now()
      const error = typedFailure(yield* Pools.search({}).pipe(Effect.provide(nodeClient(url)), Effect.exit))
      assert.strictEqual(error._tag, "E621DecodeError")
      if (error._tag === "E621DecodeError") assert.include(error.issue, "cap")
      assert.isBelow(Date.now() - started, 5_000, "no wait for the missing body")
      assert.isAtMost(sent, 64 * 1024)
      for (let i = 0; i < 100 && !closed; i++) yield* Effect.sleep("20 millis")
      assert.isTrue(closed, "the connection was closed, not left waiting for the rest")
      const ok = yield* Pools.search({ nameMatches: "ok" }).pipe(Effect.provide(nodeClient(url)))
      assert.deepStrictEqual(ok, [])
    }), 30_000)

  it.live("a chunked body that never ends is cut at the cap with a typed error", () =>
    Effect.gen(function*() {
      let sent = 0
      let closed = false
      const url = yield* serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        const chunk = Buffer.alloc(1024 * 1024, 0x5b) // "[" × 1 MiB
        const pump = () => {
          while (!closed && sent < 4 * cap) {
            sent += chunk.length
            if (!response.write(chunk)) return void response.once("drain", pump)
          }
        }
        response.on("close", () => {
          closed = true
        })
        pump()
      })
      const error = typedFailure(yield* Pools.search({}).pipe(Effect.provide(nodeClient(url)), Effect.exit))
      assert.strictEqual(error._tag, "E621DecodeError")
      if (error._tag === "E621DecodeError") assert.include(error.issue, "cap")
      assert.isBelow(sent, 2 * cap, "the client stopped reading soon after the cap")
      // and it let go of the connection: the server sees it closed
      for (let i = 0; i < 100 && !closed; i++) yield* Effect.sleep("20 millis")
      assert.isTrue(closed, "the connection was closed")
    }), 30_000)
})
