/**
 * Rate-limit fidelity: `ratelimit.ts <url> <seconds>` streams posts from the fake for `<seconds>` with the
 * client configured for 10 requests/s (`rateLimit: { limit: 1, window: "100 millis" }`, small pages so that
 * the limiter, not the transfer, sets the pace). The parent reads the arrival times from the fake's request
 * log; this process reports how many posts it saw.
 *
 * @since 0.1.0
 */
import { Posts } from "@effect-e621/core"
import * as NodeE621 from "@effect-e621/platform-node/NodeE621"
import { Effect, Stream } from "effect"
import { report, userAgent } from "./harness.ts"

const url = process.argv[2] ?? "http://127.0.0.1:3000"
const seconds = Number(process.argv[3] ?? 10)

let count = 0
Posts.stream({ pageSize: 20 }).pipe(
  Stream.runForEach(() =>
    Effect.sync(() => {
      count++
    })
  ),
  Effect.timeoutOption(`${seconds} seconds`),
  Effect.provide(NodeE621.layer({ host: url, userAgent, rateLimit: { limit: 1, window: "100 millis" } })),
  Effect.runPromise
).then(() => {
  report({ posts: count })
  process.exit(0)
}, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
