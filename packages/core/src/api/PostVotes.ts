/**
 * Post votes: the vote records of `/post_votes.json` (moderators only) and, for everyone, voting itself —
 * which is `Posts.vote` / `Posts.unvote`, re-exported here as `create` / `delete` (`app/controllers/post_votes_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostVotes } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   // needs credentials; listing votes needs a moderator
 *   const vote = yield* PostVotes.create(3291457, 1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { PostVote, type VoteResult } from "../schemas/PostVote.ts"
import * as Posts from "./Posts.ts"

/**
 * Search fields of `GET /post_votes.json` (`id`, `createdAt`, `updatedAt` as on every e621 search, then the
 * controller's own). The controller is strict: any other key is a 403, and so is
 * `order` unless the caller is an admin. `timeframe` keeps votes changed in the last N days; `postCreator*`
 * filters by the posts' uploader.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostVoteSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  postId: Schema.optionalKey(Params.Range),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  postCreatorId: Schema.optionalKey(Params.Range),
  postCreatorName: Schema.optionalKey(Params.Text),
  timeframe: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 36_500 }))),
  score: Schema.optionalKey(Schema.Literals([-1, 0, 1]))
})

/**
 * Search fields of `GET /post_votes.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVoteSearch extends Schema.Schema.Type<typeof PostVoteSearch> {}

/**
 * The routes of post votes, each keyed by the function that calls it: the listing (moderators; e621 answers
 * 403 to other members). Voting itself is `Posts.routes.vote` / `Posts.routes.unvote`, which {@link create}
 * and `delete` call.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_votes.json",
    auth: "member",
    search: PostVoteSearch,
    item: PostVote,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of vote records (`GET /post_votes.json`). e621 lets only moderators list votes: others get
 * `E621Forbidden` (anonymous callers too).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostVoteSearch, PostVote> = Endpoint.search(routes.search)

/**
 * Every vote record matching a search, as a `Stream` (`b<id>` cursors, newest first; moderators only).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostVoteSearch, PostVote> = Endpoint.stream(routes.search)

/**
 * Votes on a post: the same function as `Posts.vote` (`POST /posts/:id/votes.json`, member; sends
 * `no_unvote=true` unless `toggle: true`).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const create: (
  id: number, score: 1 | -1, options?: Posts.VoteOptions
) => Effect.Effect<VoteResult, E621Error, E621Client.E621Client> = Posts.vote

/**
 * Removes the caller's vote on a post: the same function as `Posts.unvote` (`DELETE /posts/:id/votes.json`).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
const delete_: (id: number) => Effect.Effect<void, E621Error, E621Client.E621Client> = Posts.unvote

export { delete_ as delete }
