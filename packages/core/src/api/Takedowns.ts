/**
 * Takedowns: requests by artists to remove their posts (`app/controllers/takedowns_controller.rb`). Sources,
 * reasons, e-mails, post ids and notes are never in the JSON; handling them is staff work and not wrapped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Takedowns } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const takedowns = yield* Takedowns.search({ status: "approved", limit: 5 })
 *   const takedown = yield* Takedowns.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Takedown } from "../schemas/Takedown.ts"

/**
 * Search fields of `GET /takedowns.json` (strict controller). Everyone may filter by `status`; moderators
 * and approvers also by `source`, `reason`, `creatorId`/`creatorName`, `creatorLoggedIn`, `reasonHidden`,
 * `instructions`, `postId`, `notes`; admins by `ipAddr`, `email`, `vericode` and `order` — others get a 403
 * for those keys.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TakedownSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  status: Schema.optionalKey(Schema.Literals(["pending", "approved", "denied", "partial"])),
  source: Schema.optionalKey(Params.Text),
  reason: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  creatorLoggedIn: Schema.optionalKey(Schema.Boolean),
  reasonHidden: Schema.optionalKey(Schema.Boolean),
  instructions: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Id),
  notes: Schema.optionalKey(Params.Text),
  ipAddr: Schema.optionalKey(Params.Text),
  email: Schema.optionalKey(Params.Text),
  vericode: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["status", "post_count", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /takedowns.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TakedownSearch extends Schema.Schema.Type<typeof TakedownSearch> {}

/** What `show` answers: the boolean e621 renders today, or the takedown should e621 fix it. */
const shown = Schema.Union([Takedown, Schema.Boolean])

/**
 * The routes of takedowns, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/takedowns.json",
    auth: "none",
    search: TakedownSearch,
    item: Takedown,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/takedowns/:id.json", auth: "none", item: shown })
} as const

/**
 * One page of takedowns (`GET /takedowns.json`, newest first).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TakedownSearch, Takedown> = Endpoint.search(routes.search)

/**
 * Every takedown matching a search, as a `Stream`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TakedownSearch, Takedown> = Endpoint.stream(routes.search)

/**
 * Options of {@link get}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface GetOptions {
  /** The takedown's verification code, which shows it to its requester. */
  readonly code?: string | undefined
}

const getKeys = Params.keys<GetOptions>({ code: true })

/**
 * `GET /takedowns/:id.json`. e621's `show` calls `respond_with(@takedown, @show_instructions)`, so the JSON
 * answer is the **boolean** "may this caller see the instructions" (true for the requester's IP or the right
 * verification `code`), not the takedown. Both shapes are accepted, should e621 fix it; use {@link search}
 * with `id` to read the record itself.
 *
 * @category Read
 * @since 0.1.0
 */
export const get = (
  id: number,
  options: GetOptions = {}
): Effect.Effect<Takedown | boolean, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.id("id", id)
    yield* Params.options(options, getKeys)
    const code = options.code === undefined ? undefined : yield* Params.text("code", options.code, { max: 100 })
    return yield* Endpoint.call(routes.get, { path: { id: checked }, query: { code } })
  })
