/**
 * ArtistVersions: the edit history of artist entries (`app/controllers/artist_versions_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ArtistVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const history = yield* ArtistVersions.search({ name: "some_artist", limit: 5 })
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
import { ArtistVersion } from "../schemas/ArtistVersion.ts"

/**
 * Search fields of `GET /artist_versions.json`. e621 is strict here: any other key is a 403. `name` matches
 * exactly, or with `*` wildcards (case-sensitive); `artistId` takes one id or a list.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  name: Schema.optionalKey(Params.Text),
  artistId: Schema.optionalKey(Schema.Union([Params.Id, Schema.Array(Params.Id).check(Schema.isMinLength(1))])),
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text),
  isActive: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["name", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /artist_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistVersionSearch extends Schema.Schema.Type<typeof ArtistVersionSearch> {}

/**
 * The routes of artist versions, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/artist_versions.json",
    auth: "none",
    search: ArtistVersionSearch,
    item: ArtistVersion,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of artist versions (`GET /artist_versions.json`, anyone), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<ArtistVersionSearch, ArtistVersion> = Endpoint.search(routes.search)

/**
 * Every artist version matching a search, as a `Stream` (`b<id>` cursors unless `order: "name"`).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<ArtistVersionSearch, ArtistVersion> = Endpoint.stream(routes.search)
