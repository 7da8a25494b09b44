/**
 * Generic storage and `index` semantics for the fake's non-post resources (pools, sets, tags, comments,
 * wiki pages, …), so every family handler is a short declaration rather than a copy of paging code.
 *
 * `index` follows e621ng's `ApplicationRecord.search` + `Danbooru::Paginator`:
 * - `limit` 0..320 (default 75), `page` N ≤ 750, `b<id>` / `a<id>` cursors that replace the order with id
 *   order (an `a` page comes back in descending order), 410s with e621's messages;
 * - `search[id]`, `search[created_at]`, `search[updated_at]` on every model, `search[order]` for `id_asc` /
 *   `id_desc` plus the family's own orders;
 * - strict controllers answer an unknown `search[…]` key with 403
 *   `{"success":false,"reason":"found unpermitted parameter: :key"}`;
 * - numeric filters take e621's range grammar (`5`, `>5`, `1..10`, `1,2,3`), text filters with `*` are
 *   case-insensitive wildcards, other text is matched word by word.
 *
 * @since 0.1.0
 */
import * as Params from "../../internal/params.ts"
import * as Route from "../../Route.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"

/**
 * A stored row: anything with a numeric id.
 *
 * @since 0.1.0
 */
export interface Row {
  readonly id: number
}

/**
 * A table of rows kept in id order.
 *
 * @since 0.1.0
 */
export class Table<A extends Row> {
  private readonly byId = new Map<number, A>()
  private sorted: Array<A> | undefined
  private lastId: number

  constructor(rows: ReadonlyArray<A> = [], firstId = 1) {
    for (const row of rows) this.byId.set(row.id, row)
    this.lastId = Math.max(firstId - 1, ...rows.map((row) => row.id))
  }

  /** Every row, ascending id. */
  get rows(): ReadonlyArray<A> {
    this.sorted ??= [...this.byId.values()].sort((a, b) => a.id - b.id)
    return this.sorted
  }

  get size(): number {
    return this.byId.size
  }

  get(id: number): A | undefined {
    return this.byId.get(id)
  }

  /** Stores a new row with the next id. */
  insert(make: (id: number) => A): A {
    const row = make(++this.lastId)
    this.byId.set(row.id, row)
    this.sorted = undefined
    return row
  }

  /** Replaces a row; `undefined` when there is none with that id. */
  update(id: number, change: (row: A) => A): A | undefined {
    const row = this.byId.get(id)
    if (row === undefined) return undefined
    const next = change(row)
    this.byId.set(id, next)
    this.sorted = undefined
    return next
  }

  delete(id: number): boolean {
    this.sorted = undefined
    return this.byId.delete(id)
  }
}

/**
 * The table `name` of a store, created with `seed` on first use. Each family module owns its tables (pass the
 * same `seed` function every time; seed from `store.seed` so the data is deterministic).
 *
 * @since 0.1.0
 */
export const tableOf = <A extends Row>(store: FakeData.Store, name: string, seed: (store: FakeData.Store) => Table<A>): Table<A> => {
  let table = store.tables.get(name) as Table<A> | undefined
  if (table === undefined) {
    table = seed(store)
    store.tables.set(name, table)
  }
  return table
}

/**
 * A filter for one `search[key]`: whether a row matches the raw value. Return `undefined` to make the whole
 * search match nothing (as e621 does for an unknown user name or an invalid boolean).
 *
 * @since 0.1.0
 */
export type Filter<A> = (row: A, value: string, ctx: FakeContext.Context) => boolean

/**
 * How a family's `index` searches.
 *
 * @since 0.1.0
 */
export interface IndexOptions<A extends Row> {
  /** `search[key]` filters by snake_case key (without `search[`). `id`, `created_at`, `updated_at` are built in. */
  readonly filters?: Readonly<Record<string, Filter<A>>>
  /**
   * Whether unknown search keys are a 403 (e621's strict controllers) rather than ignored; the keys that are
   * known, when they are not the filters' (a route's declared search fields).
   */
  readonly strict?: boolean | ReadonlyArray<string>
  /** Orders by `search[order]` value (besides `id_asc` / `id_desc`); comparators give the page order. */
  readonly orders?: Readonly<Record<string, (a: A, b: A) => number>>
  /** Order without `search[order]` (default id descending). */
  readonly defaultOrder?: ((a: A, b: A) => number) | undefined
  /** Rows this viewer may see (default all). */
  readonly visible?: ((row: A, ctx: FakeContext.Context) => boolean) | undefined
  /** JSON of a row for this viewer (default the row itself). */
  readonly render?: ((row: A, ctx: FakeContext.Context) => unknown) | undefined
  /** Default page size (75). */
  readonly defaultLimit?: number
  /** Last numbered page (750). */
  readonly maxPages?: number
}

const idDesc = (a: Row, b: Row) => b.id - a.id
const idAsc = (a: Row, b: Row) => a.id - b.id

/**
 * Parses e621's numeric range grammar into a predicate; `undefined` when the value is not a range.
 *
 * @since 0.1.0
 */
export const range = (raw: string): ((n: number) => boolean) | undefined => {
  const value = raw.trim()
  let m: RegExpExecArray | null
  if ((m = /^(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(value))) {
    const n = Number(m[2])
    return m[1] === ">" ? (x) => x > n : m[1] === ">=" ? (x) => x >= n : m[1] === "<" ? (x) => x < n : (x) => x <= n
  }
  if ((m = /^(-?\d+(?:\.\d+)?)?\s*\.\.\s*(-?\d+(?:\.\d+)?)?$/.exec(value)) && (m[1] !== undefined || m[2] !== undefined)) {
    const lo = m[1] === undefined ? -Infinity : Number(m[1])
    const hi = m[2] === undefined ? Infinity : Number(m[2])
    return (x) => x >= lo && x <= hi
  }
  if (/^-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*$/.test(value)) {
    const set = new Set(value.split(",").map((s) => Number(s.trim())))
    return (x) => set.has(x)
  }
  return undefined
}

/**
 * A numeric column filter (`search[post_id]=1,2,3`, `search[id]=>5`).
 *
 * @since 0.1.0
 */
export const numeric = <A>(get: (row: A) => number | null | undefined): Filter<A> => (row, value) => {
  const test = range(value)
  const n = get(row)
  return test !== undefined && n !== null && n !== undefined && test(n)
}

/**
 * A text filter: `*` wildcards (case-insensitive, whole value), otherwise every word must appear.
 *
 * @since 0.1.0
 */
export const text = <A>(get: (row: A) => string | null | undefined): Filter<A> => (row, value) => {
  const subject = (get(row) ?? "").toLowerCase()
  const wanted = value.toLowerCase()
  if (wanted.includes("*")) {
    const pattern = new RegExp(`^${wanted.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s")
    return pattern.test(subject)
  }
  const words = subject.split(/[^a-z0-9_]+/)
  return wanted.split(/\s+/).filter((w) => w !== "").every((word) => words.some((w) => w.startsWith(word)))
}

/**
 * An exact, case-insensitive text filter.
 *
 * @since 0.1.0
 */
export const exact = <A>(get: (row: A) => string | null | undefined): Filter<A> => (row, value) =>
  (get(row) ?? "").toLowerCase() === value.toLowerCase()

/**
 * A boolean filter with Rails' truthy / falsy words; any other value matches nothing.
 *
 * @since 0.1.0
 */
export const bool = <A>(get: (row: A) => boolean): Filter<A> => (row, value) => {
  if (/^(true|t|yes|y|on|1)$/i.test(value)) return get(row)
  if (/^(false|f|no|n|off|0)$/i.test(value)) return !get(row)
  return false
}

/**
 * A user filter by name (`search[creator_name]`), resolved against the fake's users; unknown names match
 * nothing.
 *
 * @since 0.1.0
 */
export const userName = <A>(get: (row: A) => number | null | undefined): Filter<A> => (row, value, ctx) => {
  const user = ctx.store.userByName(value)
  return user !== undefined && get(row) === user.id
}

const timeFilter = <A>(get: (row: A) => string | null | undefined): Filter<A> => (row, value) => {
  const raw = get(row)
  if (raw === null || raw === undefined) return false
  const at = Date.parse(raw)
  const parts = /^(.*?)\.\.(.*)$/.exec(value)
  const parse = (s: string) => (s.trim() === "" ? undefined : Date.parse(s.trim()))
  if (parts) {
    const lo = parse(parts[1]!)
    const hi = parse(parts[2]!)
    return (lo === undefined || at >= lo) && (hi === undefined || at <= hi)
  }
  const m = /^(>=|<=|>|<)(.*)$/.exec(value)
  if (m) {
    const t = parse(m[2]!)
    if (t === undefined || Number.isNaN(t)) return false
    return m[1] === ">" ? at > t : m[1] === ">=" ? at >= t : m[1] === "<" ? at < t : at <= t
  }
  const day = parse(value)
  if (day === undefined || Number.isNaN(day)) return false
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? at >= day && at < day + 86_400_000 : at === day
}

/**
 * The `search[…]` parameters of a request, by key.
 *
 * @since 0.1.0
 */
export const searchParams = (params: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) {
    const m = /^search\[([^\]]+)\]$/.exec(key)
    if (m && value !== "") out[m[1]!] = value
  }
  return out
}

/**
 * e621's `index` action over a table: filters, order, paging; a bare JSON array.
 *
 * @since 0.1.0
 */
export const index = <A extends Row & { readonly created_at?: string | null; readonly updated_at?: string | null }>(
  ctx: FakeContext.Context,
  rows: ReadonlyArray<A>,
  options: IndexOptions<A> = {}
): FakeHttp.FakeResponse => {
  const result = select(ctx, rows, options)
  if (FakeContext.isResponse(result)) return result
  const render = options.render
  return FakeHttp.json(200, render === undefined ? result : result.map((row) => render(row, ctx)))
}

/**
 * The rows one `index` page returns (or the error answer), for handlers that render them differently.
 *
 * @since 0.1.0
 */
export const select = <A extends Row & { readonly created_at?: string | null; readonly updated_at?: string | null }>(
  ctx: FakeContext.Context,
  rows: ReadonlyArray<A>,
  options: IndexOptions<A> = {}
): ReadonlyArray<A> | FakeHttp.FakeResponse => {
  const limit = FakeContext.parseLimit(ctx.params.limit, options.defaultLimit ?? 75)
  if (FakeContext.isResponse(limit)) return limit
  const page = FakeContext.parsePage(ctx.params.page, options.maxPages ?? 750)
  if (FakeContext.isResponse(page)) return page
  const search = searchParams(ctx.params)
  const filters: Record<string, Filter<A>> = {
    id: numeric((row) => row.id),
    created_at: timeFilter((row) => row.created_at),
    updated_at: timeFilter((row) => row.updated_at),
    ...options.filters
  }
  const orders = options.orders ?? {}
  const checks: Array<[Filter<A>, string]> = []
  for (const [key, value] of Object.entries(search)) {
    if (key === "order") continue // e621 ignores unknown order values rather than refusing them
    const filter = filters[key]
    const known = Array.isArray(options.strict) ? options.strict.includes(key) || key in filters : filter !== undefined
    if (!known && options.strict !== undefined && options.strict !== false) {
      return FakeHttp.json(403, { success: false, reason: `found unpermitted parameter: :${key}` })
    }
    if (filter === undefined) continue
    checks.push([filter, value])
  }
  const visible = options.visible
  const matching = rows.filter((row) =>
    (visible === undefined || visible(row, ctx)) && checks.every(([filter, value]) => filter(row, value, ctx))
  )
  if (page._tag === "Before") {
    return matching.filter((row) => row.id < page.id).sort(idDesc).slice(0, limit)
  }
  if (page._tag === "After") {
    return matching.filter((row) => row.id > page.id).sort(idAsc).slice(0, limit).reverse()
  }
  const order = search.order === "id_asc"
    ? idAsc
    : search.order === "id_desc"
    ? idDesc
    : (search.order !== undefined ? orders[search.order] : undefined) ?? options.defaultOrder ?? idDesc
  return [...matching].sort((a, b) => order(a, b) || b.id - a.id).slice((page.page - 1) * limit, page.page * limit)
}

/**
 * e621's 404 for a missing record.
 *
 * @since 0.1.0
 */
export const notFound = (): FakeHttp.FakeResponse => FakeHttp.json(404, { success: false, reason: "not found" })

/**
 * A record's action as e621's controllers run it: `find` (404 when there is no row of id `match[1]`), then
 * the privilege check (`allowed`; 403 when it fails), then `then`.
 *
 * @since 0.1.0
 */
export const found = <A extends Row>(
  table: Table<A>,
  match: ReadonlyArray<string>,
  allowed: (row: A) => boolean,
  then: (row: A) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse => {
  const row = table.get(Number(match[1]))
  if (row === undefined) return notFound()
  return allowed(row) ? then(row) : FakeHttp.accessDenied()
}

/**
 * The responders gem's 422 with field errors.
 *
 * @since 0.1.0
 */
export const invalid = (errors: Readonly<Record<string, ReadonlyArray<string>>>): FakeHttp.FakeResponse =>
  FakeHttp.json(422, { errors })

/**
 * Reads Rails-rooted form fields (`pool[name]` → `name`) from a request's parameters.
 *
 * @since 0.1.0
 */
export const fields = (params: Readonly<Record<string, string>>, root: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const prefix = `${root}[`
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith(prefix) && key.endsWith("]")) out[key.slice(prefix.length, -1).replace(/\]\[$/, "")] = value
  }
  return out
}

/**
 * Filters of a declared list route, keyed by its camelCase search fields (a key the route does not declare is a
 * compile error); sent by the client as `search[snake_case]`, read here the same way.
 *
 * @since 0.1.0
 */
export type Filters<R, A> = { readonly [K in keyof Route.SearchOf<R> & string]?: Filter<A> }

/**
 * The `order` values a declared list route accepts.
 *
 * @since 0.1.0
 */
export type OrderOf<R> = Extract<Route.SearchOf<R>["order" & keyof Route.SearchOf<R>], string>

/**
 * The people a declared list route searches by, each by id and by name: `creator` where it declares both
 * `creatorId` and `creatorName`.
 *
 * @since 0.1.0
 */
export type UserOf<R> = {
  readonly [K in keyof Route.SearchOf<R> & string]: K extends `${infer P}Id` ? `${P}Name` extends keyof Route.SearchOf<R> ? P : never
    : never
}[keyof Route.SearchOf<R> & string]

/**
 * How a declared list route searches: {@link IndexOptions} with filters and orders checked against the
 * declaration; strictness (`strict-search`) and the last page come from the declaration.
 *
 * @since 0.1.0
 */
export interface SearchOptions<R, A extends Row> extends Omit<IndexOptions<A>, "filters" | "orders" | "strict" | "maxPages"> {
  readonly filters?: Filters<R, A>
  /**
   * The user id of a row for each person searched by id and name, as e621's `where_user` does:
   * `creator: (row) => row.creator_id` filters `search[creator_id]` ({@link numeric}) and
   * `search[creator_name]` ({@link userName}).
   */
  readonly users?: { readonly [P in UserOf<R>]?: (row: A) => number | null | undefined }
  readonly orders?: { readonly [O in OrderOf<R>]?: (a: A, b: A) => number }
}

const declared = <R extends Route.Any, A extends Row>(route: R, options: SearchOptions<R, A>): IndexOptions<A> => {
  const filters: Record<string, Filter<A>> = {}
  for (const [person, get] of Object.entries(options.users ?? {}) as Array<[string, (row: A) => number | null | undefined]>) {
    filters[Params.snakeCase(`${person}Id`)] = numeric(get)
    filters[Params.snakeCase(`${person}Name`)] = userName(get)
  }
  for (const [key, filter] of Object.entries(options.filters ?? {})) filters[Params.snakeCase(key)] = filter as Filter<A>
  const { filters: _, orders, users: __, ...rest } = options
  return {
    ...rest,
    filters,
    orders: orders as Readonly<Record<string, (a: A, b: A) => number>> | undefined ?? {},
    ...(route.maxPage === undefined ? {} : { maxPages: route.maxPage }),
    ...(Route.has(route, "strict-search")
      ? { strict: route.search === undefined ? true : (Params.keysOf(route.search.ast) ?? []).map(Params.snakeCase) }
      : {})
  }
}

/**
 * The value of one declared search field of a request (`search[snake_case]`), by its camelCase name — a
 * field the route does not declare is a compile error.
 *
 * @since 0.1.0
 */
export const param = <R extends Route.Any>(
  _route: R,
  ctx: FakeContext.Context,
  key: keyof Route.SearchOf<R> & string
): string | undefined => ctx.params[`search[${Params.snakeCase(key)}]`]

/**
 * e621's `index` action for a declared list route: {@link index} with the declaration's fields.
 *
 * @since 0.1.0
 */
export const search = <R extends Route.Any>(route: R) =>
<A extends Row & { readonly created_at?: string | null; readonly updated_at?: string | null }>(
  ctx: FakeContext.Context,
  rows: ReadonlyArray<A>,
  options: SearchOptions<R, NoInfer<A>> = {}
): FakeHttp.FakeResponse => index(ctx, rows, declared(route, options))

/**
 * The rows a declared list route answers, or its error answer: {@link select} with the declaration's fields.
 *
 * @since 0.1.0
 */
export const selectFor = <R extends Route.Any>(route: R) =>
<A extends Row & { readonly created_at?: string | null; readonly updated_at?: string | null }>(
  ctx: FakeContext.Context,
  rows: ReadonlyArray<A>,
  options: SearchOptions<R, NoInfer<A>> = {}
): ReadonlyArray<A> | FakeHttp.FakeResponse => select(ctx, rows, declared(route, options))
