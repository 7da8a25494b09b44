/**
 * Guarantee 5 — many processes, one account: three worker processes sharing one Redis-backed budget stay within
 * e621's read limit together (the fake counts violations: 0), where three independent budgets would not; and the
 * budget never fails open — with Redis killed, restarted (slowly and at once) and paused by SIGSTOP under
 * 3 processes × 50 fibers, no second ever holds more than the budget's 2 requests, and after each recovery
 * there is no burst.
 *
 * Needs the `redis-server` binary (Debian package `redis-server`; the test command installs it when it is
 * missing, `scripts/provision.sh`). The test starts its own servers on free ports and stops them.
 */
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { freePort, spawnRedis } from "../support/redis.ts"
import { busiest } from "./support.ts"

/** A Redis on a free port; `restart` kills it by PID (SIGKILL: no goodbye) and starts a new, empty one on the same port. */
const startRedis = Effect.acquireRelease(
  Effect.promise(async () => {
    const port = await freePort()
    const redis = { url: `redis://127.0.0.1:${port}`, child: await spawnRedis(port), port }
    return {
      ...redis,
      get pid() {
        return redis.child.pid!
      },
      kill: () => process.kill(redis.child.pid!, "SIGKILL"),
      start: async () => {
        redis.child = await spawnRedis(port)
      },
      signal: (signal: NodeJS.Signals) => process.kill(redis.child.pid!, signal)
    }
  }),
  // by the current PID: `child` above was copied when the Redis was first started, and the last restarted
  // server outlived every run
  (redis) =>
    Effect.sync(() => {
      try {
        process.kill(redis.pid, "SIGKILL")
      } catch {
        // already gone
      }
    })
)

const worker = fileURLToPath(new URL("./redis-worker.ts", import.meta.url))
// Node itself (22: it strips the types), not tsx: tsx runs the script in a child process of its own, which a
// SIGKILL of tsx left running — load workers outlived the test, searching until their Redis wait ran out.
const node = (args: ReadonlyArray<string>) => [process.execPath, ["--conditions=source", worker, ...args]] as const

const runWorker = (args: ReadonlyArray<string>) =>
  Effect.callback<string, Error>((resume) => {
    const child: ChildProcess = execFile(...node(args), { timeout: 60_000 }, (error, stdout, stderr) => {
      resume(error ? Effect.fail(new Error(`${error.message}\n${stderr}`)) : Effect.succeed(stdout.trim()))
    })
    return Effect.sync(() => child.kill())
  })

/** A load worker: `fibers` fibers searching with `tags=<name>` until killed. */
const loadWorker = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() => spawn(...node(args), { stdio: ["ignore", "ignore", "pipe"] })),
    (child) => Effect.sync(() => child.kill("SIGKILL"))
  )

describe("many processes, one account", () => {
  it.live("3 workers sharing one Redis stay within e621's limit together", () =>
    Effect.gen(function*() {
      const redis = yield* startRedis
      const server = yield* NodeE621Fake.serve({ posts: 100, enforceLimits: true })
      const prefix = `e621:test:${Date.now()}:`
      const outputs = yield* Effect.all(
        [1, 2, 3].map(() => runWorker([server.url, redis.url, "3", prefix])),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(outputs, ["ok 3", "ok 3", "ok 3"])
      const log = yield* server.fake.requests
      assert.strictEqual(log.length, 9)
      assert.isTrue(log.every((r) => r.status === 200))
      assert.deepStrictEqual(yield* server.fake.violations, { reads: 0, writes: 0, iqdb: 0 })
      // one shared default budget (2 per 2 s): 9 requests took 4 windows, not 1 as three budgets would
      const times = log.map((r) => r.at).sort((a, b) => a - b)
      assert.isAtLeast(times[times.length - 1]! - times[0]!, 8_000)
    }), 90_000)

  it.live("Redis killed, restarted (slowly, then at once) and paused (SIGSTOP) under 3 processes × 50 fibers: never over the budget, no burst after recovery", () =>
    Effect.gen(function*() {
      const redis = yield* startRedis
      const server = yield* NodeE621Fake.serve({ posts: 100 })
      const prefix = `e621:chaos:${Date.now()}:`
      const names = ["w1", "w2", "w3"]
      for (const name of names) yield* loadWorker([server.url, redis.url, `load:50:${name}`, prefix])
      const count = Effect.map(server.fake.requests, (log) => log.length)
      /** Waits until every worker has been served once (the processes are up), up to a minute. */
      const started = Effect.gen(function*() {
        while (true) {
          const log = yield* server.fake.requests
          if (names.every((name) => log.some((r) => r.query.tags === name))) return
          yield* Effect.sleep("100 millis")
        }
      }).pipe(Effect.timeout("60 seconds"))
      /** Waits until `n` more requests arrived (the workers make progress), up to 30 s. */
      const progress = (n: number) =>
        Effect.gen(function*() {
          const start = yield* count
          while ((yield* count) < start + n) yield* Effect.sleep("100 millis")
        }).pipe(Effect.timeout("30 seconds"))
      const phases: Array<{ readonly phase: string; readonly at: number }> = []
      const mark = (phase: string) => Effect.sync(() => phases.push({ phase, at: Date.now() }))

      yield* started
      yield* progress(2)
      yield* mark("killed")
      redis.kill()
      yield* Effect.sleep("3 seconds")
      const duringOutage = yield* count
      yield* Effect.promise(redis.start)
      yield* mark("restarted")
      yield* progress(3)
      // a restart faster than one window: the dangerous case for a burst on top of what just went out
      redis.kill()
      yield* Effect.promise(redis.start)
      yield* mark("restarted at once")
      yield* progress(3)
      redis.signal("SIGSTOP")
      yield* mark("paused")
      yield* Effect.sleep("3 seconds")
      redis.signal("SIGCONT")
      yield* mark("resumed")
      yield* progress(4)

      const log = yield* server.fake.requests
      const times = log.map((r) => r.at)
      const detail = JSON.stringify({ phases, times: [...times].sort((a, b) => a - b) })
      assert.isAtMost(busiest(times, 1000), 2, detail)
      assert.deepStrictEqual(yield* server.fake.violations, { reads: 0, writes: 0, iqdb: 0 }, detail)
      // nothing went out while Redis was down (beyond the requests already granted when it died)
      const killedAt = phases[0]!.at
      const restartedAt = phases[1]!.at
      assert.isAtMost(times.filter((t) => t > killedAt + 500 && t < restartedAt).length, 0, detail)
      assert.isAtLeast(duringOutage, 3)
      // every process had its turn (counted once all three were up)
      const allUp = Math.max(...names.map((name) => log.find((r) => r.query.tags === name)!.at))
      const fromThen = log.filter((r) => r.at >= allUp)
      const shares = names.map((name) => fromThen.filter((r) => r.query.tags === name).length)
      for (const share of shares) assert.isAtLeast(share / fromThen.length, 0.15, `shares ${shares.join(", ")}`)
    }), 180_000)

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
