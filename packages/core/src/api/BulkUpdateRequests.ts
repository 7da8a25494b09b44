/**
 * Bulk update requests (BURs): search, stream, read, create, edit and reject
 * (`app/controllers/bulk_update_requests_controller.rb`, `app/models/bulk_update_request.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { BulkUpdateRequests } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const requests = yield* BulkUpdateRequests.search({ userName: "some_user", limit: 5 })
 *   const request = yield* BulkUpdateRequests.get(1)
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
import { BulkUpdateRequest } from "../schemas/BulkUpdateRequest.ts"

const Ids = Schema.Union([
  Params.Id,
  Schema.Array(Params.Id).check(Schema.isMinLength(1), Schema.isMaxLength(Params.maxLimit))
])

const Statuses = Schema.Literals(["pending", "approved", "rejected"])

/**
 * Search fields of `GET /bulk_update_requests.json`: creator (`userId` / `userName`), approver, forum
 * topic / post ids, `status` (one or a list), `titleMatches` / `scriptMatches` (`*` wildcards, else
 * full-text), `order` (`updated_at_desc`, `updated_at_asc`, `id_asc`, `id_desc`; default pending first,
 * then newest).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkUpdateRequestSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  approverId: Schema.optionalKey(Params.Range),
  approverName: Schema.optionalKey(Params.Text),
  forumTopicId: Schema.optionalKey(Ids),
  forumPostId: Schema.optionalKey(Ids),
  status: Schema.optionalKey(Schema.Union([Statuses, Schema.Array(Statuses).check(Schema.isMinLength(1))])),
  titleMatches: Schema.optionalKey(Params.Text),
  scriptMatches: Schema.optionalKey(Params.Text),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["updated_at_desc", "updated_at_asc", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /bulk_update_requests.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkUpdateRequestSearch extends Schema.Schema.Type<typeof BulkUpdateRequestSearch> {}

const scriptLine =
  /^(?:(?:create alias|aliasing|alias|create implication|implicating|implicate|imply|remove alias|unaliasing|unalias|remove implication|unimplicating|unimplicate|unimply|mass update|updating|update|change) \S+ -> \S+|(?:nuke tag|nuke) \S+|category \S+ -> \S+)(?: #.*)?$/i

/**
 * Checks a BUR script the way e621 tokenizes it (`BulkUpdateRequestImporter.tokenize`): every non-blank
 * line must be `alias a -> b`, `imply a -> b`, `unalias a -> b`, `unimply a -> b`, `update a -> b`,
 * `nuke tag a` or `category a -> <category>` (with e621's synonyms), optionally followed by ` # comment`.
 * Returns the first unparseable line.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const unparseableLine = (script: string): string | undefined =>
  script.split(/\r\n|\r|\n/).map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "")
    .find((line) => !scriptLine.test(line))

/**
 * A new bulk update request: the script, and either a `title` (a new forum topic) or the `forumTopicId` of
 * an existing topic; `reason` (≥ 5 characters) is posted to the forum.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkUpdateRequestCreate = Schema.Struct({
  script: Params.Text,
  title: Schema.optionalKey(Params.Text),
  reason: Params.Text,
  forumTopicId: Schema.optionalKey(Params.Id)
})

/**
 * A new bulk update request as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkUpdateRequestCreate extends Schema.Schema.Type<typeof BulkUpdateRequestCreate> {}

/**
 * A change to a pending BUR: its script.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkUpdateRequestUpdate = Schema.Struct({ script: Params.Text })

/**
 * A change to a pending BUR as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkUpdateRequestUpdate extends Schema.Schema.Type<typeof BulkUpdateRequestUpdate> {}

/**
 * The routes of bulk update requests, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/bulk_update_requests.json",
    auth: "none",
    search: BulkUpdateRequestSearch,
    item: BulkUpdateRequest,
    /** Only `id_asc` / `id_desc`: the default order puts pending requests first. */
    idOrdered: (search: BulkUpdateRequestSearch) => search.order === "id_asc" || search.order === "id_desc"
  }),
  get: Route.make({ method: "GET", path: "/bulk_update_requests/:id.json", auth: "none", item: BulkUpdateRequest }),
  create: Route.make({
    method: "POST",
    path: "/bulk_update_requests.json",
    auth: "member",
    root: "bulk_update_request",
    body: BulkUpdateRequestCreate,
    item: BulkUpdateRequest
  }),
  update: Route.make({
    method: "PATCH",
    path: "/bulk_update_requests/:id.json",
    auth: "member",
    root: "bulk_update_request",
    body: BulkUpdateRequestUpdate
  }),
  delete: Route.make({ method: "DELETE", path: "/bulk_update_requests/:id.json", auth: "member" })
} as const

/**
 * One page of bulk update requests (`GET /bulk_update_requests.json`); default order: pending first, then
 * newest.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<BulkUpdateRequestSearch, BulkUpdateRequest> = Endpoint.search(routes.search)

/**
 * Every BUR matching a search, as a `Stream`: numbered pages for the default (pending-first) and
 * `updated_at` orders, `b<id>` cursors with `order: "id_desc"` / `"id_asc"`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<BulkUpdateRequestSearch, BulkUpdateRequest> = Endpoint.stream(routes.search)

/**
 * One bulk update request by id (`GET /bulk_update_requests/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<BulkUpdateRequest, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

const checkScript = (script: string): Effect.Effect<string, E621Error> => {
  const bad = unparseableLine(script)
  return bad === undefined ? Effect.succeed(script) : Effect.fail(invalidInput("script", `unparseable line: ${bad}`))
}

const createRequest = Endpoint.create(routes.create)

/**
 * Creates a bulk update request (`POST /bulk_update_requests.json`, member; 201 + the BUR, whose script
 * e621 lower-cases and annotates). e621 also opens a forum topic (or posts in `forumTopicId`). Checked first:
 * the script's syntax, a title or topic, a reason of at least 5 characters; e621's own checks (duplicates,
 * transitive relationships) answer 422 → `E621ValidationFailed`. (BURs count towards the hourly limit of alias
 * and implication requests, but e621 does not limit them.)
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (
  input: BulkUpdateRequestCreate
): Effect.Effect<BulkUpdateRequest, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(BulkUpdateRequestCreate, input, "input")
    yield* checkScript(checked.script)
    if (checked.title === undefined && checked.forumTopicId === undefined) {
      return yield* invalidInput("title", "is required unless forumTopicId is given")
    }
    if (checked.reason.trim().length < 5) return yield* invalidInput("reason", "must have at least 5 characters")
    return yield* createRequest(checked)
  })

const updateRequest = Endpoint.update(routes.update)

/**
 * Replaces the script of a pending BUR (`PATCH /bulk_update_requests/:id.json`; 204): its creator or an
 * admin, while it is pending (403 otherwise); e621 validates the new script (422).
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (
  id: number, patch: BulkUpdateRequestUpdate
): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.flatMap(
    Effect.flatMap(Params.check(BulkUpdateRequestUpdate, patch, "patch"), (checked) => checkScript(checked.script)),
    (script) => updateRequest(id, { script })
  )

/**
 * Rejects a pending BUR (`DELETE /bulk_update_requests/:id.json`; 204): its creator or an admin (403
 * otherwise).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
const delete_: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.delete)

export { delete_ as delete }
