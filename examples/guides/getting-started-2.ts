// examples/guides/getting-started-2.ts
import { Posts } from "@effect-e621/core"
import type { E621Client, E621Error, Post } from "@effect-e621/core"
import { Effect } from "effect"

// Library code asks for E621Client and fails with E621Error: it does not know which site,
// which credentials or which transport it runs with — the layer you provide decides.
export const newestSafe = (tag: string): Effect.Effect<Post.Post | undefined, E621Error.E621Error, E621Client.E621Client> =>
  Posts.search({ tags: [tag, "rating:s"], limit: 1 }).pipe(Effect.map((posts) => posts[0]))
