/**
 * WikiPageVersions: the edit history of wiki pages (`app/controllers/wiki_page_versions_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { WikiPageVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const versions = yield* WikiPageVersions.search({ title: "otter", limit: 5 })
 *   const version = yield* WikiPageVersions.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { WikiPageVersion } from "../schemas/WikiPageVersion.ts"

/**
 * Search fields of `GET /wiki_page_versions.json`. e621 is strict here: any other key is a 403, and there is
 * no `order` (always newest first). `title` and `body` are full-text, or `*` wildcards.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPageVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  wikiPageId: Schema.optionalKey(Params.Id),
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text),
  title: Schema.optionalKey(Params.Text),
  body: Schema.optionalKey(Params.Text),
  isLocked: Schema.optionalKey(Schema.Boolean),
  isDeleted: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time)
})

/**
 * Search fields of `GET /wiki_page_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageVersionSearch extends Schema.Schema.Type<typeof WikiPageVersionSearch> {}

/**
 * The routes of wiki page versions, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/wiki_page_versions.json",
    auth: "none",
    search: WikiPageVersionSearch,
    item: WikiPageVersion,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/wiki_page_versions/:id.json", auth: "none", item: WikiPageVersion })
} as const

/**
 * One page of wiki page versions (`GET /wiki_page_versions.json`, anyone), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<WikiPageVersionSearch, WikiPageVersion> = Endpoint.search(routes.search)

/**
 * Every wiki page version matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<WikiPageVersionSearch, WikiPageVersion> = Endpoint.stream(routes.search)

/**
 * One wiki page version by id (`GET /wiki_page_versions/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<WikiPageVersion, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
