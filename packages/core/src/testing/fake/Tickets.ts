/**
 * The fake's tickets (`/tickets`): visible to their creator, or to staff by type.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Tickets.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, isStaff, reportFilters, staffIds, unpermitted } from "./Staff.ts"
import { iso } from "./Common.ts"

interface Ticket {
  readonly id: number
  readonly creator_id: number
  readonly disp_id: number
  readonly qtype: string
  readonly status: "pending" | "partial" | "approved"
  readonly reason: string
  readonly report_reason: string | null
  readonly response: string
  readonly handler_id: number
  readonly claimant_id: number | null
  readonly created_at: string
  readonly updated_at: string
  readonly accused_id: number | null
}

const tickets = (store: FakeData.Store) =>
  FakeTable.tableOf<Ticket>(store, "moderation.tickets", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0x71c))
    const staff = staffIds(s)
    const tester = s.users.find((u) => u.name === "tester") ?? s.users[0]!
    const qtypes = ["post", "comment", "user", "forum", "wiki", "pool", "blip", "dmail"] as const
    const rows: Array<Ticket> = []
    for (let id = 1; id <= 25; id++) {
      const qtype = qtypes[id % qtypes.length]!
      const status = rng.pick(["pending", "pending", "partial", "approved"] as const)
      const claimed = status !== "pending" || rng.chance(0.3)
      const at = BASE + id * 5 * DAY
      rows.push({
        id,
        creator_id: id % 3 === 0 ? tester.id : rng.pick(s.users).id,
        disp_id: 1 + rng.int(5000),
        qtype,
        status,
        reason: `Reported ${qtype}: please review.`,
        report_reason: qtype === "post" ? "rule_violation" : null,
        response: status === "pending" ? "" : "Handled, thank you.",
        handler_id: claimed ? rng.pick(staff) : 0,
        claimant_id: claimed ? rng.pick(staff) : null,
        created_at: iso(at),
        updated_at: iso(at + DAY),
        accused_id: qtype === "user" || qtype === "comment" ? rng.pick(s.users).id : null
      })
    }
    return new FakeTable.Table(rows)
  })

const canView = (user: FakeData.User | undefined, row: Ticket): boolean => {
  if (user === undefined) return false
  if (user.id === row.creator_id || FakeContext.atLeast(user, "Admin")) return true
  return row.qtype === "user" || row.qtype === "dmail" ? FakeContext.atLeast(user, "Moderator") : FakeContext.atLeast(user, "Staff")
}

const ticketJson = (row: Ticket, ctx: FakeContext.Context): Record<string, unknown> => {
  const { accused_id, claimant_id, creator_id, reason, report_reason, response, ...rest } = row
  if (!canView(ctx.viewer.user, row)) return rest
  const shown: Record<string, unknown> = { ...rest, creator_id, accused_id, reason, report_reason, response }
  if (isStaff(ctx)) shown.claimant_id = claimant_id
  return shown
}

const statusRank = (row: Ticket): number => row.status === "pending" ? 0 : row.status === "partial" ? 1 : 2

const ticketIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const staff = isStaff(ctx)
  const staffKeys = ["disp_id", "creator_name", "accused_name", "accused_id", "claimant_id", "claimant_name", "reason"]
  for (const key of Object.keys(search)) {
    if (staffKeys.includes(key) && !staff) return unpermitted(key)
    if (key === "creator_id" && !staff && Number.parseInt(search.creator_id!, 10) !== user?.id) return unpermitted(key)
  }
  return FakeTable.search(Api.routes.search, ctx, tickets(ctx.store).rows, {
    visible: (row) =>
      FakeContext.atLeast(user, "Moderator") ||
      (user !== undefined && row.creator_id === user.id) ||
      (staff && row.qtype !== "dmail" && row.qtype !== "user"),
    filters: {
      qtype: FakeTable.exact((row) => row.qtype),
      ...reportFilters({ handled: false })
    },
    defaultOrder: (a, b) => statusRank(a) - statusRank(b),
    render: ticketJson
  })
}

const ticketShow: FakeContext.Handler = (ctx, match) => {
  const row = tickets(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return canView(ctx.viewer.user, row) ? FakeHttp.json(200, ticketJson(row, ctx)) : FakeHttp.accessDenied()
}

/**
 * The routes of `/tickets` (declared in `api/Tickets.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: ticketIndex, get: ticketShow })
