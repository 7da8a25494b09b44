/**
 * The fake's user feedback (`/user_feedbacks`): deleted feedback is for staff only; strict search keys.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/UserFeedbacks.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, isStaff, seeded, unpermitted } from "./Staff.ts"
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

const feedbacks = seeded<Feedback>("moderation.feedbacks", 0xfeed, 30, ({ id, rng, staff, store }) => {
  const at = BASE + id * 3 * DAY
  const category = rng.pick(["positive", "neutral", "negative"] as const)
  const user = store.users[id === 1 ? 3 : rng.int(store.users.length)]!
  return {
    id,
    user_id: user.id,
    creator_id: rng.pick(staff),
    category,
    body: `${category === "positive" ? "Thanks for" : category === "neutral" ? "A note about" : "Warning for"} tagging work on post #${1000 + id}.`,
    created_at: iso(at),
    updated_at: iso(at),
    updater_id: null,
    is_deleted: id % 7 === 0
  }
})

const feedbackIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const staff = isStaff(ctx)
  if (search.deleted !== undefined && !staff) return unpermitted("deleted")
  const mode = staff ? (search.deleted ?? "excluded").toLowerCase() : "excluded"
  return FakeTable.search(Api.routes.search)(ctx, feedbacks(ctx.store).rows, {
    visible: (row) => mode === "only" ? row.is_deleted : mode === "excluded" ? !row.is_deleted : true,
    users: { user: (row) => row.user_id, creator: (row) => row.creator_id },
    filters: {
      bodyMatches: FakeTable.text((row) => row.body),
      category: FakeTable.exact((row) => row.category),
      deleted: () => true
    }
  })
}

const feedbackShow: FakeContext.Handler = (ctx, match) =>
  FakeTable.found(feedbacks(ctx.store), match, (row) => !row.is_deleted || isStaff(ctx), (row) => FakeHttp.json(200, row))

/**
 * The routes of `/user_feedbacks` (declared in `api/UserFeedbacks.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: feedbackIndex, get: feedbackShow })
