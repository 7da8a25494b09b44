/**
 * The fake's post events (`/post_events`), seeded from the store's posts on first use; moderator-only actions
 * are hidden from others.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostEvents.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { approvalsTable } from "./PostApprovals.ts"
import { flagsTable } from "./PostFlags.ts"

interface EventRow {
  readonly id: number
  readonly post_id: number
  readonly action: string
  readonly created_at: string
  readonly creator_id: number
}

const modOnlyActions: ReadonlySet<string> = new Set(["comment_locked", "comment_unlocked", "comment_disabled", "comment_enabled"])

/** Shared by the fake's post record modules. @internal */
export const eventsTable = (store: FakeData.Store): FakeTable.Table<EventRow> =>
  FakeTable.tableOf<EventRow>(store, "post_events", (store) => {
    const rows: Array<Omit<EventRow, "id">> = [
      ...flagsTable(store).rows.map((f) => ({
        post_id: f.post_id,
        action: f.is_deletion ? "deleted" : "flag_created",
        created_at: f.created_at,
        creator_id: f.creator_id
      })),
      ...approvalsTable(store).rows.map((a) => ({ post_id: a.post_id, action: "approved", created_at: a.created_at, creator_id: a.user_id }))
    ].sort((a, b) => a.created_at.localeCompare(b.created_at))
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const eventIndex: FakeContext.Handler = (ctx) => {
  const action = FakeTable.searchParams(ctx.params).action
  if (action !== undefined && modOnlyActions.has(action) && !FakeContext.atLeast(ctx.viewer.user, "Moderator")) {
    return FakeHttp.accessDenied()
  }
  const viewer = ctx.viewer.user
  const canSee = (e: EventRow) => e.action !== "flag_created" || FakeRender.isStaff(viewer) || viewer?.id === e.creator_id
  const rows = FakeTable.selectFor(Api.routes.search)(ctx, eventsTable(ctx.store).rows, {
    filters: {
      postId: FakeTable.numeric((e) => e.post_id),
      creatorId: (e, value, c) => canSee(e) && FakeTable.numeric<EventRow>((r) => r.creator_id)(e, value, c),
      creatorName: (e, value, c) => canSee(e) && FakeTable.userName<EventRow>((r) => r.creator_id)(e, value, c),
      action: FakeTable.exact((e) => e.action)
    }
  })
  if (FakeContext.isResponse(rows)) return rows
  const json = rows.map((e) => ({ ...e, creator_id: canSee(e) ? e.creator_id : null }))
  return FakeHttp.json(200, FakeContext.truthy(ctx.params.v2) ? json : { post_events: json })
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The routes of `/post_events` (declared in `api/PostEvents.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: eventIndex })
