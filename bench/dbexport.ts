/**
 * Database-export benchmark: `dbexport.ts <url> <bytes>` streams the generated `posts` export from `<url>`
 * with `NodeDbExports.stream` — download, gunzip, CSV parse and typed rows, as they arrive — and counts the
 * rows, sampling `process.memoryUsage.rss()` every 20 ms. Reports wall time, rows, RSS before the download and
 * peak RSS.
 *
 * @since 0.1.0
 */
import * as NodeDbExports from "@effect-e621/platform-node/NodeDbExports"
import * as NodeE621 from "@effect-e621/platform-node/NodeE621"
import { Effect, Stream } from "effect"
import { now, report, userAgent } from "./harness.ts"

const url = process.argv[2] ?? ""
const size = Number(process.argv[3] ?? 0)

const entry: NodeDbExports.Entry = {
  name: "posts",
  fileName: "posts.csv.gz",
  url,
  size,
  checksum: null,
  updatedAt: undefined,
  date: undefined,
  system: "current"
}

let rows = 0
let peak = 0
const baseline = process.memoryUsage.rss()
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss())
}, 20)
const start = now()

NodeDbExports.stream(entry).pipe(
  Stream.runForEach(() =>
    Effect.sync(() => {
      rows++
    })
  ),
  Effect.provide(NodeE621.layer({ host: new URL(url).origin, userAgent })),
  Effect.runPromise
).then(() => {
  const ms = now() - start
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage.rss())
  report({ rows, ms, baselineMb: Math.round(baseline / 1e5) / 10, peakMb: Math.round(peak / 1e5) / 10 })
  process.exit(0)
}, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
