/**
 * Reverse image search (`GET`/`POST /iqdb_queries.json`, `app/controllers/iqdb_queries_controller.rb`):
 * posts that look like a post, an image hash, an image at a URL, or an uploaded file.
 *
 * e621 throttles the two kinds separately (since 2026-08-21; 429 "Throttled: Too many requests" beyond): by post
 * or hash 10 look-ups per 10 s; by file or URL anonymous 1 per minute, logged in 6 per 10 s. Look-ups by post
 * or hash draw from the client's `"iqdb"` bucket (`iqdbRateLimit`), by file or URL from `"iqdbImage"`
 * (`iqdbImageRateLimit`), whose defaults are those limits.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Iqdb } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const similar = yield* Iqdb.byPost(3291457)
 *   const byLink = yield* Iqdb.byUrl("https://example.com/picture.png", { scoreCutoff: 80 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Upload from "../internal/upload.ts"
import * as Route from "../Route.ts"
import * as IqdbMatch from "../schemas/IqdbMatch.ts"
import type * as Uploads from "./Uploads.ts"

/**
 * What to look for: one of a post id, a hash (hex), an image URL (on e621's upload whitelist), or a file.
 * `scoreCutoff` drops weaker matches (0..100, e621's default 60).
 *
 * @category Types
 * @since 0.1.0
 */
export type Query =
  & (
    | { readonly postId: number }
    | { readonly hash: string }
    | { readonly url: string }
    | { readonly file: Uploads.FileInput }
  )
  & { readonly scoreCutoff?: number | undefined }

/**
 * The routes of IQDB look-ups, each keyed by the function that calls it: `search` is the `GET` by post, hash
 * or URL (by URL it spends the `"iqdbImage"` bucket instead of the declared `"iqdb"`); `byFile` the multipart
 * `POST` with the file (also sent by `search({ file })`), which e621 serves without a CSRF check and outside
 * its write throttle, and which is safe to repeat. Both answer a list, legacy answers wrapped in `posts`.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/iqdb_queries.json",
    auth: "none",
    bucket: "iqdb",
    item: IqdbMatch.IqdbMatchJson,
    envelope: Route.list("posts"),
    stream: false
  }),
  byFile: Route.make({
    method: "POST",
    path: "/iqdb_queries.json",
    auth: "none",
    bucket: "iqdbImage",
    idempotent: true,
    item: IqdbMatch.IqdbMatchJson,
    envelope: Route.list("posts"),
    stream: false,
    quirks: ["no-csrf", "unthrottled"]
  })
} as const

const queryKeys = Params.keys<Query>({ postId: true, hash: true, url: true, file: true, scoreCutoff: true })
const sources = ["postId", "hash", "url", "file"] as const

const request = (query: Query) =>
  Effect.gen(function*() {
    yield* Params.options(query, queryKeys, "query", { required: true })
    const given = sources.filter((key) => (query as Partial<Record<string, unknown>>)[key] !== undefined)
    if (given.length !== 1) {
      return yield* invalidInput(
        "query",
        `give exactly one of postId, hash, url and file, got ${given.length === 0 ? "none" : given.join(" and ")}`
      )
    }
    const cutoff = query.scoreCutoff
    if (cutoff !== undefined && (!Number.isFinite(cutoff) || cutoff < 0 || cutoff > 100)) {
      return yield* invalidInput("scoreCutoff", `must be a number from 0 to 100, got ${Params.got(cutoff)}`)
    }
    const settings = yield* E621Client.settings
    const common = { score_cutoff: cutoff, v2: settings.postFormat === "v2" ? "true" : undefined }
    if ("file" in query) {
      const file = yield* Upload.toBlob("file", query.file)
      const fields = { score_cutoff: cutoff === undefined ? undefined : String(cutoff) }
      return Endpoint.request(routes.byFile, { query: { v2: common.v2 }, body: Upload.body(fields, { key: "file", ...file }) })
    }
    let key: Record<string, string | number>
    if ("postId" in query) key = { post_id: yield* Params.id("postId", query.postId) }
    else if ("hash" in query) {
      if (!/^[0-9a-f]+$/i.test(query.hash)) {
        return yield* invalidInput("hash", `must be a hexadecimal image hash, got ${Params.got(query.hash)}`)
      }
      key = { hash: query.hash.toLowerCase() }
    } else key = { url: yield* Upload.urlText("url", query.url) }
    const request = Endpoint.request(routes.search, { query: { ...key, ...common } })
    // an image to download: e621's image throttle
    return "url" in key ? { ...request, bucket: "iqdbImage" } satisfies E621Client.Request : request
  })

/**
 * Posts similar to the query (`GET /iqdb_queries.json`, or a multipart `POST /iqdb_queries.json` with a file),
 * best match first (as e621 orders them). Each result's `post` decodes from the
 * legacy answer — the raw model post wrapped twice, `"post":{"posts":{…}}` — or the `v2=true` form (sent
 * when the client's `postFormat` is `"v2"`). No match is `[]`. Bad input that e621 refuses is
 * `E621ValidationFailed` (400); a URL it could not download, `E621NotFound`.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  query: Query
): Effect.Effect<ReadonlyArray<IqdbMatch.IqdbMatch>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(request(query), (req) =>
    Effect.map(
      Endpoint.jsonList(req, routes.search.item, routes.search.envelope),
      (matches) => matches.map(IqdbMatch.fromJson)
    ))

/**
 * Options of {@link byPost}, {@link byHash}, {@link byUrl} and {@link byFile}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** Smallest similarity (0..100) a match must have. */
  readonly scoreCutoff?: number | undefined
}

/**
 * Posts similar to a post (`GET /iqdb_queries.json?post_id=`).
 *
 * @category Search
 * @since 0.1.0
 */
export const byPost = (
  postId: number, options: Options = {}
): Effect.Effect<ReadonlyArray<IqdbMatch.IqdbMatch>, E621Error, E621Client.E621Client> =>
  search({ postId, ...options })

/**
 * Posts similar to an image hash (`GET /iqdb_queries.json?hash=`).
 *
 * @category Search
 * @since 0.1.0
 */
export const byHash = (
  hash: string, options: Options = {}
): Effect.Effect<ReadonlyArray<IqdbMatch.IqdbMatch>, E621Error, E621Client.E621Client> =>
  search({ hash, ...options })

/**
 * Posts similar to the image at a URL (`GET /iqdb_queries.json?url=`; e621 downloads it, whitelisted sites only).
 *
 * @category Search
 * @since 0.1.0
 */
export const byUrl = (
  url: string, options: Options = {}
): Effect.Effect<ReadonlyArray<IqdbMatch.IqdbMatch>, E621Error, E621Client.E621Client> =>
  search({ url, ...options })

/**
 * Posts similar to an image file (a multipart `POST /iqdb_queries.json` with `file`).
 *
 * @category Search
 * @since 0.1.0
 */
export const byFile = (
  file: Uploads.FileInput, options: Options = {}
): Effect.Effect<ReadonlyArray<IqdbMatch.IqdbMatch>, E621Error, E621Client.E621Client> =>
  search({ file, ...options })
