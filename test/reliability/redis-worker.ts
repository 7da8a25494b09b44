/**
 * One worker process of the Redis test: `requests` searches against the fake at `host`, sharing the rate-limit
 * budget through Redis at `redisUrl`. Prints the number of successful requests.
 */
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Effect } from "effect"

const [host, redisUrl, requests, prefix] = process.argv.slice(2)

const program = Effect.forEach(Array.from({ length: Number(requests) }), () => Posts.search({ limit: 1 }), { discard: true }).pipe(
  Effect.provide(NodeE621.layer({
    host: host!,
    userAgent: "effect-e621-tests/1.0 (by tester on e621)",
    retry: false,
    rateLimit: { limit: 1, window: "1 second" },
    redis: { url: redisUrl!, prefix: prefix! }
  }))
)

Effect.runPromise(program).then(
  () => console.log(`ok ${requests}`),
  (error) => {
    console.error(String(error))
    process.exitCode = 1
  }
)
