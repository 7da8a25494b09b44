/**
 * What the fake's report families (tickets, appeals) share, as e621ng's `tickets_controller.rb` and
 * `appeals_controller.rb` do: the search keys only staff may send (and `creator_id` other than one's own), the
 * status filters, the order (pending, then partial, then the others, newest first within each), and the
 * fields a report shows only to those who may view it (`can_view?`), the claimant only to staff.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import type * as ReportSearch from "../../internal/reportSearch.ts"
import type * as Route from "../../Route.ts"
import type * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeTable from "./Table.ts"
import { isStaff, unpermitted } from "./Staff.ts"

/** The fields of a report that its family's searches and answers read. @internal */
export interface Report extends FakeTable.Row {
  readonly creator_id: number
  readonly disp_id: number
  readonly qtype: string
  readonly status: string
  readonly reason: string
  readonly response: string
  readonly claimant_id: number | null
  readonly accused_id: number | null
  readonly created_at: string
  readonly updated_at: string
}

/** A route searching with the report search fields (`internal/reportSearch.ts`): filters are checked against it. */
type Searched = { readonly search: ReturnType<typeof ReportSearch.search<Schema.Top, ReadonlyArray<string>>> }

/** The search keys e621 permits only to staff. */
const staffKeys = ["disp_id", "creator_name", "accused_name", "accused_id", "claimant_id", "claimant_name", "reason"]

/** The people a report is searched by. */
const users: NonNullable<FakeTable.SearchOptions<Searched, Report>["users"]> = {
  creator: (row) => row.creator_id,
  accused: (row) => row.accused_id,
  claimant: (row) => row.claimant_id
}

/**
 * The other search filters tickets and appeals share (e621's `pending_claimed` / `pending_unclaimed`
 * statuses, the reason); `handled` (claimed and decided) only where e621 offers it.
 */
const filters = <A extends Report>(handled: boolean): FakeTable.Filters<Searched, A> => ({
  qtype: FakeTable.exact((row) => row.qtype),
  status: (row, value) =>
    value === "pending_claimed"
      ? row.status === "pending" && row.claimant_id !== null
      : value === "pending_unclaimed"
      ? row.status === "pending" && row.claimant_id === null
      : handled && value === "handled"
      ? (row.status === "approved" || row.status === "rejected") && row.claimant_id !== null
      : row.status === value,
  dispId: FakeTable.numeric((row) => row.disp_id),
  reason: FakeTable.text((row) => row.reason)
})

const rank = (row: Report): number => row.status === "pending" ? 0 : row.status === "partial" ? 1 : 2

/** How one report family differs. @internal */
export interface Options<A extends Report> {
  readonly table: (store: FakeData.Store) => FakeTable.Table<A>
  /** Whether the viewer may view a report (`can_view?`): its private fields, and `show` (403 otherwise). */
  readonly canView: (ctx: FakeContext.Context, row: A) => boolean
  /** Whether the viewer's searches list a report. */
  readonly listed: (ctx: FakeContext.Context, row: A) => boolean
  /** The fields shown only to those who may view the report, in e621's order (the claimant follows, for staff). */
  readonly private: ReadonlyArray<keyof A & string>
  /** Whether `search[status]=handled` is offered. */
  readonly handled: boolean
}

/**
 * The `search` and `get` handlers of a report family, searching with its declared list route. @internal
 */
export const handlers = <A extends Report>(route: Route.Any, options: Options<A>): {
  readonly search: FakeContext.Handler
  readonly get: FakeContext.Handler
} => {
  const hidden = new Set<string>([...options.private, "claimant_id"])
  const render = (row: A, ctx: FakeContext.Context): Record<string, unknown> => {
    const shown: Record<string, unknown> = Object.fromEntries(Object.entries(row).filter(([key]) => !hidden.has(key)))
    if (!options.canView(ctx, row)) return shown
    for (const key of options.private) shown[key] = row[key]
    if (isStaff(ctx)) shown.claimant_id = row.claimant_id
    return shown
  }
  return {
    search: (ctx) => {
      const search = FakeTable.searchParams(ctx.params)
      const staff = isStaff(ctx)
      for (const key of Object.keys(search)) {
        if (staffKeys.includes(key) && !staff) return unpermitted(key)
        if (key === "creator_id" && !staff && Number.parseInt(search.creator_id!, 10) !== ctx.viewer.user?.id) {
          return unpermitted(key)
        }
      }
      return FakeTable.search(route)(ctx, options.table(ctx.store).rows, {
        visible: (row) => options.listed(ctx, row),
        users,
        filters: filters<A>(options.handled),
        defaultOrder: (a, b) => rank(a) - rank(b),
        render
      })
    },
    get: (ctx, match) =>
      FakeTable.found(options.table(ctx.store), match, (row) => options.canView(ctx, row), (row) => FakeHttp.json(200, render(row, ctx)))
  }
}
