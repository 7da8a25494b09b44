/**
 * AvoidPostings: e621's avoid-posting (DNP) list and its history (`app/controllers/avoid_postings_controller.rb`,
 * `avoid_posting_versions_controller.rb`).
 *
 * Entries are read by anyone; writing them is for staff only and not offered here. The history of all
 * entries (`/avoid_posting_versions.json`) is part of this module: {@link searchVersions} and
 * {@link streamVersions}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { AvoidPostings } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const entries = yield* AvoidPostings.search({ artistName: "some_artist" })
 *   const entry = yield* AvoidPostings.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as ByName from "../internal/byName.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { normalizeName } from "../schemas/Artist.ts"
import { AvoidPosting } from "../schemas/AvoidPosting.ts"
import { AvoidPostingVersion } from "../schemas/AvoidPostingVersion.ts"

/** The search fields of an entry's artist, shared by entries and their versions. */
const artistFields = {
  id: Schema.optionalKey(Params.Range),
  artistId: Schema.optionalKey(Params.Range),
  artistName: Schema.optionalKey(Params.Text),
  anyNameMatches: Schema.optionalKey(Params.Text),
  anyOtherNameMatches: Schema.optionalKey(Params.Text),
  groupName: Schema.optionalKey(Params.Text),
}

/**
 * Search fields of `GET /avoid_postings.json`. e621 is strict here: any other key is a 403. Without
 * `isActive` only active entries are listed (`isActive: false` lists lifted ones). `anyNameMatches` looks in
 * the artist's name, other names and group (`*…*` added unless you give `*`); `artistName` is full-text (or
 * `*` wildcards); `anyOtherNameMatches` is a regular expression; `details` is full-text. `groupName` is
 * accepted by e621 but has no effect.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AvoidPostingSearch = Schema.Struct({
  ...artistFields,
  details: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  isActive: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(
    Schema.Literals(["artist_name", "artist_name_asc", "artist_name_desc", "created_at", "updated_at", "id_asc", "id_desc"])
  )
})

/**
 * Search fields of `GET /avoid_postings.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AvoidPostingSearch extends Schema.Schema.Type<typeof AvoidPostingSearch> {}

/**
 * Search fields of `GET /avoid_posting_versions.json` (strict: other keys are a 403; no `order`, newest
 * first). The artist fields work as in {@link AvoidPostingSearch}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AvoidPostingVersionSearch = Schema.Struct({
  ...artistFields,
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text),
  isActive: Schema.optionalKey(Schema.Boolean),
  updatedAt: Schema.optionalKey(Params.Time)
})

/**
 * Search fields of `GET /avoid_posting_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AvoidPostingVersionSearch extends Schema.Schema.Type<typeof AvoidPostingVersionSearch> {}

/**
 * The routes of avoid-posting entries and their history, each keyed by the function that calls it. `get`
 * reads `/avoid_postings/:id.json` and `/avoid_postings/:artist_name.json` alike.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/avoid_postings.json",
    auth: "none",
    search: AvoidPostingSearch,
    item: AvoidPosting,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/avoid_postings/:idOrArtistName.json", auth: "none", item: AvoidPosting }),
  searchVersions: Route.make({
    method: "GET",
    path: "/avoid_posting_versions.json",
    auth: "none",
    search: AvoidPostingVersionSearch,
    item: AvoidPostingVersion,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of avoid-posting entries (`GET /avoid_postings.json`, anyone), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<AvoidPostingSearch, AvoidPosting> = Endpoint.search(routes.search)

/**
 * Every avoid-posting entry matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<AvoidPostingSearch, AvoidPosting> = Endpoint.stream(routes.search)

/**
 * One avoid-posting entry by id (a number) or by its artist's name (a string, normalised as artist names are)
 * — `GET /avoid_postings/:id_or_artist_name.json`. A name of digits only cannot be told from an id by e621
 * and is refused; search with `artistName` instead. `E621NotFound` when there is no entry.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  idOrArtistName: number | string
) => Effect.Effect<AvoidPosting, E621Error, E621Client.E621Client> = ByName.idOr(routes.get, AvoidPosting, (value) =>
  Effect.gen(function*() {
    const name = normalizeName(yield* Params.text("artistName", value, { max: 100 }))
    if (/^\d+$/.test(name) || name.includes("/")) {
      return yield* Effect.fail(
        invalidInput("artistName", "an all-digit name or one containing \"/\" cannot be addressed by path; use search({ artistName })")
      )
    }
    const segment = yield* Params.segment("artistName", name)
    return yield* Endpoint.call(routes.get, { path: { idOrArtistName: segment } })
  }))

/**
 * One page of the avoid-posting history (`GET /avoid_posting_versions.json`, anyone): each change of an
 * entry's details or status, newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const searchVersions: Paging.SearchFunction<AvoidPostingVersionSearch, AvoidPostingVersion> = Endpoint.search(routes.searchVersions)

/**
 * The whole avoid-posting history matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const streamVersions: Paging.StreamFunction<AvoidPostingVersionSearch, AvoidPostingVersion> = Endpoint.stream(routes.searchVersions)
