/**
 * Bans: the public ban list (`app/controllers/bans_controller.rb`). Creating and lifting bans is
 * moderator-only and HTML-only on e621, so it is not wrapped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Bans } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const active = yield* Bans.search({ expired: false, limit: 10 })
 *   const ban = yield* Bans.get(1)
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
import { Ban } from "../schemas/Ban.ts"

/**
 * Search fields of `GET /bans.json`. `expired: true` finds lifted-by-time bans, `false` current ones;
 * `order: "expires_at_desc"` sorts by expiry (then `stream` walks numbered pages).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BanSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  bannerId: Schema.optionalKey(Params.Range),
  bannerName: Schema.optionalKey(Params.Text),
  reasonMatches: Schema.optionalKey(Params.Text),
  expired: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["expires_at_desc", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /bans.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BanSearch extends Schema.Schema.Type<typeof BanSearch> {}

/**
 * The routes of bans, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/bans.json", auth: "none", search: BanSearch, item: Ban }),
  get: Route.make({ method: "GET", path: "/bans/:id.json", auth: "none", item: Ban })
} as const

/**
 * One page of bans (`GET /bans.json`, newest first).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<BanSearch, Ban> = Endpoint.search(routes.search)

/**
 * Every ban matching a search, as a `Stream`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<BanSearch, Ban> = Endpoint.stream(routes.search)

/**
 * One ban (`GET /bans/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Ban, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
