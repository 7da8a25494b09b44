/**
 * Moderator actions: the public staff log (`app/controllers/mod_actions_controller.rb`). Protected actions
 * (staff notes, IP bans, hidden post versions, password/TOTP resets, search-trend blacklists) are visible
 * to staff only.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ModActions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const actions = yield* ModActions.search({ action: "user_ban", limit: 10 })
 *   const action = yield* ModActions.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { ModAction } from "../schemas/ModAction.ts"

/**
 * Search fields of `GET /mod_actions.json`. With an `action`, `values` filters on that action's recorded
 * details, by e621's key names (`{ user_id: 5 }` for `user_ban`; numbers take range syntax, text `*`
 * wildcards); e621 ignores value keys the action does not have.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ModActionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  action: Schema.optionalKey(Params.Text),
  values: Schema.optionalKey(
    Schema.Record(Schema.String, Schema.Union([Params.Text, Schema.Finite, Schema.Boolean]))
  ),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /mod_actions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ModActionSearch extends Schema.Schema.Type<typeof ModActionSearch> {}

const reserved = new Set(["id", "created_at", "updated_at", "creator_id", "creator_name", "action", "order"])

/** Moves `values` into extra `search[key]` query entries, so the interpreter sees plain fields. */
const split = <P extends { readonly values?: ModActionSearch["values"]; readonly action?: string | undefined }>(
  params: P
): Effect.Effect<{ readonly rest: Omit<P, "values">; readonly query: Record<string, string> }, E621Error> => {
  const { values, ...rest } = params
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!/^[a-z_]+$/.test(key) || reserved.has(key)) {
      return Effect.fail(invalidInput(`search.values.${key}`, "must be a snake_case detail key of the action"))
    }
    query[`search[${key}]`] = String(value)
  }
  if (Object.keys(query).length > 0 && params.action === undefined) {
    return Effect.fail(invalidInput("search.values", "needs an action: e621 filters details only within one action"))
  }
  return Effect.succeed({ rest, query })
}

/**
 * The routes of moderator actions, each keyed by the function that calls it (`search` also serves `stream`;
 * both send `values` as extra `search[key]` entries beside the declared fields).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/mod_actions.json", auth: "none", search: ModActionSearch, item: ModAction }),
  get: Route.make({ method: "GET", path: "/mod_actions/:id.json", auth: "none", item: ModAction })
} as const

/** The list route with an action's detail filters as extra query entries. */
const spec = (query: Record<string, string>) => ({ ...routes.search, query })

/**
 * One page of moderator actions (`GET /mod_actions.json`, newest first); `values` of non-admin viewers
 * hold only the keys e621 documents for the action.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: ModActionSearch & Paging.PageParams = {}
): Effect.Effect<ReadonlyArray<ModAction>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Effect.flatMap(Params.object(params), split), ({ query, rest }) => Endpoint.search(spec(query))(rest))

/**
 * Every moderator action matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @since 0.1.0
 */
export const stream = (
  params: ModActionSearch & Paging.StreamParams = {}
): Stream.Stream<ModAction, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.map(Effect.flatMap(Params.object(params), split), ({ query, rest }) => Endpoint.stream(spec(query))(rest)))

/**
 * One moderator action (`GET /mod_actions/:id.json`); a protected action is a 403 (`E621Forbidden`) for
 * non-staff.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<ModAction, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
