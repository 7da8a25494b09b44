/**
 * The demo: real jobs over HTTP, offline.
 *
 * 1. It serves the fake e621 on a free localhost port (with e621's read limit enforced and a few injected
 *    502/503s), then streams a tag search well past page 1 through `NodeE621` — rate limiter, retries and
 *    `Retry-After` at work — and prints what happened.
 * 2. It runs the `e621` command line against its embedded fake (`--host fake`): a download of 300 files
 *    (progress bar on a terminal, md5-verified, atomic), the same download again (every file skipped, none
 *    fetched), then an offline query over the `posts` database export to NDJSON.
 *
 *   npm run demo
 */
import * as Child from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { Console, Effect, Fiber, Schedule, Stream } from "effect"

const query = "rating:s -solo"
const wanted = 900

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/** Why the fake did not answer 200: a fault it injected, or e621's limit check (the client went over it). */
const why = (entry: { readonly status: number; readonly fault?: string | undefined }) =>
  entry.fault !== undefined ? `injected fault (${entry.fault})` : `${entry.status}: over e621's limit`

export const demo = Effect.scoped(Effect.gen(function*() {
  const server = yield* NodeE621Fake.serve({
    posts: 25_000,
    seed: 621,
    enforceLimits: true,
    faults: { rate: 0.18, kinds: ["503-retry-after", "502"], retryAfter: 1, seed: 7 }
  })
  yield* Console.log(`fake e621 listening on ${server.url} (25,000 posts, reads over 2/s refused, ~18% of answers are 502/503)`)
  yield* Console.log(`streaming "${query}", ${wanted} posts, 100 per page, default rate limit (at most 2 requests in any 2 s)\n`)

  const started = Date.now()
  let printed = 0
  const printLog = Effect.gen(function*() {
    const log = yield* server.fake.requests
    for (const entry of log.slice(printed)) {
      const page = entry.query.page === undefined ? "first page" : `page=${entry.query.page}`
      const note = entry.status === 200 ? "" : `  ← ${why(entry)}, client ${entry.status === 503 || entry.status === 429 ? "waits Retry-After" : "backs off"} and retries`
      yield* Console.log(`  +${seconds(entry.at - started).padStart(5)}  GET /posts.json ${page.padEnd(12)} → ${entry.status}${note}`)
    }
    printed = log.length
  })
  const printer = yield* printLog.pipe(Effect.repeat(Schedule.spaced("100 millis")), Effect.forkChild)

  const counts = new Map<string, number>()
  const ids: Array<number> = []
  yield* Posts.stream({ tags: query, pageSize: 100 }).pipe(
    Stream.take(wanted),
    Stream.runForEach((post) =>
      Effect.sync(() => {
        ids.push(post.id)
        for (const tag of post.tags.general) counts.set(tag, (counts.get(tag) ?? 0) + 1)
      })
    ),
    Effect.provide(NodeE621.layer({
      host: server.url,
      userAgent: "effect-e621-demo/0.1 (by effect-e621 on e621)",
      retry: { times: 8, base: "250 millis" }
    }))
  )
  yield* Fiber.interrupt(printer)
  yield* printLog

  const log = yield* server.fake.requests
  const violations = yield* server.fake.violations
  const ok = log.filter((entry) => entry.status === 200).length
  const injected = log.filter((entry) => entry.fault !== undefined).length
  // the claims come from the numbers
  const repeats = ids.length - new Set(ids).size
  const newestFirst = ids.every((id, i) => i === 0 || id < ids[i - 1]!)
  const order = `${repeats === 0 ? "each once" : `${repeats} seen twice (a bug)`}, ${newestFirst ? "newest first" : "out of order (a bug)"}`
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8)
  // the fake counts every request over e621's limits on arrival
  const over = violations.reads + violations.writes + violations.iqdb
  const verdict = over === 0 ? "the client kept e621's limits" : `the client went over e621's limits ${over} times: a bug, please report it`
  yield* Console.log(`
summary
  posts seen        ${ids.length} (ids ${ids[0]} down to ${ids.at(-1)}), ${order}
  pages             ${ok} answered, ${log.length - ok} retried (${injected} injected faults, ${log.length - ok - injected} over e621's limit)
  time              ${seconds(Date.now() - started)}
  limit violations  ${violations.reads} reads, ${violations.writes} writes, ${violations.iqdb} IQDB (${verdict})
  top tags          ${top.map(([tag, n]) => `${tag} (${n})`).join(", ")}`)
}))

const bin = NodePath.resolve(import.meta.dirname, "../packages/platform-node/src/bin.ts")

/** Runs the real `e621` binary, its output on this terminal. */
const e621 = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    yield* Console.log(`\n$ e621 ${args.map((a) => (/[\s:>{}]/.test(a) ? `"${a}"` : a)).join(" ")}`)
    const code = yield* Effect.callback<number | null>((resume) => {
      const child = Child.spawn(process.execPath, ["--conditions=source", bin, ...args], { stdio: "inherit" })
      child.once("exit", (status) => resume(Effect.succeed(status)))
    })
    if (code !== 0) return yield* Effect.fail(new Error(`e621 exited with ${code}`))
  })

export const cli = Effect.gen(function*() {
  const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "e621-demo-"))
  const out = NodePath.join(dir, "canine.ndjson")
  yield* Console.log(`\n--- the e621 command line, against its embedded fake (files in ${dir}) ---`)
  const download = ["--host", "fake", "--fake-posts", "3000", "download", "rating:s", "--limit", "300", "--dir", dir, "--filename", "{artist}/{id}.{ext}"]
  const started = Date.now()
  yield* e621(download)
  yield* Console.log(`(${seconds(Date.now() - started)}; run again: nothing is fetched, every file's md5 is checked)`)
  yield* e621(download)
  yield* e621(["--host", "fake", "--fake-posts", "3000", "export", "posts", "--query", "canine rating:s score:>100", "--out", out])
  const rows = Fs.readFileSync(out, "utf8").trim().split("\n").filter((line) => line !== "")
  yield* Console.log(`first matches in ${out}:`)
  for (const line of rows.slice(0, 3)) {
    const row = JSON.parse(line) as { id: number; rating: string; score: number; tag_string: string }
    yield* Console.log(`  #${row.id}  rating ${row.rating}  score ${row.score}  ${row.tag_string.slice(0, 64)}…`)
  }
})

Effect.runPromise(Effect.andThen(demo, cli)).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
