/**
 * The fake's AvoidPostings family: the strict index (active entries unless `is_active` says otherwise,
 * `staff_notes` for staff only), show by id or artist name, and the strict history index.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/AvoidPostings.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as W from "./WikiData.ts"

type Row = W.AvoidPostingRow

/** Hides `staff_notes` from non-staff (`AvoidPosting#hidden_attributes`). */
const render = <A extends { readonly staff_notes: string }>(row: A, ctx: FakeContext.Context): unknown => {
  if (W.isStaff(ctx)) return row
  const { staff_notes: _hidden, ...visible } = row
  return visible
}

/** The artist-based filters both indexes share (`AvoidPosting.artist_search`). */
const artistFilters = <A>(state: W.State, artistId: (row: A) => number) => {
  const artist = (row: A) => state.artists.get(artistId(row))
  const filters: FakeTable.Filters<typeof Api.routes.searchVersions & typeof Api.routes.search, A> = {
    artistId: FakeTable.numeric(artistId),
    artistName: (row, value, ctx) => {
      const a = artist(row)
      return a !== undefined && nameText(a, value, ctx)
    },
    anyNameMatches: (row, value) => {
      const a = artist(row)
      if (a === undefined) return false
      const normalized = W.normalizeName(value)
      const pattern = W.wildcard(normalized.includes("*") ? normalized : `*${normalized}*`, "i")
      return pattern.test(a.name) || a.other_names.some((n) => pattern.test(n)) || pattern.test(a.group_name)
    },
    anyOtherNameMatches: (row, value) => artist(row)?.other_names.some((n) => W.regexTest(value, n)) ?? false,
    groupName: () => true
  }
  return filters
}

const nameText = FakeTable.text<W.ArtistRow>((artist) => artist.name)

const artistName = (state: W.State, row: Row): string => state.artists.get(row.artist_id)?.name ?? ""

/** `GET /avoid_postings.json`: strict keys; active entries only unless `search[is_active]` is given. @since 0.1.0 */
export const index: FakeContext.Handler = (ctx) => {
  const state = W.stateOf(ctx.store)
  const byName = (a: Row, b: Row) => artistName(state, a).localeCompare(artistName(state, b))
  // e621 also lets staff search `staff_notes`; the client cannot send it, so the fake does not serve it
  const filters: FakeTable.Filters<typeof Api.routes.search, Row> = {
    ...artistFilters<Row>(state, (row) => row.artist_id),
    creatorId: FakeTable.numeric((row) => row.creator_id),
    creatorName: FakeTable.userName((row) => row.creator_id),
    details: FakeTable.text((row) => row.details),
    isActive: FakeTable.bool((row) => row.is_active)
  }
  const active = FakeTable.param(Api.routes.search, ctx, "isActive")
  const activeOnly = active === undefined || active === ""
  return FakeTable.search(Api.routes.search)(ctx, state.avoidPostings.rows, {
    filters,
    visible: (row) => !activeOnly || row.is_active,
    orders: {
      artist_name: byName,
      artist_name_asc: byName,
      artist_name_desc: (a, b) => byName(b, a),
      created_at: (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0),
      updated_at: (a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0)
    },
    render
  })
}

/** `GET /avoid_postings/:id_or_artist_name.json` (the name is matched exactly). @since 0.1.0 */
export const show: FakeContext.Handler = (ctx, match) => {
  const state = W.stateOf(ctx.store)
  let key: string
  try {
    key = decodeURIComponent(match[1]!)
  } catch {
    return FakeTable.notFound()
  }
  const row = /^\d+$/.test(key)
    ? state.avoidPostings.get(Number(key))
    : state.avoidPostings.rows.find((a) => artistName(state, a) === key)
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, render(row, ctx))
}

/** `GET /avoid_posting_versions.json`: strict keys, no `order`. @since 0.1.0 */
export const versionsIndex: FakeContext.Handler = (ctx) => {
  if (ctx.params["search[order]"] !== undefined) return FakeHttp.reasonError(403, "found unpermitted parameter: :order")
  const state = W.stateOf(ctx.store)
  const artistId = (v: W.AvoidPostingVersionRow) => state.avoidPostings.get(v.avoid_posting_id)?.artist_id ?? 0
  return FakeTable.search(Api.routes.searchVersions)(ctx, state.avoidPostingVersions.rows, {
    users: { updater: (v) => v.updater_id },
    filters: {
      ...artistFilters<W.AvoidPostingVersionRow>(state, artistId),
      isActive: FakeTable.bool((v) => v.is_active)
    },
    render
  })
}

/**
 * The routes of the AvoidPostings family, entries and their versions (declared in `api/AvoidPostings.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: index,
  get: show,
  searchVersions: versionsIndex
})
