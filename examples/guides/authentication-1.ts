// examples/guides/authentication-1.ts
import { NodeRuntime } from "@effect/platform-node"
import { Users } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Config, Console, Effect, Layer } from "effect"

// Read the key as a Redacted value: it never appears in logs, errors or JSON.
const E621 = Layer.unwrap(Effect.gen(function*() {
  const username = yield* Config.String("E621_USERNAME")
  const apiKey = yield* Config.Redacted("E621_API_KEY")
  return NodeE621.layer({
    userAgent: "tag-gardener/0.3 (by some_user on e621)",
    credentials: { username, apiKey }
  })
}))

const program = Effect.gen(function*() {
  const me = yield* Users.me // GET /users/me.json: your own record with private settings
  yield* Console.log(me.name, me.level_string, me.blacklisted_tags)
})

program.pipe(Effect.provide(E621), NodeRuntime.runMain)
