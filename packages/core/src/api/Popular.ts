/**
 * Popular posts: the best-scored posts created on a day, in a week or in a month
 * (`app/controllers/popular_controller.rb`, `app/logical/post_sets/popular.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Popular } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const thisWeek = yield* Popular.search({ scale: "week" })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Blacklist from "../Blacklist.ts"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Blacklisting from "../internal/blacklisting.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Route from "../Route.ts"
import * as Post from "../schemas/Post.ts"

/**
 * The period: the day of `date`, its week (Monday to Sunday, as Rails' `beginning_of_week`), or its month.
 *
 * @category Types
 * @since 0.1.0
 */
export type Scale = "day" | "week" | "month"

/**
 * Parameters of {@link search}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PopularParams {
  /** Default `"day"`. */
  readonly scale?: Scale | undefined
  /**
   * Any day of the period (default today). A `Date` is sent as its UTC calendar day (`YYYY-MM-DD`); a
   * string is sent as is (e621 parses it with `Time.zone.parse` in the request's time zone, US Eastern for
   * anonymous callers; an unparseable one is a 422).
   */
  readonly date?: Date | string | undefined
  /** Posts to hide (counted in `Blacklist.hidden`); default the client's `blacklist` option, `false` for none. */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
}

/**
 * The routes of popular posts, each keyed by the function that calls it. `search` answers posts (the
 * `post-format` quirk: `item` and envelope are the legacy format's) and has no paging, so no stream.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/popular.json",
    auth: "none",
    item: Post.Post,
    envelope: Route.list("posts"),
    stream: false,
    quirks: ["post-format"]
  })
} as const

const dateParam = (date: Date | string | undefined) => {
  if (date === undefined) return Effect.succeed(undefined)
  if (date instanceof Date) {
    return Number.isNaN(date.getTime())
      ? Effect.fail(invalidInput("date", "must be a valid Date or a date string like \"2026-01-31\", got Invalid Date"))
      : Effect.succeed(date.toISOString().slice(0, 10))
  }
  return Params.text("date", date, { max: 100 })
}

const popularKeys = Params.keys<PopularParams>({ scale: true, date: true, blacklist: true })

/**
 * The popular posts of a day, week or month (`GET /popular.json`), best score first. e621 returns one page
 * of the caller's per-page size (75 by default) and has no paging. Safe mode keeps only `rating:s` posts.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: PopularParams = {}
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(params, popularKeys)
    const scale = yield* Params.oneOf("scale", params.scale, ["day", "week", "month"])
    const date = yield* dateParam(params.date)
    const blacklist = yield* Blacklisting.inForce(params.blacklist)
    const posts = yield* Endpoint.postList(Endpoint.request(routes.search, { query: { date, scale } }))
    return yield* Blacklisting.shown(blacklist, posts, (post) => post)
  })
