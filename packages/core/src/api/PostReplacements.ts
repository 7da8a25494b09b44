/**
 * Post replacements: list proposed new files for posts, and propose one
 * (`app/controllers/post_replacements_controller.rb`, `app/models/post_replacement.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostReplacements } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const pending = yield* PostReplacements.search({ status: "pending", limit: 10 })
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
import * as Upload from "../internal/upload.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { PostReplacement, ReplacementResult } from "../schemas/PostReplacement.ts"
import type * as Uploads from "./Uploads.ts"

/**
 * Search fields of `GET /post_replacements.json`. `postId` takes up to 320 ids; `source` is wrapped in `*…*`
 * by e621; `status` is `pending`, `approved`, `rejected`, `original` or `promoted`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostReplacementSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  fileExt: Schema.optionalKey(Params.Text),
  md5: Schema.optionalKey(Params.Text),
  status: Schema.optionalKey(Schema.Literals(["pending", "approved", "rejected", "original", "promoted"])),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  approverId: Schema.optionalKey(Params.Range),
  approverName: Schema.optionalKey(Params.Text),
  uploaderIdOnApprove: Schema.optionalKey(Params.Range),
  uploaderNameOnApprove: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Range),
  reason: Schema.optionalKey(Params.Text),
  penalized: Schema.optionalKey(Schema.Boolean),
  source: Schema.optionalKey(Params.Text),
  fileName: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /post_replacements.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostReplacementSearch extends Schema.Schema.Type<typeof PostReplacementSearch> {}

/**
 * The routes of post replacements, each keyed by the function that calls it. `create` sends `post_id` and
 * `post_replacement[…]` fields, with the file as a multipart part.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_replacements.json",
    auth: "none",
    search: PostReplacementSearch,
    item: PostReplacement
  }),
  create: Route.make({
    method: "POST",
    path: "/post_replacements.json",
    auth: "member",
    root: "post_replacement",
    item: ReplacementResult
  })
} as const

/**
 * One page of replacements (`GET /post_replacements.json`), newest first. Rejected replacements are hidden
 * from everyone but staff and their creator.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostReplacementSearch, PostReplacement> = Endpoint.search(routes.search)

/**
 * Every replacement matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostReplacementSearch, PostReplacement> = Endpoint.stream(routes.search)

/**
 * A proposed replacement: exactly one of `file` and `url`, and a reason.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Create {
  readonly postId: number
  readonly file?: Uploads.FileInput | undefined
  readonly url?: string | undefined
  /** Why the file should be replaced (required). */
  readonly reason: string
  /** Source of the new file. */
  readonly source?: string | undefined
  /** Keep it pending even when the caller could approve it at once. */
  readonly asPending?: boolean | undefined
}

const createKeys = Params.keys<Create>({ postId: true, file: true, url: true, reason: true, source: true, asPending: true })

/**
 * Proposes a new file for a post (`POST /post_replacements.json`; members in e621's replacements beta, or
 * staff — others get `E621Forbidden`; 2 per post per day). Answers `{success, location}`; approvers'
 * replacements are applied at once unless `asPending`. e621's 412 (duplicate file, limits, bad file) becomes
 * `E621ValidationFailed` with its message.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: Create): Effect.Effect<ReplacementResult, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(input, createKeys, "input", { required: true })
    const postId = yield* Params.id("postId", input.postId)
    const { file, url } = yield* Upload.fileOrUrl(input)
    const reason = yield* Params.text("reason", input.reason, { max: 150 })
    const source = input.source === undefined ? undefined : yield* Params.text("source", input.source, { max: Upload.maxSourceLength })
    const fields = {
      post_id: String(postId),
      "post_replacement[replacement_url]": url,
      "post_replacement[reason]": reason,
      "post_replacement[source]": source,
      "post_replacement[as_pending]": input.asPending === undefined ? undefined : String(input.asPending)
    }
    return yield* Endpoint.call(routes.create, {
      body: Upload.body(fields, file === undefined ? undefined : { key: "post_replacement[replacement_file]", ...file })
    })
  })
