// examples/guides/browser-and-edge-1.ts
import { E621Client, Favorites, Posts } from "@effect-e621/core"
import { Effect, Layer, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"

// In a page, a userscript or an extension, browser mode is on by itself: the identification travels as
// e621's `_client` parameter. Logging in uses HTTP Basic in the Authorization header, which e621 accepts
// from any origin (never `login`/`api_key` parameters, which fail its CSRF check there).
const e621 = E621Client.layer({
  userAgent: "my-userscript/1.0 (by some_user on e621)",
  credentials: { username: "some_user", apiKey: Redacted.make(localStorage.getItem("e621-api-key") ?? "") }
}).pipe(Layer.provide(FetchHttpClient.layer))

export const favoriteNewest = (tags: string) =>
  Effect.gen(function*() {
    const [post] = yield* Posts.search({ tags, limit: 1 })
    if (post !== undefined) yield* Favorites.add(post.id)
    return post?.id
  }).pipe(Effect.provide(e621))
