/**
 * Forum posts: search, read, reply, edit, and vote on tag-change requests
 * (`app/controllers/forum_posts_controller.rb`, `forum_post_votes_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ForumPosts } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const posts = yield* ForumPosts.search({ topicId: 1, limit: 20 })
 *   const post = yield* ForumPosts.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { ForumPost } from "../schemas/ForumPost.ts"
import { ForumPostVote } from "../schemas/ForumPostVote.ts"

/**
 * Search fields of `GET /forum_posts.json`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumPostSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  topicId: Schema.optionalKey(Params.Id),
  topicTitleMatches: Schema.optionalKey(Params.Text),
  bodyMatches: Schema.optionalKey(Params.Text),
  topicCategoryId: Schema.optionalKey(Params.Id),
  isHidden: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /forum_posts.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumPostSearch extends Schema.Schema.Type<typeof ForumPostSearch> {}

const body = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(50_000))

/**
 * Input of {@link create}: the topic and a DText body (≤ 50,000 characters).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumPostCreate = Schema.Struct({ topicId: Params.Id, body })

/**
 * Input of {@link create} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumPostCreate extends Schema.Schema.Type<typeof ForumPostCreate> {}

const UpdateBody = Schema.Struct({ body })

/**
 * The routes of forum posts and forum post votes, each keyed by the function that calls it (e621's forum
 * controllers skip the API write throttle).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/forum_posts.json", auth: "none", search: ForumPostSearch, item: ForumPost }),
  get: Route.make({ method: "GET", path: "/forum_posts/:id.json", auth: "none", item: ForumPost }),
  create: Route.make({
    method: "POST",
    path: "/forum_posts.json",
    auth: "member",
    root: "forum_post",
    body: ForumPostCreate,
    item: ForumPost,
    quirks: ["unthrottled"]
  }),
  update: Route.make({
    method: "PATCH",
    path: "/forum_posts/:id.json",
    auth: "member",
    root: "forum_post",
    body: UpdateBody,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  votes: Route.make({
    method: "GET",
    path: "/forum_posts/:id/votes.json",
    auth: "member",
    item: ForumPostVote,
    envelope: Route.list()
  }),
  vote: Route.make({
    method: "POST",
    path: "/forum_posts/:id/votes.json",
    auth: "member",
    item: ForumPostVote,
    quirks: ["unthrottled"]
  }),
  unvote: Route.make({ method: "DELETE", path: "/forum_posts/:id/votes.json", auth: "member", quirks: ["unthrottled"] }),
  hide: Route.make({
    method: "POST",
    path: "/forum_posts/:id/hide.json",
    auth: "member",
    item: ForumPost,
    idempotent: true,
    quirks: ["unthrottled"]
  })
} as const

/**
 * One page of forum posts (`GET /forum_posts.json`), newest first; posts of topics the caller may not see
 * are left out.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<ForumPostSearch, ForumPost> = Endpoint.search(routes.search)

/**
 * Every forum post matching a search, as a `Stream` (`b<id>` cursors). A whole topic, newest first:
 * `stream({ topicId })`.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<ForumPostSearch, ForumPost> = Endpoint.stream(routes.search)

/**
 * One forum post by id (`GET /forum_posts/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<ForumPost, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

const blank = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? Effect.fail(invalidInput("forumPost.body", "must not be blank")) : Effect.void

const createPost = Endpoint.create(routes.create)

/**
 * Replies in a topic (`POST /forum_posts.json`, member; 15 per hour). Answers the post (201); a locked or
 * invisible topic is `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: ForumPostCreate): Effect.Effect<ForumPost, E621Error, E621Client.E621Client> =>
  Effect.andThen(
    Params.options(input, Params.keysOf(ForumPostCreate.ast) ?? [], "forumPost", { required: true }),
    () => Effect.flatMap(blank(input.body), () => createPost(input))
  )

const updatePost = Endpoint.update(routes.update)

/**
 * Rewrites a forum post (`PATCH /forum_posts/:id.json`; 204): its creator (unless a moderator marked it or
 * the topic is locked) or an admin; others get `E621Forbidden`.
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (
  id: number, patch: { readonly body: string }
): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.andThen(
    Params.options(patch, Params.keysOf(UpdateBody.ast) ?? [], "forumPost", { required: true }),
    () => Effect.flatMap(blank(patch.body), () => updatePost(id, patch))
  )


/**
 * The votes on the forum post of an alias, implication or bulk update request (`GET
 * /forum_posts/:id/votes.json`, member). Other posts are `E621Forbidden`.
 *
 * @category Read
 * @since 0.1.0
 */
export const votes = (id: number): Effect.Effect<ReadonlyArray<ForumPostVote>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("id", id), (id) => Endpoint.callList(routes.votes, { path: { id } }))

/**
 * Votes on a tag-change request's forum post (`POST /forum_posts/:id/votes.json`, member; 50 per hour below
 * Staff): `1` up, `0` meh, `-1` down, `2` "flip" (asks for the request to be reversed; accepted since
 * 2026-07-21: `forum_post_vote.rb` validates `score` in `[-1, 0, 1, 2]`). e621 answers the vote (200).
 * Your own request, a post that is not a request, or a second vote are `E621Forbidden` (e621 reports them as privilege errors); remove the old
 * vote with {@link unvote} to change it.
 *
 * @category Write
 * @since 0.1.0
 */
export const vote = (
  id: number, score: 1 | 0 | -1 | 2
): Effect.Effect<ForumPostVote, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    if (score !== 1 && score !== 0 && score !== -1 && score !== 2) {
      return yield* invalidInput("score", `must be 1 (up), 0 (meh), -1 (down) or 2 (flip), got ${Params.got(score)}`)
    }
    return yield* Endpoint.call(routes.vote, {
      path: { id: checkedId },
      body: { _tag: "Form", fields: { "forum_post_vote[score]": score } }
    })
  })

/**
 * Removes the caller's vote on a request's forum post (`DELETE /forum_posts/:id/votes.json`, member; 200
 * `{}`). No vote to remove is `E621NotFound`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const unvote: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.unvote)

/**
 * Hides a forum post (`POST /forum_posts/:id/hide.json`): its creator — unless a moderator marked the post,
 * or it is the post of an alias, implication or bulk update request — or a moderator (`E621Forbidden`
 * otherwise). Answers the post (201). Showing it again is moderator work. Safe to repeat.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const hide: (
  id: number
) => Effect.Effect<ForumPost, E621Error, E621Client.E621Client> =
  Endpoint.hide(routes.hide)
