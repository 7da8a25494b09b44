/**
 * Tickets: reports of posts, comments, users, … (`app/controllers/tickets_controller.rb`).
 *
 * Creating a ticket is not offered: e621 serves `new`/`create` only as an HTML form flow (the controller
 * excludes them from JSON; a valid `POST /tickets` answers a 302 to the HTML ticket page, an invalid one a
 * 406), so there is no JSON answer to decode. Handling tickets is staff work.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tickets } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const tickets = yield* Tickets.search({ limit: 5 })
 *   const ticket = yield* Tickets.get(1)
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
import { Ticket, Type } from "../schemas/Ticket.ts"

/**
 * Search fields of `GET /tickets.json` (strict controller). Members see only their own tickets (staff see
 * more); `creatorId` is allowed only with one's own id, and `dispId`, `creatorName`, `accusedId`,
 * `accusedName`, `claimantId`, `claimantName`, `reason` only for staff — others get a 403. `status` also
 * takes `pending_claimed` / `pending_unclaimed`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TicketSearch = ReportSearch.search(Type, ["pending", "partial", "approved", "pending_claimed", "pending_unclaimed"])

/**
 * Search fields of `GET /tickets.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TicketSearch extends Schema.Schema.Type<typeof TicketSearch> {}

/**
 * The routes of tickets, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/tickets.json", auth: "none", search: TicketSearch, item: Ticket, quirks: ["strict-search"] }),
  get: Route.make({ method: "GET", path: "/tickets/:id.json", auth: "member", item: Ticket })
} as const

/**
 * One page of the caller's visible tickets (`GET /tickets.json`; pending first, then newest). Anonymous
 * callers get an empty list.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TicketSearch, Ticket> = Endpoint.search(routes.search)

/**
 * Every visible ticket matching a search, as a `Stream` (`b<id>` cursors: newest first).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TicketSearch, Ticket> = Endpoint.stream(routes.search)

/**
 * One ticket (`GET /tickets/:id.json`, members only): a 403 (`E621Forbidden`) unless the caller may view
 * it (its creator, or staff for its type).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Ticket, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
