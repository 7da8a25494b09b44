// examples/guides/authentication-2.ts
import { NodeRuntime } from "@effect/platform-node"
import { Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect } from "effect"

// E621_USER_AGENT (required), E621_HOST, E621_USERNAME + E621_API_KEY (both or neither)
// come from the environment; the overrides fill in everything else.
const E621 = NodeE621.layerConfig({ timeout: "20 seconds" })

Posts.search({ tags: "fav:some_user", limit: 10 }).pipe(
  Effect.flatMap((posts) => Console.log(posts.map((p) => p.id))),
  Effect.catchTag("E621Unauthorized", (e) => Console.error(`e621 refused the API key: ${e.reason}`)),
  Effect.catchTag("E621Forbidden", (e) =>
    Console.error(e.blocked ? "blocked at the edge: check the User-Agent" : `not allowed: ${e.reason}`)),
  Effect.provide(E621),
  NodeRuntime.runMain
)
