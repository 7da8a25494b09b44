/**
 * The fake's popular posts (`GET /popular.json`): the best-scored posts of a day, week or month.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Popular.ts"
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"

const DAY = 86_400_000

/** The UTC period `[from, to)` of a date and scale (Rails' week starts on Monday). */
export const periodOf = (at: number, scale: string | undefined): readonly [number, number] => {
  const d = new Date(at)
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  if (scale === "week") {
    const monday = day - ((d.getUTCDay() + 6) % 7) * DAY
    return [monday, monday + 7 * DAY]
  }
  if (scale === "month") return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)]
  return [day, day + DAY]
}

/** `GET /popular.json`: `date`, `scale=day|week|month`; the best-scored 75 posts created in that period. */
const popular: FakeContext.Handler = (ctx) => {
  const { params, store, viewer } = ctx
  const raw = params.date
  const at = raw === undefined || raw === "" ? ctx.now : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw)
  if (Number.isNaN(at)) return FakeHttp.expectedError(422, `Invalid date: ${raw}`)
  const [from, to] = periodOf(at, params.scale)
  const posts: Array<Post.Post> = []
  for (let i = 0; i < store.size; i++) {
    const created = Date.parse(store.overrides.has(i) ? store.at(i).created_at : store.createdAt(i))
    if (created < from || created >= to) continue
    const post = store.at(i)
    if (viewer.safeMode && post.rating !== "s") continue
    posts.push(post)
  }
  posts.sort((a, b) => b.score.total - a.score.total || b.id - a.id)
  return FakePosts.renderList(params, posts.slice(0, 75).map((p) => FakeRender.project(store, p, viewer)))
}

/**
 * The routes of `/popular` (declared in `api/Popular.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: popular })
