/**
 * Memory benchmark: `memory.ts <url> <posts>` streams every post of the fake with `Posts.stream` and
 * `Stream.runForEach` (limiter off) while sampling `process.memoryUsage.rss()` every 20 ms. Reports the peak, and
 * the peak of each quarter of the walk, which shows whether memory stays flat as posts go by.
 *
 * @since 0.1.0
 */
import { Posts } from "@effect-e621/core"
import * as NodeE621 from "@effect-e621/platform-node/NodeE621"
import { Effect, Stream } from "effect"
import { report, userAgent } from "./harness.ts"

const url = process.argv[2] ?? "http://127.0.0.1:3000"
const expected = Number(process.argv[3] ?? 200_000)

const quarters = [0, 0, 0, 0]
let count = 0
let peak = 0
const sample = () => {
  const rss = process.memoryUsage.rss()
  if (rss > peak) peak = rss
  const quarter = Math.min(3, Math.floor((4 * count) / expected))
  if (rss > quarters[quarter]!) quarters[quarter] = rss
}
const baseline = process.memoryUsage.rss()
const timer = setInterval(sample, 20)

Posts.stream().pipe(
  Stream.runForEach(() =>
    Effect.sync(() => {
      count++
    })
  ),
  Effect.provide(NodeE621.layer({ host: url, userAgent, rateLimit: false })),
  Effect.runPromise
).then(() => {
  clearInterval(timer)
  sample()
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  report({ posts: count, baselineMb: mb(baseline), peakMb: mb(peak), quartersMb: quarters.map(mb) })
  process.exit(0)
}, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
