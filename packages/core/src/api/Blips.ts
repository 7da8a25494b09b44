/**
 * Blips: search, read, post and edit e621's short public messages (`app/controllers/blips_controller.rb`).
 *
 * A blip can be edited by its creator **only during the first 5 minutes** (admins any time): later edits are
 * `E621ValidationFailed` ("You cannot edit blips more than 5 minutes old"). Deleting ("hiding") a blip is
 * not offered: e621's `POST /blips/:id/delete` is an HTML form flow that answers with a redirect, not JSON.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Blips } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const blips = yield* Blips.search({ creatorName: "some_user", limit: 10 })
 *   const blip = yield* Blips.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Blip } from "../schemas/Blip.ts"

/**
 * How long after posting e621 lets the creator edit a blip (`BlipsController#ensure_can_edit`), in
 * milliseconds: 5 minutes.
 *
 * @category Constants
 * @since 0.1.0
 */
export const editWindowMillis = 5 * 60 * 1000

/**
 * Search fields of `GET /blips.json` (strict: anything else is refused).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BlipSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  bodyMatches: Schema.optionalKey(Params.Text),
  responseTo: Schema.optionalKey(Params.Id),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["updated_at", "updated_at_desc", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /blips.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BlipSearch extends Schema.Schema.Type<typeof BlipSearch> {}

const body = Schema.String.check(Schema.isMinLength(5), Schema.isMaxLength(1_000))

/**
 * Input of {@link create}: a DText body of 5..1,000 characters, optionally answering another blip.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BlipCreate = Schema.Struct({
  body,
  responseTo: Schema.optionalKey(Params.Id)
})

/**
 * Input of {@link create} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BlipCreate extends Schema.Schema.Type<typeof BlipCreate> {}

const UpdateBody = Schema.Struct({ body })

/**
 * The routes of blips, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/blips.json", auth: "none", search: BlipSearch, item: Blip, quirks: ["strict-search"] }),
  get: Route.make({ method: "GET", path: "/blips/:id.json", auth: "none", item: Blip }),
  create: Route.make({ method: "POST", path: "/blips.json", auth: "member", root: "blip", body: BlipCreate, item: Blip }),
  update: Route.make({ method: "PATCH", path: "/blips/:id.json", auth: "member", root: "blip", body: UpdateBody, idempotent: true })
} as const

/**
 * One page of blips (`GET /blips.json`), newest first; deleted blips are left out for non-staff.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<BlipSearch, Blip> = Endpoint.search(routes.search)

/**
 * Every blip matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<BlipSearch, Blip> = Endpoint.stream(routes.search)

/**
 * One blip by id (`GET /blips/:id.json`); a deleted blip is `E621Forbidden` unless you wrote it or are staff.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Blip, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

const blank = (value: string) =>
  value.trim().length < 5 ? Effect.fail(invalidInput("blip.body", "must have at least 5 characters besides blanks")) : Effect.void

const createBlip = Endpoint.create(routes.create)

/**
 * Posts a blip (`POST /blips.json`, member; 25 per hour below Privileged). Answers the new blip (201).
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: BlipCreate): Effect.Effect<Blip, E621Error, E621Client.E621Client> =>
  Effect.andThen(
    Params.options(input, Params.keysOf(BlipCreate.ast) ?? [], "blip", { required: true }),
    () => Effect.flatMap(blank(typeof input.body === "string" ? input.body : "     "), () => createBlip(input))
  )

const updateBlip = Endpoint.update(routes.update)

/**
 * Rewrites a blip (`PATCH /blips/:id.json`; 204): only its creator, and only within {@link editWindowMillis}
 * of posting (admins any time). Too late: `E621ValidationFailed`; someone else's blip: `E621Forbidden`.
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (
  id: number, patch: { readonly body: string }
): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.andThen(
    Params.options(patch, Params.keysOf(UpdateBody.ast) ?? [], "blip", { required: true }),
    () => Effect.flatMap(blank(typeof patch.body === "string" ? patch.body : "     "), () => updateBlip(id, patch))
  )
