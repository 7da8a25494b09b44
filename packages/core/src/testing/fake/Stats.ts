/**
 * The fake's site statistics (`/stats`), counted from the store.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Stats.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import { BASE } from "./SiteEpoch.ts"
import { iso } from "./Common.ts"

const stats: FakeContext.Handler = (ctx) => {
  const store = ctx.store
  let deleted = 0
  for (let i = 0; i < store.status.length; i++) if ((store.status[i]! & 1) !== 0) deleted++
  const existing = store.ids.length
  const total = existing === 0 ? 0 : store.ids[existing - 1]!
  const levels: Record<string, number> = {}
  for (const user of store.users) {
    const key = `${user.level_string.toLowerCase().replace(/ /g, "_")}_users`
    levels[key] = (levels[key] ?? 0) + 1
  }
  return FakeHttp.json(200, {
    started: existing === 0 ? iso(BASE) : store.byId(store.ids[0]!)!.created_at,
    total_posts: total,
    active_posts: existing - deleted,
    deleted_posts: deleted,
    existing_posts: existing,
    destroyed_posts: total - existing,
    total_pools: store.pools.length,
    total_users: store.users.length,
    ...levels,
    total_favorites: [...store.favorites.values()].reduce((n, set) => n + set.size, 0),
    average_posts_per_pool: store.pools.length === 0 ? 0 : store.pools.reduce((n, p) => n + p.post_count, 0) / store.pools.length,
    updated_at: iso(ctx.now)
  })
}

/**
 * The routes of `/stats` (declared in `api/Stats.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { get: stats })
