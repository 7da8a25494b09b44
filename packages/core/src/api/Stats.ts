/**
 * Site statistics (`app/controllers/stats_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Stats } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const stats = yield* Stats.get
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Route from "../Route.ts"
import * as StatsSchema from "../schemas/Stats.ts"

/**
 * The routes of site statistics, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  get: Route.make({ method: "GET", path: "/stats.json", auth: "none", item: StatsSchema.Stats })
} as const

/**
 * The site statistics (`GET /stats.json`): a record of counts and averages recomputed periodically by
 * e621, `{}` when never computed. Read numbers with `Stats.count(stats, "total_posts")` from the schema
 * module.
 *
 * @category Read
 * @since 0.1.0
 */
export const get: Effect.Effect<StatsSchema.Stats, E621Error, E621Client.E621Client> = Endpoint.call(routes.get)
