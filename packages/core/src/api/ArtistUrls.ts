/**
 * ArtistUrls: search the URLs of every artist entry (`app/controllers/artist_urls_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ArtistUrls } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const urls = yield* ArtistUrls.search({ urlMatches: "*twitter.com*", isActive: true, limit: 5 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { ArtistUrlEntry } from "../schemas/ArtistUrlEntry.ts"

const columns = ["id", "artist_id", "url", "normalized_url", "is_active", "created_at", "updated_at"] as const

/**
 * The orders of `GET /artist_urls.json`: a column, descending by default, or with `_asc` / `_desc`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistUrlOrder = Schema.Literals(columns.flatMap((c) => [c, `${c}_asc`, `${c}_desc`] as const))

/**
 * Search fields of `GET /artist_urls.json`. `urlMatches` / `normalizedUrlMatches` are case-insensitive
 * substring matches (`*` wildcards if you give them); `url` / `normalizedUrl` are full-text; `artistName`
 * is the exact artist name.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistUrlSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  artistId: Schema.optionalKey(Params.Range),
  artistName: Schema.optionalKey(Params.Text),
  isActive: Schema.optionalKey(Schema.Boolean),
  url: Schema.optionalKey(Params.Text),
  normalizedUrl: Schema.optionalKey(Params.Text),
  urlMatches: Schema.optionalKey(Params.Text),
  normalizedUrlMatches: Schema.optionalKey(Params.Text),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(ArtistUrlOrder)
})

/**
 * Search fields of `GET /artist_urls.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistUrlSearch extends Schema.Schema.Type<typeof ArtistUrlSearch> {}

/**
 * The routes of artist URLs, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/artist_urls.json",
    auth: "none",
    search: ArtistUrlSearch,
    item: ArtistUrlEntry
  })
} as const

/**
 * One page of artist URLs (`GET /artist_urls.json`, anyone), each with its `artist` nested.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<ArtistUrlSearch, ArtistUrlEntry> = Endpoint.search(routes.search)

/**
 * Every artist URL matching a search, as a `Stream` (`b<id>` cursors unless a non-id `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<ArtistUrlSearch, ArtistUrlEntry> = Endpoint.stream(routes.search)
