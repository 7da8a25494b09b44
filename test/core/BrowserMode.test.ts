/**
 * Browser mode of `E621Client` (identification through `_client`, no tracing headers, a read token for each
 * CORS preflight) and the fake's browser-facing edge: `_client`, Rack::Cors' answers, Rails' CSRF rule.
 * (Real browsers, Bun, Deno and workerd run in test/runtimes.)
 */
import { E621Client } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { vi } from "vitest"

const ua = "effect-e621-tests/1.0 (by tester on e621)"
const browserUa = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"

interface Sent {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly at: number
}

/** A transport that records what the client sends (with its virtual time) and answers `{}`. */
const recording = (options: Partial<E621Client.Options>) => {
  const sent: Array<Sent> = []
  const transport = HttpClient.make((request, url) =>
    Effect.map(Clock.currentTimeMillis, (at) => {
      sent.push({ method: request.method, url, headers: request.headers, at })
      return HttpClientResponse.fromWeb(request, Response.json({}))
    })
  )
  const layer = E621Client.layer({ userAgent: ua, host: "https://e621.test", rateLimit: false, ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, transport))
  )
  return { sent, layer }
}

/**
 * Runs on the `TestClock` with the client built first: building it awaits a real promise (the credentials'
 * digest), which would otherwise let the clock move on before the requests wait for their budget.
 */
const runAll = <A, E>(effect: Effect.Effect<A, E, E621Client.E621Client>, layer: Layer.Layer<E621Client.E621Client, unknown>) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(layer)
    const fiber = yield* effect.pipe(Effect.provide(context), Effect.exit, Effect.forkChild)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  }).pipe(Effect.scoped)

const credentials = { username: "tester", apiKey: "test-api-key" }

describe("E621Client browser mode", () => {
  it.effect("browser mode identifies with _client and sends no User-Agent or tracing header; server mode the reverse", () =>
    Effect.gen(function*() {
      for (const browser of [true, false]) {
        const { layer, sent } = recording({ browser, credentials })
        const exit = yield* runAll(
          Effect.all([
            E621Client.execute({ method: "GET", path: "/posts.json", query: { limit: 1 } }),
            E621Client.execute({ method: "POST", path: "/favorites.json", body: { _tag: "Form", fields: { post_id: 1 } } }),
            E621Client.execute({ method: "DELETE", path: "/favorites/1.json" }),
            E621Client.fetchFile("/data/preview/aa/bb/aabb.jpg")
          ]),
          layer
        )
        assert.isTrue(Exit.isSuccess(exit))
        assert.strictEqual(sent.length, 4)
        for (const request of sent) {
          const api = !request.url.pathname.startsWith("/data/")
          assert.strictEqual(request.url.searchParams.get("_client"), browser && api ? ua : null, request.url.href)
          assert.strictEqual(request.headers["user-agent"], browser ? undefined : ua)
          assert.strictEqual(request.headers.traceparent === undefined, browser, "tracing headers")
          assert.strictEqual(request.headers.b3 === undefined, browser, "tracing headers")
          // credentials only ever in the Authorization header, never as login/api_key
          assert.isNull(request.url.searchParams.get("api_key"))
          assert.strictEqual(request.headers.authorization !== undefined, api)
        }
        const settings = yield* E621Client.settings.pipe(Effect.provide(layer))
        assert.strictEqual(settings.browser, browser)
      }
    }))

  it.effect("over fetch: browser mode sends no cookies (unless the user's RequestInit asks), redirects are never followed", () =>
    Effect.gen(function*() {
      const inits = (browser: boolean, userInit?: RequestInit) =>
        Effect.gen(function*() {
          const seen: Array<RequestInit> = []
          const fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
            seen.push(init ?? {})
            return Promise.resolve(Response.json({}))
          }
          const layer = E621Client.layer({ userAgent: ua, host: "https://e621.test", rateLimit: false, browser }).pipe(
            Layer.provide(FetchHttpClient.layer),
            Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch as typeof globalThis.fetch))
          )
          const request = E621Client.execute({ method: "GET", path: "/posts.json" })
          yield* runAll(
            userInit === undefined ? request : request.pipe(Effect.provideService(FetchHttpClient.RequestInit, userInit)),
            layer
          )
          return seen.map((init) => ({ credentials: init.credentials, redirect: init.redirect }))
        })
      assert.deepStrictEqual(yield* inits(true), [{ credentials: "omit", redirect: "manual" }])
      assert.deepStrictEqual(yield* inits(false), [{ credentials: undefined, redirect: "manual" }])
      assert.deepStrictEqual(yield* inits(true, { credentials: "include", redirect: "follow" }), [{ credentials: "include", redirect: "manual" }])
    }))

  it.effect("a missing or bad identification is refused before any request, naming _client in browser mode", () =>
    Effect.gen(function*() {
      for (const userAgent of ["", "   "]) {
        const error = yield* Effect.flip(E621Client.validateOptions({ userAgent, browser: true }))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assert.strictEqual(error.field, "userAgent")
        assert.include(error.message, "_client")
      }
      const browserLike = yield* Effect.flip(E621Client.validateOptions({ userAgent: browserUa, browser: true }))
      assert.strictEqual(browserLike.field, "userAgent")
      const bad = yield* Effect.flip(E621Client.validateOptions({ userAgent: ua, browser: "yes" as unknown as boolean }))
      assert.strictEqual(bad.field, "browser")
    }))

  it("the mode is detected by capability: on where fetch drops User-Agent, or the runtime's own is a browser's outside Node", () => {
    // the globals of another runtime, for one synchronous detection (nothing else runs meanwhile)
    const detected = (globals: { readonly navigator?: unknown; readonly Request?: unknown; readonly process?: unknown }) => {
      for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value)
      try {
        return Effect.runSync(E621Client.validateOptions({ userAgent: ua })).browser
      } finally {
        vi.unstubAllGlobals()
      }
    }
    // a Request that drops a User-Agent set by the page, as Chromium's does
    class DroppingRequest extends Request {
      constructor(input: string, init?: RequestInit) {
        const headers = new Headers(init?.headers)
        headers.delete("user-agent")
        super(input, { ...init, headers })
      }
    }
    class NoRequest {
      constructor() {
        throw new TypeError("Illegal constructor")
      }
    }
    const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:150.0) Gecko/20100101 Firefox/150.0"
    const safari =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15"
    // this Node (navigator is "Node.js/22" since Node 21), and the runtimes' own names, now and next
    assert.isFalse(detected({}))
    for (const userAgent of ["Node.js/22", "Node.js/26", "Bun/1.4.4", "Bun/2.0.0", "Deno/2.9.6", "Deno/3.0.0", "Cloudflare-Workers"]) {
      assert.isFalse(detected({ navigator: { userAgent }, process: undefined }), userAgent)
    }
    assert.isFalse(detected({ navigator: undefined, process: undefined }), "no navigator (React Native, older runtimes)")
    assert.isFalse(detected({ navigator: undefined, process: undefined, Request: NoRequest }), "no fetch API")
    // browsers (no Node `process`): Chromium, Firefox (which lets the header through), Safari
    for (const userAgent of [browserUa, firefox, safari]) {
      assert.isTrue(detected({ navigator: { userAgent }, process: undefined }), userAgent)
    }
    // a DOM emulation in Node (jsdom) keeps Node's fetch, which sends our User-Agent
    assert.isFalse(detected({ navigator: { userAgent: "Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/26.1.0" } }))
    // whatever its navigator says (or without one), a runtime whose fetch drops User-Agent is a browser (Electron too)
    assert.isTrue(detected({ navigator: undefined, process: undefined, Request: DroppingRequest }), "no navigator")
    assert.isTrue(detected({ navigator: { userAgent: browserUa }, Request: DroppingRequest }), "with Node's process")
    // the option wins over detection
    vi.stubGlobal("navigator", { userAgent: firefox })
    vi.stubGlobal("process", undefined)
    try {
      assert.isFalse(Effect.runSync(E621Client.validateOptions({ userAgent: ua, browser: false })).browser)
    } finally {
      vi.unstubAllGlobals()
    }
    assert.isTrue(Effect.runSync(E621Client.validateOptions({ userAgent: ua, browser: true })).browser)
  })

  it.effect("a preflighted request draws a read token for its OPTIONS (logged in, or PUT/PATCH/DELETE)", () =>
    Effect.gen(function*() {
      const times = (options: Partial<E621Client.Options>, method: "GET" | "DELETE") =>
        Effect.gen(function*() {
          const { layer, sent } = recording({ rateLimit: { limit: 2, window: "2 seconds" }, ...options })
          const request = { method, path: "/x.json", bucket: "read" as const, idempotent: true }
          yield* runAll(Effect.all([E621Client.execute(request), E621Client.execute(request)]), layer)
          return sent.map((r) => r.at - sent[0]!.at)
        })
      // two tokens per preflighted request: the second waits two refills of 1.05 s
      const [first, second] = yield* times({ browser: true, credentials }, "GET")
      assert.strictEqual(first, 0)
      assert.isAtLeast(second!, 2_000)
      const [, deleteSecond] = yield* times({ browser: true }, "DELETE")
      assert.isAtLeast(deleteSecond!, 2_000)
      // no preflight: an anonymous GET in a browser, anything outside it
      assert.deepStrictEqual(yield* times({ browser: true }, "GET"), [0, 0])
      assert.deepStrictEqual(yield* times({ browser: false, credentials }, "GET"), [0, 0])
      assert.deepStrictEqual(yield* times({ browser: false }, "DELETE"), [0, 0])
    }))
})

// ---------------------------------------------------------------------------------------------------------
// The fake's browser-facing edge

const base = "http://127.0.0.1:3000"

const send = (
  fake: E621Fake.E621Fake["Service"],
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string
) =>
  fake.handle({
    method,
    url: new URL(path, base),
    headers: body === undefined ? headers : { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: body === undefined ? undefined : new TextEncoder().encode(body)
  })

const client = `_client=${encodeURIComponent(ua)}`
const basic = (user: E621Fake.User) => `Basic ${btoa(`${user.name}:${user.apiKey}`)}`
const csrfMessage = "ActionController::InvalidAuthenticityToken. Did you properly authorize your request?"

describe("the fake's edge for browsers", () => {
  it.effect("identification: a descriptive User-Agent, or a descriptive _client (a browser's User-Agent alone is blocked)", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 20 })
      const preview = (yield* fake.post((yield* fake.postIds)[0]!))!.preview.url!.replace(/^https:\/\/[^/]+/, "")
      const table: ReadonlyArray<readonly [string, Record<string, string>, number]> = [
        ["/posts.json", { "user-agent": ua }, 200],
        [`/posts.json?${client}`, { "user-agent": browserUa }, 200],
        [`/posts.json?${client}`, {}, 200],
        ["/posts.json", { "user-agent": browserUa }, 403],
        [`/posts.json?_client=${encodeURIComponent(browserUa)}`, { "user-agent": browserUa }, 403],
        ["/posts.json?_client=python-requests%2F2.31", {}, 403],
        ["/posts.json", { "user-agent": "python-urllib/3.11" }, 403],
        ["/posts.json", { "user-agent": "curl/8.5.0" }, 403],
        ["/posts.json", { "user-agent": "Wget/1.21" }, 403],
        ["/posts.json?_client=", { "user-agent": browserUa }, 403],
        // the static host serves a page's <img> as it is
        [preview, { "user-agent": browserUa }, 200],
        [preview, { "user-agent": "node" }, 403]
      ]
      for (const [path, headers, status] of table) {
        const response = yield* send(fake, "GET", path, headers)
        assert.strictEqual(response.status, status, `${path} ${JSON.stringify(headers)}`)
        if (status === 403) assert.include(response.headers["content-type"], "text/html")
      }
    }))

  it.effect("preflights get Rack::Cors' answer: any header, the seven methods, nothing exposed, no credentials mode", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 5 })
      const origin = { "user-agent": browserUa, origin: "http://localhost:8080" }
      const allowed = yield* send(fake, "OPTIONS", `/favorites/1.json?${client}`, {
        ...origin,
        "access-control-request-method": "DELETE",
        "access-control-request-headers": "authorization"
      })
      assert.deepStrictEqual(allowed, {
        status: 200,
        headers: {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD",
          "access-control-expose-headers": "",
          "access-control-max-age": "7200",
          "access-control-allow-headers": "authorization"
        },
        body: ""
      })
      // a method Rack::Cors does not allow: 200 without CORS headers (the browser refuses the request)
      const refused = yield* send(fake, "OPTIONS", `/posts.json?${client}`, { ...origin, "access-control-request-method": "TRACE" })
      assert.deepStrictEqual(refused, { status: 200, headers: {}, body: "" })
      // OPTIONS that is not a preflight reaches Rails, which has no such route
      assert.strictEqual((yield* send(fake, "OPTIONS", `/posts.json?${client}`, origin)).status, 404)
      // the static host is not behind Rack::Cors: a preflight for a file gets no CORS header
      const preview = (yield* fake.post((yield* fake.postIds)[0]!))!.preview.url!.replace(/^https:\/\/[^/]+/, "")
      const file = yield* send(fake, "OPTIONS", preview, { ...origin, "access-control-request-method": "GET" })
      assert.strictEqual(file.status, 405)
      assert.isUndefined(file.headers["access-control-allow-origin"])
    }))

  it.effect("e621's own answers carry the CORS headers (and Vary: Origin); the edge's and Cloudflare's pages do not", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 5 })
      const origin = { "user-agent": browserUa, origin: "http://localhost:8080" }
      const ok = yield* send(fake, "GET", `/posts.json?${client}`, origin)
      assert.strictEqual(ok.headers["access-control-allow-origin"], "*")
      assert.strictEqual(ok.headers["access-control-expose-headers"], "")
      assert.strictEqual(ok.headers.vary, "Origin")
      const notFound = yield* send(fake, "GET", `/posts/999999.json?${client}`, origin)
      assert.strictEqual(notFound.status, 404)
      assert.strictEqual(notFound.headers["access-control-allow-origin"], "*")
      const plain = yield* send(fake, "GET", "/posts.json", { "user-agent": ua })
      assert.isUndefined(plain.headers["access-control-allow-origin"])
      assert.strictEqual(plain.headers.vary, "Origin")
      yield* fake.failNext("429")
      const throttled = yield* send(fake, "GET", `/posts.json?${client}`, origin)
      assert.strictEqual(throttled.headers["access-control-allow-origin"], "*")
      assert.strictEqual(throttled.headers["retry-after"], "1")
      for (const kind of ["503", "503-retry-after", "502", "500", "522"] as const) {
        yield* fake.failNext(kind)
        const page = yield* send(fake, "GET", `/posts.json?${client}`, origin)
        assert.isUndefined(page.headers["access-control-allow-origin"], kind)
      }
      const preview = (yield* fake.post((yield* fake.postIds)[0]!))!.preview.url!.replace(/^https:\/\/[^/]+/, "")
      const image = yield* send(fake, "GET", preview, origin)
      assert.strictEqual(image.status, 200)
      assert.isUndefined(image.headers["access-control-allow-origin"], "files carry no CORS header")
      const blocked = yield* send(fake, "GET", "/posts.json", origin)
      assert.strictEqual(blocked.status, 403)
      assert.isUndefined(blocked.headers["access-control-allow-origin"])
    }))

  it.effect("CSRF: writes pass with Basic auth from anywhere, with login/api_key only without Origin or from e621 itself", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 10 })
      const ids = yield* fake.postIds
      const tester = E621Fake.TESTER
      const before = yield* fake.favorites(tester.name)
      const params = `login=${tester.name}&api_key=${tester.apiKey}`
      const table: ReadonlyArray<readonly [string, Record<string, string>, string, number]> = [
        ["basic, cross-origin", { authorization: basic(tester), origin: "http://localhost:8080" }, "", 200],
        ["params, no Origin", {}, params, 200],
        ["params, same origin", { origin: base }, params, 200],
        ["params, cross-origin", { origin: "http://localhost:8080" }, params, 403],
        ["params, opaque origin", { origin: "null" }, params, 403],
        ["anonymous, no Origin", {}, "", 403],
        ["anonymous, cross-origin", { origin: "http://localhost:8080" }, "", 403]
      ]
      for (const [[name, headers, auth, status], i] of table.map((row, i) => [row, i] as const)) {
        const body = [auth, `post_id=${ids[i]}`].filter((part) => part !== "").join("&")
        const response = yield* send(fake, "POST", `/favorites.json?${client}`, { "user-agent": browserUa, ...headers }, body)
        assert.strictEqual(response.status, status, name)
        if (status === 403) assert.deepStrictEqual(JSON.parse(response.body), { success: false, message: csrfMessage, code: null }, name)
      }
      const added = (yield* fake.favorites(tester.name)).filter((id) => !before.includes(id))
      assert.deepStrictEqual(added, [ids[0]!, ids[1]!, ids[2]!].sort((a, b) => a - b))
      // bad credentials in the header skip the CSRF check and fail authentication
      const wrong = yield* send(fake, "DELETE", `/favorites/${ids[0]}.json?${client}`, {
        "user-agent": browserUa,
        origin: "http://localhost:8080",
        authorization: `Basic ${btoa("tester:wrong")}`
      })
      assert.strictEqual(wrong.status, 401)
      // IQDB queries skip the CSRF check (iqdb_queries_controller)
      const iqdb = yield* send(fake, "POST", `/iqdb_queries.json?${client}`, { "user-agent": browserUa, origin: "http://localhost:8080" }, `post_id=${ids[0]}`)
      assert.notInclude(iqdb.body, "InvalidAuthenticityToken")
    }))

  it.effect("preflights count against the edge's 2 requests per second", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 5, enforceLimits: true })
      const preflight = { "user-agent": browserUa, origin: "http://localhost:8080", "access-control-request-method": "GET" }
      assert.strictEqual((yield* send(fake, "OPTIONS", `/posts.json?${client}`, preflight)).status, 200)
      assert.strictEqual((yield* send(fake, "GET", `/posts.json?${client}`, { "user-agent": browserUa })).status, 200)
      assert.strictEqual((yield* send(fake, "GET", `/posts.json?${client}`, { "user-agent": browserUa })).status, 503)
    }))
})
