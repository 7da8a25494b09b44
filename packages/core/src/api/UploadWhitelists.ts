/**
 * The upload whitelist: which sites e621 downloads from by URL (`app/controllers/
 * upload_whitelists_controller.rb`). Ask {@link isAllowed} before `Uploads.create({ url })`,
 * `PostReplacements.create({ url })` or `Iqdb.byUrl`: e621 refuses the others. Editing the list is admin work.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Iqdb, UploadWhitelists } from "@effect-e621/core"
 *
 * const similar = (url: string) =>
 *   Effect.gen(function*() {
 *     const verdict = yield* UploadWhitelists.isAllowed(url)
 *     return verdict.is_allowed ? yield* Iqdb.byUrl(url) : []
 *   })
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
import * as Upload from "../internal/upload.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { IsAllowed, UploadWhitelist } from "../schemas/UploadWhitelist.ts"

/**
 * Search fields of `GET /upload_whitelists.json` (strict controller). e621 also permits `allowed`, `domain`,
 * `path` and `reason` but filters by none of them, so they are not offered. `note` matches with `*`
 * wildcards, case-insensitively; without `order` entries come by note.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UploadWhitelistSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  note: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["domain", "path", "updated_at", "created_at", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /upload_whitelists.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UploadWhitelistSearch extends Schema.Schema.Type<typeof UploadWhitelistSearch> {}

/**
 * The routes of the upload whitelist, each keyed by the function that calls it. The list is in id order
 * (cursors) without `order`, by id or by creation time.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/upload_whitelists.json",
    auth: "none",
    search: UploadWhitelistSearch,
    item: UploadWhitelist,
    /** Without `order`, by id, or by creation time (ids grow with it). */
    idOrdered: (search: UploadWhitelistSearch) =>
      search.order === undefined || search.order === "id_desc" || search.order === "id_asc" || search.order === "created_at",
    quirks: ["strict-search"]
  }),
  isAllowed: Route.make({ method: "GET", path: "/upload_whitelists/is_allowed.json", auth: "none", item: IsAllowed })
} as const

/**
 * One page of whitelist entries (`GET /upload_whitelists.json`, anyone).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<UploadWhitelistSearch, UploadWhitelist> = Endpoint.search(routes.search)

/**
 * Every whitelist entry matching a search, as a `Stream` (`b<id>` cursors, newest first, unless ordered by
 * domain, path or update time).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<UploadWhitelistSearch, UploadWhitelist> = Endpoint.stream(routes.search)

/**
 * Whether e621 would download from a URL (`GET /upload_whitelists/is_allowed.json?url=`, anyone), and why
 * not. The URL must be http(s) and carry no user info (e621 refuses those, and sending them would hand it
 * your credentials for that site): both are `E621InvalidInput` before any request.
 *
 * @category Read
 * @since 0.1.0
 */
export const isAllowed = (url: string): Effect.Effect<IsAllowed, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Upload.urlText("url", url)
    const parsed = new URL(checked)
    if (parsed.username !== "" || parsed.password !== "") {
      return yield* invalidInput("url", "must not carry a user name or password (e621 refuses URLs with embedded credentials)")
    }
    return yield* Endpoint.call(routes.isAllowed, { query: { url: checked } })
  })
