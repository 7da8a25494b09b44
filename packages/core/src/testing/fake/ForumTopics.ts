/**
 * The fake's forum topics (`forum_topics_controller.rb`) and the forum both forum families share: categories with
 * a minimum level to view, hidden topics, creator/moderator edits, subscriptions. Forum posts are
 * `ForumPosts.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/ForumTopics.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"

/**
 * A forum category: who may view, open topics in, and reply in it (numeric levels).
 *
 * @since 0.1.0
 */
export interface Category {
  readonly id: number
  readonly name: string
  readonly can_view: number
  readonly can_create: number
  readonly can_reply: number
}

/**
 * The fake's categories: two public ones (the second holds tag-change requests) and a staff-only one.
 *
 * @since 0.1.0
 */
export const categories: ReadonlyArray<Category> = [
  { id: 1, name: "General", can_view: 0, can_create: 20, can_reply: 20 },
  { id: 2, name: "Tag Alias and Implication Suggestions", can_view: 0, can_create: 20, can_reply: 20 },
  { id: 3, name: "Staff", can_view: 50, can_create: 50, can_reply: 50 }
]

/**
 * A stored topic (`forum_topics` columns without the IP address, plus its opening post's id).
 *
 * @since 0.1.0
 */
export interface StoredTopic {
  readonly id: number
  readonly creator_id: number
  readonly updater_id: number
  readonly title: string
  readonly response_count: number
  readonly is_sticky: boolean
  readonly is_locked: boolean
  readonly is_hidden: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly category_id: number
  readonly original_post_id: number
}

/**
 * A stored forum post; `votable` marks the forum post of an alias / implication / BUR request.
 *
 * @since 0.1.0
 */
export interface StoredForumPost {
  readonly id: number
  readonly topic_id: number
  readonly creator_id: number
  readonly updater_id: number
  readonly body: string
  readonly is_hidden: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly warning_type: string | null
  readonly warning_user_id: number | null
  readonly votable: boolean
}

interface StoredVote {
  readonly id: number
  readonly forum_post_id: number
  readonly creator_id: number
  readonly score: number
  readonly created_at: string
  readonly updated_at: string
}

interface Subscription {
  readonly id: number
  readonly user_id: number
  readonly topic_id: number
}

interface Forum {
  readonly id: number
  readonly topics: FakeTable.Table<StoredTopic>
  readonly posts: FakeTable.Table<StoredForumPost>
  readonly votes: FakeTable.Table<StoredVote>
  readonly subscriptions: FakeTable.Table<Subscription>
  readonly lastReadAt: Map<number, string>
}

const topicTitles: ReadonlyArray<string> = [
  "Site feedback thread", "Tagging question", "Upload guidelines discussion", "Favourite artists of the month",
  "Blacklist tips", "Bug report: search", "Pool naming conventions", "Art critique corner"
]

const seed = (store: FakeData.Store): FakeTable.Table<Forum> => {
  const rng = FakeSocial.rngOf(store, 0xf0c0)
  const topics = new FakeTable.Table<StoredTopic>([], 200)
  const posts = new FakeTable.Table<StoredForumPost>([], 4000)
  const votes = new FakeTable.Table<StoredVote>([], 1)
  const writers = FakeSocial.authors(store)
  const tester = FakeSocial.fixed(store, "tester")
  const staff = [FakeSocial.fixed(store, "admin"), FakeSocial.fixed(store, "janitor")]
  let clock = 0
  for (let i = 0; i < 24; i++) {
    const category = i % 8 === 7 ? 3 : i % 3 === 1 ? 2 : 1
    const creator = category === 3 ? rng.pick(staff) : i % 6 === 0 ? tester : i === 1 ? FakeSocial.fixed(store, "privileged") : rng.pick(writers)
    const start = FakeSocial.seededTime(clock++, rng, 9)
    const title = category === 2 ? `Alias request: tag_${i} -> tag_${i + 100}` : `${rng.pick(topicTitles)} #${i + 1}`
    const first = posts.insert((id) => ({
      id,
      topic_id: 200 + topics.size,
      creator_id: creator.id,
      updater_id: creator.id,
      body: `${title}. ${rng.pick(FakeSocial.phrases)}`,
      is_hidden: false,
      created_at: start,
      updated_at: start,
      warning_type: null,
      warning_user_id: null,
      votable: category === 2
    }))
    const replies = 1 + rng.int(5)
    let last = start
    for (let r = 0; r < replies; r++) {
      last = FakeSocial.seededTime(clock++, rng, 9)
      const author = r === 0 && creator.id !== tester.id && category !== 3 ? tester : rng.pick(writers)
      posts.insert((id) => ({
        id,
        topic_id: first.topic_id,
        creator_id: author.id,
        updater_id: author.id,
        body: rng.pick(FakeSocial.phrases),
        is_hidden: rng.chance(0.05),
        created_at: last,
        updated_at: last,
        warning_type: null,
        warning_user_id: null,
        votable: false
      }))
    }
    if (category === 2) {
      for (const voter of rng.sample(writers.filter((u) => u.id !== creator.id && u.id !== tester.id), 3)) {
        votes.insert((id) => ({
          id,
          forum_post_id: first.id,
          creator_id: voter.id,
          score: rng.pick([1, 1, 0, -1]),
          created_at: last,
          updated_at: last
        }))
      }
    }
    topics.insert((id) => ({
      id,
      creator_id: creator.id,
      updater_id: creator.id,
      title,
      response_count: replies,
      is_sticky: i === 0,
      is_locked: i === 5,
      is_hidden: i === 10 || i === 17,
      created_at: start,
      updated_at: last,
      category_id: category,
      original_post_id: first.id
    }))
  }
  return new FakeTable.Table([{
    id: 1,
    topics,
    posts,
    votes,
    subscriptions: new FakeTable.Table<Subscription>([], 1),
    lastReadAt: new Map<number, string>()
  }])
}

/** A new visible forum post by `userId` in topic `topicId`, stored and returned. */
export const insertPost = (
  posts: FakeTable.Table<StoredForumPost>,
  topicId: number,
  userId: number,
  body: string,
  at: string
): StoredForumPost =>
  posts.insert((id) => ({
    id,
    topic_id: topicId,
    creator_id: userId,
    updater_id: userId,
    body,
    is_hidden: false,
    created_at: at,
    updated_at: at,
    warning_type: null,
    warning_user_id: null,
    votable: false
  }))

/** The forum of a store (topics, posts, votes, subscriptions), seeded on first use. @internal */
export const forum = (store: FakeData.Store): Forum => FakeTable.tableOf(store, "forum", seed).get(1)!

/** The category with this id. @internal */
export const categoryOf = (id: number): Category | undefined => categories.find((c) => c.id === id)

/** `ForumTopic#can_access?` (and the `visible` scope): category level, hidden topics for staff and creator. */
export const topicVisible = (ctx: FakeContext.Context, topic: StoredTopic): boolean => {
  const category = categoryOf(topic.category_id)
  if (category === undefined || category.can_view > FakeSocial.levelOf(ctx.viewer.user)) return false
  return !topic.is_hidden || FakeRender.isStaff(ctx.viewer.user) || topic.creator_id === FakeSocial.viewerId(ctx)
}

/** `ForumPost#can_access?`: its topic is visible; hidden posts for staff and creator. */
export const postVisible = (ctx: FakeContext.Context, post: StoredForumPost): boolean => {
  const topic = forum(ctx.store).topics.get(post.topic_id)
  if (topic === undefined || !topicVisible(ctx, topic)) return false
  return !post.is_hidden || FakeRender.isStaff(ctx.viewer.user) || post.creator_id === FakeSocial.viewerId(ctx)
}

const renderTopic = (ctx: FakeContext.Context, topic: StoredTopic, single: boolean) => {
  const { original_post_id: _, ...rest } = topic
  return {
    ...rest,
    creator_name: FakeSocial.nameOf(ctx.store, topic.creator_id),
    updater_name: FakeSocial.nameOf(ctx.store, single ? topic.creator_id : topic.updater_id)
  }
}

/** A forum post as e621 renders it to this viewer. @internal */
export const renderPost = (ctx: FakeContext.Context, post: StoredForumPost) => {
  const { votable: _, ...rest } = post
  return {
    ...rest,
    creator_name: FakeSocial.nameOf(ctx.store, post.creator_id),
    updater_name: FakeSocial.nameOf(ctx.store, post.updater_id)
  }
}

/** A forum post vote as e621 renders it. @internal */
export const renderVote = (ctx: FakeContext.Context, vote: StoredVote) => ({ ...vote, creator_name: FakeSocial.nameOf(ctx.store, vote.creator_id) })

const updatedDesc = (a: StoredTopic, b: StoredTopic) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0)

const topicIndex: FakeContext.Handler = (ctx) => {
  // top-level `title_matches` / `title` are moved into `search` (`normalize_search_params`)
  const params = { ...ctx.params }
  for (const key of ["title_matches", "title"]) {
    if (params[key] !== undefined) {
      params[`search[${key}]`] = params[key]!
      delete params[key]
    }
  }
  return FakeTable.search(Api.routes.search)({ ...ctx, params }, forum(ctx.store).topics.rows, {
    filters: {
      titleMatches: FakeTable.text((t) => t.title),
      title: (t, value) => t.title === value,
      categoryId: FakeTable.numeric((t) => t.category_id),
      isSticky: FakeTable.bool((t) => t.is_sticky),
      isLocked: FakeTable.bool((t) => t.is_locked),
      isHidden: FakeTable.bool((t) => t.is_hidden)
    },
    orders: { sticky: (a, b) => Number(b.is_sticky) - Number(a.is_sticky) || updatedDesc(a, b) },
    defaultOrder: updatedDesc,
    defaultLimit: 40,
    visible: (t) => topicVisible(ctx, t),
    render: (t) => renderTopic(ctx, t, false)
  })
}

const withTopic = (
  ctx: FakeContext.Context,
  match: ReadonlyArray<string>,
  then: (topic: StoredTopic) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse => FakeTable.found(forum(ctx.store).topics, match, (topic) => topicVisible(ctx, topic), then)

const topicShow: FakeContext.Handler = (ctx, match) => withTopic(ctx, match, (t) => FakeHttp.json(200, renderTopic(ctx, t, true)))

const topicFields = (ctx: FakeContext.Context): Record<string, string> | FakeHttp.FakeResponse => {
  const fields = FakeTable.fields(ctx.params, "forum_topic")
  const permitted = ["title", "category_id", "original_post_attributes", ...(FakeSocial.is(ctx, "Moderator") ? ["is_sticky", "is_locked"] : [])]
  const extra = FakeSocial.unpermitted(fields, permitted)
  return extra === undefined ? fields : FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
}

const topicCreate: FakeContext.Handler = (ctx) => {
  const fields = topicFields(ctx)
  if (FakeContext.isResponse(fields)) return fields
  const user = ctx.viewer.user!
  const title = fields.title ?? ""
  const body = ctx.params["forum_topic[original_post_attributes][body]"] ?? ""
  const category = categoryOf(Number(fields.category_id ?? "0"))
  const errors: Record<string, Array<string>> = {}
  if (title.trim() === "") errors.title = ["can't be blank"]
  else if (title.length > 250) errors.title = ["is too long (maximum is 250 characters)"]
  if (category === undefined || category.can_view > FakeSocial.levelOf(user)) errors.category = ["is invalid"]
  else if (category.can_create > FakeSocial.levelOf(user)) errors.category = ["does not allow new topics"]
  if (body.trim() === "") errors["original_post.body"] = ["can't be blank"]
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const { posts, topics } = forum(ctx.store)
  const at = FakeSocial.nowIso(ctx)
  const created = topics.insert((id) => ({
    id,
    creator_id: user.id,
    updater_id: user.id,
    title,
    response_count: 0,
    is_sticky: FakeContext.truthy(fields.is_sticky),
    is_locked: FakeContext.truthy(fields.is_locked),
    is_hidden: false,
    created_at: at,
    updated_at: at,
    category_id: category!.id,
    original_post_id: 0
  }))
  const first = insertPost(posts, created.id, user.id, body, at)
  const topic = topics.update(created.id, (t) => ({ ...t, original_post_id: first.id }))!
  return FakeHttp.json(201, renderTopic(ctx, topic, true))
}

const topicUpdate: FakeContext.Handler = (ctx, match) =>
  withTopic(ctx, match, (topic) => {
    if (!FakeSocial.is(ctx, "Moderator") && topic.creator_id !== FakeSocial.viewerId(ctx)) return FakeHttp.accessDenied()
    const fields = topicFields(ctx)
    if (FakeContext.isResponse(fields)) return fields
    const title = fields.title ?? topic.title
    const category = fields.category_id === undefined ? categoryOf(topic.category_id) : categoryOf(Number(fields.category_id))
    const errors: Record<string, Array<string>> = {}
    if (title.trim() === "") errors.title = ["can't be blank"]
    else if (title.length > 250) errors.title = ["is too long (maximum is 250 characters)"]
    if (category === undefined || category.can_view > FakeSocial.levelOf(ctx.viewer.user)) errors.category = ["is invalid"]
    if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
    forum(ctx.store).topics.update(topic.id, (t) => ({
      ...t,
      title,
      category_id: category!.id,
      is_sticky: fields.is_sticky === undefined ? t.is_sticky : FakeContext.truthy(fields.is_sticky),
      is_locked: fields.is_locked === undefined ? t.is_locked : FakeContext.truthy(fields.is_locked),
      updater_id: ctx.viewer.user!.id,
      updated_at: FakeSocial.nowIso(ctx)
    }))
    return FakeHttp.noContent()
  })

const subscribe = (on: boolean): FakeContext.Handler => (ctx, match) =>
  withTopic(ctx, match, (topic) => {
    const { subscriptions } = forum(ctx.store)
    const user = FakeSocial.viewerId(ctx)
    const existing = subscriptions.rows.find((s) => s.user_id === user && s.topic_id === topic.id)
    if (on && existing === undefined) subscriptions.insert((id) => ({ id, user_id: user, topic_id: topic.id }))
    if (!on && existing !== undefined) subscriptions.delete(existing.id)
    return FakeHttp.json(201, renderTopic(ctx, topic, true))
  })

const markAllAsRead: FakeContext.Handler = (ctx) => {
  forum(ctx.store).lastReadAt.set(FakeSocial.viewerId(ctx), FakeSocial.nowIso(ctx))
  return FakeHttp.noContent()
}

/** `ForumPost#can_hide?`: moderators; else its creator, unless a moderator marked it or it is a request's post. */
export const canHidePost = (ctx: FakeContext.Context, post: StoredForumPost): boolean =>
  FakeSocial.is(ctx, "Moderator") ||
  (post.warning_type === null && !post.votable && post.creator_id === FakeSocial.viewerId(ctx))

/**
 * `POST /forum_topics/:id/hide` (member): moderators, or the topic's creator when they may hide its opening
 * post; 201 + the topic.
 */
const topicHide: FakeContext.Handler = (ctx, match) =>
  withTopic(ctx, match, (topic) => {
    const original = forum(ctx.store).posts.get(topic.original_post_id)
    const allowed = FakeSocial.is(ctx, "Moderator") ||
      (original !== undefined && canHidePost(ctx, original) && topic.creator_id === FakeSocial.viewerId(ctx))
    if (!allowed) return FakeHttp.accessDenied()
    const hidden = forum(ctx.store).topics.update(topic.id, (t) => ({ ...t, is_hidden: true }))!
    return FakeHttp.json(201, renderTopic(ctx, hidden, true))
  })

/**
 * The routes of `/forum_topics` (declared in `api/ForumTopics.ts`; e621's forum controllers skip the write
 * throttle).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: topicIndex,
  get: topicShow,
  create: topicCreate,
  update: topicUpdate,
  subscribe: subscribe(true),
  unsubscribe: subscribe(false),
  markAllAsRead,
  hide: topicHide
})
