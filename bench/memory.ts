/**
 * Memory benchmark: `memory.ts effect|http <url> <posts>` walks every post of the fake while sampling
 * `process.memoryUsage.rss()` every 20 ms, and reports the peak, the peak of each quarter of the walk (flat or
 * growing?) and the RSS before the first request (after the client's modules are loaded).
 *
 * - `effect`: `Posts.stream` over `NodeE621.layer` (limiter off), consumed with `Stream.runForEach`; modules
 *   imported as an application would, by path (`effect/Effect`), not through the `effect` index;
 * - `http`: the floor — Node's `http.get` on a keep-alive agent (the stack `NodeE621` uses), each body
 *   collected and `JSON.parse`d, the same `b<id>` requests.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import { report, userAgent } from "./harness.ts"

const client = process.argv[2] ?? "effect"
const url = process.argv[3] ?? "http://127.0.0.1:3000"
const expected = Number(process.argv[4] ?? 200_000)

const quarters = [0, 0, 0, 0]
let count = 0
let peak = 0
const sample = () => {
  const rss = process.memoryUsage.rss()
  if (rss > peak) peak = rss
  const quarter = Math.min(3, Math.floor((4 * count) / expected))
  if (rss > quarters[quarter]!) quarters[quarter] = rss
}

// imported only for the `effect` walk, so that the floor's RSS holds none of them
const effectWalk = async (): Promise<void> => {
  const { Posts } = await import("@effect-e621/core")
  const NodeE621 = await import("@effect-e621/platform-node/NodeE621")
  const Effect = await import("effect/Effect")
  const Stream = await import("effect/Stream")
  baseline = process.memoryUsage.rss()
  return Posts.stream().pipe(
    Stream.runForEach(() =>
      Effect.sync(() => {
        count++
      })
    ),
    Effect.provide(NodeE621.layer({ host: url, userAgent, rateLimit: false })),
    Effect.runPromise
  )
}

// loaded as CommonJS, as `NodeHttpClient` does: importing `node:http` as ESM evaluates its lazy WebSocket exports,
// which loads undici
const Http = createRequire(import.meta.url)("node:http") as typeof import("node:http")
const agent = new Http.Agent({ keepAlive: true })
const get = (target: string) =>
  new Promise<string>((resolve, reject) =>
    Http.get(target, { agent, headers: { "user-agent": userAgent, accept: "application/json" } }, (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      response.on("error", reject)
    }).on("error", reject)
  )

const httpWalk = async (): Promise<void> => {
  let cursor: number | undefined
  for (;;) {
    const body = JSON.parse(await get(`${url}/posts.json?limit=320${cursor === undefined ? "" : `&page=b${cursor}`}`)) as {
      posts: ReadonlyArray<{ readonly id: number }>
    }
    count += body.posts.length
    if (body.posts.length < 320) return
    cursor = body.posts[body.posts.length - 1]!.id
  }
}

let baseline = process.memoryUsage.rss()
const timer = setInterval(sample, 20)

;(client === "http" ? httpWalk() : effectWalk()).then(() => {
  clearInterval(timer)
  sample()
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  report({ client, posts: count, baselineMb: mb(baseline), peakMb: mb(peak), quartersMb: quarters.map(mb) })
  process.exit(0)
}, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
