/**
 * The runtime matrix: one program (program.ts) on Node 22 (NodeE621, and over its fetch), Bun, Deno, Cloudflare's
 * workerd and a real headless Chromium (a page, a Web Worker, an extension's service worker), each against a fresh
 * fake e621 served on loopback. Each run must give the same summary, and
 * the fake's log must show what e621 would have seen: the 503 and the 429 retried (after `Retry-After` where it
 * is readable, on the schedule in the browser), cursor pages, the identification (the
 * `User-Agent`, or `_client` from the browser, with CORS preflights before its logged-in requests).
 */
import { NodeE621 } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Harness from "./harness.ts"
import * as Program from "./program.ts"

type Served = Effect.Success<typeof Harness.serveFake>

/**
 * How the runtime's fetch identifies itself: our `User-Agent` and no `Origin` (a server runtime), or the
 * browser's own `User-Agent` (a browser drops ours or must not send it) and the `Origin`s it may send. A page
 * or a Worker is under CORS (preflights, no readable `Retry-After`); an extension with host permissions is not.
 */
type Sender =
  | { readonly browser: false }
  | {
    readonly browser: true
    readonly userAgent: string
    readonly origins: ReadonlyArray<string | undefined>
    readonly cors: boolean
  }

const server: Sender = { browser: false }

/** What every runtime must answer, and what the fake must have seen. */
const verify = (served: Served, summary: Program.Summary, sender: Sender) =>
  Effect.gen(function*() {
    const { fake, arrivals } = served
    const browser = sender.browser
    const log = yield* fake.requests
    const ids = yield* fake.postIds
    const newest = [...ids].sort((a, b) => b - a)
    assert.deepStrictEqual(summary, {
      browser,
      searched: 5,
      streamed: 10,
      distinct: 10,
      descending: true,
      retried: newest[1]!,
      missing: "E621NotFound",
      favorited: newest[0]!
    })
    assert.include(yield* fake.favorites("tester"), newest[0]!)
    // the 503 came from the fake, and the same read was sent again
    const reads = log.filter((r) => r.method === "GET" && r.path === `/posts/${newest[1]}.json`)
    assert.deepStrictEqual(reads.map((r) => r.status), [503, 200])
    // the write's 429 was retried: after its Retry-After where the header is readable, on the retry schedule
    // (100 ms, jittered) in a browser, which cannot read it
    const writes = log.filter((r) => r.method === "POST" && r.path === "/favorites.json")
    assert.deepStrictEqual(writes.map((r) => r.status), [429, 200])
    const gap = writes[1]!.at - writes[0]!.at
    if (sender.browser && sender.cors) assert.isBelow(gap, 900, "retried on the schedule")
    else assert.isAtLeast(gap, 1000, "retried after Retry-After")
    // the stream walked cursor pages
    const pages = log.filter((r) => r.method === "GET" && r.path === "/posts.json" && r.query.page?.startsWith("b"))
    assert.isAtLeast(pages.length, 2)
    const api = log.filter((r) => r.method !== "OPTIONS")
    if (browser) {
      assert.isTrue(api.every((r) => r.query._client === Program.userAgent), "every request carries _client")
      const preflights = log.filter((r) => r.method === "OPTIONS" && r.status === 200).length
      if (sender.cors) assert.isAbove(preflights, 0, "preflights were answered")
      else assert.strictEqual(log.length, api.length, "no preflight with host permissions")
    } else {
      assert.isTrue(api.every((r) => r.query._client === undefined), "no _client outside the browser")
      assert.strictEqual(log.length, api.length, "no preflight outside the browser")
    }
    // what the runtime's fetch really put on the wire, request by request
    assert.strictEqual(arrivals.length, log.length)
    const userAgent = sender.browser ? sender.userAgent : Program.userAgent
    const origins = sender.browser ? sender.origins : [undefined]
    for (const arrival of arrivals) {
      const where = `${arrival.method} ${arrival.path}`
      assert.strictEqual(arrival.userAgent, userAgent, `${where}: the User-Agent the runtime sent`)
      assert.include(origins, arrival.origin, `${where}: the Origin the runtime sent`)
    }
    assert.isTrue(api.filter((r) => r.method === "POST" && r.fault === undefined).every((r) => r.user === "tester"), "logged in")
  })

/** The program bundled for a runtime, into a temporary directory. */
const bundled = (entry: string) =>
  Effect.gen(function*() {
    const dir = yield* Harness.tempDir
    const file = Path.join(dir, "program.mjs")
    yield* Harness.bundle(entry, file)
    return { dir, file }
  })

/** The summary a runtime printed as its last line, or a failure that shows what it printed instead. */
const parse = (runtime: string, stdout: string): Effect.Effect<Program.Summary, Error> =>
  Effect.try({
    try: () => JSON.parse(stdout.trim().split("\n").at(-1)!) as Program.Summary,
    catch: () => new Error(`${runtime} exited without printing the summary; its stdout:\n${stdout}`)
  })

// Each step has its own deadline (20 s at most) that fails with a message saying which; the test's is above them.
describe("the same program on every runtime", { timeout: 60_000 }, () => {
  it.live("Node 22 (NodeE621)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const summary = yield* Program.program.pipe(
        Effect.provide(NodeE621.layer(Program.options(served.input))),
        Effect.orDie
      )
      yield* verify(served, summary, server)
    }).pipe(Effect.scoped))

  it.live("Node 22 (FetchHttpClient: Node's fetch, and its navigator)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const summary = yield* Effect.tryPromise(() => Program.run(served.input)).pipe(Effect.orDie)
      yield* verify(served, summary, server)
    }).pipe(Effect.scoped))

  it.live("Bun (FetchHttpClient)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { dir, file } = yield* bundled("test/runtimes/entries/cli.ts")
      const stdout = yield* Harness.run(Harness.bin("bun"), [file, JSON.stringify(served.input)], {
        cwd: dir,
        env: { BUN_INSTALL_CACHE_DIR: Path.join(dir, "cache"), DO_NOT_TRACK: "1" }
      })
      yield* verify(served, yield* parse("bun", stdout), server)
    }).pipe(Effect.scoped))

  it.live("Deno (FetchHttpClient), with network access to the fake only", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { dir, file } = yield* bundled("test/runtimes/entries/cli.ts")
      const stdout = yield* Harness.run(
        Harness.bin("deno"),
        ["run", "--no-prompt", `--allow-net=127.0.0.1:${served.server.port}`, file, JSON.stringify(served.input)],
        { cwd: dir, env: { DENO_DIR: Path.join(dir, "deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } }
      )
      yield* verify(served, yield* parse("deno", stdout), server)
    }).pipe(Effect.scoped))

  it.live("Cloudflare workerd (a Worker's fetch handler)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { dir } = yield* bundled("test/runtimes/entries/worker.ts")
      const answer = yield* Harness.workerd(dir, "program.mjs", {}, (origin) =>
        fetch(origin, { method: "POST", body: JSON.stringify(served.input) }))
      assert.strictEqual(answer.status, 200, answer.text)
      yield* verify(served, JSON.parse(answer.text) as Program.Summary, server)
    }).pipe(Effect.scoped))

  it.live("headless Chromium (browser mode, cross-origin)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { file } = yield* bundled("test/runtimes/entries/browser.ts")
      const origin = yield* Harness.servePages({
        "/runtime.html": { body: `<!doctype html><script type="module" src="/runtime.js"></script>`, type: "text/html" },
        "/runtime.js": { body: Fs.readFileSync(file), type: "text/javascript" }
      })
      const context = yield* Harness.launchChromium()
      const page = yield* Effect.promise(() => context.newPage())
      yield* Effect.promise(() => page.goto(`${origin}/runtime.html`))
      yield* Effect.promise(() => page.waitForFunction(() => "runProgram" in globalThis, undefined, { timeout: 10_000 }))
      const summary = yield* Effect.tryPromise(() =>
        page.evaluate(
          (input) => (globalThis as unknown as { runProgram: typeof Program.run }).runProgram(input),
          served.input
        )
      ).pipe(
        Effect.timeoutOrElse({
          duration: "20 seconds",
          orElse: () => Effect.fail(new Error("the program did not finish in Chromium within 20 s"))
        }),
        Effect.orDie
      )
      const userAgent = yield* Effect.promise(() => page.evaluate(() => navigator.userAgent))
      yield* verify(served, summary, { browser: true, userAgent, origins: [origin], cors: true })

      // What a page sees of e621's answers, request by request.
      const browserFetch = (path: string, init: { readonly method?: string; readonly body?: string; readonly headers?: Record<string, string> } = {}) =>
        Effect.promise(() =>
          page.evaluate(async ([url, init]) => {
            try {
              const response = await fetch(url, init)
              return { status: response.status, headers: [...response.headers.keys()].sort(), text: await response.text() }
            } catch (error) {
              return { error: (error as Error).name }
            }
          }, [`${served.server.url}${path}`, init] as const)
        )
      const client = `_client=${encodeURIComponent(Program.userAgent)}`
      // an identified read: the body, but only the CORS-safelisted headers (not Vary, not the CORS headers)
      const read = yield* browserFetch(`/posts.json?limit=1&${client}`)
      assert.deepInclude(read, { status: 200, headers: ["content-length", "content-type"] })
      // e621's 429 is readable, its Retry-After is not
      yield* served.fake.failNext("429")
      const throttled = yield* browserFetch(`/posts.json?limit=1&${client}`)
      assert.deepInclude(throttled, { status: 429, headers: ["content-length", "content-type"] })
      // login + api_key from another origin fail e621's CSRF check (a form-encoded POST needs no preflight)
      const [postId] = yield* served.fake.postIds
      const forged = yield* browserFetch(`/favorites.json?${client}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login: served.input.username, api_key: served.input.apiKey, post_id: String(postId) }).toString()
      })
      assert.strictEqual("status" in forged ? forged.status : forged.error, 403)
      assert.include("text" in forged ? forged.text : "", "InvalidAuthenticityToken")
      // without _client the edge's 403 page has no CORS header: the page sees a network error, as the 503 before
      assert.deepStrictEqual(yield* browserFetch("/posts.json?limit=1"), { error: "TypeError" })
      const log = yield* served.fake.requests
      assert.deepStrictEqual(log.slice(-4).map((r) => r.status), [200, 429, 403, 403])
    }).pipe(Effect.scoped))

  it.live("headless Chromium, in a Web Worker (no window, no document)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { file } = yield* bundled("test/runtimes/entries/webworker.ts")
      const origin = yield* Harness.servePages({
        "/worker.html": { body: `<!doctype html><title>worker</title>`, type: "text/html" },
        "/worker.js": { body: Fs.readFileSync(file), type: "text/javascript" }
      })
      const context = yield* Harness.launchChromium()
      const page = yield* Effect.promise(() => context.newPage())
      yield* Effect.promise(() => page.goto(`${origin}/worker.html`))
      const answer = yield* Effect.tryPromise(() =>
        page.evaluate((input) =>
          new Promise<{ readonly summary?: Program.Summary; readonly error?: string }>((resolve) => {
            const worker = new Worker("/worker.js", { type: "module" })
            worker.onmessage = (event) => resolve(event.data)
            worker.onerror = (event) => resolve({ error: event.message })
            worker.postMessage(input)
          }), served.input)
      ).pipe(
        Effect.timeoutOrElse({
          duration: "20 seconds",
          orElse: () => Effect.fail(new Error("the program did not finish in Chromium's Worker within 20 s"))
        }),
        Effect.orDie
      )
      assert.isDefined(answer.summary, answer.error)
      const userAgent = yield* Effect.promise(() => page.evaluate(() => navigator.userAgent))
      yield* verify(served, answer.summary!, { browser: true, userAgent, origins: [origin], cors: true })
    }).pipe(Effect.scoped))

  it.live("headless Chromium, in an extension's service worker (no window; host permissions lift CORS)", () =>
    Effect.gen(function*() {
      const served = yield* Harness.serveFake
      const { dir, file } = yield* bundled("test/runtimes/entries/browser.ts")
      const extension = Path.join(dir, "extension")
      Fs.mkdirSync(extension)
      Fs.copyFileSync(file, Path.join(extension, "background.js"))
      Fs.writeFileSync(
        Path.join(extension, "manifest.json"),
        JSON.stringify({
          manifest_version: 3,
          name: "effect-e621 runtimes",
          version: "1.0",
          background: { service_worker: "background.js", type: "module" },
          host_permissions: ["http://127.0.0.1/*"]
        })
      )
      const context = yield* Harness.launchChromium([`--disable-extensions-except=${extension}`, `--load-extension=${extension}`])
      const worker = context.serviceWorkers()[0] ??
        (yield* Effect.tryPromise(() => context.waitForEvent("serviceworker", { timeout: 10_000 })).pipe(Effect.orDie))
      const summary = yield* Effect.tryPromise(() =>
        worker.evaluate(
          (input) => (globalThis as unknown as { runProgram: typeof Program.run }).runProgram(input),
          served.input
        )
      ).pipe(
        Effect.timeoutOrElse({
          duration: "20 seconds",
          orElse: () => Effect.fail(new Error("the program did not finish in the extension within 20 s"))
        }),
        Effect.orDie
      )
      const userAgent = yield* Effect.promise(() => worker.evaluate(() => navigator.userAgent))
      const origin = `chrome-extension://${new URL(worker.url()).host}` // URL#origin is "null" for this scheme
      yield* verify(served, summary, { browser: true, userAgent, origins: [undefined, origin], cors: false })
    }).pipe(Effect.scoped))
})
