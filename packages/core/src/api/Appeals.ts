/**
 * Appeals of moderation decisions — a user's appeal of their post's deletion (`app/controllers/
 * appeals_controller.rb`, new on e621 in May 2026). An appeal is its own record, apart from tickets: members see
 * only their own (anonymous callers an empty list), staff all of them.
 *
 * Filing an appeal is not offered: like tickets, e621 serves `new`/`create` only as an HTML form flow (the
 * controller excludes them from JSON). Claiming and answering appeals is janitor work.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Appeals } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const mine = yield* Appeals.search({ status: "pending" })
 *   const appeal = yield* Appeals.get(mine[0]!.id)
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as ReportSearch from "../internal/reportSearch.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Appeal, Type } from "../schemas/Appeal.ts"

/**
 * Search fields of `GET /appeals.json` (strict controller). `creatorId` is allowed only with one's own id,
 * and `dispId`, `creatorName`, `accusedId`, `accusedName`, `claimantId`, `claimantName`, `reason` only for
 * staff — others get a 403. `status` also takes `pending_claimed`, `pending_unclaimed` and `handled`
 * (approved or rejected).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AppealSearch = ReportSearch.search(Type, ["pending", "partial", "approved", "rejected", "pending_claimed", "pending_unclaimed", "handled"])

/**
 * Search fields of `GET /appeals.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AppealSearch extends Schema.Schema.Type<typeof AppealSearch> {}

/**
 * The routes of appeals, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/appeals.json", auth: "none", search: AppealSearch, item: Appeal, quirks: ["strict-search"] }),
  get: Route.make({ method: "GET", path: "/appeals/:id.json", auth: "member", item: Appeal })
} as const

/**
 * One page of the caller's visible appeals (`GET /appeals.json`; pending first, then partial, then the
 * others, newest first within each). Anonymous callers get an empty list.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<AppealSearch, Appeal> = Endpoint.search(routes.search)

/**
 * Every visible appeal matching a search, as a `Stream` (`b<id>` cursors: newest first).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<AppealSearch, Appeal> = Endpoint.stream(routes.search)

/**
 * One appeal (`GET /appeals/:id.json`, members only): a 403 (`E621Forbidden`) unless the caller filed it or
 * is staff.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Appeal, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
