/**
 * What a route handler of the fake receives, and e621's shared parameter rules (limit, page).
 *
 * @since 0.1.0
 */
import type * as Declaration from "../../Route.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import type * as Random from "./Random.ts"
import type * as FakeRender from "./Render.ts"

/**
 * The state a handler works on and the facts of its request.
 *
 * @since 0.1.0
 */
export interface Context {
  readonly store: FakeData.Store
  /** Query and body parameters merged (body wins), Rails-style keys (`post[tag_string]`). */
  readonly params: Readonly<Record<string, string>>
  readonly viewer: FakeRender.Viewer
  /** Effect `Clock` time of the request, in milliseconds. */
  readonly now: number
  /** The fake-wide random sequence (`/posts/random.json`). */
  readonly random: Random.Random
}

/**
 * A route handler: synchronous, the path's captures in `match`.
 *
 * @since 0.1.0
 */
export type Handler = (ctx: Context, match: ReadonlyArray<string>) => FakeHttp.FakeResponse

/**
 * One route: method, path pattern (without `.json`), who may call it, whether e621's write throttle
 * applies (logged-in non-GET requests, except the controllers that skip it, e.g. post votes).
 *
 * @since 0.1.0
 */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly pattern: RegExp
  readonly auth: "none" | "member"
  readonly throttled: boolean
  readonly handler: Handler
  /**
   * A static file (the file host, database exports): answered whatever the requested format, before login
   * and outside the API's read limit, as e621's separate static host does.
   */
  readonly raw?: boolean
  /** `false` where e621's controller skips the CSRF check (`skip_forgery_protection`: IQDB queries). */
  readonly csrf?: false
  /** The client's declaration this route serves (none for the static host's files). */
  readonly declaration?: Declaration.Any | undefined
}

/**
 * A page request: numbered, or a `b<id>` / `a<id>` cursor.
 *
 * @since 0.1.0
 */
export type Page =
  | { readonly _tag: "Numbered"; readonly page: number }
  | { readonly _tag: "Before"; readonly id: number }
  | { readonly _tag: "After"; readonly id: number }

/** e621's 410 pagination answer. */
const pageError = (message: string): FakeHttp.FakeResponse => FakeHttp.expectedError(410, message)

/**
 * Reads `limit` like `Danbooru::Paginator`: digits only, 0..`max` (410 otherwise); blank → `fallback`.
 *
 * @since 0.1.0
 */
export const parseLimit = (raw: string | undefined, fallback: number, max = 320): number | FakeHttp.FakeResponse => {
  if (raw === undefined || raw === "") return fallback
  if (!/^\d+$/.test(raw)) return pageError("Invalid limit.")
  const n = Number(raw)
  return n > max ? pageError(`Limit must be between 0 and ${max}.`) : n
}

/**
 * Reads `page`: `N` (1..`maxPages`), `b<id>`, `a<id>` (ids ≤ 2,147,483,647); 410 with e621's messages
 * otherwise.
 *
 * @since 0.1.0
 */
export const parsePage = (raw: string | undefined, maxPages = 750): Page | FakeHttp.FakeResponse => {
  if (raw === undefined || raw === "") return { _tag: "Numbered", page: 1 }
  const cursor = /^([ab])(\d+)$/.exec(raw)
  if (cursor) {
    const id = Number(cursor[2])
    if (id > 2_147_483_647) return pageError("Page parameter is out of valid range.")
    return cursor[1] === "b" ? { _tag: "Before", id } : { _tag: "After", id }
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return pageError("Invalid page number.")
  const page = Number(raw)
  if (page > maxPages) return pageError(`You cannot go beyond page ${maxPages}. Please narrow your search terms.`)
  return { _tag: "Numbered", page }
}

/**
 * Whether a value is a fake response (the error branch of the parsers above).
 *
 * @since 0.1.0
 */
export const isResponse = (u: unknown): u is FakeHttp.FakeResponse =>
  typeof u === "object" && u !== null && "status" in u && "body" in u

/**
 * Reads a truthy Rails boolean (`true`, `t`, `1`, `yes`, `y`, `on`).
 *
 * @since 0.1.0
 */
export const truthy = (raw: string | undefined): boolean => raw !== undefined && /^(true|t|1|yes|y|on)$/i.test(raw)

/**
 * Whether the user's level is at least `level`.
 *
 * @since 0.1.0
 */
export const atLeast = (user: FakeData.User | undefined, level: FakeData.Level): boolean =>
  user !== undefined && FakeData.levels[user.level_string] >= FakeData.levels[level]
