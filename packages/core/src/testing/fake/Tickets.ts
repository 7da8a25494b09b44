/**
 * The fake's tickets (`/tickets`): visible to their creator, or to staff by type.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Tickets.ts"
import * as FakeContext from "./Handler.ts"
import * as Reports from "./Reports.ts"
import * as Serve from "./Serve.ts"
import { BASE, DAY, isStaff, seeded } from "./Staff.ts"
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

const qtypes = ["post", "comment", "user", "forum", "wiki", "pool", "blip", "dmail"] as const

const tickets = seeded<Ticket>("moderation.tickets", 0x71c, 25, ({ id, rng, staff, store }) => {
  const qtype = qtypes[id % qtypes.length]!
  const status = rng.pick(["pending", "pending", "partial", "approved"] as const)
  const claimed = status !== "pending" || rng.chance(0.3)
  const at = BASE + id * 5 * DAY
  const tester = store.users.find((u) => u.name === "tester") ?? store.users[0]!
  return {
    id,
    creator_id: id % 3 === 0 ? tester.id : rng.pick(store.users).id,
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
    accused_id: qtype === "user" || qtype === "comment" ? rng.pick(store.users).id : null
  }
})

/** `Ticket#can_view?`: the creator, an admin, or staff by type (user and dmail tickets: moderators). */
const canView = (ctx: FakeContext.Context, row: Ticket): boolean => {
  const user = ctx.viewer.user
  if (user === undefined) return false
  if (user.id === row.creator_id || FakeContext.atLeast(user, "Admin")) return true
  return row.qtype === "user" || row.qtype === "dmail" ? FakeContext.atLeast(user, "Moderator") : FakeContext.atLeast(user, "Staff")
}

/**
 * The routes of `/tickets` (declared in `api/Tickets.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, Reports.handlers(Api.routes.search, {
  table: tickets,
  canView,
  listed: (ctx, row) =>
    FakeContext.atLeast(ctx.viewer.user, "Moderator") ||
    (ctx.viewer.user !== undefined && row.creator_id === ctx.viewer.user.id) ||
    (isStaff(ctx) && row.qtype !== "dmail" && row.qtype !== "user"),
  private: ["creator_id", "accused_id", "reason", "report_reason", "response"],
  handled: false
}))
