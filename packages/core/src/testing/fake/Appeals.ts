/**
 * The fake's appeals (`/appeals`): visible to their creator or to staff.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Appeals.ts"
import type * as FakeContext from "./Handler.ts"
import * as Reports from "./Reports.ts"
import * as Serve from "./Serve.ts"
import { BASE, DAY, isStaff, seeded } from "./Staff.ts"
import { iso } from "./Common.ts"

interface Appeal {
  readonly id: number
  readonly creator_id: number
  readonly disp_id: number
  readonly qtype: "flag"
  readonly status: "pending" | "partial" | "approved" | "rejected"
  readonly reason: string
  readonly response: string
  readonly claimant_id: number | null
  readonly handler_id: number | null
  readonly accused_id: number | null
  readonly created_at: string
  readonly updated_at: string
}

const appeals = seeded<Appeal>("moderation.appeals", 0xa99ea1, 20, ({ id, rng, staff, store }) => {
  const status = rng.pick(["pending", "pending", "partial", "approved", "rejected"] as const)
  const claimed = status !== "pending" || rng.chance(0.3)
  const at = BASE + id * 4 * DAY
  const tester = store.users.find((u) => u.name === "tester") ?? store.users[0]!
  return {
    id,
    creator_id: id % 4 === 0 ? tester.id : rng.pick(store.users).id,
    disp_id: 1 + rng.int(3000),
    qtype: "flag",
    status,
    reason: `Please restore post: the flag reason does not apply (${id}).`,
    response: status === "pending" ? "" : "Reviewed.",
    claimant_id: claimed ? rng.pick(staff) : null,
    handler_id: status === "approved" || status === "rejected" ? rng.pick(staff) : null,
    accused_id: rng.pick(staff),
    created_at: iso(at),
    updated_at: iso(at + DAY)
  }
})

/** `Appeal#can_view?` for flag appeals: the creator, or staff. */
const canView = (ctx: FakeContext.Context, row: Appeal): boolean =>
  ctx.viewer.user !== undefined && (ctx.viewer.user.id === row.creator_id || isStaff(ctx))

/**
 * The routes of `/appeals` (declared in `api/Appeals.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, Reports.handlers(Api.routes.search, {
  table: appeals,
  canView,
  listed: canView,
  private: ["creator_id", "accused_id", "reason", "response"],
  handled: true
}))
