/**
 * The runtime matrix's tools: the fake served on loopback (with a 503 and a 429 planted), the program bundled by esbuild from the package sources, the runtimes' binaries from `node_modules`, a
 * page server on another origin, and Debian's Chromium driven by playwright-core.
 */
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as esbuild from "esbuild"
import { execFile, spawn } from "node:child_process"
import * as Fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import { chromium, type BrowserContext } from "playwright-core"
import type * as Program from "./program.ts"

/** The repository's root. */
export const root = fileURLToPath(new URL("../..", import.meta.url))

/** Debian's Chromium, as `npm test` provisions it (`scripts/provision.sh`). */
export const chromiumPath = "/usr/bin/chromium"

/** A fresh temporary directory, removed when the scope closes. */
export const tempDir: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "e621-runtimes-"))),
  (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
)

/** The headers a request reached the fake with, which its log leaves out. */
export interface Arrival {
  readonly method: string
  readonly path: string
  readonly userAgent: string | undefined
  readonly origin: string | undefined
}

/**
 * A fresh fake served on 127.0.0.1, whose first `GET /posts/<id>.json` gets nginx's 503 page and first
 * `POST /favorites.json` e621's 429 (`Retry-After: 1`), and the program's input for it (the fake's `tester`);
 * `arrivals` keeps the `User-Agent` and `Origin` each request came with, as the runtime's fetch sent them.
 */
export const serveFake = Effect.gen(function*() {
  const fake = yield* E621Fake.make({ posts: 60, seed: 18 })
  const arrivals: Array<Arrival> = []
  let failedRead = false
  let failedWrite = false
  const handle = (request: E621Fake.FakeRequest) =>
    Effect.suspend(() => {
      arrivals.push({
        method: request.method.toUpperCase(),
        path: request.url.pathname,
        userAgent: request.headers["user-agent"],
        origin: request.headers.origin
      })
      if (!failedRead && request.method === "GET" && /^\/posts\/\d+\.json$/.test(request.url.pathname)) {
        failedRead = true
        return Effect.andThen(fake.failNext("503"), fake.handle(request))
      }
      if (!failedWrite && request.method === "POST" && request.url.pathname === "/favorites.json") {
        failedWrite = true
        return Effect.andThen(fake.failNext("429"), fake.handle(request))
      }
      return fake.handle(request)
    })
  const server = yield* NodeE621Fake.serveFake({ ...fake, handle })
  const input: Program.Input = { host: server.url, username: E621Fake.TESTER.name, apiKey: E621Fake.TESTER.apiKey }
  return { server, fake, input, arrivals: arrivals as ReadonlyArray<Arrival> }
})

/**
 * Bundles an entry (and the library, from its TypeScript sources) into one ES module, as a page, a Worker or a
 * script for Bun and Deno loads it.
 */
export const bundle = (entry: string, outfile: string, minify = false): Effect.Effect<esbuild.Metafile> =>
  Effect.promise(() =>
    esbuild.build({
      entryPoints: [Path.join(root, entry)],
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["source"],
      minify,
      metafile: true,
      logLevel: "silent"
    })
  ).pipe(Effect.map((result) => result.metafile))

/** A binary installed by npm (`bun`, `deno`, `workerd`). */
export const bin = (name: string): string => Path.join(root, "node_modules", ".bin", name)

/** Runs a command to completion within `timeout` ms; its stdout, or a failure with its stderr. */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly env?: NodeJS.ProcessEnv; readonly cwd?: string; readonly timeout?: number } = {}
): Effect.Effect<string, Error> =>
  Effect.callback<string, Error>((resume) => {
    const child = execFile(command, [...args], {
      env: { ...process.env, ...options.env },
      cwd: options.cwd ?? root,
      timeout: options.timeout ?? 20_000,
      maxBuffer: 4 * 1024 * 1024
    }, (error, stdout, stderr) => {
      if (error === null) return resume(Effect.succeed(stdout))
      const why = error.killed ? `did not finish within ${options.timeout ?? 20_000} ms (killed)` : `failed: ${error.message}`
      resume(Effect.fail(new Error(`${Path.basename(command)} ${why}\n${stderr}`)))
    })
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** A free port on 127.0.0.1 (for servers that take their address from a config file). */
export const freePort: Effect.Effect<number> = Effect.callback<number>((resume) => {
  const server = Http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** Starts a long-running process until the scope closes (killed then). */
export const daemon = (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string
): Effect.Effect<{ readonly output: () => string }, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const child = spawn(command, [...args], { cwd, stdio: ["ignore", "pipe", "pipe"] })
      let output = ""
      // a binary that cannot start (missing, not executable) is told in the output, not thrown at the runner
      child.on("error", (error) => output += `${command} did not start: ${error.message}\n`)
      child.stdout.on("data", (chunk: Buffer) => output += chunk.toString())
      child.stderr.on("data", (chunk: Buffer) => output += chunk.toString())
      return { child, output: () => output }
    }),
    ({ child }) => Effect.sync(() => child.kill("SIGKILL"))
  )

/** Serves files (path → content and type) on `localhost`, another origin than the fake's 127.0.0.1. */
export const servePages = (
  files: Readonly<Record<string, { readonly body: string | Uint8Array; readonly type: string }>>
): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.callback<Http.Server>((resume) => {
      const server = Http.createServer((request, response) => {
        const file = files[new URL(request.url ?? "/", "http://localhost").pathname]
        if (file === undefined) {
          response.writeHead(404).end()
          return
        }
        response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body)
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.callback<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
  ).pipe(Effect.map((server) => `http://localhost:${(server.address() as AddressInfo).port}`))

/** The flags Chromium needs on this closed network (no background connections, no sandbox as root). */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // no test may reach the network: every host name but loopback resolves to nothing in the browser
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
]

/** Headless Chromium with a fresh profile (and extra flags, e.g. to load an extension), closed with the scope. */
export const launchChromium = (extraArgs: ReadonlyArray<string> = []): Effect.Effect<BrowserContext, Error, Scope.Scope> =>
  Effect.gen(function*() {
  if (!Fs.existsSync(chromiumPath)) {
    return yield* Effect.fail(
      new Error(`${chromiumPath} is missing: npm test installs it (sh scripts/provision.sh chromium), or apt-get install -y chromium`)
    )
  }
  const profile = yield* tempDir
  return yield* Effect.acquireRelease(
    Effect.tryPromise({
      try: () =>
        chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs], timeout: 20_000 }),
      catch: (error) => new Error(`Chromium did not start: ${String(error)}`)
    }),
    (context) => Effect.promise(() => context.close())
  )
})

/**
 * Runs a bundled Worker module (`dir/module`) in workerd with text bindings, on a free loopback port, with
 * outbound connections allowed to loopback only (the fake); `send` gets the Worker's origin once it listens.
 */
export const workerd = (
  dir: string,
  module: string,
  bindings: Readonly<Record<string, string>>,
  send: (origin: string) => Promise<Response>
): Effect.Effect<{ readonly status: number; readonly text: string }, never, Scope.Scope> =>
  Effect.gen(function*() {
    const port = yield* freePort
    const texts = Object.entries(bindings).map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    Fs.writeFileSync(Path.join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed ${JSON.stringify(module)})],
  bindings = [${texts.join(", ")}],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`)
    const server = yield* daemon(bin("workerd"), ["serve", "config.capnp"], dir)
    return yield* Effect.tryPromise(() => send(`http://127.0.0.1:${port}/`)).pipe(
      // until workerd listens
      Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 100 }),
      Effect.flatMap((response) =>
        Effect.promise(() => response.text()).pipe(Effect.map((text) => ({ status: response.status, text })))
      ),
      Effect.timeout("20 seconds"),
      Effect.catch((error) => Effect.succeed({ status: 0, text: `${String(error)}\n${server.output()}` }))
    )
  })
