/**
 * News updates: the site's banner messages (`app/controllers/news_updates_controller.rb`). Writing them is
 * admin-only and not wrapped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NewsUpdates } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const news = yield* NewsUpdates.search({ limit: 5 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../internal/endpoint.ts"
import { NewsUpdate } from "../schemas/NewsUpdate.ts"

/**
 * `GET /news_updates.json` takes no search fields (e621 ignores them), only `limit` and `page`.
 *
 * @since 0.1.0
 */
export const NewsUpdateSearch = Schema.Struct({})

const list = { path: "/news_updates.json", search: NewsUpdateSearch, item: NewsUpdate } as const

/**
 * One page of news updates (`GET /news_updates.json`, newest first).
 *
 * @since 0.1.0
 */
export const search = Endpoint.search(list)

/**
 * Every news update, as a `Stream`.
 *
 * @since 0.1.0
 */
export const stream = Endpoint.stream(list)
