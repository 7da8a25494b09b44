/**
 * Echoed secrets: a server (or proxy, or error page) that echoes the request's `Authorization` header back in
 * its answer must not get the credentials into anything the client builds from that answer — any error class's
 * `reason`, `message`, `excerpt`, `issue` or `errors`, `String(e)`, `JSON.stringify(e)`, the stack,
 * `Cause.pretty`, log lines, span attributes, or the headers and body handed to the caller — in any obvious
 * encoding of the key (raw, `user:key`, the Basic-auth base64 with or without padding, base64url,
 * percent-encoded, JSON- or HTML-escaped, hex).
 */
import { E621Client, Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { observed } from "./support.ts"

const ua = "effect-e621-tests/1.0 (by tester on e621)"

/** Everything a server could derive from a Basic-auth header and echo back, each form named. */
const echoes = (authorization: string): ReadonlyArray<readonly [string, string]> => {
  const b64 = authorization.replace(/^Basic /, "")
  const pair = Buffer.from(b64, "base64").toString("utf8")
  const key = pair.slice(pair.indexOf(":") + 1)
  const html = (text: string) => text.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.charCodeAt(0)};`)
  return [
    ["the header", authorization],
    ["the key", key],
    ["user:key", pair],
    ["base64", b64],
    ["base64 without padding", b64.replace(/=+$/, "")],
    ["base64url", Buffer.from(pair).toString("base64url")],
    ["percent-encoded base64", encodeURIComponent(b64)],
    ["percent-encoded base64, lower-case hex", encodeURIComponent(b64).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ["percent-encoded user:key", encodeURIComponent(pair)],
    ["JSON-escaped base64", b64.replaceAll("/", "\\/")],
    ["HTML-escaped base64", html(b64)],
    ["the key's own base64", Buffer.from(key).toString("base64")],
    ["the key in hex", Buffer.from(key).toString("hex")]
  ]
}

/** What the secret-bearing forms look like once a JSON body is parsed (`\/` becomes `/`). */
const secretsOf = (authorization: string): ReadonlyArray<string> => {
  const b64 = authorization.replace(/^Basic /, "")
  const pair = Buffer.from(b64, "base64").toString("utf8")
  const key = pair.slice(pair.indexOf(":") + 1)
  return [...echoes(authorization).map(([, form]) => form), key, b64, b64.replace(/=+$/, "")]
}

type Reply = (echo: string) => Response

/** JSON as Rails writes it: `<`, `>`, `&` and everything beyond ASCII as `\uXXXX` escapes. */
const railsJson = (value: unknown, status: number) =>
  new Response(
    JSON.stringify(value).replace(/[<>&\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    { status, headers: { "content-type": "application/json; charset=utf-8" } }
  )

/** One answer per error class e621 can produce, each echoing `echo` where that class keeps text. */
const scenarios: ReadonlyArray<readonly [tag: string, reply: Reply]> = [
  ["E621NotFound", (echo) => Response.json({ success: false, reason: `not found for ${echo}` }, { status: 404 })],
  ["E621Unauthorized", (echo) => Response.json({ success: false, message: `SessionLoader::AuthenticationFailure ${echo}`, code: null }, { status: 401 })],
  ["E621Forbidden", (echo) => new Response(`<html><head><title>Blocked: ${echo}</title></head><body>${echo}</body></html>`, { status: 403, headers: { "content-type": "text/html" } })],
  ["E621PageLimit", (echo) => Response.json({ success: false, reason: `page ${echo}` }, { status: 410 })],
  ["E621ValidationFailed", (echo) => Response.json({ errors: { [`field_${echo}`]: [`is wrong: ${echo}`], base: [echo] } }, { status: 422 })],
  ["E621RateLimited", (echo) => Response.json({ success: false, reason: `slow down ${echo}` }, { status: 429, headers: { "retry-after": "1" } })],
  ["E621ServerError", (echo) => Response.json({ success: false, message: `boom ${echo}`, code: `uuid-${echo}` }, { status: 500 })],
  ["E621DecodeError", (echo) => new Response(null, { status: 302, headers: { location: `https://${encodeURIComponent(echo)}.example/?auth=${encodeURIComponent(echo)}` } })],
  ["E621DecodeError", (echo) => new Response(`<html><title>${echo}</title></html>`, { status: 200, headers: { "content-type": "text/html" } })],
  ["E621DecodeError", (echo) => new Response(`not json ${echo}`, { status: 200, headers: { "content-type": "application/json" } })],
  ["E621DecodeError", (echo) => Response.json({ post: { id: echo, echo } }, { status: 200 })],
  ["E621ValidationFailed", (echo) => railsJson({ errors: { base: [`bad ${echo}`] } }, 422)],
  ["E621DecodeError", (echo) => railsJson({ post: { id: "x", echo } }, 200)],
  ["E621TransportError", (echo) => new Response(`{"post":{"echo":"${echo}"`, { status: 200, headers: { "content-type": "application/json" } })]
]

/** A client whose transport answers with `reply`, given the echo chosen from the request's Authorization. */
const echoing = (credentials: E621Client.Credentials, form: number, reply: Reply) => {
  let authorization = ""
  const layer = E621Client.layer({ host: "https://e621.test", userAgent: ua, rateLimit: false, retry: false, credentials }).pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request) =>
        Effect.sync(() => {
          authorization = request.headers["authorization"] ?? ""
          return HttpClientResponse.fromWeb(request, reply(echoes(authorization)[form]![1]))
        })
      )
    ))
  )
  return { layer, authorization: () => authorization }
}


const assertClean = (label: string, text: string, secrets: ReadonlyArray<string>) => {
  for (const secret of secrets) assert.notInclude(text, secret, `${label} leaks ${JSON.stringify(secret)}`)
}

const accounts: ReadonlyArray<readonly [string, E621Client.Credentials]> = [
  ["an e621-like key", { username: "tester", apiKey: "9xQm2VbT7kLp4sWz8nRc3dFh" }],
  ["a key full of characters that encode", { username: "zoë_fox", apiKey: "K3y/with+odd?chars&=~é>" }]
]

describe("echoed credentials are scrubbed from everything built from an answer", () => {
  for (const [account, credentials] of accounts) {
    for (const [index, [form]] of echoes("Basic dGVzdGVyOmtleQ==").entries()) {
      it.effect(`${account}, echoed as ${form}: no error class, log or span carries it`, () =>
        Effect.gen(function*() {
          for (const [tag, reply] of scenarios) {
            const { layer, authorization } = echoing(credentials, index, reply)
            const { exit, logs, spans } = yield* observed(Posts.get(1).pipe(Effect.provide(layer)))
            const secrets = secretsOf(authorization())
            const label = `${tag} (${form})`
            assert.isTrue(Exit.isFailure(exit), label)
            if (Exit.isFailure(exit)) {
              assert.isFalse(Cause.hasDies(exit.cause), `${label}: ${Cause.pretty(exit.cause)}`)
              const error = Cause.squash(exit.cause) as Error & { readonly _tag: string }
              assert.strictEqual(error._tag, tag, label)
              assertClean(`${label}: Cause.pretty`, Cause.pretty(exit.cause), secrets)
              assertClean(`${label}: String(e)`, String(error), secrets)
              assertClean(`${label}: JSON.stringify(e)`, JSON.stringify(error), secrets)
              assertClean(`${label}: stack`, error.stack ?? "", secrets)
            }
            assertClean(`${label}: logs`, logs.join("\n"), secrets)
            for (const span of spans) assertClean(`${label}: span`, JSON.stringify([...span.attributes]), secrets)
          }
        }))
    }
  }

  it.effect("escapes that spell the key out once decoded (JSON \\u, HTML entities), also where an excerpt is cut", () =>
    Effect.gen(function*() {
      const credentials = accounts[0]![1]
      const key = credentials.apiKey as string
      const jsonEscaped = key.slice(0, 4) + "\\u" + key.charCodeAt(4).toString(16).padStart(4, "0") + key.slice(5)
      const entity = key.slice(0, 4) + `&#${key.charCodeAt(4)};` + key.slice(5)
      const everyEntity = [...key].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join("")
      const json = (text: string, status: number) => new Response(text, { status, headers: { "content-type": "application/json" } })
      const html = (title: string, status: number) => new Response(`<html><title>${title}</title></html>`, { status, headers: { "content-type": "text/html" } })
      const replies: ReadonlyArray<readonly [string, Response]> = [
        ["a 200 that fails to decode", json(`{"post":{"id":"x","echo":"${jsonEscaped}"}}`, 200)],
        ["a 500 JSON string cut at the excerpt's end", json(`"${"a".repeat(290)}${jsonEscaped}"`, 500)],
        ["a 422 with the key in a field name", json(`{"errors":{"f_${jsonEscaped}":["bad ${jsonEscaped}"]}}`, 422)],
        ["an HTML title with one entity", html(entity, 500)],
        ["an HTML title cut at the excerpt's end", html(`${"b".repeat(290)}${entity}`, 503)],
        ["an HTML title of entities only", html(everyEntity, 403)],
        ["an HTML 200", html(entity, 200)]
      ]
      const pieces = [key, key.slice(0, 12), key.slice(12)]
      for (const [label, reply] of replies) {
        const { layer } = echoing(credentials, 0, () => reply.clone())
        const { exit, logs } = yield* observed(Posts.get(1).pipe(Effect.provide(layer)))
        assert.isTrue(Exit.isFailure(exit), label)
        if (Exit.isFailure(exit)) {
          assertClean(`${label}: Cause.pretty`, Cause.pretty(exit.cause), pieces)
          assertClean(`${label}: JSON.stringify(e)`, JSON.stringify(Cause.squash(exit.cause)), pieces)
        }
        assertClean(`${label}: logs`, logs.join("\n"), pieces)
      }
      // a successful answer's body is scrubbed the same way
      const { layer } = echoing(credentials, 0, () => json(`{"seen":"${jsonEscaped}"}`, 200))
      const response = yield* E621Client.execute({ method: "GET", path: "/echo.json" }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(response.body, { seen: "<redacted>" })
    }))

  it.effect("the headers and body of a successful answer are scrubbed too; other text is left alone", () =>
    Effect.gen(function*() {
      const credentials = accounts[0]![1]
      const { layer, authorization } = echoing(credentials, 0, (echo) =>
        Response.json({ seen: echo, nested: [{ [echo]: `x ${echo} y` }], keep: "tester says hi" }, { headers: { "x-echo": echo } }))
      const response = yield* E621Client.execute({ method: "GET", path: "/echo.json" }).pipe(Effect.provide(layer))
      const text = JSON.stringify(response)
      assertClean("response", text, secretsOf(authorization()))
      assert.deepStrictEqual(response.body, {
        seen: "Basic <redacted>",
        nested: [{ "Basic <redacted>": "x Basic <redacted> y" }],
        keep: "tester says hi"
      })
      assert.strictEqual(response.headers["x-echo"], "Basic <redacted>")
    }))

  it.effect("an anonymous client changes nothing", () =>
    Effect.gen(function*() {
      const layer = E621Client.layer({ host: "https://e621.test", userAgent: ua, rateLimit: false, retry: false }).pipe(
        Layer.provide(Layer.succeed(
          HttpClient.HttpClient,
          HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, Response.json({ a: "Basic dGVzdGVyOmtleQ==" }))))
        ))
      )
      const response = yield* E621Client.execute({ method: "GET", path: "/echo.json" }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(response.body, { a: "Basic dGVzdGVyOmtleQ==" })
    }))

  it.live("over real HTTP: a server echoing the header into a 500 and a 401 leaks nothing", () =>
    Effect.gen(function*() {
      const server = yield* Effect.acquireRelease(
        Effect.callback<Http.Server>((resume) => {
          const server = Http.createServer((request, response) => {
            const echo = request.headers.authorization ?? ""
            const status = request.url?.startsWith("/posts/1.") ? 500 : 401
            response.writeHead(status, { "content-type": "application/json", "x-echo": echo })
            response.end(JSON.stringify({ success: false, message: `you sent ${echo}`, code: echo }))
          })
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) => Effect.callback<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
      )
      const credentials = accounts[1]![1]
      const layer = NodeE621.layer({
        host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        userAgent: ua,
        credentials,
        rateLimit: false,
        retry: false
      })
      const pair = `${credentials.username}:${credentials.apiKey as string}`
      const secrets = [credentials.apiKey as string, Buffer.from(pair).toString("base64")]
      for (const call of [Posts.get(1), Posts.get(2)]) {
        const { exit, logs } = yield* observed(call.pipe(Effect.provide(layer)))
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) assertClean("real HTTP", `${Cause.pretty(exit.cause)} ${JSON.stringify(Cause.squash(exit.cause))}`, secrets)
        assertClean("real HTTP logs", logs.join("\n"), secrets)
      }
    }))
})
