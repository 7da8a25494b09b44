/**
 * Tag implications: search, stream, read, request and reject implications
 * (`app/controllers/tag_implications_controller.rb`, `tag_implication_requests_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TagImplications } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const implications = yield* TagImplications.search({ antecedentName: "red_fox" })
 *   const implication = yield* TagImplications.get(1)
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
import * as TagRelationship from "../internal/tagRelationship.ts"
import type * as Paging from "../Paging.ts"
import { TagImplication } from "../schemas/TagImplication.ts"

/**
 * Search fields of `GET /tag_implications.json`: the same as for aliases (see `TagAliases.TagAliasSearch`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagImplicationSearch = TagRelationship.Search

/**
 * Search fields of `GET /tag_implications.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagImplicationSearch extends Schema.Schema.Type<typeof TagImplicationSearch> {}

/**
 * A request for a new tag implication: the two tag names (normalised) and the reason posted to the forum
 * (at least 5 characters).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagImplicationRequest = TagRelationship.Request

/**
 * A request for a new tag implication as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagImplicationRequest extends Schema.Schema.Type<typeof TagImplicationRequest> {}

/**
 * The routes of tag implications and implication requests, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = TagRelationship.routes("implication", TagImplicationSearch, TagImplication)

/**
 * One page of tag implications (`GET /tag_implications.json`); default order: by status (queued,
 * processing, pending, active, deleted, retired), then newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TagImplicationSearch, TagImplication> = Endpoint.search(routes.search)

/**
 * Every tag implication matching a search, as a `Stream` (numbered pages for the default and named
 * orders; `b<id>` cursors with `order: "id_desc"` / `"id_asc"`).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TagImplicationSearch, TagImplication> = Endpoint.stream(routes.search)

/**
 * One tag implication by id (`GET /tag_implications/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<TagImplication, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Rejects a tag implication (`DELETE /tag_implications/:id.json`; 204): allowed to the creator of a pending
 * request and to admins (403 otherwise). The implication stays, with status `deleted`.
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

/**
 * Requests a tag implication (`POST /tag_implication_request`, member; hourly limit shared with alias and
 * BUR requests). e621 answers with a redirect to the new forum topic, not JSON; this checks the input as
 * `TagAliases.request` does, takes the redirect as success and returns the new pending implication. A
 * refused request (406) fails with `E621ValidationFailed`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const request: (input: TagImplicationRequest) => Effect.Effect<TagImplication, E621Error, E621Client.E621Client> =
  TagRelationship.requestFlow("implication", routes.request, search)
