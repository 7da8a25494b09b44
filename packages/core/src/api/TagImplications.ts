/**
 * Tag implications: search, stream, read, request and reject implications
 * (`app/controllers/tag_implications_controller.rb`, `tag_implication_requests_controller.rb`).
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import * as Endpoint from "../internal/endpoint.ts"
import { TagImplication } from "../schemas/TagImplication.ts"
import * as TagAliases from "./TagAliases.ts"

/**
 * Search fields of `GET /tag_implications.json`: the same as for aliases (`TagAliases.TagRelationshipSearch`).
 *
 * @since 0.1.0
 */
export const TagImplicationSearch = TagAliases.TagRelationshipSearch

/**
 * Search fields of `GET /tag_implications.json` as a type.
 *
 * @since 0.1.0
 */
export interface TagImplicationSearch extends Schema.Schema.Type<typeof TagImplicationSearch> {}

const list = {
  path: "/tag_implications.json",
  search: TagImplicationSearch,
  item: TagImplication,
  encodeSearch: TagAliases.encodeRelationshipSearch,
  idOrdered: TagAliases.relationshipIdOrdered
} as const

/**
 * One page of tag implications (`GET /tag_implications.json`); default order: by status (queued,
 * processing, pending, active, deleted, retired), then newest first.
 *
 * @since 0.1.0
 */
export const search = Endpoint.search(list)

/**
 * Every tag implication matching a search, as a `Stream` (numbered pages for the default and named
 * orders; `b<id>` cursors with `order: "id_desc"` / `"id_asc"`).
 *
 * @since 0.1.0
 */
export const stream = Endpoint.stream(list)

/**
 * One tag implication by id (`GET /tag_implications/:id.json`).
 *
 * @since 0.1.0
 */
export const get = Endpoint.get({ path: (id) => `/tag_implications/${id}.json`, item: TagImplication })

/**
 * Rejects a tag implication (`DELETE /tag_implications/:id.json`; 204): allowed to the creator of a pending
 * request and to admins (403 otherwise). The implication stays, with status `deleted`.
 *
 * @since 0.1.0
 */
const delete_ = Endpoint.action({ method: "DELETE", path: (id) => `/tag_implications/${id}.json` })

export { delete_ as delete }

/**
 * Requests a tag implication (`POST /tag_implication_request`, member; hourly limit shared with alias and
 * BUR requests). e621 answers with a redirect to the new forum topic, not JSON; this follows
 * `TagAliases.requestFlow` and returns the new pending implication. A refused request fails with
 * `E621ValidationFailed`.
 *
 * @since 0.1.0
 */
export const request = TagAliases.requestFlow<TagImplication>("implication", (antecedentName, consequentName) =>
  search({ antecedentName, consequentName, status: "pending", order: "id_desc", limit: 1 }))
