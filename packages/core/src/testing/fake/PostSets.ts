/**
 * The fake's post sets (`post_sets_controller.rb`, `post_set.rb`):
 * - visibility: anonymous callers see public sets, members public sets and their own, moderators all;
 *   `GET /post_sets/:id` of another's private set is 403;
 * - `index` is strict (403 for unknown keys; `search[is_public]` only for moderators), with `post_id=N`
 *   (sets containing a post) and `maintainer_id=N` (sets maintained — the caller's own unless moderator)
 *   variants of 50 per page;
 * - create 201 + set, update / delete 204 (owner or admin, 403 otherwise), `add_posts` / `remove_posts`
 *   201 + set (owner, admin, or approved maintainer of a public set), `post_ids[]` ≤ 320 (400 beyond),
 *   30 modifications a minute per user (429 beyond), unknown posts skipped, 10,000 posts per set;
 * - validations answer 422: name 3–100, shortname rules and uniqueness, 3-day-old accounts for public sets,
 *   75 sets per user, 6 an hour;
 * - `for_select` lists owned and maintained sets as `[name, id]`.
 *
 * Seeded from `store.seed`: `tester` owns a public and a private set, maintains admin's public set and is
 * invited (pending) to privileged's; other users own a few dozen sets of random posts.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostSets.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as Vocabulary from "./Vocabulary.ts"

/**
 * A stored post set (`/post_sets.json` shape).
 *
 * @since 0.1.0
 */
export interface PostSet {
  readonly id: number
  readonly name: string
  readonly shortname: string
  readonly description: string
  readonly is_public: boolean
  readonly transfer_on_delete: boolean
  readonly creator_id: number
  readonly post_ids: ReadonlyArray<number>
  readonly post_count: number
  readonly created_at: string
  readonly updated_at: string
}

/**
 * A maintainer invitation of a set.
 *
 * @since 0.1.0
 */
export interface Maintainer {
  readonly id: number
  readonly post_set_id: number
  readonly user_id: number
  readonly status: "approved" | "pending" | "blocked" | "cooldown"
}

const START = Date.UTC(2016, 0, 1)
const SPAN = Date.UTC(2026, 0, 1) - START
const MAX_POSTS = 10_000

const seedSets = (store: FakeData.Store): FakeTable.Table<PostSet> => {
  const rng = Random.make(Random.hash(store.seed, 0x5e75))
  const table = new FakeTable.Table<PostSet>([], 1)
  const postsOf = (n: number) => {
    const ids: Array<number> = []
    for (let i = 0; i < n && store.size > 0; i++) ids.push(store.ids[rng.int(store.size)]!)
    return [...new Set(ids)]
  }
  const add = (creator: number, name: string, shortname: string, isPublic: boolean, posts: number) => {
    const at = new Date(START + rng.int(SPAN)).toISOString()
    const post_ids = postsOf(posts)
    table.insert((id) => ({
      id,
      name,
      shortname,
      description: rng.chance(0.5) ? "" : `Posts collected by user #${creator}.`,
      is_public: isPublic,
      transfer_on_delete: rng.chance(0.3),
      creator_id: creator,
      post_ids,
      post_count: post_ids.length,
      created_at: at,
      updated_at: at
    }))
  }
  add(4, "Tester Favourites", "tester_favourites", true, 12)
  add(4, "Tester Private", "tester_private", false, 5)
  add(1, "Admin Picks", "admin_picks", true, 20)
  add(3, "Privileged Shelf", "privileged_shelf", true, 8)
  const owners = store.users.filter((u) => u.level_string !== "Blocked")
  for (let i = 0; i < 40; i++) {
    const owner = rng.pick(owners)
    const a = rng.pick(Vocabulary.poolWords)
    const b = rng.pick(Vocabulary.poolWords)
    add(owner.id, `${a} ${b} ${i + 1}`, `${a}_${b}_${i + 1}`.toLowerCase(), rng.chance(0.8), rng.int(40))
  }
  return table
}

/**
 * The post-sets table of a store.
 *
 * @since 0.1.0
 */
export const sets = (store: FakeData.Store): FakeTable.Table<PostSet> => FakeTable.tableOf(store, "post_sets", seedSets)

/**
 * The set-maintainers table of a store.
 *
 * @since 0.1.0
 */
export const maintainers = (store: FakeData.Store): FakeTable.Table<Maintainer> =>
  FakeTable.tableOf(store, "post_set_maintainers", () =>
    new FakeTable.Table<Maintainer>([
      { id: 1, post_set_id: 3, user_id: 4, status: "approved" },
      { id: 2, post_set_id: 4, user_id: 4, status: "pending" },
      { id: 3, post_set_id: 1, user_id: 3, status: "approved" }
    ]))

const isModerator = (user: FakeData.User | undefined) => FakeContext.atLeast(user, "Moderator")

const canView = (set: PostSet, user: FakeData.User | undefined) =>
  set.is_public || isModerator(user) || (user !== undefined && set.creator_id === user.id)

const canEditSettings = (set: PostSet, user: FakeData.User) => set.creator_id === user.id || FakeContext.atLeast(user, "Admin")

const isMaintainer = (store: FakeData.Store, set: PostSet, user: FakeData.User) =>
  maintainers(store).rows.some((m) => m.post_set_id === set.id && m.user_id === user.id && m.status === "approved")

const canEditPosts = (store: FakeData.Store, set: PostSet, user: FakeData.User) =>
  canEditSettings(set, user) || (set.is_public && isMaintainer(store, set, user))

const byAsc = <A>(get: (a: A) => string | number) => (a: A, b: A) => {
  const x = get(a)
  const y = get(b)
  return x < y ? -1 : x > y ? 1 : 0
}

const fixedPage = (ctx: FakeContext.Context, rows: ReadonlyArray<PostSet>) =>
  FakeTable.index<PostSet>({ ...ctx, params: { limit: "50", ...(ctx.params.page !== undefined ? { page: ctx.params.page } : {}) } }, rows)

const search: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user
  const store = ctx.store
  const visible = sets(store).rows.filter((set) => canView(set, user))
  if (ctx.params.post_id !== undefined && ctx.params.post_id !== "") {
    const postId = Number.parseInt(ctx.params.post_id, 10)
    return fixedPage(ctx, visible.filter((set) => set.post_ids.includes(postId)))
  }
  if (ctx.params.maintainer_id !== undefined && ctx.params.maintainer_id !== "") {
    const target = isModerator(user) ? Number.parseInt(ctx.params.maintainer_id, 10) : user?.id
    const rows = maintainers(store).rows
    // `where_has_maintainer` inner-joins maintainers: owned sets count only when they have a maintainer row.
    return fixedPage(
      ctx,
      target === undefined ? [] : visible.filter((set) =>
        rows.some((m) => m.post_set_id === set.id && ((m.user_id === target && m.status === "approved") || set.creator_id === target))
      )
    )
  }
  if (FakeTable.param(Api.routes.search, ctx, "isPublic") !== undefined && !isModerator(user)) {
    return FakeHttp.reasonError(403, "found unpermitted parameter: :is_public")
  }
  return FakeTable.search(Api.routes.search)(ctx, visible, {
    users: { creator: (set) => set.creator_id },
    filters: {
      name: (set, value) => FakeTable.text<PostSet>((s) => s.name)(set, `*${value}*`, ctx),
      shortname: (set, value) =>
        value.includes("*") ? FakeTable.text<PostSet>((s) => s.shortname)(set, value, ctx) : set.shortname === value.toLowerCase(),
      isPublic: FakeTable.bool((set) => set.is_public)
    },
    orders: {
      name: byAsc((set) => set.name),
      shortname: byAsc((set) => set.shortname),
      post_count: (a, b) => b.post_count - a.post_count,
      created_at: (a, b) => a.id - b.id,
      updated_at: (a, b) => b.updated_at.localeCompare(a.updated_at)
    }
  })
}

const find = (ctx: FakeContext.Context, match: ReadonlyArray<string>) => sets(ctx.store).get(Number(match[1]))

const get: FakeContext.Handler = (ctx, match) => {
  const set = find(ctx, match)
  if (set === undefined) return FakeTable.notFound()
  return canView(set, ctx.viewer.user) ? FakeHttp.json(200, set) : FakeHttp.accessDenied()
}

type Errors = Record<string, Array<string>>

const validate = (ctx: FakeContext.Context, before: PostSet | undefined, next: PostSet): Errors => {
  const errors: Errors = {}
  const add = (field: string, message: string) => {
    ;(errors[field] ??= []).push(message)
  }
  const user = ctx.viewer.user!
  const others = sets(ctx.store).rows.filter((s) => s.id !== next.id)
  if (next.name.length < 3 || next.name.length > 100) add("name", "must be between three and one hundred characters long")
  if (next.shortname.length < 3 || next.shortname.length > 50) add("shortname", "must be between three and fifty characters long")
  if (!/^\w+$/.test(next.shortname)) add("shortname", "must only contain numbers, lowercase letters, and underscores")
  if (!/^\d*[a-z_]\w*$/.test(next.shortname)) add("shortname", "must contain at least one lowercase letter or underscore")
  if (before === undefined || before.name !== next.name || before.shortname !== next.shortname) {
    if (others.some((s) => s.name.toLowerCase() === next.name.toLowerCase())) add("name", "is already taken")
    if (others.some((s) => s.shortname.toLowerCase() === next.shortname)) add("shortname", "is already taken")
  }
  if (next.description.length > 10_000) add("description", "is too long (maximum is 10000 characters)")
  if (next.is_public && (before === undefined || !before.is_public)) {
    const creator = ctx.store.users.find((u) => u.id === next.creator_id) ?? user
    const age = ctx.now - Date.parse(creator.created_at)
    if (age >= 0 && age < 3 * 86_400_000 && !FakeContext.atLeast(creator, "Staff")) {
      add("base", "Can't make a set public until your account is at least three days old")
    }
  }
  if (before === undefined) {
    const mine = others.filter((s) => s.creator_id === user.id)
    if (mine.length >= 75) add("base", "You can only create 75 sets.")
    const hourAgo = new Date(ctx.now - 3_600_000).toISOString()
    if (mine.filter((s) => s.created_at > hourAgo).length > 6 && !FakeContext.atLeast(user, "Staff")) {
      add("base", "You have already created 6 sets in the last hour.")
    }
  }
  return errors
}

const applyFields = (set: PostSet, fields: Readonly<Record<string, string>>): PostSet => ({
  ...set,
  ...(fields.name !== undefined ? { name: fields.name } : {}),
  ...(fields.shortname !== undefined ? { shortname: fields.shortname.toLowerCase() } : {}),
  ...(fields.description !== undefined ? { description: fields.description } : {}),
  ...(fields.is_public !== undefined ? { is_public: FakeContext.truthy(fields.is_public) } : {}),
  ...(fields.transfer_on_delete !== undefined ? { transfer_on_delete: FakeContext.truthy(fields.transfer_on_delete) } : {})
})

const missingRoot = (root: string) => FakeHttp.expectedError(400, `param is missing or the value is empty: ${root}`)

const create: FakeContext.Handler = (ctx) => {
  const fields = FakeTable.fields(ctx.params, "post_set")
  if (Object.keys(fields).length === 0) return missingRoot("post_set")
  const user = ctx.viewer.user!
  const at = new Date(ctx.now).toISOString()
  const table = sets(ctx.store)
  const draft = applyFields({
    id: -1,
    name: "",
    shortname: "",
    description: "",
    is_public: false,
    transfer_on_delete: false,
    creator_id: user.id,
    post_ids: [],
    post_count: 0,
    created_at: at,
    updated_at: at
  }, fields)
  const errors = validate(ctx, undefined, draft)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const stored = table.insert((id) => ({ ...draft, id }))
  return FakeHttp.json(201, stored, { location: `/post_sets/${stored.id}` })
}

const update: FakeContext.Handler = (ctx, match) => {
  const before = find(ctx, match)
  if (before === undefined) return FakeTable.notFound()
  if (!canEditSettings(before, ctx.viewer.user!)) return FakeHttp.accessDenied()
  const fields = FakeTable.fields(ctx.params, "post_set")
  if (Object.keys(fields).length === 0) return missingRoot("post_set")
  const next = applyFields(before, fields)
  const errors = validate(ctx, before, next)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  sets(ctx.store).update(before.id, () => ({ ...next, updated_at: new Date(ctx.now).toISOString() }))
  return FakeHttp.noContent()
}

const destroy: FakeContext.Handler = (ctx, match) => {
  const set = find(ctx, match)
  if (set === undefined) return FakeTable.notFound()
  if (!canEditSettings(set, ctx.viewer.user!)) return FakeHttp.accessDenied()
  sets(ctx.store).delete(set.id)
  return FakeHttp.noContent()
}

/** `RateLimiter.throttle!("post_set.modify.<user>", limit: 30, period: 1.minute)`: whether this hit is over. */
const throttled = (ctx: FakeContext.Context): boolean => {
  const key = "post_set_modify"
  let hits = ctx.store.tables.get(key) as Map<number, Array<number>> | undefined
  if (hits === undefined) {
    hits = new Map()
    ctx.store.tables.set(key, hits)
  }
  const user = ctx.viewer.user!.id
  const recent = (hits.get(user) ?? []).filter((t) => t > ctx.now - 60_000)
  recent.push(ctx.now)
  hits.set(user, recent)
  return recent.length > 30
}

const changePosts = (action: "add" | "remove"): FakeContext.Handler => (ctx, match) => {
  if (throttled(ctx)) return FakeHttp.expectedError(429, "You are modifying sets too quickly. Wait a bit and try again.")
  const set = find(ctx, match)
  if (set === undefined) return FakeTable.notFound()
  if (!canEditPosts(ctx.store, set, ctx.viewer.user!)) return FakeHttp.accessDenied()
  const raw = ctx.params["post_ids[]"]
  if (raw === undefined || raw.trim() === "") return missingRoot("post_ids")
  const ids = raw.trim().split(/\s+/).map((s) => Number.parseInt(s, 10))
  if (ids.length > 320) {
    return FakeHttp.expectedError(400, `You can only ${action} up to 320 posts at a time.`)
  }
  let post_ids: ReadonlyArray<number>
  if (action === "add") {
    const fresh = [...new Set(ids)].filter((id) => ctx.store.indexOf(id) >= 0 && !set.post_ids.includes(id))
    post_ids = [...set.post_ids, ...fresh.slice(0, Math.max(0, MAX_POSTS - set.post_ids.length))]
  } else {
    post_ids = set.post_ids.filter((id) => !ids.includes(id))
  }
  const changed = post_ids.length !== set.post_ids.length
  const next = sets(ctx.store).update(set.id, (row) => ({
    ...row,
    post_ids,
    post_count: post_ids.length,
    updated_at: changed ? new Date(ctx.now).toISOString() : row.updated_at
  }))!
  return FakeHttp.json(201, next, { location: `/post_sets/${set.id}` })
}

/** Rails' `String#truncate(35)`. */
const truncate = (s: string, n = 35) => (s.length > n ? `${s.slice(0, n - 3)}...` : s)

const forSelect: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const rows = sets(ctx.store).rows
  const entry = (set: PostSet) => [truncate(set.name.replace(/_/g, " ")), set.id] as const
  const byName = (a: PostSet, b: PostSet) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const maintained = new Set(
    maintainers(ctx.store).rows.filter((m) => m.user_id === user.id && m.status === "approved").map((m) => m.post_set_id)
  )
  return FakeHttp.json(200, {
    Owned: rows.filter((s) => s.creator_id === user.id).sort(byName).map(entry),
    Maintained: rows.filter((s) => maintained.has(s.id)).sort(byName).map(entry)
  })
}

/**
 * The routes of post sets (declared in `api/PostSets.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, delete: destroy, addPosts: changePosts("add"), removePosts: changePosts("remove"),
  forSelect
})
