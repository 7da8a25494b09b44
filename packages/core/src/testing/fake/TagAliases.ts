/**
 * The fake's tag aliases (`/tag_aliases`, `POST /tag_alias_request`),
 * over the relationships of `TagRelationships.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/TagAliases.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as TagRelationships from "./TagRelationships.ts"

/**
 * The routes of `/tag_aliases` and `/tag_alias_request` (declared in `api/TagAliases.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: TagRelationships.relationshipIndex("alias"),
  get: TagRelationships.relationshipShow("alias"),
  delete: TagRelationships.relationshipDestroy("alias"),
  request: TagRelationships.relationshipRequest("alias")
})
