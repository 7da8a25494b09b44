/**
 * Tag aliases: search, stream, read, request and reject aliases (`app/controllers/tag_aliases_controller.rb`,
 * `tag_alias_requests_controller.rb`, `app/models/tag_relationship.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TagAliases } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const aliases = yield* TagAliases.search({ antecedentName: "kitty", limit: 5 })
 *   const alias = yield* TagAliases.get(1)
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
import { TagAlias } from "../schemas/TagAlias.ts"

/**
 * Search fields of `GET /tag_aliases.json` (`TagRelationship.search`, shared with tag implications):
 * - `nameMatches`: antecedent **or** consequent `LIKE` pattern (`*` wildcards, no implicit wildcard);
 * - `antecedentName` / `consequentName`: exact names (a list is comma-joined; names are normalised);
 * - `status`: `"approved"` (= active, processing, queued) or one exact status (`pending`, `active`, …);
 * - `antecedentTagCategory` / `consequentTagCategory`: category names or ids of the tags;
 * - `order`: `created_at`, `updated_at` (newest first), `name`, `tag_count` (consequent's post count),
 *   `id_asc`, `id_desc`; default: status (queued, processing, pending, active, deleted, retired), then newest.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagAliasSearch = TagRelationship.Search

/**
 * Search fields of `GET /tag_aliases.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagAliasSearch extends Schema.Schema.Type<typeof TagAliasSearch> {}

/**
 * A request for a new tag alias: the two tag names (normalised: lower case, spaces as underscores) and the
 * reason posted to the forum (at least 5 characters).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagAliasRequest = TagRelationship.Request

/**
 * A request for a new tag alias as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagAliasRequest extends Schema.Schema.Type<typeof TagAliasRequest> {}

/**
 * The routes of tag aliases and alias requests, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = TagRelationship.routes("alias", TagAliasSearch, TagAlias)

/**
 * One page of tag aliases (`GET /tag_aliases.json`); default order: by status (queued, processing, pending,
 * active, deleted, retired), then newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TagAliasSearch, TagAlias> = Endpoint.search(routes.search)

/**
 * Every tag alias matching a search, as a `Stream`. e621's default (status) order and the named orders walk
 * numbered pages (up to page 750); `order: "id_desc"` / `"id_asc"` walks `b<id>` cursors, each alias once.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TagAliasSearch, TagAlias> = Endpoint.stream(routes.search)

/**
 * One tag alias by id (`GET /tag_aliases/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<TagAlias, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Rejects a tag alias (`DELETE /tag_aliases/:id.json`; 204): allowed to the creator of a pending request
 * and to admins (403 otherwise). The alias stays, with status `deleted`.
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
 * Requests a tag alias (`POST /tag_alias_request`, member; counts against the hourly limit of 15 alias,
 * implication and BUR requests). e621 creates a pending alias and a forum topic for the discussion, and
 * answers with a **302 redirect** to that topic rather than JSON (an invalid request re-renders the HTML form:
 * a 406 without the reason). So this checks what can be checked locally (tag names, two different names,
 * reason ≥ 5 characters → `E621InvalidInput`), takes the redirect as success and a 406 as
 * `E621ValidationFailed`, then reads back and returns the new pending alias (with its `forum_topic_id`).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const request: (input: TagAliasRequest) => Effect.Effect<TagAlias, E621Error, E621Client.E621Client> =
  TagRelationship.requestFlow("alias", routes.request, search)
