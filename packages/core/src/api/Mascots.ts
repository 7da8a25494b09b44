/**
 * Mascots: the site's background artworks (`app/controllers/mascots_controller.rb`). Writing them is
 * admin-only and not wrapped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Mascots } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const mascots = yield* Mascots.search({ limit: 10 })
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
import { Mascot } from "../schemas/Mascot.ts"

/**
 * Search fields of `GET /mascots.json`: only e621's base keys (the list is short and ordered by id).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const MascotSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time)
})

/**
 * Search fields of `GET /mascots.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface MascotSearch extends Schema.Schema.Type<typeof MascotSearch> {}

/**
 * The routes of mascots, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/mascots.json", auth: "none", search: MascotSearch, item: Mascot })
} as const

/**
 * One page of mascots (`GET /mascots.json`, oldest first), active or not; `url_path` is the image.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<MascotSearch, Mascot> = Endpoint.search(routes.search)

/**
 * Every mascot, as a `Stream`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<MascotSearch, Mascot> = Endpoint.stream(routes.search)
