/**
 * Route declarations: what e621 serves at one method and path — who may call it, which rate-limit bucket it
 * spends, what its search fields or body are, how its answer is wrapped and what each item is. Every endpoint
 * family declares its routes once, as a `routes` record keyed by the function that calls them
 * (`Pools.routes.get`); the client's interpreter sends requests from them, the fake e621 serves them (adding
 * only behaviour: state, permissions, validations), and the README's endpoint tables are generated from them.
 *
 * @example
 * ```ts
 * import { Pools } from "@effect-e621/core"
 *
 * const { method, path, auth } = Pools.routes.update // "PATCH", "/pools/:id.json", "member"
 * ```
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import type * as E621Client from "./E621Client.ts"

/**
 * HTTP methods e621's routes use.
 *
 * @category Types
 * @since 0.1.0
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * Who may call a route: `"none"` — anyone, logged in or not; `"member"` — a logged-in account (e621 answers
 * 401/403 otherwise). Routes that need more (janitors, moderators) say so in their function's documentation;
 * e621 answers 403 to members there.
 *
 * @category Types
 * @since 0.1.0
 */
export type Auth = "none" | "member"

/**
 * How the payload sits in e621's answer:
 * - `None`: the body is the payload;
 * - `Key`: e621 wraps it (`{"post":{…}}`); a body without the key is taken as is (v2 / `only=` answers);
 * - `List`: an array, or the pre-2025 empty-list quirk — an object whose single value is an array
 *   (`{"post_flags":[]}`), or an explicit wrapper key (`{"posts":[…]}`);
 * - `JsonString`: the payload is a JSON string inside the key (notes create/update).
 *
 * @category Types
 * @since 0.1.0
 */
export type Envelope =
  | { readonly _tag: "None" }
  | { readonly _tag: "Key"; readonly key: string }
  | { readonly _tag: "List"; readonly key?: string | undefined }
  | { readonly _tag: "JsonString"; readonly key: string }

/**
 * The body is the payload.
 *
 * @category Envelopes
 * @since 0.1.0
 */
export const none: Envelope = { _tag: "None" }

/**
 * The payload is wrapped under `key` (`{"post":{…}}`).
 *
 * @category Envelopes
 * @since 0.1.0
 */
export const key = (key: string): Envelope => ({ _tag: "Key", key })

/**
 * The payload is a list: an array, the empty-list quirk, or wrapped under `key`.
 *
 * @category Envelopes
 * @since 0.1.0
 */
export const list = (key?: string): Envelope => ({ _tag: "List", key })

/**
 * The payload is a JSON string inside `key`.
 *
 * @category Envelopes
 * @since 0.1.0
 */
export const jsonString = (key: string): Envelope => ({ _tag: "JsonString", key })

/**
 * A behaviour of one route that differs from e621's usual rules, named so the client and the fake handle it
 * the same way:
 * - `post-format`: answers posts, in the legacy or the 2026 `v2=true` format (the client's `postFormat`);
 * - `strict-search`: the controller answers unknown `search[…]` keys with 403 (the client refuses them anyway);
 * - `unthrottled`: a member write outside e621's per-user write throttle (post votes);
 * - `no-csrf`: the controller skips the CSRF check (IQDB queries by file);
 * - `static`: a file on e621's static host (files, database exports): served whatever the format, outside the
 *   API's limits and login;
 * - `form-flow`: an HTML form flow — e621 answers a redirect, read by the calling function.
 *
 * @category Types
 * @since 0.1.0
 */
export type Quirk = "post-format" | "strict-search" | "unthrottled" | "no-csrf" | "static" | "form-flow"

/**
 * One route of e621: the declaration everything else is derived from.
 *
 * `path` is a template: `:id` is a record id (1..2,147,483,647), any other `:name` a path segment checked by
 * the calling function. `search` (lists) is the camelCase search-field schema sent as `search[snake_case]`;
 * `body` (writes) the checked input sent as `root[snake_case]` form fields; `item` the schema of the answer
 * (of each item, for lists).
 *
 * @category Models
 * @since 0.1.0
 */
export interface Route<Search = unknown, Body = unknown, Item = unknown> {
  readonly method: Method
  readonly path: string
  readonly auth: Auth
  /** The client's rate-limit bucket (default: `read` for `GET`, `write` otherwise). */
  readonly bucket?: E621Client.Bucket | undefined
  /** Search fields of a list route. */
  readonly search?: Schema.ConstraintDecoder<Search> | undefined
  /** Input of a write. */
  readonly body?: Schema.ConstraintDecoder<Body> | undefined
  /** Rails parameter root of the body (`pool` → `pool[name]`); none: top-level fields. */
  readonly root?: string | undefined
  /** Body fields sent as repeated `key[]` entries instead of comma-joined. */
  readonly arrays?: ReadonlyArray<string> | undefined
  /** The answer (of each item, for lists). */
  readonly item?: Schema.ConstraintDecoder<Item> | undefined
  readonly envelope?: Envelope | undefined
  /** Fixed extra query parameters. */
  readonly query?: E621Client.Query | undefined
  /** A write that is safe to repeat (retried like a read). */
  readonly idempotent?: boolean | undefined
  /** Largest `limit` of a list (default 320). */
  readonly maxLimit?: number | undefined
  /** Last numbered page of a list (default 750). */
  readonly maxPage?: number | undefined
  /** Whether a list search orders by id, so that streams may use cursors (default: no `order`, or `id_*`). */
  idOrdered?(search: Search): boolean
  /** Rewrites checked search fields into what e621 reads (tag category names → ids). */
  encodeSearch?(search: Search): Readonly<Record<string, unknown>>
  /** Whether a list route has a `stream` function beside its `search` (default `true`). */
  readonly stream?: boolean | undefined
  readonly quirks?: ReadonlyArray<Quirk> | undefined
}

/**
 * Any route.
 *
 * @category Models
 * @since 0.1.0
 */
export type Any = Route<unknown, unknown, unknown>

/**
 * A family's routes, keyed by the function that calls each.
 *
 * @category Models
 * @since 0.1.0
 */
export type Routes = Readonly<Record<string, Any>>

/**
 * The search fields of a route.
 *
 * @category Types
 * @since 0.1.0
 */
export type SearchOf<R> = R extends { readonly search?: infer S } ? S extends { readonly Type: infer T } ? T : never : never

/**
 * Declares a route (the identity, with the declaration's types inferred).
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = <const R extends Any>(route: R): R => route

/**
 * The rate-limit bucket a route spends.
 *
 * @category Getters
 * @since 0.1.0
 */
export const bucketOf = (route: Route): E621Client.Bucket => route.bucket ?? (route.method === "GET" ? "read" : "write")

/**
 * Whether a route has a quirk.
 *
 * @category Getters
 * @since 0.1.0
 */
export const has = (route: Route, quirk: Quirk): boolean => route.quirks?.includes(quirk) === true

/**
 * The names in a path template (`/tags/:name/correction.json` → `["name"]`).
 *
 * @category Getters
 * @since 0.1.0
 */
export const parameters = (path: string): ReadonlyArray<string> => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)

/**
 * Fills a path template with checked values (`fill("/pools/:id.json", { id: 12 })` → `/pools/12.json`). A
 * parameter without a value is a programming error, thrown rather than sent as `undefined`.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const fill = (path: string, values: Readonly<Record<string, string | number>>): string =>
  path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${path}: no value for :${name}`)
    return String(value)
  })
