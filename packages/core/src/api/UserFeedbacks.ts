/**
 * User feedback: the positive / neutral / negative records staff leave on accounts
 * (`app/controllers/user_feedbacks_controller.rb`). Reading is public; writing is moderator-only and not
 * wrapped here.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { UserFeedbacks } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const feedback = yield* UserFeedbacks.search({ userName: "some_user" })
 *   const record = yield* UserFeedbacks.get(1)
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
import { UserFeedback } from "../schemas/UserFeedback.ts"

/**
 * Search fields of `GET /user_feedbacks.json` (strict controller: unknown keys are a 403, refused locally).
 * `deleted` (`excluded` default, `only`, `included`) is staff-only: e621 answers it with 403 for others, and
 * hides deleted records from them anyway.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserFeedbackSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  bodyMatches: Schema.optionalKey(Params.Text),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  category: Schema.optionalKey(Schema.Literals(["positive", "neutral", "negative"])),
  deleted: Schema.optionalKey(Schema.Literals(["excluded", "only", "included"]))
})

/**
 * Search fields of `GET /user_feedbacks.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserFeedbackSearch extends Schema.Schema.Type<typeof UserFeedbackSearch> {}

/**
 * The routes of user feedback records, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/user_feedbacks.json", auth: "none", search: UserFeedbackSearch, item: UserFeedback, quirks: ["strict-search"] }),
  get: Route.make({ method: "GET", path: "/user_feedbacks/:id.json", auth: "none", item: UserFeedback })
} as const

/**
 * One page of feedback records (`GET /user_feedbacks.json`, newest first).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<UserFeedbackSearch, UserFeedback> = Endpoint.search(routes.search)

/**
 * Every feedback record matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<UserFeedbackSearch, UserFeedback> = Endpoint.stream(routes.search)

/**
 * One feedback record (`GET /user_feedbacks/:id.json`); a deleted one is a 403 (`E621Forbidden`) for
 * non-staff.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<UserFeedback, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)
