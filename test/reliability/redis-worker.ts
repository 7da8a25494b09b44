/**
 * One worker process of the Redis tests, sharing the rate-limit budget through Redis at `redisUrl` (key
 * prefix `prefix`) with the default budget, against the fake at `host`.
 *
 * - `requests` = a number: that many searches one after the other; prints `ok <n>`.
 * - `requests` = `load:<fibers>:<name>`: `fibers` fibers searching (`tags=<name>`, so the log tells the workers
 *   apart) until the process is killed; waits up to a minute for an unavailable Redis.
 */
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Effect } from "effect"

const [host, redisUrl, requests, prefix] = process.argv.slice(2)

const layer = NodeE621.layer({
  host: host!,
  userAgent: "effect-e621-tests/1.0 (by tester on e621)",
  retry: false,
  budgetStore: { maxWait: "1 minute" },
  redis: { url: redisUrl!, prefix: prefix! }
})

if (requests!.startsWith("load:")) {
  const [, fibers, name] = requests!.split(":")
  const search = Posts.search({ tags: name!, limit: 1 }).pipe(Effect.ignore)
  Effect.runPromise(
    Effect.forEach(Array.from({ length: Number(fibers) }), () => Effect.forever(search), { concurrency: "unbounded", discard: true }).pipe(
      Effect.provide(layer)
    )
  ).catch((error) => {
    console.error(String(error))
    process.exitCode = 1
  })
} else {
  Effect.runPromise(
    Effect.forEach(Array.from({ length: Number(requests) }), () => Posts.search({ limit: 1 }), { discard: true }).pipe(Effect.provide(layer))
  ).then(
    () => console.log(`ok ${requests}`),
    (error) => {
      console.error(String(error))
      process.exitCode = 1
    }
  )
}
