/**
 * Post events: a post's moderation history — deletions, approvals, flags, locks, replacements
 * (`app/controllers/post_events_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostEvents } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const events = yield* PostEvents.search({ postId: 3291457 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { actions, PostEvent } from "../schemas/PostEvent.ts"

/**
 * Search fields of `GET /post_events.json`. `postId` is one post (e621 casts the value to a single integer, so a
 * list or range would silently mean its first number). `action` is one event kind; the comment lock kinds are
 * moderator-only (403 for others). `creator*` never reveals flaggers the viewer may not see.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostEventSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  postId: Schema.optionalKey(Params.Id),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  action: Schema.optionalKey(Schema.Literals(actions)),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /post_events.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostEventSearch extends Schema.Schema.Type<typeof PostEventSearch> {}

/**
 * The routes of post events, each keyed by the function that calls it. Legacy answers wrap the list
 * (`{"post_events":[…]}`), `v2=true` answers (May 2026) are a bare array: the envelope takes both.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_events.json",
    auth: "none",
    search: PostEventSearch,
    item: PostEvent,
    envelope: Route.list("post_events")
  })
} as const

/**
 * One page of post events (`GET /post_events.json`), newest first. Both the legacy `{"post_events":[…]}`
 * and the v2 bare array decode.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostEventSearch, PostEvent> = Endpoint.search(routes.search)

/**
 * Every post event matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostEventSearch, PostEvent> = Endpoint.stream(routes.search)
