/**
 * The fake's search trends (`/search_trends`): daily lists generated per day from the seed, rising tags, and
 * tracking.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/SearchTrends.ts"
import type * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as Vocabulary from "./Vocabulary.ts"
import { DAY } from "./SiteEpoch.ts"
import { iso } from "./Common.ts"

interface Trend {
  readonly id: number
  readonly tag: string
  readonly count: number
  readonly day: string
  readonly created_at: string
}

const trendTags: ReadonlyArray<string> = [
  ...Vocabulary.species,
  ...Vocabulary.general,
  ...Vocabulary.characters,
  ...Vocabulary.copyrights
]

/** A day's counted tags, generated from `(seed, day)`: the same list whenever it is asked for. */
const trendsOf = (store: FakeData.Store, dayNumber: number): ReadonlyArray<Trend> => {
  const rng = Random.make(Random.hash(store.seed, 0x7e2d0000 + dayNumber))
  const day = iso(dayNumber * DAY).slice(0, 10)
  const tags = rng.sample(trendTags, Math.min(30, trendTags.length))
  return tags
    .map((tag) => ({ tag, count: 5 + rng.int(2000) }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
    .map((t, rank) => ({ id: dayNumber * 100 + rank + 1, tag: t.tag, count: t.count, day, created_at: `${day}T00:00:00.000Z` }))
}

const dayNumberOf = (raw: string | undefined, now: number): number => {
  const parsed = raw === undefined || raw === "" ? Number.NaN : Date.parse(raw.slice(0, 10))
  return Math.floor((Number.isNaN(parsed) ? now : parsed) / DAY)
}

const trendIndex: FakeContext.Handler = (ctx) => {
  const rows = trendsOf(ctx.store, dayNumberOf(ctx.params.day, ctx.now))
  const rank = new Map(rows.map((row, i) => [row.id, i]))
  return FakeTable.search(Api.routes.search)(ctx, rows, {
    filters: {
      nameMatches: (row, value) => {
        const wanted = value.trim().toLowerCase().replace(/\s+/g, "_")
        return wanted.includes("*")
          ? new RegExp(`^${wanted.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(row.tag)
          : row.tag === wanted
      }
    },
    defaultOrder: (a, b) => rank.get(a.id)! - rank.get(b.id)!,
    render: (row) => ({ tag: row.tag, count: row.count, day: row.day })
  })
}

const trendRising: FakeContext.Handler = (ctx) => {
  const today = dayNumberOf(undefined, ctx.now)
  const before = new Map(trendsOf(ctx.store, today - 1).map((t) => [t.tag, t.count]))
  const rising = trendsOf(ctx.store, today)
    .filter((t) => t.count > 2 * (before.get(t.tag) ?? 0))
    .slice(0, 10)
  const rng = Random.make(Random.hash(ctx.store.seed, today))
  return FakeHttp.json(200, rising.map((t) => ({
    name: t.tag,
    pretty_name: t.tag.replace(/_+/g, " "),
    post_count: 100 + rng.int(100_000),
    category: Math.max(0, Vocabulary.categories.indexOf(Vocabulary.categoryOf.get(t.tag) ?? "general"))
  })))
}

const trendTrack: FakeContext.Handler = (ctx) => {
  const tags = [...new Set((ctx.params.tag ?? "").toLowerCase().trim().split(",").map((t) => t.trim()))].filter((t) => t !== "").slice(0, 10)
  const today = dayNumberOf(undefined, ctx.now)
  const out: Record<string, Array<{ count: number; day: string }>> = {}
  for (const tag of tags) out[tag] = []
  for (let d = today - 30; d <= today; d++) {
    const counts = new Map(trendsOf(ctx.store, d).map((t) => [t.tag, t.count]))
    for (const tag of tags) out[tag]!.push({ count: counts.get(tag) ?? 0, day: iso(d * DAY).slice(0, 10) })
  }
  return FakeHttp.json(200, out)
}

/**
 * The routes of `/search_trends` (declared in `api/SearchTrends.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: trendIndex,
  rising: trendRising,
  track: trendTrack
})
