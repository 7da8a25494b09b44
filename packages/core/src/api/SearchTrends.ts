/**
 * Search trends: which tags people search for (`app/controllers/search_trends_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SearchTrends } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const today = yield* SearchTrends.search({ limit: 10 })
 *   const rising = yield* SearchTrends.rising
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as E621Client from "../E621Client.ts"
import { E621DecodeError, type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import * as SearchTrend from "../schemas/SearchTrend.ts"

/**
 * Search fields of `GET /search_trends.json` (strict controller: only `nameMatches` and the base keys;
 * others are a 403). `nameMatches` takes `*` wildcards.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const SearchTrendSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  nameMatches: Schema.optionalKey(Params.Text)
})

/**
 * Search fields of `GET /search_trends.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SearchTrendSearch extends Schema.Schema.Type<typeof SearchTrendSearch> {}

/**
 * The day to list: a `Date` (its UTC day) or `YYYY-MM-DD`. e621 falls back to today (UTC) for a day it
 * cannot parse; this library refuses it instead.
 *
 * @category Types
 * @since 0.1.0
 */
export type Day = Date | string

const dayOf = (day: Day | undefined): Effect.Effect<string | undefined, E621Error> => {
  if (day === undefined) return Effect.succeed(undefined)
  if (day instanceof Date) {
    return Number.isNaN(day.getTime())
      ? Effect.fail(invalidInput("day", "must be a valid Date or a \"YYYY-MM-DD\" string, got Invalid Date"))
      : Effect.succeed(day.toISOString().slice(0, 10))
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))
    ? Effect.succeed(day)
    : Effect.fail(invalidInput("day", `must be a Date or a "YYYY-MM-DD" string, got ${Params.got(day)}`))
}

/**
 * The routes of search trends, each keyed by the function that calls it (`search` also serves `stream`,
 * which walks numbered pages itself; both send the day as `day=` beside the search).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/search_trends.json",
    auth: "none",
    search: SearchTrendSearch,
    item: SearchTrend.SearchTrend,
    quirks: ["strict-search"]
  }),
  rising: Route.make({
    method: "GET",
    path: "/search_trends/rising.json",
    auth: "none",
    item: SearchTrend.RisingTag,
    envelope: Route.none
  }),
  track: Route.make({ method: "GET", path: "/search_trends/track.json", auth: "none", item: SearchTrend.Track })
} as const

/** The list route of one day (`day=` beside the search fields). */
const spec = (day: string | undefined) => ({ ...routes.search, query: { day } })

/**
 * One page of a day's most searched tags (`GET /search_trends.json`, today in UTC by default), most
 * searched first.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: SearchTrendSearch & Paging.PageParams & { readonly day?: Day | undefined } = {}
): Effect.Effect<ReadonlyArray<SearchTrend.SearchTrend>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.object(params), ({ day, ...rest }) =>
    Effect.flatMap(dayOf(day), (checked) => Endpoint.search(spec(checked))(rest)))

/**
 * Every counted tag of a day, most searched first, as a `Stream`. The rows carry no id, so this walks
 * numbered pages (stopping at e621's 750-page cap) and drops a tag seen on an earlier page, should the
 * counts shift while paging.
 *
 * @category Stream
 * @since 0.1.0
 */
export const stream = (
  params: SearchTrendSearch & { readonly day?: Day | undefined; readonly pageSize?: number | undefined } = {}
): Stream.Stream<SearchTrend.SearchTrend, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    const { day, pageSize, ...rest } = yield* Params.object(params)
    const checkedDay = yield* dayOf(day)
    const { pageSize: size } = yield* Params.streamPaging({ pageSize })
    yield* Params.check(SearchTrendSearch, rest, "search")
    const page = Endpoint.searchSized(spec(checkedDay))
    const seen = new Set<string>()
    return Stream.paginate(1, (n: number) =>
      Effect.flatMap(page({ ...rest, limit: size, page: n }), ({ items, size: sent }) => {
        const fresh = items.filter((row) => !seen.has(row.tag) && seen.add(row.tag))
        const full = sent >= size
        if (full && fresh.length === 0) {
          const issue = `no progress: page ${n} returned only tags already seen`
          return Effect.fail(new E621DecodeError({ url: routes.search.path, issue, excerpt: "", message: `${routes.search.path}: ${issue}` }))
        }
        const done = !full || n >= Params.maxPage
        return Effect.succeed([fresh, done ? Option.none<number>() : Option.some(n + 1)] as const)
      }))
  }))

/**
 * The tags whose searches are rising right now (`GET /search_trends/rising.json`; e621 caches the list for
 * about 15 minutes).
 *
 * @category Read
 * @since 0.1.0
 */
export const rising: Effect.Effect<ReadonlyArray<SearchTrend.RisingTag>, E621Error, E621Client.E621Client> = Endpoint
  .callList(routes.rising)

/**
 * Daily search counts of up to 10 tags over the last 31 days (`GET /search_trends/track.json?tag=a,b`).
 * e621 silently keeps only the first 10 tags; more are refused here.
 *
 * @category Read
 * @since 0.1.0
 */
export const track = (
  tags: string | ReadonlyArray<string>
): Effect.Effect<SearchTrend.Track, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const list = (typeof tags === "string" ? tags.split(",") : [...tags]).map((tag) => tag.trim().toLowerCase())
    if (list.length === 0 || list.some((tag) => tag === "" || /[\s,]/.test(tag))) {
      return yield* invalidInput("tags", `must be 1 to 10 non-empty tag names without spaces or commas, got ${Params.got(tags)}`)
    }
    const unique = [...new Set(list)]
    if (unique.length > 10) return yield* invalidInput("tags", `e621 tracks at most 10 tags, got ${unique.length}`)
    return yield* Endpoint.call(routes.track, { query: { tag: unique.join(",") } })
  })
