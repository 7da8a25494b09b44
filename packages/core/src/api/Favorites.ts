/**
 * Favorites: a user's favourite posts in the order they were favourited, and adding or removing a favourite
 * (`app/controllers/favorites_controller.rb`, `app/logical/post_sets/favorites.rb`).
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Favorites } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const page = yield* Favorites.search({ userId: 1234, limit: 20 })
 *   const all = yield* Favorites.stream({ userId: 1234 }).pipe(Stream.runCollect)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as Blacklist from "../Blacklist.ts"
import * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Blacklisting from "../internal/blacklisting.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Paginate from "../internal/paginate.ts"
import * as Params from "../internal/params.ts"
import * as Route from "../Route.ts"
import * as Favorite from "../schemas/Favorite.ts"
import * as Post from "../schemas/Post.ts"
import * as Users from "./Users.ts"

/**
 * Parameters of {@link search}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SearchParams {
  /** Whose favourites; default the logged-in user (required when anonymous). */
  readonly userId?: number | undefined
  /**
   * Whose favourites, by name instead of `userId` (e621 takes only ids: one look-up, `GET /users/:name.json`).
   * A name of digits only is refused: e621 would read it as an id.
   */
  readonly username?: string | undefined
  /** Posts to hide (counted in `Blacklist.hidden`); default the client's `blacklist` option, `false` for none. */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
  /** Posts per page, 0..320 (default the user's per-page setting, 75). */
  readonly limit?: number | undefined
  /**
   * A page number 1..750. e621's `a`/`b` cursors on this route count hidden favourite ids, not post ids, so
   * they are refused here.
   */
  readonly page?: number | undefined
}

/**
 * Parameters of {@link stream}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface StreamParams {
  /** Whose favourites; default the logged-in user (required when anonymous). */
  readonly userId?: number | undefined
  /**
   * Whose favourites, by name instead of `userId` (e621 takes only ids: one look-up, `GET /users/:name.json`).
   * A name of digits only is refused: e621 would read it as an id.
   */
  readonly username?: string | undefined
  /** Posts to hide (counted in `Blacklist.hidden`); default the client's `blacklist` option, `false` for none. */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
  /** Posts per request, 1..320 (default 320). */
  readonly pageSize?: number | undefined
  /** At page 750: `"stop"` (default) or `"fail"` with `E621PageLimit`. */
  readonly onPageLimit?: "stop" | "fail" | undefined
  /** Pages fetched ahead of the consumer (default 1). */
  readonly prefetch?: number | undefined
}

/**
 * The routes of favourites, each keyed by the function that calls it. `search` answers posts (the
 * `post-format` quirk: `item` and envelope are the legacy format's) and also serves {@link stream}; `remove`'s
 * `:id` is the post's id. Favouriting skips e621's write throttle (`unthrottled`).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/favorites.json",
    auth: "none",
    item: Post.Post,
    envelope: Route.list("posts"),
    quirks: ["post-format"]
  }),
  add: Route.make({ method: "POST", path: "/favorites.json", auth: "member", item: Favorite.FavoriteAnswer, quirks: ["unthrottled"] }),
  remove: Route.make({
    method: "DELETE",
    path: "/favorites/:id.json",
    auth: "member",
    idempotent: true,
    item: Favorite.FavoriteAnswer,
    quirks: ["unthrottled"]
  })
} as const

const userQuery = ({ userId, username }: { readonly userId?: number | undefined; readonly username?: string | undefined }) =>
  Effect.gen(function*() {
    if (username !== undefined) {
      if (userId !== undefined) return yield* invalidInput("username", "give userId or username, not both")
      if (typeof username !== "string" || username.trim() === "") {
        return yield* invalidInput("username", `must be a user name, got ${JSON.stringify(username)}`)
      }
      // `/users/<digits>.json` is user <digits>, not the user of that name: another user's favourites
      if (/^\d+$/.test(username.trim())) {
        return yield* invalidInput("username", `e621 reads ${JSON.stringify(username)} as a user id; give userId: ${username.trim()} if that is meant`)
      }
      return String((yield* Users.get(username)).id)
    }
    if (userId !== undefined) return String(yield* Params.id("userId", userId))
    const settings = yield* E621Client.settings
    if (settings.username === undefined) {
      return yield* invalidInput("userId", "is required when not logged in (e621 answers 404)")
    }
    return undefined
  })

const request = (userId: string | undefined, limit: number | undefined, page: string | undefined): E621Client.Request =>
  Endpoint.request(routes.search, { query: { user_id: userId, limit, page } })

const searchKeys = Params.keys<SearchParams>({ userId: true, username: true, limit: true, page: true, blacklist: true })

/**
 * One page of a user's favourites (`GET /favorites.json`), most recently favourited first, deleted posts
 * included. A user who hides their favourites (privacy mode, or banned) gives an empty list to others, not an
 * error.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: SearchParams = {}
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.pagingOf(params, "search")
    yield* Params.options(params, searchKeys)
    const userId = yield* userQuery(params)
    const limit = yield* Params.limit(params.limit)
    if (params.page !== undefined && typeof params.page !== "number") {
      return yield* invalidInput("page", "favourites only page by number (e621's cursors here use hidden favourite ids)")
    }
    const p = yield* Params.page(params.page)
    const blacklist = yield* Blacklisting.inForce(params.blacklist)
    return yield* Blacklisting.shown(blacklist, yield* Endpoint.postList(request(userId, limit, p)), (post) => post)
  })

const streamKeys = Params.keys<StreamParams>({ userId: true, username: true, pageSize: true, onPageLimit: true, prefetch: true, blacklist: true })

/**
 * Every favourite of a user, in favourite order, as a `Stream`. It walks **numbered** pages (e621's cursors on
 * this route are hidden favourite ids, so post-id cursors would return the wrong slice) and therefore stops at
 * page 750 (see `onPageLimit`); posts that shift between pages are given once.
 *
 * @category Stream
 * @since 0.1.0
 */
export const stream = (params: StreamParams = {}): Stream.Stream<Post.Post, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.pagingOf(params, "stream")
    yield* Params.options(params, streamKeys)
    const userId = yield* userQuery(params)
    const paging = yield* Params.streamPaging(params)
    const blacklist = yield* Blacklisting.inForce(params.blacklist)
    return Paginate.streamRaw((p, limit) => Endpoint.postPage(request(userId, limit, p)), {
      ...paging,
      path: routes.search.path,
      mode: "numbered"
    }).pipe(Blacklisting.hide(blacklist, (post: Post.Post) => post))
  }))

const change = (
  request: E621Client.Request, postId: number
): Effect.Effect<Favorite.FavoriteChange, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.execute(request), (response) =>
    response.body === undefined
      ? Effect.succeed({ post_id: postId })
      : Effect.map(
        Endpoint.decode(routes.add.item, response, request.method, response.body),
        Favorite.toChange
      ))

/**
 * Favourites a post (`POST /favorites.json`, member). Answers the post's new favourite count — e621's
 * `{post_id, favorite_count}` since August 2025, or the older 201 with the post, both decoded. Favouriting
 * twice is `E621ValidationFailed` ("You have already favorited this post"), as is going over the favourite
 * limit; 423 while the post's favourites are being moved.
 *
 * @category Write
 * @since 0.1.0
 */
export const add = (postId: number): Effect.Effect<Favorite.FavoriteChange, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("postId", postId), (id) =>
    change(Endpoint.request(routes.add, { body: { _tag: "Form", fields: { post_id: id } } }), id))

/**
 * Removes a favourite (`DELETE /favorites/:post_id.json`, member). Answers `{post_id, favorite_count}`, or
 * (before August 2025) an empty 204, then without `favorite_count`. Safe to repeat.
 *
 * @category Write
 * @since 0.1.0
 */
export const remove = (postId: number): Effect.Effect<Favorite.FavoriteChange, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("postId", postId), (id) =>
    change(Endpoint.request(routes.remove, { path: { id } }), id))
