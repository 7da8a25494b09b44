/**
 * Pools: ordered collections of posts (a comic, a series) — search, read, create, edit, revert, delete, add
 * and remove posts, and walk a pool's posts in reading order (`app/controllers/pools_controller.rb`,
 * `pool_elements_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Pools } from "@effect-e621/core"
 *
 * const pages = Pools.posts(36878).pipe(
 *   Stream.runForEach((page) =>
 *     page._tag === "Found"
 *       ? Effect.log(`page ${page.index + 1}: #${page.post.id}`)
 *       : Effect.log(`page ${page.index + 1}: #${page.postId} is ${page.reason}`))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Pool } from "../schemas/Pool.ts"
import type * as Post from "../schemas/Post.ts"
import * as Posts from "./Posts.ts"

/**
 * Search fields of `GET /pools.json`. `nameMatches` is wrapped in `*…*` by e621 (spaces become underscores);
 * the default order is last updated first.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PoolSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  nameMatches: Schema.optionalKey(Params.Text),
  descriptionMatches: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  category: Schema.optionalKey(Schema.Literals(["series", "collection"])),
  isActive: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["name", "created_at", "post_count", "updated_at", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /pools.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolSearch extends Schema.Schema.Type<typeof PoolSearch> {}

// ---------------------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------------------

/** e621's `Pool.normalize_name`: runs of spaces/underscores become one `_`, none at the ends. */
const normalizeName = (name: string): string => name.replace(/[_\s]+/g, "_").replace(/^_|_$/g, "")

/**
 * Why e621 would refuse a pool name (`Pool#validate_name`, after normalisation), or `undefined`.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const nameProblem = (name: string): string | undefined => {
  const normalized = normalizeName(name)
  if (normalized === "") return "cannot be blank"
  if (normalized.length > 250) return "must be at most 250 characters"
  if (/^(any|none|series|collection)$/i.test(normalized)) {
    return "cannot be any of the following names: any, none, series, collection"
  }
  if (normalized.includes("*")) return "cannot contain asterisks"
  if (/^[0-9]+$/.test(normalized)) return "cannot contain only digits"
  if (normalized.includes(",")) return "cannot contain commas"
  if (normalized.includes("--")) return "cannot contain consecutive underscores, hyphens or spaces"
  return undefined
}

const PoolName = Schema.String.check(Schema.makeFilter((name: string) => nameProblem(name)))

/** e621's `pool_post_limit` (1,000 posts per pool). */
const maxPoolPosts = 1_000

const PoolFields = {
  /** Spaces are sent as typed; e621 stores them as underscores. */
  name: PoolName,
  description: Schema.String.check(Schema.isMaxLength(10_000)),
  category: Schema.Literals(["series", "collection"]),
  isActive: Schema.Boolean,
  /** The whole post list in reading order (sent as `pool[post_ids]`, which e621 scans for digits). */
  postIds: Schema.Array(Params.Id).check(Schema.isMaxLength(maxPoolPosts))
}

/**
 * A new pool (`POST /pools.json`, `pool[…]`): `name` is required; `postIds` in reading order (≤ 1,000).
 * Names are checked locally as e621 checks them (not blank, not only digits, no `*` or `,`, not `any`,
 * `none`, `series`, `collection`); a name already taken fails on e621's side with `E621ValidationFailed`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PoolCreate = Schema.Struct({
  name: PoolFields.name,
  description: Schema.optionalKey(PoolFields.description),
  category: Schema.optionalKey(PoolFields.category),
  isActive: Schema.optionalKey(PoolFields.isActive),
  postIds: Schema.optionalKey(PoolFields.postIds)
})

/**
 * A new pool as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolCreate extends Schema.Schema.Type<typeof PoolCreate> {}

/**
 * Changes to a pool (`PATCH /pools/:id.json`): every field optional, at least one. `postIds` replaces the
 * whole list (`[]` empties the pool); to add or remove one post use {@link addPost} / {@link removePost}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PoolUpdate = Schema.Struct({
  name: Schema.optionalKey(PoolFields.name),
  description: Schema.optionalKey(PoolFields.description),
  category: Schema.optionalKey(PoolFields.category),
  isActive: Schema.optionalKey(PoolFields.isActive),
  postIds: Schema.optionalKey(PoolFields.postIds)
})

/**
 * Changes to a pool as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolUpdate extends Schema.Schema.Type<typeof PoolUpdate> {}

/**
 * The routes of pools and pool elements, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/pools.json", auth: "none", search: PoolSearch, item: Pool }),
  get: Route.make({ method: "GET", path: "/pools/:id.json", auth: "none", item: Pool }),
  create: Route.make({ method: "POST", path: "/pools.json", auth: "member", root: "pool", body: PoolCreate, item: Pool }),
  update: Route.make({ method: "PATCH", path: "/pools/:id.json", auth: "member", root: "pool", body: PoolUpdate }),
  revert: Route.make({ method: "PUT", path: "/pools/:id/revert.json", auth: "member" }),
  delete: Route.make({ method: "DELETE", path: "/pools/:id.json", auth: "member" }),
  addPost: Route.make({ method: "POST", path: "/pool_element.json", auth: "member", item: Pool }),
  removePost: Route.make({ method: "DELETE", path: "/pool_element.json", auth: "member" })
} as const

/**
 * One page of pools (`GET /pools.json`).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PoolSearch, Pool> = Endpoint.search(routes.search)

/**
 * Every pool matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PoolSearch, Pool> = Endpoint.stream(routes.search)

/**
 * One pool by id (`GET /pools/:id.json`); `post_ids` in reading order.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Pool, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Creates a pool (`POST /pools.json`, member; e621 allows 5 creations an hour to accounts older than a week,
 * staff excepted). e621 answers 201 with the pool; a refused name, unknown post ids or a limit answer 422 →
 * `E621ValidationFailed`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const create: (input: PoolCreate) => Effect.Effect<Pool, E621Error, E621Client.E621Client> = Endpoint.create(routes.create)

/**
 * Edits a pool (`PATCH /pools/:id.json`, member; 10 edits an hour for accounts older than 3 days, staff
 * excepted). e621 answers 204; refusals (a category change of a pool with more than 30 posts by a non-staff
 * user, more than 1,000 posts, removals by accounts younger than a week) are 422 → `E621ValidationFailed`.
 * An empty patch is refused before any request.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const update: (id: number, patch: PoolUpdate) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.update(routes.update)

/**
 * Reverts a pool to one of its versions (`PUT /pools/:id/revert.json`, member): posts, name (when the version
 * has one), description, active flag and category come back. e621 answers 204; a version of another pool is
 * `E621NotFound`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const revert: (
  id: number, versionId: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.revert(routes.revert)

/**
 * Deletes a pool (`DELETE /pools/:id.json`, staff only: members get `E621Forbidden`). e621 answers 204 and
 * logs a mod action. Exported as `delete`: `Pools.delete(id)`.
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

/**
 * A pool named by id, or by its exact name (`pool_name`, underscores for spaces).
 *
 * @category Types
 * @since 0.1.0
 */
export type PoolRef = number | string

const elementFields = (pool: PoolRef, postId: number) =>
  Effect.gen(function*() {
    const post = yield* Params.id("postId", postId)
    if (typeof pool === "number") return { pool_id: yield* Params.id("pool", pool), post_id: post }
    return { pool_name: normalizeName(yield* Params.text("pool", pool, { max: 250 })), post_id: post }
  })

/**
 * Appends a post to a pool (`POST /pool_element.json`, member). e621 answers 201 with the pool (a post already
 * in the pool leaves it unchanged); an unknown pool or post is `E621NotFound`, a full pool (1,000 posts) or a
 * limit 422 → `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const addPost = (pool: PoolRef, postId: number): Effect.Effect<Pool, E621Error, E621Client.E621Client> =>
  Effect.flatMap(elementFields(pool, postId), (fields) =>
    Endpoint.call(routes.addPost, { body: { _tag: "Form", fields } }))

/**
 * Removes a post from a pool (`DELETE /pool_element.json`, member). e621 answers 204 — and for accounts
 * younger than 7 days it answers 204 **without removing anything** (`User#can_remove_from_pools?`, a known
 * e621 bug); check with {@link get} if that matters. Removing a post that is not in the pool is a no-op too.
 *
 * @category Write
 * @since 0.1.0
 */
export const removePost = (pool: PoolRef, postId: number): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.flatMap(elementFields(pool, postId), (fields) =>
    Endpoint.send(routes.removePost, { body: { _tag: "Form", fields } }))

// ---------------------------------------------------------------------------------------------------------
// Posts of a pool, in reading order
// ---------------------------------------------------------------------------------------------------------

/**
 * Why a page of a pool has no viewable post:
 * - `"deleted"`: e621 returned the post, deleted (its `post` is there, without file URLs for non-staff);
 * - `"hidden"`: e621 returned the post without file URLs for this viewer (login-only, safe mode — see
 *   `Post.visibility`);
 * - `"not-found"`: e621 did not return it at all (expunged, or hidden from searches for this viewer);
 * - `"rejected"`: e621 returned it, but in a shape the `Post` schema rejects (reported through `Decoding`;
 *   with a `"strict"` client the walk fails instead).
 *
 * @category Types
 * @since 0.1.0
 */
export type MissingReason = "deleted" | "hidden" | "not-found" | "rejected"

/**
 * One page of a pool walked by {@link posts}: `index` is its 0-based position in the pool's `post_ids`,
 * `postId` the id at that position. `Found` pages carry a viewable post; `Missing` pages say why not, with
 * the post when e621 returned one.
 *
 * @category Types
 * @since 0.1.0
 */
export type PoolPost =
  | { readonly _tag: "Found"; readonly index: number; readonly postId: number; readonly post: Post.Post }
  | {
    readonly _tag: "Missing"
    readonly index: number
    readonly postId: number
    readonly reason: MissingReason
    readonly post: Post.Post | undefined
  }

/**
 * Options of {@link posts}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostsOptions {
  /** Ids per `id:` query, 1..100 (default 100). */
  readonly batchSize?: number | undefined
}

const toPage = (index: number, postId: number, post: Post.Post | undefined, rejected: boolean): PoolPost => {
  if (post === undefined) return { _tag: "Missing", index, postId, reason: rejected ? "rejected" : "not-found", post: undefined }
  if (post.flags.deleted) return { _tag: "Missing", index, postId, reason: "deleted", post }
  if (post.file.url === null) return { _tag: "Missing", index, postId, reason: "hidden", post }
  return { _tag: "Found", index, postId, post }
}

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<readonly [number, A]>> => {
  const out: Array<ReadonlyArray<readonly [number, A]>> = []
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size).map((item, offset) => [start + offset, item] as const))
  }
  return out
}

const postsKeys = Params.keys<PostsOptions>({ batchSize: true })

/**
 * Every page of a pool **in the pool's reading order** (its `post_ids`), one {@link PoolPost} per position:
 * first `GET /pools/:id.json`, then `GET /posts.json?tags=id:… status:any` for up to 100 ids at a time, each
 * batch only when the consumer gets there. Deleted, hidden and vanished posts are reported at their index as
 * `Missing`, never dropped, so `index` always equals the page number minus one.
 *
 * @category Stream
 * @since 0.1.0
 */
export const posts = (
  id: number,
  options: PostsOptions = {}
): Stream.Stream<PoolPost, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.options(options, postsKeys)
    const batchSize = (yield* Params.limit(options.batchSize ?? 100, { field: "batchSize", min: 1, max: 100 }))!
    const pool = yield* get(id)
    return Stream.fromIterable(chunks(pool.post_ids, batchSize)).pipe(
      Stream.mapEffect((batch) =>
        Effect.gen(function*() {
          const page = yield* Endpoint.postPage(Endpoint.request(Posts.routes.search, {
            query: { tags: `id:${[...new Set(batch.map(([, postId]) => postId))].join(",")} status:any`, limit: batch.length }
          }))
          const decoded = yield* page.decode
          const byId = new Map<number, Post.Post>()
          const rejected = new Set<number>()
          decoded.forEach((post, i) => {
            if (post !== undefined) byId.set(post.id, post)
            else if (page.ids?.[i] !== undefined) rejected.add(page.ids[i]!)
          })
          return batch.map(([index, postId]) => toPage(index, postId, byId.get(postId), rejected.has(postId)))
        })
      ),
      Stream.flattenIterable
    )
  }))
