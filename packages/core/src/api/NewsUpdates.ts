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
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { NewsUpdate } from "../schemas/NewsUpdate.ts"

/**
 * `GET /news_updates.json` takes no search fields (e621 ignores them), only `limit` and `page`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NewsUpdateSearch = Schema.Struct({})

/**
 * Search fields of `GET /news_updates.json` as a type (none).
 *
 * @category Types
 * @since 0.1.0
 */
export interface NewsUpdateSearch extends Schema.Schema.Type<typeof NewsUpdateSearch> {}

/**
 * The routes of news updates, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/news_updates.json", auth: "none", search: NewsUpdateSearch, item: NewsUpdate })
} as const

/**
 * One page of news updates (`GET /news_updates.json`, newest first).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<NewsUpdateSearch, NewsUpdate> = Endpoint.search(routes.search)

/**
 * Every news update, as a `Stream`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<NewsUpdateSearch, NewsUpdate> = Endpoint.stream(routes.search)
