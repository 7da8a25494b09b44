/**
 * The fake's tag implications (`/tag_implications`, `POST /tag_implication_request`),
 * over the relationships of `TagRelationships.ts`.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import * as TagRelationships from "./TagRelationships.ts"

/**
 * The routes of `/tag_implications` and `/tag_implication_request`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/tag_implications$/, auth: "none", throttled: false, handler: TagRelationships.relationshipIndex("implication") },
  { method: "GET", pattern: /^\/tag_implications\/(\d+)$/, auth: "none", throttled: false, handler: TagRelationships.relationshipShow("implication") },
  { method: "DELETE", pattern: /^\/tag_implications\/(\d+)$/, auth: "none", throttled: true, handler: TagRelationships.relationshipDestroy("implication") },
  { method: "POST", pattern: /^\/tag_implication_request$/, auth: "member", throttled: true, handler: TagRelationships.relationshipRequest("implication") }
]
