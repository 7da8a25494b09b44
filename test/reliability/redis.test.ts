/**
 * Guarantee 4 — many processes, one account: three worker processes sharing one Redis-backed budget stay within
 * e621's read limit together (the fake counts violations: 0), where three independent budgets would not. The
 * workers use a budget without bursts (`{ limit: 1, window: "1 second" }`): a cold process's first request can
 * arrive tens of milliseconds late, which a burst of 2 followed by a request one second later cannot absorb.
 *
 * Needs the `redis-server` binary (Debian package `redis-server`; `.ci/run` installs it). The test starts its own
 * server on a free port and stops it afterwards.
 */
import { NodeE621Fake } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

const startRedis = Effect.acquireRelease(
  Effect.promise(async () => {
    const port = await freePort()
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "pipe" })
    await new Promise<void>((resolve, reject) => {
      child.once("error", (error) => reject(new Error(`redis-server could not start (install the redis-server package): ${error.message}`)))
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Ready to accept connections")) resolve()
      })
    })
    return { url: `redis://127.0.0.1:${port}`, child }
  }),
  ({ child }) => Effect.sync(() => child.kill())
)

const worker = fileURLToPath(new URL("./redis-worker.ts", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url))

const runWorker = (args: ReadonlyArray<string>) =>
  Effect.callback<string, Error>((resume) => {
    const child: ChildProcess = execFile(tsx, ["--conditions=source", worker, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resume(error ? Effect.fail(new Error(`${error.message}\n${stderr}`)) : Effect.succeed(stdout.trim()))
    })
    return Effect.sync(() => child.kill())
  })

describe("many processes, one account", () => {
  it.live("3 workers sharing one Redis stay within e621's limit together", () =>
    Effect.gen(function*() {
      const redis = yield* startRedis
      const server = yield* NodeE621Fake.serve({ posts: 100, enforceLimits: true })
      const prefix = `e621:test:${Date.now()}:`
      const outputs = yield* Effect.all(
        [1, 2, 3].map(() => runWorker([server.url, redis.url, "4", prefix])),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(outputs, ["ok 4", "ok 4", "ok 4"])
      const log = yield* server.fake.requests
      assert.strictEqual(log.length, 12)
      assert.isTrue(log.every((r) => r.status === 200))
      assert.deepStrictEqual(yield* server.fake.violations, { reads: 0, writes: 0, iqdb: 0 })
      // one shared budget of 1/s: 12 requests took about 11.5 s, not 4 s as three budgets would
      const times = log.map((r) => r.at).sort((a, b) => a - b)
      assert.isAtLeast(times[times.length - 1]! - times[0]!, 10_500)
    }), 90_000)

  it.live("the fake notices when the budget is not shared (the test can fail)", () =>
    Effect.gen(function*() {
      const redis = yield* startRedis
      const server = yield* NodeE621Fake.serve({ posts: 100 })
      // each worker gets its own prefix: three separate budgets
      yield* Effect.all([1, 2, 3].map((i) => runWorker([server.url, redis.url, "2", `e621:solo:${Date.now()}:${i}:`])), {
        concurrency: "unbounded"
      })
      assert.isAbove((yield* server.fake.violations).reads, 0)
    }), 90_000)
})
