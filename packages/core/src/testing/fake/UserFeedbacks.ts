/**
 * The fake's user feedback (`/user_feedbacks`): deleted feedback is for staff only; strict search keys.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, isStaff, staffIds, unpermitted } from "./Staff.ts"
import { iso } from "./Common.ts"

interface Feedback {
  readonly id: number
  readonly user_id: number
  readonly creator_id: number
  readonly category: "positive" | "neutral" | "negative"
  readonly body: string
  readonly created_at: string
  readonly updated_at: string
  readonly updater_id: number | null
  readonly is_deleted: boolean
}

const feedbacks = (store: FakeData.Store) =>
  FakeTable.tableOf<Feedback>(store, "moderation.feedbacks", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0xfeed))
    const staff = staffIds(s)
    const rows: Array<Feedback> = []
    for (let id = 1; id <= 30; id++) {
      const at = BASE + id * 3 * DAY
      const category = rng.pick(["positive", "neutral", "negative"] as const)
      const user = s.users[id === 1 ? 3 : rng.int(s.users.length)]!
      rows.push({
        id,
        user_id: user.id,
        creator_id: rng.pick(staff),
        category,
        body: `${category === "positive" ? "Thanks for" : category === "neutral" ? "A note about" : "Warning for"} tagging work on post #${1000 + id}.`,
        created_at: iso(at),
        updated_at: iso(at),
        updater_id: null,
        is_deleted: id % 7 === 0
      })
    }
    return new FakeTable.Table(rows)
  })

const feedbackIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const staff = isStaff(ctx)
  if (search.deleted !== undefined && !staff) return unpermitted("deleted")
  const mode = staff ? (search.deleted ?? "excluded").toLowerCase() : "excluded"
  return FakeTable.index<Feedback>(ctx, feedbacks(ctx.store).rows, {
    strict: true,
    visible: (row) => mode === "only" ? row.is_deleted : mode === "excluded" ? !row.is_deleted : true,
    filters: {
      body_matches: FakeTable.text((row) => row.body),
      user_id: FakeTable.numeric((row) => row.user_id),
      user_name: FakeTable.userName((row) => row.user_id),
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
      category: FakeTable.exact((row) => row.category),
      deleted: () => true
    }
  })
}

const feedbackShow: FakeContext.Handler = (ctx, match) => {
  const row = feedbacks(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return row.is_deleted && !isStaff(ctx) ? FakeHttp.accessDenied() : FakeHttp.json(200, row)
}

/**
 * The routes of `/user_feedbacks`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/user_feedbacks$/, auth: "none", throttled: false, handler: feedbackIndex },
  { method: "GET", pattern: /^\/user_feedbacks\/(\d+)$/, auth: "none", throttled: false, handler: feedbackShow }
]
