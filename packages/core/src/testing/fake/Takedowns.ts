/**
 * The fake's takedowns (`/takedowns`), with the fields e621 hides from non-staff.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Takedowns.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, seeded, unpermitted } from "./Staff.ts"
import { iso } from "./Common.ts"

interface Takedown {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly approver_id: number | null
  readonly status: string
  readonly reason_hidden: boolean
  readonly post_count: number
  // hidden from every JSON answer:
  readonly creator_id: number | null
  readonly source: string
  readonly reason: string
  readonly instructions: string
  readonly post_ids: ReadonlyArray<number>
  readonly notes: string
  readonly email: string
  readonly vericode: string
}

const takedowns = seeded<Takedown>("moderation.takedowns", 0x7a4e, 15, ({ id, rng, staff, store }) => {
  const at = BASE + id * 11 * DAY
  const status = id > 12 ? "pending" : rng.pick(["approved", "denied", "partial"])
  const postIds = store.ids.length === 0 ? [] : rng.sample(Array.from(store.ids.subarray(0, 200)), 1 + rng.int(4))
  return {
    id,
    created_at: iso(at),
    updated_at: iso(at + DAY),
    approver_id: status === "pending" ? null : rng.pick(staff),
    status,
    reason_hidden: rng.chance(0.3),
    post_count: postIds.length,
    creator_id: rng.chance(0.5) ? rng.pick(store.users).id : null,
    source: `https://art.example.com/artist_${id}`,
    reason: "I am the artist and want these removed.",
    instructions: "",
    post_ids: postIds,
    notes: "none",
    email: `artist${id}@example.com`,
    vericode: `code-${id}-${rng.int(1_000_000)}`
  }
})

const takedownJson = (row: Takedown) => ({
  id: row.id,
  created_at: row.created_at,
  updated_at: row.updated_at,
  approver_id: row.approver_id,
  status: row.status,
  reason_hidden: row.reason_hidden,
  post_count: row.post_count
})

const takedownIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const handler = FakeContext.atLeast(user, "Moderator") || (user !== undefined && FakeContext.atLeast(user, "Janitor"))
  const admin = FakeContext.atLeast(user, "Admin")
  const modKeys = ["source", "reason", "creator_id", "creator_name", "creator_logged_in", "reason_hidden", "instructions", "post_id", "notes"]
  const adminKeys = ["ip_addr", "email", "vericode", "order"]
  for (const key of Object.keys(search)) {
    if (modKeys.includes(key) && !handler) return unpermitted(key)
    if (adminKeys.includes(key) && !admin) return unpermitted(key)
  }
  return FakeTable.search(Api.routes.search)(ctx, takedowns(ctx.store).rows, {
    users: { creator: (row) => row.creator_id },
    filters: {
      status: FakeTable.exact((row) => row.status),
      source: FakeTable.text((row) => row.source),
      reason: FakeTable.text((row) => row.reason),
      creatorLoggedIn: FakeTable.bool((row) => row.creator_id !== null),
      reasonHidden: FakeTable.bool((row) => row.reason_hidden),
      instructions: FakeTable.text((row) => row.instructions),
      postId: (row, value) => row.post_ids.includes(Number(value)),
      notes: FakeTable.text((row) => row.notes),
      ipAddr: () => false,
      email: FakeTable.text((row) => row.email),
      vericode: (row, value) => row.vericode === value
    },
    orders: {
      status: (a, b) => a.status.localeCompare(b.status),
      post_count: (a, b) => b.post_count - a.post_count
    },
    render: takedownJson
  })
}

/** e621 renders `respond_with(@takedown, @show_instructions)`: the boolean, not the takedown. */
const takedownShow: FakeContext.Handler = (ctx, match) => {
  const row = takedowns(ctx.store).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, ctx.params.code === row.vericode)
}

/**
 * The routes of `/takedowns` (declared in `api/Takedowns.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: takedownIndex, get: takedownShow })
