/**
 * The fake's Comments family (`comments_controller.rb`, `comment_votes_controller.rb`, `comment.rb`):
 * search by comment and by post (raw-model posts), show, create/update answering 200 (`id: null` when not
 * saved), hide/unhide, votes with e621's toggle. Visibility follows `Comment.accessible`: hidden comments
 * only for their creator (with `search[id]` or by id) and staff; comments under the viewer's score threshold
 * (-10, `customize_new_user`) left out of searches unless `search[id]` is given.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Comments.ts"
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeNotes from "./Notes.ts"
import * as FakePosts from "./Posts.ts"
import * as FakeRawPost from "./RawPost.ts"
import * as FakeRender from "./Render.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"

/**
 * A stored comment (`comments` columns without IP addresses; `warning_type` as its enum name).
 *
 * @since 0.1.0
 */
export interface StoredComment {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly post_id: number
  readonly creator_id: number
  readonly body: string
  readonly score: number
  readonly updater_id: number | null
  readonly do_not_bump_post: boolean
  readonly is_hidden: boolean
  readonly is_sticky: boolean
  readonly warning_type: string | null
  readonly warning_user_id: number | null
}

interface StoredVote {
  readonly id: number
  readonly comment_id: number
  readonly user_id: number
  readonly score: -1 | 0 | 1
}

/**
 * The viewer's comment score threshold: e621 gives every account -10 (`customize_new_user`).
 *
 * @since 0.1.0
 */
export const threshold = -10

const seedComments = (store: FakeData.Store): FakeTable.Table<StoredComment> => {
  const rng = FakeSocial.rngOf(store, 0xc033)
  const table = new FakeTable.Table<StoredComment>([], 7000)
  if (store.size === 0) return table
  const writers = FakeSocial.authors(store)
  const tester = FakeSocial.fixed(store, "tester")
  const staff = [FakeSocial.fixed(store, "admin"), FakeSocial.fixed(store, "janitor")]
  const count = Math.min(240, Math.max(30, Math.floor(store.size / 4)))
  const posts = Array.from({ length: Math.min(store.size, Math.max(8, Math.floor(count / 3))) }, () => store.ids[rng.int(store.size)]!)
  for (let i = 0; i < count; i++) {
    const sticky = rng.chance(0.02)
    const creator = sticky ? rng.pick(staff) : i % 9 === 0 ? tester : rng.pick(writers)
    const at = FakeSocial.seededTime(i, rng, 5)
    const edited = rng.chance(0.15)
    const roll = rng.next()
    table.insert((id) => ({
      id,
      created_at: at,
      updated_at: edited ? FakeSocial.seededTime(i + 1, rng, 5) : at,
      post_id: rng.pick(posts),
      creator_id: creator.id,
      body: `${rng.pick(FakeSocial.phrases)}${rng.chance(0.3) ? ` ${rng.pick(FakeSocial.phrases)}` : ""}`,
      score: sticky ? 0 : roll < 0.07 ? -11 - rng.int(10) : roll < 0.15 ? -rng.int(8) : rng.int(30),
      updater_id: edited ? (rng.chance(0.8) ? creator.id : staff[0]!.id) : null,
      do_not_bump_post: rng.chance(0.05),
      is_hidden: !sticky && rng.chance(0.05),
      is_sticky: sticky,
      warning_type: rng.chance(0.02) ? "warning" : null,
      warning_user_id: null
    }))
  }
  return table
}

/**
 * The comments of a store (seeded on first use).
 *
 * @since 0.1.0
 */
export const comments = (store: FakeData.Store): FakeTable.Table<StoredComment> => FakeTable.tableOf(store, "comments", seedComments)

const votes = (store: FakeData.Store): FakeTable.Table<StoredVote> =>
  FakeTable.tableOf(store, "comment_votes", () => new FakeTable.Table<StoredVote>([], 1))

const voteOf = (store: FakeData.Store, userId: number, commentId: number): StoredVote | undefined =>
  votes(store).rows.find((v) => v.user_id === userId && v.comment_id === commentId)

/**
 * `Comment#is_accessible?`: hidden comments only for staff and (when `bypass`, i.e. by id) their creator.
 *
 * @since 0.1.0
 */
const accessible = (ctx: FakeContext.Context, comment: StoredComment, bypass: boolean): boolean => {
  const user = ctx.viewer.user
  if (!comment.is_hidden) return true
  if (user === undefined || !bypass) return false
  return FakeRender.isStaff(user) || comment.creator_id === user.id
}

/**
 * A comment as `CommentBlueprint` renders it. `single` reproduces e621's `updater_name` quirk on single
 * records (the creator's name, the updater not being preloaded).
 *
 * @since 0.1.0
 */
const render = (ctx: FakeContext.Context, comment: StoredComment, single: boolean) => ({
  ...comment,
  creator_name: FakeSocial.nameOf(ctx.store, comment.creator_id),
  updater_name: FakeSocial.nameOf(ctx.store, single ? comment.creator_id : comment.updater_id),
  vote: ctx.viewer.user === undefined ? 0 : voteOf(ctx.store, ctx.viewer.user.id, comment.id)?.score ?? 0
})

const uploader = (byName: boolean): FakeTable.Filter<StoredComment> => (row, value, ctx) => {
  const post = ctx.store.byId(row.post_id)
  if (post === undefined) return false
  if (byName) return ctx.store.userByName(value)?.id === post.uploader_id
  return FakeTable.numeric<Post.Post>((p) => p.uploader_id)(post, value, ctx)
}

/** The search keys e621 permits only from a level on (`Comment.search_params`): others are a 403. */
const levelledKeys: ReadonlyArray<readonly [string, FakeData.Level]> = [["post_tags_match", "Member"], ["is_hidden", "Staff"]]

const byComment: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  for (const [key, level] of levelledKeys) {
    if (search[key] !== undefined && !FakeSocial.is(ctx, level)) {
      return FakeHttp.json(403, { success: false, reason: `found unpermitted parameter: :${key}` })
    }
  }
  const byId = search.id !== undefined
  return FakeTable.search(Api.routes.search)(ctx, comments(ctx.store).rows, {
    users: { creator: (c) => c.creator_id },
    filters: {
      bodyMatches: FakeTable.text((c) => c.body),
      advancedSearch: () => true,
      postId: FakeTable.numeric((c) => c.post_id),
      postNoteUpdaterId: FakeNotes.notedBy(false),
      postNoteUpdaterName: FakeNotes.notedBy(true),
      posterId: uploader(false),
      posterName: uploader(true),
      isSticky: FakeTable.bool((c) => c.is_sticky),
      doNotBumpPost: FakeTable.bool((c) => c.do_not_bump_post),
      postTagsMatch: FakeNotes.postTagsMatch<StoredComment>(),
      isHidden: FakeTable.bool((c) => c.is_hidden)
    },
    orders: {
      post_id: (a, b) => b.post_id - a.post_id || FakeSocial.byDesc((c: StoredComment) => c.created_at)(a, b),
      post_id_desc: (a, b) => b.post_id - a.post_id || FakeSocial.byDesc((c: StoredComment) => c.created_at)(a, b),
      score: (a, b) => b.score - a.score || FakeSocial.byDesc((c: StoredComment) => c.created_at)(a, b),
      score_desc: (a, b) => b.score - a.score || FakeSocial.byDesc((c: StoredComment) => c.created_at)(a, b),
      updated_at: FakeSocial.byDesc((c: StoredComment) => c.updated_at),
      updated_at_desc: FakeSocial.byDesc((c: StoredComment) => c.updated_at)
    },
    visible: (c) => accessible(ctx, c, byId) && (byId || c.is_sticky || c.score >= threshold),
    render: (c) => render(ctx, c, false)
  })
}

/** A post as `index_by_post` lists it: raw, with the viewer's fields and its comment columns. */
const rawPost = (ctx: FakeContext.Context, stored: Post.Post): Record<string, unknown> => {
  const post = FakeRender.withViewerFields(ctx.store, stored, ctx.viewer.user)
  const commented = comments(ctx.store).rows.filter((c) => c.post_id === post.id)
  const last = commented.length === 0 ? null : commented[commented.length - 1]!.created_at
  return FakeRawPost.rawPost(post, FakeRender.isVisible(post, ctx.viewer), { last, count: commented.length })
}

/** `index_by_post`: posts matching `tags` with comments, by latest bumping comment, 5 per page. */
const byPost: FakeContext.Handler = (ctx) => {
  const q = FakePosts.parseTags(ctx.store, ctx.params.tags)
  if (FakeContext.isResponse(q)) return q
  const page = FakeContext.parsePage(ctx.params.page)
  if (FakeContext.isResponse(page)) return page
  const bumped = new Map<number, string>()
  for (const c of comments(ctx.store).rows) {
    if (c.do_not_bump_post || !accessible(ctx, c, false)) continue
    const at = bumped.get(c.post_id)
    if (at === undefined || c.created_at > at) bumped.set(c.post_id, c.created_at)
  }
  const matches = FakePosts.matcherOf(ctx.store, q, ctx.viewer)
  const posts = [...bumped.keys()].filter((id) => {
    const index = ctx.store.indexOf(id)
    return index >= 0 && matches(index)
  })
  const limit = 5
  let ids: Array<number>
  if (page._tag === "Before") ids = posts.filter((id) => id < page.id).sort((a, b) => b - a).slice(0, limit)
  else if (page._tag === "After") ids = posts.filter((id) => id > page.id).sort((a, b) => a - b).slice(0, limit).reverse()
  else {
    ids = posts.sort((a, b) => (bumped.get(b)! > bumped.get(a)! ? 1 : bumped.get(b)! < bumped.get(a)! ? -1 : b - a))
      .slice((page.page - 1) * limit, page.page * limit)
  }
  return FakeHttp.json(200, ids.map((id) => rawPost(ctx, ctx.store.byId(id)!)))
}

const search: FakeContext.Handler = (ctx, match) => ctx.params.group_by === "post" ? byPost(ctx, match) : byComment(ctx, match)

const get: FakeContext.Handler = (ctx, match) => {
  const comment = comments(ctx.store).get(Number(match[1]))
  if (comment === undefined) return FakeTable.notFound()
  return accessible(ctx, comment, true) ? FakeHttp.json(200, render(ctx, comment, true)) : FakeHttp.accessDenied()
}

const permittedFields = (ctx: FakeContext.Context, create: boolean): Array<string> => [
  "body",
  ...(create ? ["do_not_bump_post", "post_id"] : []),
  ...(FakeSocial.is(ctx, "Staff") ? ["is_sticky"] : []),
  ...(FakeSocial.is(ctx, "Moderator") ? ["is_hidden"] : [])
]

const bodyErrors = (body: string): Array<string> =>
  body.trim() === "" ? ["Body has no content"] : body.length > 10_000 ? ["Body is too long (maximum is 10000 characters)"] : []

const create: FakeContext.Handler = (ctx) => {
  const fields = FakeTable.fields(ctx.params, "comment")
  const extra = FakeSocial.unpermitted(fields, permittedFields(ctx, true))
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const user = ctx.viewer.user!
  const at = FakeSocial.nowIso(ctx)
  const postId = Number(fields.post_id)
  const draft = {
    created_at: at,
    updated_at: at,
    post_id: postId,
    creator_id: user.id,
    body: (fields.body ?? "").replace(/\r\n/g, "\n"),
    score: 0,
    updater_id: user.id,
    do_not_bump_post: FakeContext.truthy(fields.do_not_bump_post),
    is_hidden: FakeContext.truthy(fields.is_hidden),
    is_sticky: FakeContext.truthy(fields.is_sticky),
    warning_type: null,
    warning_user_id: null
  }
  const limited = FakeThrottle.refusal(
    FakeThrottle.comment,
    user,
    ctx.now,
    comments(ctx.store).rows.filter((c) => c.creator_id === user.id).map((c) => c.created_at)
  )
  const errors = [
    ...(ctx.store.byId(postId) === undefined ? ["Post must exist"] : []),
    ...bodyErrors(draft.body),
    ...(limited === undefined ? [] : [`Creator ${limited}`])
  ]
  if (errors.length > 0) {
    // e621 renders the unsaved record: 200, `id: null`, no error messages
    return FakeHttp.json(200, { ...render(ctx, { id: 0, ...draft }, true), id: null, created_at: null, updated_at: null })
  }
  const comment = comments(ctx.store).insert((id) => ({ id, ...draft }))
  return FakeHttp.json(200, render(ctx, comment, true))
}

const editable = (ctx: FakeContext.Context, comment: StoredComment): boolean => {
  const user = ctx.viewer.user!
  if (!accessible(ctx, comment, true)) return false
  if (FakeSocial.is(ctx, "Admin")) return true
  if (comment.warning_type !== null) return false
  return comment.creator_id === user.id
}

const update: FakeContext.Handler = (ctx, match) => {
  const table = comments(ctx.store)
  const comment = table.get(Number(match[1]))
  if (comment === undefined) return FakeTable.notFound()
  if (!editable(ctx, comment)) return FakeHttp.accessDenied()
  const fields = FakeTable.fields(ctx.params, "comment")
  const extra = FakeSocial.unpermitted(fields, permittedFields(ctx, false))
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const next: StoredComment = {
    ...comment,
    body: fields.body === undefined ? comment.body : fields.body.replace(/\r\n/g, "\n"),
    is_sticky: fields.is_sticky === undefined ? comment.is_sticky : FakeContext.truthy(fields.is_sticky),
    is_hidden: fields.is_hidden === undefined ? comment.is_hidden : FakeContext.truthy(fields.is_hidden),
    updater_id: ctx.viewer.user!.id,
    updated_at: FakeSocial.nowIso(ctx)
  }
  // an invalid record is rendered unsaved, as e621 does (200 either way)
  if (bodyErrors(next.body).length === 0) table.update(comment.id, () => next)
  return FakeHttp.json(200, render(ctx, next, true))
}

const hiding = (hidden: boolean): FakeContext.Handler => (ctx, match) => {
  const table = comments(ctx.store)
  const comment = table.get(Number(match[1]))
  if (comment === undefined) return FakeTable.notFound()
  const user = ctx.viewer.user!
  const allowed = accessible(ctx, comment, true) &&
    (FakeSocial.is(ctx, "Moderator") || (comment.warning_type === null && comment.creator_id === user.id))
  if (!allowed) return FakeHttp.accessDenied()
  const next = table.update(comment.id, (c) => ({ ...c, is_hidden: hidden }))!
  return FakeHttp.json(200, render(ctx, next, true))
}

const unhide: FakeContext.Handler = (ctx, match) =>
  FakeSocial.is(ctx, "Moderator") ? hiding(false)(ctx, match) : FakeHttp.accessDenied()

const adjustScore = (store: FakeData.Store, commentId: number, delta: number) =>
  comments(store).update(commentId, (c) => ({ ...c, score: c.score + delta }))!

const vote: FakeContext.Handler = (ctx, match) => {
  const comment = comments(ctx.store).get(Number(match[1]))
  if (comment === undefined) return FakeTable.notFound()
  const user = ctx.viewer.user!
  const score = Number(ctx.params.score)
  if (score !== 1 && score !== -1) return FakeHttp.expectedError(422, "Invalid vote")
  const problems = [
    ...(comment.creator_id === user.id ? ["You cannot vote on your own comments"] : []),
    ...(comment.is_sticky ? ["You cannot vote on sticky comments"] : [])
  ]
  const table = votes(ctx.store)
  const old = voteOf(ctx.store, user.id, comment.id)
  if (old !== undefined && old.score === 0) return FakeHttp.expectedError(422, "Vote is locked")
  if (old !== undefined && old.score === score) {
    // VoteManager's :need_unvote — removed unless no_unvote; e621 reports our_score 0 either way
    if (!FakeContext.truthy(ctx.params.no_unvote)) {
      table.delete(old.id)
      adjustScore(ctx.store, comment.id, -old.score)
    }
    return FakeHttp.json(200, { score: comments(ctx.store).get(comment.id)!.score, our_score: 0 })
  }
  if (problems.length > 0) return FakeHttp.expectedError(422, `Validation failed: ${problems.join(", ")}`)
  if (old !== undefined) table.delete(old.id)
  table.insert((id) => ({ id, comment_id: comment.id, user_id: user.id, score }))
  const next = adjustScore(ctx.store, comment.id, old === undefined ? score : score * 2)
  return FakeHttp.json(200, { score: next.score, our_score: score })
}

const unvote: FakeContext.Handler = (ctx, match) => {
  const comment = comments(ctx.store).get(Number(match[1]))
  if (comment === undefined) return FakeTable.notFound()
  const old = voteOf(ctx.store, ctx.viewer.user!.id, comment.id)
  if (old !== undefined) {
    if (old.score === 0) return FakeHttp.expectedError(422, "You can't remove locked votes")
    votes(ctx.store).delete(old.id)
    adjustScore(ctx.store, comment.id, -old.score)
  }
  return FakeHttp.noContent()
}

/**
 * The routes of the Comments family (declared in `api/Comments.ts`; e621's comment controllers skip the API
 * write throttle). `search` serves both groupings (`group_by=comment` and `group_by=post`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, hide: hiding(true), unhide, vote, unvote
})
