/**
 * What the fake's moderation families share: their seeding epoch, the staff accounts, the staff check, and
 * e621's answer to a search key only staff may use.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeTable from "./Table.ts"

/** A day in milliseconds. @internal */
export const DAY = 86_400_000

/** The epoch the moderation tables are seeded from. @internal */
export const BASE = Date.UTC(2024, 0, 1)

/** The ids of the staff accounts (Janitor and above). @internal */
export const staffIds = (store: FakeData.Store): ReadonlyArray<number> =>
  store.users.filter((u) => FakeData.levels[u.level_string] >= FakeData.levels.Janitor).map((u) => u.id)

/** Whether the viewer is staff. @internal */
export const isStaff = (ctx: FakeContext.Context): boolean => FakeContext.atLeast(ctx.viewer.user, "Staff")

/** e621's 403 for a search key only staff may use. @internal */
export const unpermitted = (key: string): FakeHttp.FakeResponse => FakeHttp.reasonError(403, `found unpermitted parameter: :${key}`)

/** The fields of a report (a ticket or an appeal) that their searches filter on. @internal */
export interface Report {
  readonly status: string
  readonly creator_id: number | null
  readonly disp_id: number | null
  readonly accused_id: number | null
  readonly claimant_id: number | null
  readonly reason: string | null
}

/**
 * The search filters tickets and appeals share (e621's `pending_claimed` / `pending_unclaimed` statuses, the
 * people involved, the reason), keyed by the declared search fields (`internal/reportSearch.ts`); `handled`
 * (claimed and decided) is given only where e621 offers it. @internal
 */
export const reportFilters = <A extends Report>(options: { readonly handled: boolean }) => ({
  status: (row: A, value: string): boolean =>
    value === "pending_claimed"
      ? row.status === "pending" && row.claimant_id !== null
      : value === "pending_unclaimed"
      ? row.status === "pending" && row.claimant_id === null
      : options.handled && value === "handled"
      ? (row.status === "approved" || row.status === "rejected") && row.claimant_id !== null
      : row.status === value,
  creatorId: FakeTable.numeric<A>((row) => row.creator_id),
  creatorName: FakeTable.userName<A>((row) => row.creator_id),
  dispId: FakeTable.numeric<A>((row) => row.disp_id),
  accusedId: FakeTable.numeric<A>((row) => row.accused_id),
  accusedName: FakeTable.userName<A>((row) => row.accused_id),
  claimantId: FakeTable.numeric<A>((row) => row.claimant_id),
  claimantName: FakeTable.userName<A>((row) => row.claimant_id),
  reason: FakeTable.text<A>((row) => row.reason)
})
