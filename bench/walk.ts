/**
 * Throughput benchmark, one child process per client: `walk.ts effect|fetch|e621 <url> <walks>`. Each client
 * walks every post of the fake, newest first, 320 per request with `page=b<lowest id>` cursors — the same
 * requests for all three:
 *
 * - `effect`: `Posts.stream` over `NodeE621.layer`, limiter off (`rateLimit: false`), consumed with
 *   `Stream.runForEach`;
 * - `fetch`: a bare `fetch` loop that only `JSON.parse`s each page (the physical limit);
 * - `e621`: the npm package `e621` (`E621.Custom` pointed at the fake) calling `posts.search` page after page.
 *
 * One walk warms up (JIT, sockets); the next `<walks>` are timed. Reports the median wall time and the median
 * CPU time of this process (user + system), and every walk's.
 *
 * @since 0.1.0
 */
import { Posts } from "@effect-e621/core"
import * as NodeE621 from "@effect-e621/platform-node/NodeE621"
import * as E621 from "e621"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { median, now, report, userAgent } from "./harness.ts"

const client = process.argv[2] ?? "effect"
const url = process.argv[3] ?? "http://127.0.0.1:3000"
const walks = Number(process.argv[4] ?? 3)
const pageSize = 320

const effectWalk = (): Promise<number> => {
  let count = 0
  return Posts.stream({ pageSize }).pipe(
    Stream.runForEach(() =>
      Effect.sync(() => {
        count++
      })
    ),
    Effect.provide(NodeE621.layer({ host: url, userAgent, rateLimit: false })),
    Effect.runPromise
  ).then(() => count)
}

const fetchWalk = async (): Promise<number> => {
  let count = 0
  let cursor: number | undefined
  for (;;) {
    const page = cursor === undefined ? "" : `&page=b${cursor}`
    const response = await fetch(`${url}/posts.json?limit=${pageSize}${page}`, {
      headers: { "user-agent": userAgent, accept: "application/json" }
    })
    const body = JSON.parse(await response.text()) as { posts: ReadonlyArray<{ readonly id: number }> }
    count += body.posts.length
    if (body.posts.length < pageSize) return count
    cursor = body.posts.reduce((lowest, post) => Math.min(lowest, post.id), Number.POSITIVE_INFINITY)
  }
}

const target = new URL(url)
const e621 = new E621.Custom({ userAgent }, {
  host: target.hostname,
  port: Number(target.port),
  ssl: false,
  imageReconstructionType: "e621"
})

const e621Walk = async (): Promise<number> => {
  let count = 0
  let cursor: number | undefined
  for (;;) {
    const posts = await e621.posts.search(cursor === undefined ? { limit: pageSize } : { limit: pageSize, page: `b${cursor}` })
    count += posts.length
    if (posts.length < pageSize) return count
    cursor = posts.reduce((lowest, post) => Math.min(lowest, post.id), Number.POSITIVE_INFINITY)
  }
}

const walk = client === "fetch" ? fetchWalk : client === "e621" ? e621Walk : effectWalk

const main = async () => {
  const posts = await walk()
  const times: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < walks; i++) {
    const start = now()
    const startCpu = process.cpuUsage()
    const count = await walk()
    times.push(now() - start)
    const used = process.cpuUsage(startCpu)
    cpu.push((used.user + used.system) / 1000)
    if (count !== posts) throw new Error(`walk ${i} saw ${count} posts, the warm-up ${posts}`)
  }
  report({ client, posts, ms: median(times), cpuMs: median(cpu), times, cpu })
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error)
  process.exit(1)
})
