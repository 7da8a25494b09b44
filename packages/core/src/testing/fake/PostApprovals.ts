/**
 * The fake's post approvals (`/post_approvals`), seeded from the store's posts on first use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostApprovals.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { iso, postTagsMatch, recent } from "./Common.ts"

interface ApprovalRow {
  readonly id: number
  readonly user_id: number
  readonly post_id: number
  readonly created_at: string
  readonly updated_at: string
}

/** Shared with `PostEvents.ts`, which derives events from it. @internal */
export const approvalsTable = (store: FakeData.Store) =>
  FakeTable.tableOf<ApprovalRow>(store, "post_approvals", (store) => {
    const rows: Array<Omit<ApprovalRow, "id">> = []
    for (const i of recent(store, 1500).reverse()) {
      const post = store.at(i)
      if (post.approver_id === null || post.flags.pending) continue
      const at = iso(Date.parse(post.created_at) + 600_000 + (Random.hash(store.seed, post.id) % 86_400_000))
      rows.push({ user_id: post.approver_id, post_id: post.id, created_at: at, updated_at: at })
    }
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const approvalIndex: FakeContext.Handler = (ctx) => {
  // `post_tags_match` is permitted to members only: others get the strict controller's 403
  const member = FakeContext.atLeast(ctx.viewer.user, "Member")
  if (!member && FakeTable.searchParams(ctx.params).post_tags_match !== undefined) {
    return FakeHttp.reasonError(403, "found unpermitted parameter: :post_tags_match")
  }
  return FakeTable.search(Api.routes.search)(ctx, approvalsTable(ctx.store).rows, {
    users: { user: (a) => a.user_id },
    filters: {
      postId: FakeTable.numeric((a) => a.post_id),
      postTagsMatch: postTagsMatch((a) => a.post_id)
    }
  })
}

/**
 * The routes of `/post_approvals` (declared in `api/PostApprovals.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: approvalIndex })
