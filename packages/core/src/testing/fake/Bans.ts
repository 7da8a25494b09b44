/**
 * The fake's bans (`/bans`), seeded on first use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Bans.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, seeded } from "./Staff.ts"
import { iso } from "./Common.ts"

interface Ban {
  readonly id: number
  readonly user_id: number
  readonly banner_id: number
  readonly reason: string
  readonly expires_at: string | null
  readonly created_at: string
  readonly updated_at: string
}

const bans = seeded<Ban>("moderation.bans", 0xba2, 12, ({ id, rng, staff, store }) => {
  const banned = store.users.find((u) => u.level_string === "Blocked")
  const at = BASE + id * 20 * DAY
  const user = id === 12 && banned !== undefined
    ? banned
    : store.users[5 + rng.int(Math.max(1, store.users.length - 5))] ?? store.users[0]!
  return {
    id,
    user_id: user.id,
    banner_id: rng.pick(staff),
    reason: rng.pick(["Spam", "Harassment in comments", "Uploading paysite content", "Ban evasion"]),
    expires_at: id === 12 || rng.chance(0.2) ? null : iso(at + (3 + rng.int(60)) * DAY),
    created_at: iso(at),
    updated_at: iso(at)
  }
})

const banIndex: FakeContext.Handler = (ctx) => {
  const expired = (row: Ban) => row.expires_at !== null && Date.parse(row.expires_at) < ctx.now
  return FakeTable.search(Api.routes.search)(ctx, bans(ctx.store).rows, {
    users: { user: (row) => row.user_id, banner: (row) => row.banner_id },
    filters: {
      reasonMatches: FakeTable.text((row) => row.reason),
      expired: (row, value) => FakeContext.truthy(value) ? expired(row) : /^(false|f|no|n|off|0)$/i.test(value) ? !expired(row) : true
    },
    orders: {
      expires_at_desc: (a, b) => (b.expires_at ?? "").localeCompare(a.expires_at ?? "")
    }
  })
}

const banShow: FakeContext.Handler = (ctx, match) => {
  const row = bans(ctx.store).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, row)
}

/**
 * The routes of `/bans` (declared in `api/Bans.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: banIndex, get: banShow })
