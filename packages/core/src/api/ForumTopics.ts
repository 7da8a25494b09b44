/**
 * Forum topics: search, read, open, edit, subscribe (`app/controllers/forum_topics_controller.rb`).
 *
 * Topics are listed without their posts (read them with `ForumPosts.search({ topicId })`). Categories
 * carry a minimum level to view them; topics of categories the caller may not see are left out of searches
 * and `E621Forbidden` by id. e621's forum writes are not counted by the API write throttle.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ForumTopics } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const topics = yield* ForumTopics.search({ titleMatches: "*otter*", limit: 10 })
 *   const topic = yield* ForumTopics.get(1)
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
import { ForumTopic } from "../schemas/ForumTopic.ts"

/**
 * Search fields of `GET /forum_topics.json`. `title` is an exact title, `titleMatches` a text search;
 * `order: "sticky"` puts sticky topics first (the default order is last updated first).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumTopicSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  titleMatches: Schema.optionalKey(Params.Text),
  title: Schema.optionalKey(Params.Text),
  categoryId: Schema.optionalKey(Params.Id),
  isSticky: Schema.optionalKey(Schema.Boolean),
  isLocked: Schema.optionalKey(Schema.Boolean),
  isHidden: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["sticky", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /forum_topics.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumTopicSearch extends Schema.Schema.Type<typeof ForumTopicSearch> {}

const title = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(250))

/**
 * Input of {@link create}: a title (≤ 250 characters), the category, and the opening post's DText body
 * (≤ 50,000 characters). `isSticky` / `isLocked` need a moderator (e621 answers 403 otherwise).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumTopicCreate = Schema.Struct({
  title,
  categoryId: Params.Id,
  body: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(50_000)),
  isSticky: Schema.optionalKey(Schema.Boolean),
  isLocked: Schema.optionalKey(Schema.Boolean)
})

/**
 * Input of {@link create} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumTopicCreate extends Schema.Schema.Type<typeof ForumTopicCreate> {}

/**
 * Input of {@link update}: title, category, and for moderators sticky / locked flags. The opening post is a
 * forum post: edit it with `ForumPosts.update`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumTopicUpdate = Schema.Struct({
  title: Schema.optionalKey(title),
  categoryId: Schema.optionalKey(Params.Id),
  isSticky: Schema.optionalKey(Schema.Boolean),
  isLocked: Schema.optionalKey(Schema.Boolean)
})

/**
 * Input of {@link update} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumTopicUpdate extends Schema.Schema.Type<typeof ForumTopicUpdate> {}

/**
 * The routes of forum topics, each keyed by the function that calls it (e621's forum controllers skip the
 * API write throttle).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/forum_topics.json", auth: "none", search: ForumTopicSearch, item: ForumTopic }),
  get: Route.make({ method: "GET", path: "/forum_topics/:id.json", auth: "none", item: ForumTopic }),
  create: Route.make({
    method: "POST",
    path: "/forum_topics.json",
    auth: "member",
    root: "forum_topic",
    body: ForumTopicCreate,
    item: ForumTopic,
    quirks: ["unthrottled"]
  }),
  update: Route.make({
    method: "PATCH",
    path: "/forum_topics/:id.json",
    auth: "member",
    root: "forum_topic",
    body: ForumTopicUpdate,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  subscribe: Route.make({
    method: "POST",
    path: "/forum_topics/:id/subscribe.json",
    auth: "member",
    item: ForumTopic,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  unsubscribe: Route.make({
    method: "POST",
    path: "/forum_topics/:id/unsubscribe.json",
    auth: "member",
    item: ForumTopic,
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  markAllAsRead: Route.make({
    method: "POST",
    path: "/forum_topics/mark_all_as_read.json",
    auth: "member",
    idempotent: true,
    quirks: ["unthrottled"]
  }),
  hide: Route.make({
    method: "POST",
    path: "/forum_topics/:id/hide.json",
    auth: "member",
    item: ForumTopic,
    idempotent: true,
    quirks: ["unthrottled"]
  })
} as const

/**
 * One page of forum topics (`GET /forum_topics.json`); e621's default page size here is 40.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<ForumTopicSearch, ForumTopic> = Endpoint.search(routes.search)

/**
 * Every forum topic matching a search, as a `Stream` (`b<id>` cursors, newest topic first, unless
 * `order: "sticky"`).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<ForumTopicSearch, ForumTopic> = Endpoint.stream(routes.search)

/**
 * One forum topic by id (`GET /forum_topics/:id.json`). `updater_name` may be the creator's name here (e621
 * does not preload the updater on single records).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Opens a topic with its first post (`POST /forum_topics.json`, member). Answers the topic (201). The body
 * is sent as e621's nested `forum_topic[original_post_attributes][body]`.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: ForumTopicCreate): Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(ForumTopicCreate, input, "forumTopic")
    if (checked.title.trim() === "") return yield* invalidInput("forumTopic.title", "must not be blank")
    if (checked.body.trim() === "") return yield* invalidInput("forumTopic.body", "must not be blank")
    const { body, ...topic } = checked
    return yield* Endpoint.call(routes.create, {
      body: {
        _tag: "Form",
        fields: { ...Params.encode("forum_topic", topic), "forum_topic[original_post_attributes][body]": body }
      }
    })
  })

const updateTopic = Endpoint.update(routes.update)

/**
 * Edits a topic (`PATCH /forum_topics/:id.json`; 204): its creator or a moderator, others `E621Forbidden`.
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (id: number, patch: ForumTopicUpdate): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.andThen(
    Params.options(patch, Params.keysOf(ForumTopicUpdate.ast) ?? [], "forumTopic", { required: true }),
    () => Effect.andThen(Params.changes("forumTopic", patch), updateTopic(id, patch))
  )

const subscription = (action: "subscribe" | "unsubscribe") => (
  id: number
): Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("id", id), (id) =>
    Endpoint.call(routes[action], { path: { id } }))

/**
 * Follows a topic: new posts show up in the caller's forum notifications (`POST
 * /forum_topics/:id/subscribe.json`, member). Answers the topic (201). Safe to repeat.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const subscribe: (
  id: number
) => Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> = subscription("subscribe")

/**
 * Stops following a topic (`POST /forum_topics/:id/unsubscribe.json`, member). Answers the topic (201).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const unsubscribe: (
  id: number
) => Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> = subscription("unsubscribe")

/**
 * Marks every topic read for the caller (`POST /forum_topics/mark_all_as_read.json`, member; 204).
 *
 * @category Write
 * @since 0.1.0
 */
export const markAllAsRead = (): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Endpoint.send(routes.markAllAsRead)

/**
 * Hides a forum topic (`POST /forum_topics/:id/hide.json`): its creator, when they may hide its opening post
 * (not marked by a moderator, not a request's post), or a moderator (`E621Forbidden` otherwise). Answers the
 * topic (201). Showing it again is moderator work. Safe to repeat.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const hide: (
  id: number
) => Effect.Effect<ForumTopic, E621Error, E621Client.E621Client> =
  Endpoint.hide(routes.hide)
