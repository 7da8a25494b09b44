/**
 * The fake's artist versions (`/artist_versions`, strict keys): the versions `Artists.ts` records, in
 * `WikiData.ts`.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"

/** `GET /artist_versions.json`: strict keys. @since 0.1.0 */
export const versionsIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index<W.ArtistVersionRow>(ctx, W.stateOf(ctx.store).artistVersions.rows, {
    strict: true,
    filters: {
      name: (v, value) => W.wildcard(value).test(v.name),
      updater_id: FakeTable.numeric((v) => v.updater_id),
      updater_name: FakeTable.userName((v) => v.updater_id),
      artist_id: (v, value) => value.split(",").map((s) => Number(s.trim())).includes(v.artist_id),
      is_active: FakeTable.bool((v) => v.is_active)
    },
    orders: { name: (a, b) => a.name.localeCompare(b.name) || b.id - a.id }
  })

/**
 * The routes of `/artist_versions`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/artist_versions$/, auth: "none", throttled: false, handler: versionsIndex }
]
