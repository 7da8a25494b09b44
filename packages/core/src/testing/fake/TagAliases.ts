/**
 * The fake's tag aliases (`/tag_aliases`, `POST /tag_alias_request`),
 * over the relationships of `TagRelationships.ts`.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import * as TagRelationships from "./TagRelationships.ts"

/**
 * The routes of `/tag_aliases` and `/tag_alias_request`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/tag_aliases$/, auth: "none", throttled: false, handler: TagRelationships.relationshipIndex("alias") },
  { method: "GET", pattern: /^\/tag_aliases\/(\d+)$/, auth: "none", throttled: false, handler: TagRelationships.relationshipShow("alias") },
  { method: "DELETE", pattern: /^\/tag_aliases\/(\d+)$/, auth: "none", throttled: true, handler: TagRelationships.relationshipDestroy("alias") },
  { method: "POST", pattern: /^\/tag_alias_request$/, auth: "member", throttled: true, handler: TagRelationships.relationshipRequest("alias") }
]
