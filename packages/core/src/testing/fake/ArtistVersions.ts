/**
 * The fake's artist versions (`/artist_versions`, strict keys): the versions `Artists.ts` records, in
 * `WikiData.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/ArtistVersions.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"

/** `GET /artist_versions.json`: strict keys. @since 0.1.0 */
export const versionsIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, W.stateOf(ctx.store).artistVersions.rows, {
    users: { updater: (v) => v.updater_id },
    filters: {
      name: (v, value) => W.wildcard(value).test(v.name),
      artistId: (v, value) => value.split(",").map((s) => Number(s.trim())).includes(v.artist_id),
      isActive: FakeTable.bool((v) => v.is_active)
    },
    orders: { name: (a, b) => a.name.localeCompare(b.name) || b.id - a.id }
  })

/**
 * The routes of `/artist_versions` (declared in `api/ArtistVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: versionsIndex })
