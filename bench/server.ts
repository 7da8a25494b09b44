/**
 * The fake e621 over HTTP on localhost, in a process of its own: `server.ts <posts> <seed>`. Prints its URL,
 * then answers commands read from stdin (`log`: arrival times of every request so far; `clear`: empties the
 * log) and stops when stdin closes.
 *
 * @since 0.1.0
 */
import * as NodeE621Fake from "@effect-e621/platform-node/NodeE621Fake"
import { Effect } from "effect"
import * as Readline from "node:readline"
import { report } from "./harness.ts"

const posts = Number(process.argv[2] ?? 1000)
const seed = Number(process.argv[3] ?? 1)

const program = Effect.scoped(Effect.gen(function*() {
  const server = yield* NodeE621Fake.serve({ posts, seed })
  report({ url: server.url, port: server.port })
  yield* Effect.callback<void>((resume) => {
    const lines = Readline.createInterface({ input: process.stdin })
    lines.on("line", (command) => {
      if (command === "log") {
        Effect.runPromise(server.fake.requests).then((requests) =>
          report({ requests: requests.map((r) => ({ at: r.at, status: r.status, url: r.url })) })
        )
      } else if (command === "clear") {
        Effect.runPromise(server.fake.clearRequests).then(() => report({ cleared: true }))
      } else {
        report({ error: `unknown command ${command}` })
      }
    })
    lines.on("close", () => resume(Effect.void))
  })
}))

Effect.runPromise(program).then(() => process.exit(0), (error: unknown) => {
  console.error(error)
  process.exit(1)
})
