/**
 * Pool versions: the history of every pool (`app/controllers/pool_versions_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PoolVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const versions = yield* PoolVersions.search({ poolId: 12345, limit: 10 })
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
import { PoolVersion } from "../schemas/PoolVersion.ts"

/**
 * Search fields of `GET /pool_versions.json`. e621 is strict here: any other key (even `order`) is a 403,
 * so unknown keys are a compile error and refused before the request. `poolId` takes one id or a list
 * (e621 splits on commas; ranges are not understood). Admin-only `ipAddr` is left out.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PoolVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  poolId: Schema.optionalKey(Params.Ids),
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text)
})

/**
 * Search fields of `GET /pool_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolVersionSearch extends Schema.Schema.Type<typeof PoolVersionSearch> {}

/**
 * The routes of pool versions, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/pool_versions.json",
    auth: "member",
    search: PoolVersionSearch,
    item: PoolVersion,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of pool versions (`GET /pool_versions.json`, **member** since 2024 — anonymous callers get
 * `E621Forbidden`). Newest change first by default.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PoolVersionSearch, PoolVersion> = Endpoint.search(routes.search)

/**
 * Every pool version matching a search, as a `Stream` (`b<id>` cursors, newest first); member only.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PoolVersionSearch, PoolVersion> = Endpoint.stream(routes.search)
