import { E621Client } from "@effect-e621/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, ConfigProvider, Effect, Exit, Fiber, Layer, Redacted } from "effect"
import { HttpClient, HttpClientError, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"

interface Sent {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly at: number
}

type Reply = Response | "refused" | "reset" | { readonly delay: number; readonly response: Response }

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })
const html = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/html", ...headers } })

const ua = "effect-e621-tests/1.0 (by tester on e621)"
const apiKey = "sEcReT-KeY-1234567890"

/** A scripted transport: the n-th request gets `script(n, url)`; every request is recorded with its virtual time. */
const scripted = (script: (n: number, url: URL) => Reply, options: Partial<E621Client.Options> = {}) => {
  const sent: Array<Sent> = []
  const transport = HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const at = yield* Clock.currentTimeMillis
      sent.push({ method: request.method, url, headers: request.headers, at })
      const reply = script(sent.length - 1, url)
      if (reply === "refused" || reply === "reset") {
        return yield* Effect.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({
              request,
              cause: Object.assign(new Error(reply), { code: reply === "refused" ? "ECONNREFUSED" : "ECONNRESET" })
            })
          })
        )
      }
      if (reply instanceof Response) return HttpClientResponse.fromWeb(request, reply)
      yield* Effect.sleep(reply.delay)
      return HttpClientResponse.fromWeb(request, reply.response)
    })
  )
  const layer = E621Client.layer({ userAgent: ua, ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, transport))
  )
  return { sent, layer }
}

const run = <A, E, E2>(effect: Effect.Effect<A, E, E621Client.E621Client>, layer: Layer.Layer<E621Client.E621Client, E2>) =>
  Effect.gen(function*() {
    const fiber = yield* effect.pipe(Effect.provide(layer), Effect.exit, Effect.forkChild)
    yield* TestClock.adjust("30 minutes")
    return yield* Fiber.join(fiber)
  })

const get = (path = "/posts.json") => E621Client.execute({ method: "GET", path })

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return error.error
}

describe("E621Client options", () => {
  const rejected = [
    [{ userAgent: "" }, "userAgent"],
    [{ userAgent: "   " }, "userAgent"],
    [{ userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36" }, "userAgent"],
    [{ userAgent: "node-fetch/1.0" }, "userAgent"],
    [{ userAgent: "python-requests/2.31" }, "userAgent"],
    // one list of library defaults for the client and the fake's edge (they once disagreed on these)
    [{ userAgent: "python-urllib/3.11" }, "userAgent"],
    [{ userAgent: "curl/8.5.0" }, "userAgent"],
    [{ userAgent: "Wget/1.21" }, "userAgent"],
    [{ userAgent: "bot\r\nX-Evil: 1" }, "userAgent"],
    [{ userAgent: ua, host: "not a url" }, "host"],
    [{ userAgent: ua, host: "ftp://e621.net" }, "host"],
    [{ userAgent: ua, credentials: { username: "tester", apiKey: "" } }, "credentials.apiKey"],
    [{ userAgent: ua, credentials: { username: "", apiKey: Redacted.make("k") } }, "credentials.username"],
    [{ userAgent: ua, host: "http://e621.example.org", credentials: { username: "u", apiKey: "k" } }, "host"],
    [{ userAgent: ua, rateLimit: { limit: 0, window: "1 second" } }, "rateLimit.limit"],
    [{ userAgent: ua, retry: { times: -1, base: "1 second" } }, "retry.times"],
    [{ userAgent: ua, timeout: 0 }, "timeout"]
  ] as const
  for (const [options, field] of rejected) {
    it.effect(`rejects ${JSON.stringify(options)} naming ${field}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(E621Client.validateOptions(options as E621Client.Options))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assert.strictEqual(error.field, field)
      }))
  }

  it.effect("resolves presets and custom hosts", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* E621Client.validateOptions({ userAgent: ua })).baseUrl, "https://e621.net")
      const e926 = yield* E621Client.validateOptions({ userAgent: ua, host: "e926" })
      assert.strictEqual(e926.baseUrl, "https://e926.net")
      assert.isTrue(e926.safeMode)
      // e926 however it is spelled
      for (const host of ["https://www.e926.net", "https://E926.NET./", "https://e926.net:443"]) {
        assert.isTrue((yield* E621Client.validateOptions({ userAgent: ua, host })).safeMode, host)
      }
      assert.isFalse((yield* E621Client.validateOptions({ userAgent: ua, host: "https://e926.net.example" })).safeMode)
      assert.strictEqual((yield* E621Client.validateOptions({ userAgent: ua, host: "e6ai" })).baseUrl, "https://e6ai.net")
      const local = yield* E621Client.validateOptions({
        userAgent: ua,
        host: "http://127.0.0.1:3000/",
        credentials: { username: "u", apiKey: "k" }
      })
      assert.strictEqual(local.baseUrl, "http://127.0.0.1:3000")
    }))

  it.effect("a bad option fails the layer, and no request is sent", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({}), { userAgent: "" })
      const exit = yield* run(get(), layer)
      assert.strictEqual(failure(exit)._tag, "E621InvalidInput")
      assert.strictEqual(sent.length, 0)
    }))
})

describe("E621Client requests", () => {
  it.effect("sends the User-Agent, Accept and Basic auth", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({ posts: [] }), {
        credentials: { username: "tester", apiKey: Redacted.make(apiKey) }
      })
      const exit = yield* run(E621Client.execute({ method: "GET", path: "/posts.json", query: { tags: "cat", page: undefined } }), layer)
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(sent[0]!.headers["user-agent"], ua)
      assert.strictEqual(sent[0]!.headers["authorization"], `Basic ${btoa(`tester:${apiKey}`)}`)
      assert.include(sent[0]!.headers["accept"] ?? "", "application/json")
      assert.strictEqual(sent[0]!.url.toString(), "https://e621.net/posts.json?tags=cat")
    }))

  it.effect("parses JSON and treats an empty 204 as no body", () =>
    Effect.gen(function*() {
      const { layer } = scripted((n) => n === 0 ? json({ a: 1 }) : new Response(null, { status: 204 }))
      const exit = yield* run(Effect.all([get(), E621Client.execute({ method: "PUT", path: "/x.json" })]), layer)
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) {
        assert.deepStrictEqual(exit.value[0].body, { a: 1 })
        assert.strictEqual(exit.value[1].body, undefined)
        assert.strictEqual(exit.value[1].status, 204)
      }
    }))
})

describe("E621Client classification", () => {
  const cases: ReadonlyArray<readonly [string, () => Response, string, string]> = [
    ["404 reason", () => json({ success: false, reason: "not found" }, 404), "E621NotFound", "not found"],
    ["404 HTML route", () => html("<html><head><title>Not Found</title></head></html>", 404), "E621NotFound", "Not Found"],
    ["401 message", () => json({ success: false, message: "SessionLoader::AuthenticationFailure", code: null }, 401), "E621Unauthorized", "SessionLoader::AuthenticationFailure"],
    ["403 reason", () => json({ success: false, reason: "Access Denied" }, 403), "E621Forbidden", "Access Denied"],
    ["410 page", () => json({ success: false, message: "You cannot go beyond page 750. Please narrow your search terms.", code: null }, 410), "E621PageLimit", "You cannot go beyond page 750. Please narrow your search terms."],
    ["422 errors", () => json({ errors: { name: ["is too short"], base: ["Nope"] } }, 422), "E621ValidationFailed", "name is too short; Nope"],
    ["422 tag limit", () => json({ success: false, message: "You cannot search for more than 40 tags at a time", code: null }, 422), "E621ValidationFailed", "You cannot search for more than 40 tags at a time"],
    ["422 notes reasons", () => json({ success: false, reasons: ["Body can't be blank"] }, 422), "E621ValidationFailed", "Body can't be blank"],
    ["412 upload duplicate", () => json({ success: false, reason: "duplicate", location: "/posts/1", post_id: 1 }, 412), "E621ValidationFailed", "duplicate of post #1"],
    ["400 copy_notes", () => json({ success: false, reason: "Post has no notes" }, 400), "E621ValidationFailed", "Post has no notes"],
    ["429 login error", () => json({ error: "Too many login attempts" }, 429), "E621RateLimited", "Too many login attempts"]
  ]
  for (const [name, reply, tag, reason] of cases) {
    it.effect(name, () =>
      Effect.gen(function*() {
        // logged in: e621's reason as is (without credentials a 401/403 also says that they are missing)
        const { layer } = scripted(reply, { retry: false, credentials: { username: "u", apiKey: "Xq7vK2mP9wL4" } })
        const error = failure(yield* run(get("/posts/1.json"), layer))
        assert.strictEqual(error._tag, tag)
        assert.strictEqual("reason" in error ? error.reason : undefined, reason)
        assert.strictEqual(error.method, "GET")
        assert.strictEqual(error.url, "https://e621.net/posts/1.json")
      }))
  }

  it.effect("an HTML 403 is an edge block", () =>
    Effect.gen(function*() {
      const { layer } = scripted(() => html("<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head></html>", 403))
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(error._tag, "E621Forbidden")
      if (error._tag === "E621Forbidden") {
        assert.isTrue(error.blocked)
        assert.strictEqual(error.reason, "Attention Required! | Cloudflare")
      }
    }))

  it.effect("a JSON 500 keeps e621's error code", () =>
    Effect.gen(function*() {
      const { layer } = scripted(() => json({ success: false, message: "An unexpected error occurred.", code: "0f0e-uuid" }, 500), { retry: false })
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(error._tag, "E621ServerError")
      if (error._tag === "E621ServerError") {
        assert.strictEqual(error.code, "0f0e-uuid")
        assert.isFalse(error.html)
      }
    }))

  it.effect("HTML with status 200 is a decode error with an excerpt", () =>
    Effect.gen(function*() {
      const { layer } = scripted(() => html("<html><head><title>Just a moment...</title></head></html>", 200))
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(error._tag, "E621DecodeError")
      if (error._tag === "E621DecodeError") assert.include(error.excerpt, "Just a moment")
    }))

  it.effect("a body that is not JSON is a decode error", () =>
    Effect.gen(function*() {
      const { layer } = scripted(() => new Response("hello", { status: 200, headers: { "content-type": "text/plain" } }))
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(error._tag, "E621DecodeError")
    }))
})

describe("E621Client retries", () => {
  it.effect("waits for Retry-After on a 503, then succeeds", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted((n) => n === 0 ? html("<html>busy</html>", 503, { "retry-after": "30" }) : json({ ok: true }))
      const exit = yield* run(get(), layer)
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(sent.map((s) => s.at), [0, 30_000])
    }))

  it.effect("retries 5xx HTML pages with growing delays and gives up with E621ServerError", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => html("<html><head><title>502 Bad Gateway</title></head></html>", 502), {
        retry: { times: 3, base: "1 second" }
      })
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(sent.length, 4)
      assert.strictEqual(error._tag, "E621ServerError")
      if (error._tag === "E621ServerError") {
        assert.isTrue(error.html)
        assert.strictEqual(error.status, 502)
        assert.strictEqual(error.reason, "502 Bad Gateway")
      }
      const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at)
      assert.isTrue(gaps[0]! >= 800 && gaps[0]! <= 1200, `first gap ${gaps[0]}`)
      assert.isTrue(gaps[2]! > gaps[0]!, `delays grow: ${gaps}`)
    }))

  it.effect("exhausted 429s give E621RateLimited with retryAfter", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({ success: false, message: "Throttled: Too many requests", code: null }, 429, { "retry-after": "5" }), {
        retry: { times: 2, base: "100 millis" }
      })
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(sent.length, 3)
      assert.strictEqual(error._tag, "E621RateLimited")
      if (error._tag === "E621RateLimited") assert.strictEqual(error.retryAfter, 5000)
    }))

  it.effect("does not retry 4xx answers", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({ success: false, reason: "not found" }, 404))
      failure(yield* run(get(), layer))
      assert.strictEqual(sent.length, 1)
    }))

  it.effect("a cut JSON body is retried and succeeds", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted((n) => n === 0 ? new Response("{\"posts\":[{\"id\":1", { status: 200 }) : json({ posts: [] }))
      assert.isTrue(Exit.isSuccess(yield* run(get(), layer)))
      assert.strictEqual(sent.length, 2)
    }))

  it.effect("a slow answer times out and is retried", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted((n) => n === 0 ? { delay: 60_000, response: json({}) } : json({ ok: 1 }), {
        timeout: "10 seconds"
      })
      assert.isTrue(Exit.isSuccess(yield* run(get(), layer)))
      assert.strictEqual(sent.length, 2)
      assert.isTrue(sent[1]!.at >= 10_000)
    }))

  it.effect("a timeout that never clears ends in E621TransportError(timeout)", () =>
    Effect.gen(function*() {
      const { layer } = scripted(() => ({ delay: 60_000, response: json({}) }), { timeout: "1 second", retry: { times: 1, base: "1 second" } })
      const error = failure(yield* run(get(), layer))
      assert.strictEqual(error._tag, "E621TransportError")
      if (error._tag === "E621TransportError") assert.strictEqual(error.kind, "timeout")
    }))

  it.effect("writes are not retried after a 500 or a reset (maybe processed)", () =>
    Effect.gen(function*() {
      for (const reply of [() => json({ success: false, message: "x", code: null }, 500), () => "reset" as const]) {
        const { layer, sent } = scripted(reply)
        failure(yield* run(E621Client.execute({ method: "POST", path: "/favorites.json" }), layer))
        assert.strictEqual(sent.length, 1)
      }
    }))

  it.effect("writes are retried after 429 and a refused connection (not processed)", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted((n) =>
        n === 0 ? json({ success: false, message: "Throttled: Too many requests", code: null }, 429) : n === 1 ? "refused" : json({ post_id: 1, favorite_count: 2 })
      )
      assert.isTrue(Exit.isSuccess(yield* run(E621Client.execute({ method: "POST", path: "/favorites.json" }), layer)))
      assert.strictEqual(sent.length, 3)
    }))

  it.effect("idempotent writes are retried like reads", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted((n) => n === 0 ? html("<html>oops</html>", 502) : json({ score: 1, up: 1, down: 0, our_score: 1 }))
      const exit = yield* run(E621Client.execute({ method: "POST", path: "/posts/1/votes.json", idempotent: true }), layer)
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(sent.length, 2)
    }))
})

describe("E621Client rate limit", () => {
  it.effect("default budget: at most 2 in any 2 seconds (+5% jitter margin): bursts of 2, 1 request per second", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({}))
      const exit = yield* run(Effect.all(Array.from({ length: 6 }, () => get()), { concurrency: "unbounded" }), layer)
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(sent.map((s) => s.at).sort((a, b) => a - b), [0, 0, 2100, 2100, 4200, 4200])
    }))

  it.effect("reads and writes have separate budgets", () =>
    Effect.gen(function*() {
      const { layer, sent } = scripted(() => json({}), {
        rateLimit: { limit: 1, window: "1 second" },
        writeRateLimit: { limit: 1, window: "1 second" }
      })
      const exit = yield* run(
        Effect.all([get(), E621Client.execute({ method: "POST", path: "/favorites.json" }), get()], { concurrency: "unbounded" }),
        layer
      )
      assert.isTrue(Exit.isSuccess(exit))
      const posts = sent.filter((s) => s.method === "POST").map((s) => s.at)
      const gets = sent.filter((s) => s.method === "GET").map((s) => s.at).sort((a, b) => a - b)
      assert.deepStrictEqual(posts, [0])
      assert.deepStrictEqual(gets, [0, 1050])
    }))
})

describe("E621Client secrets", () => {
  it.effect("the API key appears in no error, message or JSON", () =>
    Effect.gen(function*() {
      const basic = btoa(`tester:${apiKey}`)
      const replies: ReadonlyArray<() => Reply> = [
        () => json({ success: false, message: "SessionLoader::AuthenticationFailure", code: null }, 401),
        () => html("<html>blocked</html>", 403),
        () => "refused",
        () => new Response("{\"a\":", { status: 200 }),
        () => json({ errors: { base: ["no"] } }, 422)
      ]
      for (const reply of replies) {
        const { layer } = scripted(reply, { credentials: { username: "tester", apiKey }, retry: false })
        const error = failure(yield* run(E621Client.execute({ method: "GET", path: "/posts.json", query: { api_key: "x" } }), layer))
        for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
          assert.notInclude(text, apiKey)
          assert.notInclude(text, basic)
        }
      }
    }))
})

describe("E621Client.layerConfig", () => {
  const fromEnv = (env: Record<string, string>) => {
    const sent: Array<{ url: string; auth: string | undefined; ua: string | undefined }> = []
    const transport = HttpClient.make((request, url) =>
      Effect.sync(() => {
        sent.push({ url: url.toString(), auth: request.headers["authorization"], ua: request.headers["user-agent"] })
        return HttpClientResponse.fromWeb(request, json({ posts: [] }))
      })
    )
    const layer = E621Client.layerConfig().pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, transport)),
      Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))
    )
    return { sent, layer }
  }

  it.effect("reads host, User-Agent and credentials from the environment", () =>
    Effect.gen(function*() {
      const { layer, sent } = fromEnv({ E621_HOST: "e926", E621_USER_AGENT: ua, E621_USERNAME: "tester", E621_API_KEY: apiKey })
      const exit = yield* run(get(), layer)
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(sent[0]!.url, "https://e926.net/posts.json")
      assert.strictEqual(sent[0]!.ua, ua)
      assert.strictEqual(sent[0]!.auth, `Basic ${btoa(`tester:${apiKey}`)}`)
    }))

  it.effect("a missing E621_USER_AGENT is named, with what to set", () =>
    Effect.gen(function*() {
      const error = failure(yield* run(get(), fromEnv({}).layer))
      assert.strictEqual(
        error.message,
        `E621_USER_AGENT: is not set: e621 requires a descriptive User-Agent like "my-app/1.0 (by name on e621)"; set E621_USER_AGENT, or pass userAgent`
      )
    }))

  it.effect("half-set credentials and a missing User-Agent are errors, not anonymity", () =>
    Effect.gen(function*() {
      for (const [env, field] of [
        [{ E621_USER_AGENT: ua, E621_USERNAME: "tester" }, "E621_API_KEY"],
        [{ E621_USER_AGENT: ua, E621_API_KEY: apiKey }, "E621_USERNAME"],
        [{}, "E621_USER_AGENT"],
        [{ E621_USER_AGENT: "Mozilla/5.0" }, "userAgent"]
      ] as const) {
        const { layer, sent } = fromEnv(env)
        const error = failure(yield* run(get(), layer))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : "", field)
        assert.strictEqual(sent.length, 0)
      }
    }))
})
