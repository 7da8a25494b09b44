/**
 * The fake's forum posts (`forum_posts_controller.rb`, `forum_post_votes_controller.rb`): hidden posts,
 * creator/moderator edits, and votes on the forum posts of tag-change requests, over the forum of
 * `ForumTopics.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/ForumPosts.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"
import {
  canHidePost,
  categoryOf,
  forum,
  insertPost,
  postVisible,
  renderPost,
  renderVote,
  type StoredForumPost,
  type StoredTopic,
  topicVisible
} from "./ForumTopics.ts"

const postIndex: FakeContext.Handler = (ctx) => {
  const { topics } = forum(ctx.store)
  return FakeTable.search(Api.routes.search)(ctx, forum(ctx.store).posts.rows, {
    users: { creator: (p) => p.creator_id },
    filters: {
      topicId: (p, value) => p.topic_id === Math.trunc(Number(value)),
      topicTitleMatches: (p, value, c) => {
        const topic = topics.get(p.topic_id)
        return topic !== undefined && FakeTable.text<StoredTopic>((t) => t.title)(topic, value, c)
      },
      bodyMatches: FakeTable.text((p) => p.body),
      topicCategoryId: (p, value) => topics.get(p.topic_id)?.category_id === Math.trunc(Number(value)),
      isHidden: FakeTable.bool((p) => p.is_hidden)
    },
    visible: (p) => postVisible(ctx, p),
    render: (p) => renderPost(ctx, p)
  })
}

const withPost = (
  ctx: FakeContext.Context,
  match: ReadonlyArray<string>,
  then: (post: StoredForumPost) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse => FakeTable.found(forum(ctx.store).posts, match, (post) => postVisible(ctx, post), then)

const postShow: FakeContext.Handler = (ctx, match) => withPost(ctx, match, (p) => FakeHttp.json(200, renderPost(ctx, p)))

const postFields = (ctx: FakeContext.Context, permitted: ReadonlyArray<string>): Record<string, string> | FakeHttp.FakeResponse => {
  const fields = FakeTable.fields(ctx.params, "forum_post")
  const extra = FakeSocial.unpermitted(fields, permitted)
  return extra === undefined ? fields : FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
}

const bodyErrors = (body: string): Record<string, Array<string>> =>
  body.trim() === "" ? { body: ["can't be blank"] } : body.length > 50_000 ? { body: ["is too long (maximum is 50000 characters)"] } : {}

const postCreate: FakeContext.Handler = (ctx) => {
  const fields = postFields(ctx, ["body", "topic_id"])
  if (FakeContext.isResponse(fields)) return fields
  const { posts, topics } = forum(ctx.store)
  const user = ctx.viewer.user!
  const body = fields.body ?? ""
  const topic = topics.get(Number(fields.topic_id))
  const errors: Record<string, Array<string>> = { ...bodyErrors(body) }
  if (topic === undefined || !topicVisible(ctx, topic)) errors.topic = ["is invalid"]
  else {
    const category = categoryOf(topic.category_id)!
    if (topic.is_locked && !FakeSocial.is(ctx, "Moderator")) errors.topic = ["is locked"]
    else if (category.can_reply > FakeSocial.levelOf(user)) errors.topic = ["does not allow replies"]
  }
  const mine = posts.rows.filter((p) => p.creator_id === user.id).map((p) => p.created_at)
  const limited = FakeThrottle.refusal(FakeThrottle.forumPost, user, ctx.now, mine)
  if (limited !== undefined) errors.creator = [limited]
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const at = FakeSocial.nowIso(ctx)
  const post = insertPost(posts, topic!.id, user.id, body, at)
  topics.update(topic!.id, (t) => ({ ...t, response_count: t.response_count + 1, updated_at: at, updater_id: user.id }))
  return FakeHttp.json(201, renderPost(ctx, post))
}

const postUpdate: FakeContext.Handler = (ctx, match) =>
  withPost(ctx, match, (post) => {
    const topic = forum(ctx.store).topics.get(post.topic_id)!
    const admin = FakeSocial.is(ctx, "Admin")
    const mayEdit = admin ||
      (post.warning_type === null && !(topic.is_locked && !FakeSocial.is(ctx, "Moderator")) &&
        post.creator_id === FakeSocial.viewerId(ctx))
    if (!mayEdit) return FakeHttp.accessDenied()
    const fields = postFields(ctx, ["body"])
    if (FakeContext.isResponse(fields)) return fields
    const body = fields.body ?? post.body
    const errors = bodyErrors(body)
    if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
    forum(ctx.store).posts.update(post.id, (p) => ({ ...p, body, updater_id: ctx.viewer.user!.id, updated_at: FakeSocial.nowIso(ctx) }))
    return FakeHttp.noContent()
  })

/** `POST /forum_posts/:id/hide` (member): hides the post (201 + the post), bumping its topic's `updated_at`. */
const postHide: FakeContext.Handler = (ctx, match) =>
  withPost(ctx, match, (post) => {
    if (!canHidePost(ctx, post)) return FakeHttp.accessDenied()
    const { posts, topics } = forum(ctx.store)
    const at = FakeSocial.nowIso(ctx)
    const hidden = posts.update(post.id, (p) => ({ ...p, is_hidden: true, updater_id: ctx.viewer.user!.id, updated_at: at }))!
    topics.update(post.topic_id, (t) => ({ ...t, updated_at: at }))
    return FakeHttp.json(201, renderPost(ctx, hidden))
  })

const withVotable = (
  ctx: FakeContext.Context,
  match: ReadonlyArray<string>,
  then: (post: StoredForumPost) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse =>
  withPost(ctx, match, (post) => (post.votable ? then(post) : FakeHttp.accessDenied()))

const votesShow: FakeContext.Handler = (ctx, match) =>
  withVotable(ctx, match, (post) =>
    FakeHttp.json(200, forum(ctx.store).votes.rows.filter((v) => v.forum_post_id === post.id).map((v) => renderVote(ctx, v))))

const voteCreate: FakeContext.Handler = (ctx, match) =>
  withVotable(ctx, match, (post) => {
    const user = FakeSocial.viewerId(ctx)
    if (post.creator_id === user) return FakeHttp.accessDenied("You cannot vote on your own requests")
    const { votes } = forum(ctx.store)
    const score = Number(ctx.params["forum_post_vote[score]"])
    if (![-1, 0, 1, 2].includes(score)) return FakeHttp.accessDenied("Score is not included in the list")
    if (votes.rows.some((v) => v.forum_post_id === post.id && v.creator_id === user)) {
      return FakeHttp.accessDenied("Creator has already been taken")
    }
    const at = FakeSocial.nowIso(ctx)
    const vote = votes.insert((id) => ({ id, forum_post_id: post.id, creator_id: user, score, created_at: at, updated_at: at }))
    // the action passes `code: 201`, which Rails ignores: 200
    return FakeHttp.json(200, renderVote(ctx, vote))
  })

const voteDestroy: FakeContext.Handler = (ctx, match) => {
  const post = forum(ctx.store).posts.get(Number(match[1]))
  if (post === undefined) return FakeTable.notFound()
  const { votes } = forum(ctx.store)
  const vote = votes.rows.find((v) => v.forum_post_id === post.id && v.creator_id === FakeSocial.viewerId(ctx))
  if (vote === undefined) return FakeTable.notFound()
  return withVotable(ctx, match, () => {
    votes.delete(vote.id)
    return FakeHttp.json(200, {})
  })
}

/**
 * The routes of `/forum_posts` (declared in `api/ForumPosts.ts`; e621's forum controllers skip the write
 * throttle).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: postIndex,
  get: postShow,
  create: postCreate,
  update: postUpdate,
  votes: votesShow,
  vote: voteCreate,
  unvote: voteDestroy,
  hide: postHide
})
