/**
 * The fake's wiki page versions (`/wiki_page_versions`: search with strict keys, show): the versions
 * `WikiPages.ts` records, in `WikiData.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/WikiPageVersions.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"

/** `GET /wiki_page_versions.json`: strict keys (no `order`). @since 0.1.0 */
export const versionsIndex: FakeContext.Handler = (ctx) => {
  if (ctx.params["search[order]"] !== undefined) return FakeHttp.reasonError(403, "found unpermitted parameter: :order")
  return FakeTable.search(Api.routes.search)(ctx, W.stateOf(ctx.store).wikiPageVersions.rows, {
    users: { updater: (v) => v.updater_id },
    filters: {
      wikiPageId: FakeTable.numeric((v) => v.wiki_page_id),
      title: FakeTable.text((v) => v.title),
      body: FakeTable.text((v) => v.body),
      isLocked: FakeTable.bool((v) => v.is_locked),
      isDeleted: FakeTable.bool((v) => v.is_deleted)
    }
  })
}

/** `GET /wiki_page_versions/:id.json`. @since 0.1.0 */
export const versionShow: FakeContext.Handler = (ctx, match) => {
  const version = W.stateOf(ctx.store).wikiPageVersions.get(Number(match[1]))
  return version === undefined ? FakeTable.notFound() : FakeHttp.json(200, version)
}

/**
 * The routes of `/wiki_page_versions` (declared in `api/WikiPageVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: versionsIndex, get: versionShow })
