/**
 * The fake's wiki page versions (`/wiki_page_versions`: search with strict keys, show): the versions
 * `WikiPages.ts` records, in `WikiData.ts`.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"

/** `GET /wiki_page_versions.json`: strict keys (no `order`). @since 0.1.0 */
export const versionsIndex: FakeContext.Handler = (ctx) => {
  if (ctx.params["search[order]"] !== undefined) return FakeHttp.reasonError(403, "found unpermitted parameter: :order")
  return FakeTable.index<W.WikiPageVersionRow>(ctx, W.stateOf(ctx.store).wikiPageVersions.rows, {
    strict: true,
    filters: {
      updater_id: FakeTable.numeric((v) => v.updater_id),
      updater_name: FakeTable.userName((v) => v.updater_id),
      wiki_page_id: FakeTable.numeric((v) => v.wiki_page_id),
      title: FakeTable.text((v) => v.title),
      body: FakeTable.text((v) => v.body),
      is_locked: FakeTable.bool((v) => v.is_locked),
      is_deleted: FakeTable.bool((v) => v.is_deleted)
    }
  })
}

/** `GET /wiki_page_versions/:id.json`. @since 0.1.0 */
export const versionShow: FakeContext.Handler = (ctx, match) => {
  const version = W.stateOf(ctx.store).wikiPageVersions.get(Number(match[1]))
  return version === undefined ? FakeTable.notFound() : FakeHttp.json(200, version)
}

/**
 * The routes of `/wiki_page_versions`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/wiki_page_versions$/, auth: "none", throttled: false, handler: versionsIndex },
  { method: "GET", pattern: /^\/wiki_page_versions\/(\d+)$/, auth: "none", throttled: false, handler: versionShow }
]
