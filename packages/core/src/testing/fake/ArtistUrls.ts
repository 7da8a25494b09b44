/**
 * The fake's artist URLs (`/artist_urls`): each URL with its artist (without `notes`), over the artists of
 * `WikiData.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/ArtistUrls.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"
import { columns, urlSubstring } from "./Artists.ts"

const urlColumns = ["id", "artist_id", "url", "normalized_url", "is_active", "created_at", "updated_at"] as const

const urlOrders = (() => {
  const orders: Record<string, (a: W.ArtistUrlRow, b: W.ArtistUrlRow) => number> = {}
  for (const column of urlColumns) {
    const asc = (a: W.ArtistUrlRow, b: W.ArtistUrlRow) => {
      const x = a[column]
      const y = b[column]
      return x < y ? -1 : x > y ? 1 : 0
    }
    orders[column] = (a, b) => asc(b, a)
    orders[`${column}_desc`] = (a, b) => asc(b, a)
    orders[`${column}_asc`] = asc
  }
  return orders
})()

/** `GET /artist_urls.json`: each URL with its `artist` (without `notes`). @since 0.1.0 */
export const urlsIndex: FakeContext.Handler = (ctx) => {
  const state = W.stateOf(ctx.store)
  const artistOf = (row: W.ArtistUrlRow) => state.artists.get(row.artist_id)
  return FakeTable.search(Api.routes.search)(ctx, state.artistUrls.rows, {
    filters: {
      artistId: FakeTable.numeric((u) => u.artist_id),
      isActive: FakeTable.bool((u) => u.is_active),
      url: FakeTable.text((u) => u.url),
      normalizedUrl: FakeTable.text((u) => u.normalized_url),
      artistName: (u, value) => artistOf(u)?.name === value,
      urlMatches: urlSubstring((u) => u.url),
      normalizedUrlMatches: urlSubstring((u) => u.normalized_url)
    },
    orders: urlOrders,
    render: (row) => {
      const artist = artistOf(row)
      if (artist === undefined) return row
      const { notes: _notes, ...rest } = columns(state, artist)
      return { ...row, artist: rest }
    }
  })
}

/**
 * The routes of `/artist_urls` (declared in `api/ArtistUrls.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: urlsIndex })
