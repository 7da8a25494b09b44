/**
 * The fake's appeals (`/appeals`): visible to their creator or to staff.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Appeals.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, isStaff, reportFilters, staffIds, unpermitted } from "./Staff.ts"
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

const appeals = (store: FakeData.Store) =>
  FakeTable.tableOf<Appeal>(store, "moderation.appeals", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0xa99ea1))
    const staff = staffIds(s)
    const tester = s.users.find((u) => u.name === "tester") ?? s.users[0]!
    const rows: Array<Appeal> = []
    for (let id = 1; id <= 20; id++) {
      const status = rng.pick(["pending", "pending", "partial", "approved", "rejected"] as const)
      const claimed = status !== "pending" || rng.chance(0.3)
      const at = BASE + id * 4 * DAY
      rows.push({
        id,
        creator_id: id % 4 === 0 ? tester.id : rng.pick(s.users).id,
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
      })
    }
    return new FakeTable.Table(rows)
  })

/** `Appeal#can_view?` for flag appeals: the creator, or staff. */
const canViewAppeal = (ctx: FakeContext.Context, row: Appeal): boolean =>
  ctx.viewer.user !== undefined && (ctx.viewer.user.id === row.creator_id || isStaff(ctx))

const appealJson = (row: Appeal, ctx: FakeContext.Context): Record<string, unknown> => {
  const { accused_id, claimant_id, creator_id, reason, response, ...rest } = row
  if (!canViewAppeal(ctx, row)) return rest
  const shown: Record<string, unknown> = { ...rest, creator_id, accused_id, reason, response }
  if (isStaff(ctx)) shown.claimant_id = claimant_id
  return shown
}

const appealRank = (row: Appeal): number => row.status === "pending" ? 0 : row.status === "partial" ? 1 : 2

const appealIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const staff = isStaff(ctx)
  const staffKeys = ["disp_id", "creator_name", "accused_name", "accused_id", "claimant_id", "claimant_name", "reason"]
  for (const key of Object.keys(search)) {
    if (staffKeys.includes(key) && !staff) return unpermitted(key)
    if (key === "creator_id" && !staff && Number.parseInt(search.creator_id!, 10) !== user?.id) return unpermitted(key)
  }
  return FakeTable.search(Api.routes.search, ctx, appeals(ctx.store).rows, {
    visible: (row) => staff || (user !== undefined && row.creator_id === user.id),
    filters: {
      qtype: FakeTable.exact((row) => row.qtype),
      ...reportFilters({ handled: true })
    },
    defaultOrder: (a, b) => appealRank(a) - appealRank(b),
    render: appealJson
  })
}

const appealShow: FakeContext.Handler = (ctx, match) => {
  const row = appeals(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return canViewAppeal(ctx, row) ? FakeHttp.json(200, appealJson(row, ctx)) : FakeHttp.accessDenied()
}

/**
 * The routes of `/appeals` (declared in `api/Appeals.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: appealIndex, get: appealShow })
