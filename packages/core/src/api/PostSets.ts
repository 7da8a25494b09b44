/**
 * Post sets: users' named lists of posts — search, read, create, edit, delete, add and remove posts, the sets
 * that contain a post, the sets a user maintains, and the caller's picker list
 * (`app/controllers/post_sets_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostSets } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const sets = yield* PostSets.search({ creatorName: "some_user", limit: 10 })
 *   const set = yield* PostSets.get(1)
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
import { ForSelect, PostSet } from "../schemas/PostSet.ts"

/**
 * Search fields of `GET /post_sets.json`. e621 is strict here (unknown keys are a 403), and `isPublic` is
 * accepted from moderators only (others get `E621Forbidden`). `name` is wrapped in `*…*` by e621;
 * `shortname` is a case-insensitive match (`*` wildcards allowed). Orders: `created_at` is oldest first,
 * `updated_at` / `post_count` largest first, `name` / `shortname` alphabetical; default newest first.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostSetSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  name: Schema.optionalKey(Params.Text),
  shortname: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  isPublic: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["name", "shortname", "post_count", "created_at", "updated_at"]))
})

/**
 * Search fields of `GET /post_sets.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostSetSearch extends Schema.Schema.Type<typeof PostSetSearch> {}

// ---------------------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------------------

const Name = Schema.String.check(Schema.isBetweenLength(3, 100))

/**
 * e621's shortname rule after lower-casing: 3–50 of `[a-z0-9_]`, at least one letter or underscore.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const shortnameProblem = (shortname: string): string | undefined => {
  const lower = shortname.toLowerCase()
  if (lower.length < 3 || lower.length > 50) return "must be between three and fifty characters long"
  if (!/^\w+$/.test(lower)) return "must only contain numbers, lowercase letters, and underscores"
  if (!/^\d*[a-z_]\w*$/.test(lower)) return "must contain at least one lowercase letter or underscore"
  return undefined
}

const Shortname = Schema.String.check(Schema.makeFilter((s: string) => shortnameProblem(s)))
const Description = Schema.String.check(Schema.isMaxLength(10_000))

/**
 * A new post set (`post_set[…]`): `name` 3–100 characters, `shortname` 3–50 of `[a-z0-9_]` with a letter or
 * underscore (e621 lower-cases it), both unique (checked by e621 → `E621ValidationFailed`). Accounts younger
 * than 3 days cannot make a set public.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostSetCreate = Schema.Struct({
  name: Name,
  shortname: Shortname,
  description: Schema.optionalKey(Description),
  isPublic: Schema.optionalKey(Schema.Boolean),
  transferOnDelete: Schema.optionalKey(Schema.Boolean)
})

/**
 * A new post set as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostSetCreate extends Schema.Schema.Type<typeof PostSetCreate> {}

/**
 * Changes to a post set's settings; every field optional, at least one. Posts are changed with
 * {@link addPosts} / {@link removePosts}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostSetUpdate = Schema.Struct({
  name: Schema.optionalKey(Name),
  shortname: Schema.optionalKey(Shortname),
  description: Schema.optionalKey(Description),
  isPublic: Schema.optionalKey(Schema.Boolean),
  transferOnDelete: Schema.optionalKey(Schema.Boolean)
})

/**
 * Changes to a post set as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostSetUpdate extends Schema.Schema.Type<typeof PostSetUpdate> {}

/**
 * The routes of post sets, each keyed by the function that calls it. {@link forPost} and {@link maintained}
 * send `GET /post_sets.json` too (with `post_id` / `maintainer_id` instead of a search).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_sets.json",
    auth: "none",
    search: PostSetSearch,
    item: PostSet,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/post_sets/:id.json", auth: "none", item: PostSet }),
  create: Route.make({
    method: "POST",
    path: "/post_sets.json",
    auth: "member",
    root: "post_set",
    body: PostSetCreate,
    item: PostSet
  }),
  update: Route.make({ method: "PATCH", path: "/post_sets/:id.json", auth: "member", root: "post_set", body: PostSetUpdate }),
  delete: Route.make({ method: "DELETE", path: "/post_sets/:id.json", auth: "member" }),
  addPosts: Route.make({
    method: "POST",
    path: "/post_sets/:id/add_posts.json",
    auth: "member",
    item: PostSet,
    idempotent: true
  }),
  removePosts: Route.make({
    method: "POST",
    path: "/post_sets/:id/remove_posts.json",
    auth: "member",
    item: PostSet,
    idempotent: true
  }),
  forSelect: Route.make({ method: "GET", path: "/post_sets/for_select.json", auth: "member", item: ForSelect })
} as const

/**
 * One page of the post sets this viewer may see (`GET /post_sets.json`): public sets, plus the caller's own
 * private ones (moderators see all).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostSetSearch, PostSet> = Endpoint.search(routes.search)

/**
 * Every visible post set matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostSetSearch, PostSet> = Endpoint.stream(routes.search)

/**
 * One post set by id (`GET /post_sets/:id.json`). Private sets of others are `E621Forbidden` (even to their
 * maintainers).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<PostSet, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Creates a post set (`POST /post_sets.json`, member; at most 75 sets per user and 6 an hour). e621 answers
 * 201 with the set; refusals are 422 → `E621ValidationFailed`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const create: (
  input: PostSetCreate
) => Effect.Effect<PostSet, E621Error, E621Client.E621Client> = Endpoint.create(routes.create)

/**
 * Edits a set's settings (`PATCH /post_sets/:id.json`, the owner or an admin; others `E621Forbidden`).
 * e621 answers 204; refusals are 422. An empty patch is refused before any request.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const update: (id: number, patch: PostSetUpdate) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.update(routes.update)

/**
 * Deletes a set (`DELETE /post_sets/:id.json`, the owner or an admin). e621 answers 204. Exported as
 * `delete`: `PostSets.delete(id)`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
const delete_: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.delete)

export { delete_ as delete }

/** e621's cap on ids per add/remove call (`max_per_page`). */
const idsPerCall = Params.maxLimit

const changePosts = (route: typeof routes.addPosts | typeof routes.removePosts) => (
  id: number, postIds: ReadonlyArray<number>
): Effect.Effect<PostSet, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const set = yield* Params.id("id", id)
    yield* Params.list("postIds", postIds, "post ids")
    if (postIds.length === 0) return yield* invalidInput("postIds", "name at least one post")
    for (const [index, postId] of postIds.entries()) yield* Params.id(`postIds[${index}]`, postId)
    const unique = [...new Set(postIds)]
    let result: PostSet | undefined
    for (let start = 0; start < unique.length; start += idsPerCall) {
      result = yield* Endpoint.call(route, {
        path: { id: set },
        body: { _tag: "Form", fields: { "post_ids[]": unique.slice(start, start + idsPerCall) } }
      })
    }
    return result!
  })

/**
 * Adds posts to a set (`POST /post_sets/:id/add_posts.json`, the owner, an admin, or an approved maintainer
 * of a public set). e621 takes at most 320 ids per call in the array form `post_ids[]`, so longer lists are
 * sent in batches of 320 (each one a request; e621 allows 30 set changes a minute, then 429). Unknown ids and
 * posts already in the set are skipped by e621. Resolves to the set after the last batch (e621 answers 201).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const addPosts: (
  id: number, postIds: ReadonlyArray<number>
) => Effect.Effect<PostSet, E621Error, E621Client.E621Client> = changePosts(routes.addPosts)

/**
 * Removes posts from a set (`POST /post_sets/:id/remove_posts.json`), batched like {@link addPosts}. Ids
 * not in the set are ignored. Resolves to the set after the last batch.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const removePosts: (
  id: number, postIds: ReadonlyArray<number>
) => Effect.Effect<PostSet, E621Error, E621Client.E621Client> = changePosts(routes.removePosts)

// ---------------------------------------------------------------------------------------------------------
// Other lists
// ---------------------------------------------------------------------------------------------------------

/**
 * Parameters of {@link forPost} and {@link maintained}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PageParams {
  /** Page number 1..750, or a cursor. */
  readonly page?: Paging.Page | undefined
}

const pageKeys = Params.keys<PageParams>({ page: true })

/** The sets listed by one id given as a query parameter (`post_id`, `maintainer_id`), a page at a time. */
const listBy = (field: string, key: string) =>
(
  id: number,
  params: PageParams = {}
): Effect.Effect<ReadonlyArray<PostSet>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.id(field, id)
    yield* Params.options(params, pageKeys)
    const page = yield* Params.page(params.page)
    return yield* Endpoint.callList(routes.search, { query: { [key]: checked, page } })
  })

/**
 * The visible sets that contain a post (`GET /post_sets.json?post_id=N`): e621 answers 50 per page and
 * ignores `limit`; `page` is a number or a cursor.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const forPost: (
  postId: number,
  params?: PageParams
) => Effect.Effect<ReadonlyArray<PostSet>, E621Error, E621Client.E621Client> = listBy("postId", "post_id")

/**
 * The sets a user maintains, or owns and shares with maintainers (`GET /post_sets.json?maintainer_id=N`,
 * 50 per page). e621 only honours `userId` for moderators: for anyone else it answers about the caller, and
 * anonymous callers get an empty list.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const maintained: (
  userId: number,
  params?: PageParams
) => Effect.Effect<ReadonlyArray<PostSet>, E621Error, E621Client.E621Client> = listBy("userId", "maintainer_id")

/**
 * The caller's sets for a picker (`GET /post_sets/for_select.json`, member): `Owned` and `Maintained`, each
 * `[name, id]` ordered by name (names with spaces, cut to 35 characters).
 *
 * @category Read
 * @since 0.1.0
 */
export const forSelect = (): Effect.Effect<ForSelect, E621Error, E621Client.E621Client> =>
  Endpoint.call(routes.forSelect)
