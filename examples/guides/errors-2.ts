// examples/guides/errors-2.ts
import { Posts } from "@effect-e621/core"
import type { Post } from "@effect-e621/core"
import { Console, Effect, Option } from "effect"

// Handle what you can act on; let the rest fail the program with a readable message.
export const lookUp = (id: number) =>
  Posts.get(id).pipe(
    Effect.map(Option.some),
    Effect.catchTag("E621NotFound", () => Effect.succeed(Option.none<Post.Post>())),
    Effect.catchTag("E621RateLimited", (e) =>
      Console.error(`rate limited; e621 asked to wait ${e.retryAfter ?? "?"} ms`).pipe(Effect.as(Option.none<Post.Post>()))),
    Effect.catchTag(["E621ServerError", "E621TransportError"], (e) =>
      Console.error(`e621 is unreachable (${e._tag}): ${e.message}`).pipe(Effect.as(Option.none<Post.Post>())))
  )
