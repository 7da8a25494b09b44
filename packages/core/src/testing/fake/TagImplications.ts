/**
 * The fake's tag implications (`/tag_implications`, `POST /tag_implication_request`),
 * over the relationships of `TagRelationships.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/TagImplications.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as TagRelationships from "./TagRelationships.ts"

/**
 * The routes of `/tag_implications` and `/tag_implication_request` (declared in `api/TagImplications.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: TagRelationships.relationshipIndex("implication"),
  get: TagRelationships.relationshipShow("implication"),
  delete: TagRelationships.relationshipDestroy("implication"),
  request: TagRelationships.relationshipRequest("implication")
})
