/**
 * Post versions: the edit history of posts, and undoing one edit (`app/controllers/post_versions_controller.rb`,
 * `app/logical/elastic_post_version_query_builder.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const history = yield* PostVersions.search({ postId: 3291457 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { PostVersion } from "../schemas/PostVersion.ts"

const Rating = Schema.Literals(["s", "q", "e"])

/**
 * Search fields of `GET /post_versions.json` (OpenSearch). `tags`, `tagsAdded`, `tagsRemoved` and the
 * locked-tag fields are space-separated tags that must all match; `rating` takes one rating or a list;
 * `ratingChanged` a target rating or `"any"`; `parentIdChanged` only `true` (e621 reads any value as "the
 * parent changed to a post", `elastic_post_version_query_builder.rb`, so `false` is refused); `uploads` keeps only (or drops) the first version of each post.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Range),
  rating: Schema.optionalKey(Schema.Union([Rating, Schema.Array(Rating).check(Schema.isMinLength(1))])),
  ratingChanged: Schema.optionalKey(Schema.Literals(["s", "q", "e", "any"])),
  parentId: Schema.optionalKey(Params.Range),
  parentIdChanged: Schema.optionalKey(Schema.Literal(true)),
  tags: Schema.optionalKey(Params.Text),
  tagsAdded: Schema.optionalKey(Params.Text),
  tagsRemoved: Schema.optionalKey(Params.Text),
  lockedTags: Schema.optionalKey(Params.Text),
  lockedTagsAdded: Schema.optionalKey(Params.Text),
  lockedTagsRemoved: Schema.optionalKey(Params.Text),
  updatedAt: Schema.optionalKey(Params.Time),
  reason: Schema.optionalKey(Params.Text),
  description: Schema.optionalKey(Params.Text),
  descriptionChanged: Schema.optionalKey(Schema.Boolean),
  sourceChanged: Schema.optionalKey(Schema.Boolean),
  uploads: Schema.optionalKey(Schema.Literals(["excluded", "only"])),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /post_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVersionSearch extends Schema.Schema.Type<typeof PostVersionSearch> {}

/** e621 serves at most 10,000 rows of post versions through numbered pages (`max_count: 10_000`). */
const maxRows = 10_000

/**
 * The last numbered page for a page size: `min(750, floor(10000 / limit))` (133 at e621's default 75).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const lastPage = (limit: number): number => limit <= 0 ? Params.maxPage : Math.min(Params.maxPage, Math.floor(maxRows / limit))

/**
 * The routes of post versions, each keyed by the function that calls it. Versions are always ordered by id
 * (`idOrdered`), so streams use cursors; the last numbered page depends on the page size ({@link lastPage}),
 * checked by {@link search} besides the declared 750.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_versions.json",
    auth: "none",
    search: PostVersionSearch,
    item: PostVersion,
    /** Always: e621 orders versions by id whatever the search. */
    idOrdered: () => true
  }),
  undo: Route.make({ method: "PUT", path: "/post_versions/:id/undo.json", auth: "member" })
} as const

const searchPage: Paging.SearchFunction<PostVersionSearch, PostVersion> = Endpoint.search(routes.search)

/**
 * One page of post versions (`GET /post_versions.json`), newest first. Numbered pages stop at
 * `min(750, 10000 / limit)` — a page beyond is refused before the request (e621 answers 410); `b<id>` cursors
 * have no cap.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: PostVersionSearch & Paging.PageParams = {}
): Effect.Effect<ReadonlyArray<PostVersion>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.object(params)
    const limit = yield* Params.limit(params.limit)
    yield* Params.page(params.page, { max: lastPage(limit ?? 75) })
    return yield* searchPage(params)
  })

/**
 * Every post version matching a search, as a `Stream`. Versions are always ordered by id, so the stream pages
 * with `b<id>` cursors and is not held by the 10,000-row cap of numbered pages.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostVersionSearch, PostVersion> = Endpoint.stream(routes.search)

/**
 * Undoes one edit (`PUT /post_versions/:id/undo.json`, member; counts against the post-edit limit): e621
 * removes the tags that version added, restores those it removed, and puts back the previous rating (unless
 * locked), parent, sources and description where that version changed them. Answers nothing. The first
 * version of a post (its upload) cannot be undone: `E621ValidationFailed` (400).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const undo: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.undo)
