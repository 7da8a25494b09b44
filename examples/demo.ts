/**
 * The demo: a real job over HTTP, offline. It serves the fake e621 on a free localhost port (with e621's
 * read limit enforced and a few injected 502/503s), then streams a tag search well past page 1 through
 * `NodeE621` — rate limiter, retries and `Retry-After` at work — and prints what happened.
 *
 *   npm run demo
 */
import { Posts } from "@effect-e621/core"
import { NodeE621, NodeE621Fake } from "@effect-e621/platform-node"
import { Console, Effect, Fiber, Schedule, Stream } from "effect"

const query = "rating:s -solo"
const wanted = 900

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

export const demo = Effect.scoped(Effect.gen(function*() {
  const server = yield* NodeE621Fake.serve({
    posts: 25_000,
    seed: 621,
    enforceLimits: true,
    faults: { rate: 0.18, kinds: ["503-retry-after", "502"], retryAfter: 1, seed: 7 }
  })
  yield* Console.log(`fake e621 listening on ${server.url} (25,000 posts, reads over 2/s refused, ~18% of answers are 502/503)`)
  yield* Console.log(`streaming "${query}", ${wanted} posts, 100 per page, default rate limit (bursts of 2, 1 request/s)\n`)

  const started = Date.now()
  let printed = 0
  const printLog = Effect.gen(function*() {
    const log = yield* server.fake.requests
    for (const entry of log.slice(printed)) {
      const page = entry.query.page === undefined ? "first page" : `page=${entry.query.page}`
      const note = entry.status === 200 ? "" : entry.status === 503 ? "  ← refused, client waits Retry-After and retries" : "  ← server error, client backs off and retries"
      yield* Console.log(`  +${seconds(entry.at - started).padStart(5)}  GET /posts.json ${page.padEnd(12)} → ${entry.status}${note}`)
    }
    printed = log.length
  })
  const printer = yield* printLog.pipe(Effect.repeat(Schedule.spaced("100 millis")), Effect.forkChild)

  const counts = new Map<string, number>()
  let seen = 0
  let lowest = Number.POSITIVE_INFINITY
  yield* Posts.stream({ tags: query, pageSize: 100 }).pipe(
    Stream.take(wanted),
    Stream.runForEach((post) =>
      Effect.sync(() => {
        seen++
        lowest = Math.min(lowest, post.id)
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
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8)
  yield* Console.log(`
summary
  posts seen        ${seen} (ids down to ${lowest}), each once, newest first
  pages             ${ok} answered, ${log.length - ok} refused or failed and retried
  time              ${seconds(Date.now() - started)}
  limit violations  ${violations.reads} reads, ${violations.writes} writes (the client kept e621's limits)
  top tags          ${top.map(([tag, n]) => `${tag} (${n})`).join(", ")}`)
}))

Effect.runPromise(demo).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
