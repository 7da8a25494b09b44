/**
 * The fake's pools (`/pools`, `/pools/:id`, revert) and pool elements (`/pool_element`), with the pool versions
 * they record (listed by `PoolVersions.ts`); post sets are `PostSets.ts`. Semantics follow e621ng's
 * `pools_controller.rb`, `pool_elements_controller.rb`, `pool.rb` and `pool_version.rb`:
 * - writes need a member; deleting needs staff (403 otherwise);
 * - create answers 201 + the pool, update / revert / delete / element removal 204, element addition 201 + pool;
 * - validations answer 422 `{"errors":{…}}`: name rules and uniqueness, unknown post ids, 1,000 posts, category
 *   changes of pools over 30 posts by non-staff, removals by accounts younger than 7 days;
 * - `DELETE /pool_element` by an account younger than 7 days answers 204 and changes nothing (e621's bug);
 * - every saved change that touches name, description, posts, category or active flag records a version;
 * - posts' `pools` fields follow pool membership.
 *
 * - e621's hourly limits: 5 pool creations, 10 pool versions before a name/description/category/active change
 *   is refused, 30 distinct pools whose posts changed (`FakeThrottle`).
 *
 * Not modelled: e621's lockdown switch. Account age is measured
 * against the fake's clock; an account "created" after the clock's time counts as old.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Pools.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeTable from "./Table.ts"
import * as Serve from "./Serve.ts"
import * as FakeThrottle from "./Throttle.ts"
import { byDesc } from "./Common.ts"

// ---------------------------------------------------------------------------------------------------------
// Pool versions
// ---------------------------------------------------------------------------------------------------------

/**
 * A stored pool version (`/pool_versions.json` shape).
 *
 * @since 0.1.0
 */
export interface PoolVersion {
  readonly id: number
  readonly pool_id: number
  readonly post_ids: ReadonlyArray<number>
  readonly added_post_ids: ReadonlyArray<number>
  readonly removed_post_ids: ReadonlyArray<number>
  readonly updater_id: number
  readonly description: string
  readonly description_changed: boolean
  readonly name: string
  readonly name_changed: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly is_active: boolean
  readonly category: string
  readonly version: number
}

const versionOf = (
  previous: PoolVersion | undefined,
  pool: FakeData.Pool,
  updater: number,
  at: string
) =>
(id: number): PoolVersion => ({
  id,
  pool_id: pool.id,
  post_ids: pool.post_ids,
  added_post_ids: previous === undefined ? pool.post_ids : pool.post_ids.filter((p) => !previous.post_ids.includes(p)),
  removed_post_ids: previous === undefined ? [] : previous.post_ids.filter((p) => !pool.post_ids.includes(p)),
  updater_id: updater,
  description: pool.description,
  description_changed: previous === undefined || previous.description !== pool.description,
  name: pool.name,
  name_changed: previous === undefined || previous.name !== pool.name,
  created_at: at,
  updated_at: at,
  is_active: pool.is_active,
  category: pool.category,
  version: (previous?.version ?? 0) + 1
})

/**
 * The pool-versions table of a store: one first version per seeded pool, at its creation, by its creator.
 *
 * @since 0.1.0
 */
export const versions = (store: FakeData.Store): FakeTable.Table<PoolVersion> =>
  FakeTable.tableOf(store, "pool_versions", (s) => {
    const table = new FakeTable.Table<PoolVersion>([], 1)
    const pools = [...s.pools].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
    for (const pool of pools) table.insert(versionOf(undefined, pool, pool.creator_id, pool.created_at))
    return table
  })

const latestVersion = (store: FakeData.Store, poolId: number): PoolVersion | undefined => {
  let latest: PoolVersion | undefined
  for (const row of versions(store).rows) if (row.pool_id === poolId && (latest === undefined || row.version > latest.version)) latest = row
  return latest
}

// ---------------------------------------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------------------------------------

const search: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, ctx.store.pools, {
    users: { creator: (pool) => pool.creator_id },
    filters: {
      nameMatches: (pool, value) => FakeTable.text<FakeData.Pool>((p) => p.name)(pool, `*${value.replace(/\s+/g, "_")}*`, ctx),
      descriptionMatches: FakeTable.text((pool) => pool.description),
      category: FakeTable.exact((pool) => pool.category),
      isActive: FakeTable.bool((pool) => pool.is_active)
    },
    orders: {
      name: (a, b) => a.name.localeCompare(b.name),
      created_at: byDesc((pool) => pool.created_at),
      updated_at: byDesc((pool) => pool.updated_at),
      post_count: byDesc((pool) => pool.post_ids.length)
    },
    defaultOrder: byDesc((pool) => pool.updated_at)
  })

const findPool = (store: FakeData.Store, id: number): FakeData.Pool | undefined => store.pools.find((p) => p.id === id)

const get: FakeContext.Handler = (ctx, match) => {
  const pool = findPool(ctx.store, Number(match[1]))
  return pool === undefined ? FakeTable.notFound() : FakeHttp.json(200, pool)
}

/** `Pool.normalize_name`. */
const normalizeName = (name: string): string => name.replace(/[_\s]+/g, "_").replace(/^_|_$/g, "")

/** `array_attribute :post_ids, parse: /(\d+)/`: every run of digits, in order, without duplicates. */
const parseIds = (raw: string): Array<number> => [...new Set((raw.match(/\d+/g) ?? []).map(Number))]

type Errors = Record<string, Array<string>>

const addError = (errors: Errors, field: string, message: string) => {
  ;(errors[field] ??= []).push(message)
}

const nameErrors = (name: string): Array<string> => {
  if (name === "") return ["cannot be blank"]
  if (/^(any|none|series|collection)$/i.test(name)) return ["cannot be any of the following names: any, none, series, collection"]
  if (name.includes("*")) return ["cannot contain asterisks"]
  if (/^[0-9]+$/.test(name)) return ["cannot contain only digits"]
  if (name.includes(",")) return ["cannot contain commas"]
  if (/(__|--| {2})/.test(name)) return ["cannot contain consecutive underscores, hyphens or spaces"]
  return []
}

/** `Pool` validations for a new state `next` (compared with `before`, `undefined` on create). */
const validate = (ctx: FakeContext.Context, before: FakeData.Pool | undefined, next: FakeData.Pool): Errors => {
  const errors: Errors = {}
  const user = ctx.viewer.user!
  if (before === undefined || before.name !== next.name) {
    for (const message of nameErrors(next.name)) addError(errors, "name", message)
    if (next.name.length > 250) addError(errors, "name", "is too long (maximum is 250 characters)")
    const lower = next.name.toLowerCase()
    if (ctx.store.pools.some((p) => p.id !== next.id && p.name.toLowerCase() === lower)) addError(errors, "name", "has already been taken")
  }
  if (next.description.length > 10_000) addError(errors, "description", "is too long (maximum is 10000 characters)")
  if (next.category !== "series" && next.category !== "collection") addError(errors, "category", "is not included in the list")
  const previous = before?.post_ids ?? []
  const added = next.post_ids.filter((id) => !previous.includes(id))
  const removed = previous.filter((id) => !next.post_ids.includes(id))
  const invalid = added.filter((id) => ctx.store.indexOf(id) < 0)
  if (invalid.length > 0) addError(errors, "base", `Cannot add posts to pool. Invalid IDs: ${invalid.join(", ")}`)
  if (added.length > 0 && next.post_ids.length > 1_000) addError(errors, "base", "Pools can only have up to 1,000 posts each")
  if (
    before !== undefined && before.category !== next.category && !FakeContext.atLeast(user, "Staff") &&
    before.post_ids.length > 30
  ) {
    addError(errors, "base", "You cannot change the category of pools with greater than 30 posts")
  }
  if (removed.length > 0 && FakeThrottle.younger(user, ctx.now, 7)) {
    addError(errors, "base", "You cannot removes posts from pools within the first week of sign up")
  }
  for (const [field, message] of limits(ctx, before, next, added.length + removed.length > 0)) addError(errors, field, message)
  return errors
}

/**
 * e621's hourly pool limits (`Pool#user_not_create_limited`, `#user_not_limited`, `#user_not_posts_limited`):
 * creations, edits of the limited attributes (every pool version of the user counts), and the number of
 * distinct pools whose posts the user changed.
 */
const limits = (
  ctx: FakeContext.Context,
  before: FakeData.Pool | undefined,
  next: FakeData.Pool,
  postsChanged: boolean
): Array<readonly [string, string]> => {
  const user = ctx.viewer.user!
  if (before === undefined) {
    const created = ctx.store.pools.filter((p) => p.creator_id === user.id).map((p) => p.created_at)
    const why = FakeThrottle.refusal(FakeThrottle.pool, user, ctx.now, created)
    return why === undefined ? [] : [["creator", why]]
  }
  const mine = versions(ctx.store).rows.filter((v) => v.updater_id === user.id && Date.parse(v.updated_at) <= ctx.now)
  const out: Array<readonly [string, string]> = []
  const limited = before.name !== next.name || before.description !== next.description ||
    before.category !== next.category || before.is_active !== next.is_active
  const edit = limited ? FakeThrottle.refusal(FakeThrottle.poolEdit, user, ctx.now, mine.map((v) => v.updated_at)) : undefined
  if (edit !== undefined) out.push(["updater", edit])
  if (postsChanged) {
    const latest = new Map<number, string>()
    for (const v of mine) if ((latest.get(v.pool_id) ?? "") < v.updated_at) latest.set(v.pool_id, v.updated_at)
    const why = FakeThrottle.refusal(FakeThrottle.poolPostEdit, user, ctx.now, latest.values())
    if (why !== undefined) out.push(["updater", `${why}: updating unique pools posts`])
  }
  return out
}

/** Keeps posts' `pools` fields in step with a pool's membership. */
const syncPosts = (store: FakeData.Store, poolId: number, before: ReadonlyArray<number>, after: ReadonlyArray<number>) => {
  const change = (postId: number, add: boolean) => {
    const index = store.indexOf(postId)
    if (index < 0) return
    const list = (store.poolsOf.get(index) ?? []).filter((id) => id !== poolId)
    if (add) list.push(poolId)
    if (list.length === 0) store.poolsOf.delete(index)
    else store.poolsOf.set(index, list)
    store.write(index, { ...store.at(index), pools: [...list] })
  }
  for (const id of after) if (!before.includes(id)) change(id, true)
  for (const id of before) if (!after.includes(id)) change(id, false)
}

const watchedChanged = (before: FakeData.Pool | undefined, next: FakeData.Pool): boolean =>
  before === undefined || before.name !== next.name || before.description !== next.description ||
  before.is_active !== next.is_active || before.category !== next.category ||
  before.post_ids.length !== next.post_ids.length || before.post_ids.some((id, i) => next.post_ids[i] !== id)

/** Stores `next` (new or changed), syncs posts and records a version when a watched field changed. */
const save = (ctx: FakeContext.Context, before: FakeData.Pool | undefined, next: FakeData.Pool): FakeData.Pool => {
  const table = versions(ctx.store) // seeded before the change, so the seed sees the old state
  const changed = watchedChanged(before, next)
  const stored: FakeData.Pool = changed ? { ...next, updated_at: new Date(ctx.now).toISOString() } : next
  const at = ctx.store.pools.findIndex((p) => p.id === stored.id)
  if (at < 0) ctx.store.pools.push(stored)
  else ctx.store.pools[at] = stored
  syncPosts(ctx.store, stored.id, before?.post_ids ?? [], stored.post_ids)
  if (changed) table.insert(versionOf(latestVersion(ctx.store, stored.id), stored, ctx.viewer.user!.id, stored.updated_at))
  return stored
}

/** Applies `pool[…]` form fields to a pool. */
const applyFields = (pool: FakeData.Pool, fields: Readonly<Record<string, string>>): FakeData.Pool => {
  const ids = fields.post_ids_string ?? fields.post_ids
  const postIds = ids === undefined ? pool.post_ids : parseIds(ids)
  return {
    ...pool,
    ...(fields.name !== undefined ? { name: normalizeName(fields.name) } : {}),
    ...(fields.description !== undefined ? { description: fields.description.replace(/\r\n/g, "\n") } : {}),
    ...(fields.category !== undefined ? { category: fields.category as FakeData.Pool["category"] } : {}),
    ...(fields.is_active !== undefined ? { is_active: FakeContext.truthy(fields.is_active) } : {}),
    post_ids: postIds,
    post_count: postIds.length
  }
}

const missingRoot = (root: string) => FakeHttp.expectedError(400, `param is missing or the value is empty: ${root}`)

const nextPoolId = (store: FakeData.Store): number => store.pools.reduce((max, p) => Math.max(max, p.id), 999) + 1

const create: FakeContext.Handler = (ctx) => {
  const fields = FakeTable.fields(ctx.params, "pool")
  if (Object.keys(fields).length === 0) return missingRoot("pool")
  const user = ctx.viewer.user!
  const at = new Date(ctx.now).toISOString()
  const blank: FakeData.Pool = {
    id: nextPoolId(ctx.store),
    name: "",
    created_at: at,
    updated_at: at,
    creator_id: user.id,
    creator_name: user.name,
    description: "",
    is_active: true,
    category: "series",
    post_ids: [],
    post_count: 0
  }
  const next = applyFields(blank, fields)
  const errors = validate(ctx, undefined, next)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const stored = save(ctx, undefined, next)
  return FakeHttp.json(201, stored, { location: `/pools/${stored.id}` })
}

const update: FakeContext.Handler = (ctx, match) => {
  const before = findPool(ctx.store, Number(match[1]))
  if (before === undefined) return FakeTable.notFound()
  const fields = FakeTable.fields(ctx.params, "pool")
  if (Object.keys(fields).length === 0) return missingRoot("pool")
  const next = applyFields(before, fields)
  const errors = validate(ctx, before, next)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  save(ctx, before, next)
  return FakeHttp.noContent()
}

const revert: FakeContext.Handler = (ctx, match) => {
  const before = findPool(ctx.store, Number(match[1]))
  if (before === undefined) return FakeTable.notFound()
  const version = versions(ctx.store).get(Number(ctx.params.version_id))
  if (version === undefined || version.pool_id !== before.id) return FakeTable.notFound()
  const next: FakeData.Pool = {
    ...before,
    post_ids: version.post_ids,
    post_count: version.post_ids.length,
    name: version.name === "" ? before.name : version.name,
    description: version.description,
    is_active: version.is_active,
    category: version.category as FakeData.Pool["category"]
  }
  const errors = validate(ctx, before, next)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  save(ctx, before, next)
  return FakeHttp.noContent()
}

const destroy: FakeContext.Handler = (ctx, match) => {
  const at = ctx.store.pools.findIndex((p) => p.id === Number(match[1]))
  if (at < 0) return FakeTable.notFound()
  if (!FakeContext.atLeast(ctx.viewer.user, "Staff")) return FakeHttp.accessDenied()
  const [pool] = ctx.store.pools.splice(at, 1)
  syncPosts(ctx.store, pool!.id, pool!.post_ids, [])
  return FakeHttp.noContent()
}

/** `Pool.find_by(name: pool_name) || Pool.find(pool_id)`. */
const elementPool = (ctx: FakeContext.Context): FakeData.Pool | undefined => {
  const name = ctx.params.pool_name
  const byName = name === undefined ? undefined : ctx.store.pools.find((p) => p.name === name)
  return byName ?? findPool(ctx.store, Number(ctx.params.pool_id))
}

const addElement: FakeContext.Handler = (ctx) => {
  const pool = elementPool(ctx)
  if (pool === undefined) return FakeTable.notFound()
  const postId = Number(ctx.params.post_id)
  if (ctx.store.indexOf(postId) < 0) return FakeTable.notFound()
  if (pool.post_ids.includes(postId)) return FakeHttp.json(201, pool)
  const next = { ...pool, post_ids: [...pool.post_ids, postId], post_count: pool.post_count + 1 }
  const errors = validate(ctx, pool, next)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  return FakeHttp.json(201, save(ctx, pool, next), { location: `/posts/${postId}` })
}

const removeElement: FakeContext.Handler = (ctx) => {
  const pool = elementPool(ctx)
  if (pool === undefined) return FakeTable.notFound()
  const postId = Number(ctx.params.post_id)
  if (ctx.store.indexOf(postId) < 0) return FakeTable.notFound()
  // `Pool#remove!` returns early (204, nothing changed) when the post is absent or the account is < 7 days old.
  if (!pool.post_ids.includes(postId) || FakeThrottle.younger(ctx.viewer.user!, ctx.now, 7)) return FakeHttp.noContent()
  const ids = pool.post_ids.filter((id) => id !== postId)
  save(ctx, pool, { ...pool, post_ids: ids, post_count: ids.length })
  return FakeHttp.noContent()
}

/**
 * The routes of pools and pool elements (declared in `api/Pools.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, revert, delete: destroy, addPost: addElement, removePost: removeElement
})
