/**
 * The fake's news updates (`/news_updates`), seeded on first use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/NewsUpdates.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as SiteEpoch from "./SiteEpoch.ts"
import * as FakeTable from "./Table.ts"

interface NewsUpdate {
  readonly id: number
  readonly message: string
  readonly creator_id: number
  readonly updater_id: number
  readonly created_at: string
  readonly updated_at: string
}

const news = SiteEpoch.fixed<string, NewsUpdate>("site.news_updates", [
  "Site maintenance is scheduled for this weekend.",
  "The upload limit formula changed: see [[e621:upload_limit]].",
  "New: post recommendations are live.",
  "Database exports moved to /db_exports.",
  "User levels were renumbered; compare level names, not numbers."
], 40, (message, { at, id }) => ({ id, message, creator_id: 1, updater_id: 1, created_at: at, updated_at: at }))

/** `NewsUpdate.order("id desc").paginate`: search parameters are ignored. */
const newsIndex: FakeContext.Handler = (ctx) => {
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(ctx.params)) if (!key.startsWith("search[")) params[key] = value
  return FakeTable.search(Api.routes.search)({ ...ctx, params }, news(ctx.store).rows)
}

/**
 * The routes of `/news_updates` (declared in `api/NewsUpdates.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: newsIndex })
