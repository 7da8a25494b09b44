/**
 * What a page or a Worker that searches e621 bundles: `Posts.search` and `E621Client` over effect's
 * `FetchHttpClient`. `bundle.ts` measures it.
 *
 * @since 0.1.0
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Posts from "@effect-e621/core/api/Posts"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FetchHttpClient from "effect/http/FetchHttpClient"

/**
 * One page of posts for `tags`.
 *
 * @since 0.1.0
 */
export const search = (tags: string) =>
  Posts.search({ tags, limit: 10 }).pipe(
    Effect.provide(E621Client.layer({ userAgent: "bundle/1.0 (by bench on e621)" }).pipe(Layer.provide(FetchHttpClient.layer))),
    Effect.runPromise
  )
