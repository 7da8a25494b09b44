/**
 * Comments: search, read, write, hide and vote on post comments (`app/controllers/comments_controller.rb`,
 * `comment_votes_controller.rb`).
 *
 * e621 answers comment writes with **200** and the comment even when nothing was saved (a failed create has
 * `id: null`, and no error messages): this module turns those answers into `E621ValidationFailed`. Comment
 * search is a strict controller (unknown keys are a 403), and hides comments under the viewer's score
 * threshold (`comment_threshold`, -10 for new accounts) unless `id` is searched.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Comments } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const comments = yield* Comments.search({ postId: 3291457, limit: 20 })
 *   const comment = yield* Comments.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Vote from "../internal/vote.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Comment } from "../schemas/Comment.ts"
import { CommentVoteResult } from "../schemas/CommentVote.ts"
import * as Post from "../schemas/Post.ts"
import * as TagQuery from "../TagQuery.ts"

/** e621's `comment_max_size`. */
const maxBody = 10_000

/**
 * Search fields of `GET /comments.json` (strict: anything else is refused). `postTagsMatch` needs a logged-in
 * member, `isHidden` staff (e621 answers 403 otherwise). `advancedSearch: true` makes `bodyMatches` use
 * PostgreSQL's web-search syntax (`"exact phrase" -word or other`); e621 treats any value as on, so only
 * `true` is accepted.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CommentSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  bodyMatches: Schema.optionalKey(Params.Text),
  advancedSearch: Schema.optionalKey(Schema.Literal(true)),
  postId: Schema.optionalKey(Params.Range),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  postNoteUpdaterId: Schema.optionalKey(Params.Range),
  postNoteUpdaterName: Schema.optionalKey(Params.Text),
  posterId: Schema.optionalKey(Params.Range),
  posterName: Schema.optionalKey(Params.Text),
  isSticky: Schema.optionalKey(Schema.Boolean),
  doNotBumpPost: Schema.optionalKey(Schema.Boolean),
  postTagsMatch: Schema.optionalKey(Params.Text),
  isHidden: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(
    Schema.Literals(["post_id", "post_id_desc", "score", "score_desc", "updated_at", "updated_at_desc", "id_asc", "id_desc"])
  )
})

/**
 * Search fields of `GET /comments.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface CommentSearch extends Schema.Schema.Type<typeof CommentSearch> {}

/**
 * Input of {@link create}: `isSticky` needs staff, `isHidden` a moderator (e621 answers 403 otherwise).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CommentCreate = Schema.Struct({
  postId: Params.Id,
  body: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(maxBody)),
  doNotBumpPost: Schema.optionalKey(Schema.Boolean),
  isSticky: Schema.optionalKey(Schema.Boolean),
  isHidden: Schema.optionalKey(Schema.Boolean)
})

/**
 * Input of {@link create} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface CommentCreate extends Schema.Schema.Type<typeof CommentCreate> {}

/**
 * Input of {@link update}: at least one field.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CommentUpdate = Schema.Struct({
  body: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(maxBody))),
  isSticky: Schema.optionalKey(Schema.Boolean),
  isHidden: Schema.optionalKey(Schema.Boolean)
})

/**
 * Input of {@link update} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface CommentUpdate extends Schema.Schema.Type<typeof CommentUpdate> {}

/**
 * The routes of comments and comment votes, each keyed by the function that calls it. `search` also serves
 * `stream`, and {@link searchByPost} (the same route with `group_by=post`). e621's comment controllers skip
 * the API write throttle.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/comments.json",
    auth: "none",
    search: CommentSearch,
    item: Comment,
    query: { group_by: "comment" },
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/comments/:id.json", auth: "none", item: Comment }),
  create: Route.make({
    method: "POST",
    path: "/comments.json",
    auth: "member",
    root: "comment",
    body: CommentCreate,
    item: Comment,
    quirks: ["unthrottled"]
  }),
  update: Route.make({
    method: "PATCH",
    path: "/comments/:id.json",
    auth: "member",
    root: "comment",
    body: CommentUpdate,
    item: Comment,
    quirks: ["unthrottled"]
  }),
  hide: Route.make({
    method: "POST",
    path: "/comments/:id/hide.json",
    auth: "member",
    item: Comment,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  unhide: Route.make({
    method: "POST",
    path: "/comments/:id/unhide.json",
    auth: "member",
    item: Comment,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  vote: Route.make({
    method: "POST",
    path: "/comments/:id/votes.json",
    auth: "member",
    item: CommentVoteResult,
    quirks: ["unthrottled"]
  }),
  unvote: Route.make({
    method: "DELETE",
    path: "/comments/:id/votes.json",
    auth: "member",
    idempotent: true,
    quirks: ["unthrottled"]
  })
} as const

/**
 * One page of comments (`GET /comments.json?group_by=comment`), newest first by default. Hidden comments and
 * comments under the viewer's score threshold are left out unless `id` is given.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<CommentSearch, Comment> = Endpoint.search(routes.search)

/**
 * Every comment matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<CommentSearch, Comment> = Endpoint.stream(routes.search)

/**
 * One comment by id (`GET /comments/:id.json`). Hidden comments are `E621Forbidden` unless the caller wrote
 * them or is staff. e621 fills `updater_name` with the **creator's** name here (it does not load the
 * updater on single records); lists have the right name.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Comment, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * A post together with the comments e621 returned for it.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostComments {
  readonly post: Post.Post
  /** Oldest first; at most 320 comments over the whole page (use `stream({ postId })` for all). */
  readonly comments: ReadonlyArray<Comment>
}

/**
 * Parameters of {@link searchByPost}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SearchByPostParams {
  /** Tag query selecting the posts. */
  readonly tags?: string | ReadonlyArray<string> | TagQuery.TagQuery | undefined
  /** Page number 1..750, or a cursor. */
  readonly page?: Paging.Page | undefined
}

const searchByPostKeys = Params.keys<SearchByPostParams>({ tags: true, page: true })

/**
 * The "comments by post" listing (`GET /comments.json?group_by=post`): posts matching `tags` that have
 * comments, most recently commented first, **5 per page** (e621 ignores `limit`). e621 answers this form
 * with raw-model posts only (decoded through `Post.RawPost`: tags are uncategorised, `duration` parsed); the
 * comments of the page are then fetched with one more request (`search({ postId: [...] })`) and grouped by
 * post. `page` is a number (≤ 750) or a post-id cursor.
 *
 * @category Search
 * @since 0.1.0
 */
export const searchByPost = (
  params: SearchByPostParams = {}
): Effect.Effect<ReadonlyArray<PostComments>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(params, searchByPostKeys)
    const tags = params.tags === undefined ? undefined : TagQuery.render(yield* TagQuery.fromInput(params.tags))
    const page = yield* Params.page(params.page)
    const posts = yield* Endpoint.jsonList(
      Endpoint.request(routes.search, { query: { group_by: "post", tags, page } }),
      Post.RawPost,
      Endpoint.list("posts")
    )
    if (posts.length === 0) return []
    const comments = yield* search({ postId: posts.map((post) => post.id), limit: Params.maxLimit })
    return posts.map((post) => ({
      post,
      comments: comments.filter((comment) => comment.post_id === post.id).sort((a, b) => a.id - b.id)
    }))
  })

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Sends a comment write and decodes the comment it answers with; e621 answers 200 even when the record was
 * not saved (`id: null`) — that, or a `check` that finds the change missing, is `E621ValidationFailed`.
 */
const saved = (
  request: E621Client.Request,
  check: (comment: Comment) => string | undefined = () => undefined
): Effect.Effect<Comment, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.execute(request), (response) => {
    const reject = (reason: string) => Endpoint.rejected(request.method, { ...response, body: { errors: { base: [reason] } } })
    if (isRecord(response.body) && response.body.id === null) {
      return reject(
        "e621 did not save the comment (it answered with id null): the post may not exist, its comment section may be locked, or the hourly comment limit was reached"
      )
    }
    return Effect.flatMap(Endpoint.decode(Comment, response, request.method, response.body), (comment) => {
      const problem = check(comment)
      return problem === undefined ? Effect.succeed(comment) : reject(problem)
    })
  })

const blank = (field: string, value: string | undefined) =>
  value !== undefined && value.trim() === "" ? invalidInput(field, "must not be blank") : undefined

const form = (fields: Record<string, unknown>): E621Client.Body => ({ _tag: "Form", fields: Params.encode("comment", fields) })

/** e621 stores bodies with `\r\n` turned into `\n`. */
const normalized = (text: string) => text.replace(/\r\n/g, "\n")

/**
 * Posts a comment (`POST /comments.json`, member; 15 per hour for accounts below Privileged, none for
 * accounts younger than a week). The body is 1..10,000 characters of DText. A comment e621 refused to save
 * (post missing, comments locked, limit reached) is `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: CommentCreate): Effect.Effect<Comment, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(CommentCreate, input, "comment")
    const empty = blank("comment.body", checked.body)
    if (empty !== undefined) return yield* empty
    return yield* saved(Endpoint.request(routes.create, { body: form(checked) }))
  })

/**
 * Edits a comment (`PATCH /comments/:id.json`): its creator (unless a moderator marked it, or the post's
 * comment section is locked), or an admin; others get `E621Forbidden`. e621 answers 200 with the comment
 * whether or not it saved; a body that did not change is `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (id: number, patch: CommentUpdate): Effect.Effect<Comment, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    const checked = yield* Params.check(CommentUpdate, patch, "comment")
    yield* Params.changes("comment", checked)
    const empty = blank("comment.body", checked.body)
    if (empty !== undefined) return yield* empty
    const wanted = checked.body === undefined ? undefined : normalized(checked.body)
    return yield* saved(
      Endpoint.request(routes.update, { path: { id: checkedId }, body: form(checked) }),
      (comment) => wanted !== undefined && comment.body !== wanted ? "the comment body did not change" : undefined
    )
  })

const hiding = (action: "hide" | "unhide", hidden: boolean) => (
  id: number
): Effect.Effect<Comment, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("id", id), (id) =>
    saved(
      Endpoint.request(routes[action], { path: { id } }),
      (comment) => comment.is_hidden === hidden ? undefined : `the comment is still ${hidden ? "visible" : "hidden"}`
    ))

/**
 * Hides a comment (`POST /comments/:id/hide.json`): its creator (unless it was marked by a moderator or the
 * post's comments are disabled) or a moderator. Answers the comment (200). Safe to repeat.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const hide: (id: number) => Effect.Effect<Comment, E621Error, E621Client.E621Client> = hiding("hide", true)

/**
 * Shows a hidden comment again (`POST /comments/:id/unhide.json`, moderators only: `E621Forbidden` for
 * others). Answers the comment (200).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const unhide: (id: number) => Effect.Effect<Comment, E621Error, E621Client.E621Client> = hiding("unhide", false)

/**
 * Options of {@link vote}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface VoteOptions {
  /** Send e621's toggling vote: the same vote twice removes it (default `false`). */
  readonly toggle?: boolean | undefined
}

/**
 * Votes a comment up (`1`) or down (`-1`) (`POST /comments/:id/votes.json`, member; 10 per hour below
 * Privileged). e621 toggles: the same vote twice removes it. This client sends `no_unvote=true` unless
 * `toggle: true`, so a repeated vote stays a vote (and the call is safe to retry); e621 then reports
 * `our_score: 0` for the kept vote, which this function corrects to the vote you hold. Own comments, sticky
 * comments, locked comment sections and locked votes are `E621ValidationFailed` (422).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const vote: (
  id: number,
  score: 1 | -1,
  options?: VoteOptions
) => Effect.Effect<CommentVoteResult, E621Error, E621Client.E621Client> = Vote.vote(routes.vote)

/**
 * Removes the caller's vote on a comment (`DELETE /comments/:id/votes.json`, member; 204). Safe to repeat;
 * a vote locked by a moderator is `E621ValidationFailed`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const unvote: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.unvote)
