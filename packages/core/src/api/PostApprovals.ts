/**
 * Post approvals: who approved which pending post (`app/controllers/post_approvals_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostApprovals } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const approvals = yield* PostApprovals.search({ postId: 3291457 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { PostApproval } from "../schemas/PostApproval.ts"

/**
 * Search fields of `GET /post_approvals.json` (strict: other keys are a 403; `id`, `createdAt` and `updatedAt`
 * are allowed on every e621 search, `permit_search_params`). `userId` / `userName` is the
 * approver; `postTagsMatch` (a tag query over the approved posts) needs a logged-in member.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostApprovalSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Range),
  postTagsMatch: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /post_approvals.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostApprovalSearch extends Schema.Schema.Type<typeof PostApprovalSearch> {}

/**
 * The routes of post approvals, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_approvals.json",
    auth: "none",
    search: PostApprovalSearch,
    item: PostApproval,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of approvals (`GET /post_approvals.json`), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostApprovalSearch, PostApproval> = Endpoint.search(routes.search)

/**
 * Every approval matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostApprovalSearch, PostApproval> = Endpoint.stream(routes.search)
