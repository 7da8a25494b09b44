/**
 * Post flags: report a post that breaks a rule, and read flags and deletion records
 * (`app/controllers/post_flags_controller.rb`, `app/models/post_flag.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostFlags } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const flags = yield* PostFlags.search({ postId: 3291457 })
 *   const flag = yield* PostFlags.get(1)
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
import { PostFlag } from "../schemas/PostFlag.ts"

/**
 * Search fields of `GET /post_flags.json` (strict: other keys are a 403; `id`, `createdAt`, `updatedAt` are
 * allowed on every e621 search). `postId` takes one id or a list (e621 splits it on
 * commas; ranges are not understood there); `type`
 * separates flags from deletion records; `postTagsMatch` needs a member, `note` staff. Flaggers the viewer may
 * not see are never matched by `creator*`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostFlagSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  reasonMatches: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Ids),
  type: Schema.optionalKey(Schema.Literals(["flag", "deletion"])),
  isResolved: Schema.optionalKey(Schema.Boolean),
  postTagsMatch: Schema.optionalKey(Params.Text),
  note: Schema.optionalKey(Params.Text)
})

/**
 * Search fields of `GET /post_flags.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostFlagSearch extends Schema.Schema.Type<typeof PostFlagSearch> {}

/** The fields of `POST /post_flags.json` (`post_flag[…]`), checked by {@link create} before sending. */
const FlagBody = Schema.Struct({
  postId: Params.Id,
  reasonName: Params.Text,
  parentId: Schema.optionalKey(Params.Id),
  note: Schema.optionalKey(Params.Text)
})

/**
 * The routes of post flags, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/post_flags.json",
    auth: "none",
    search: PostFlagSearch,
    item: PostFlag,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/post_flags/:id.json", auth: "none", item: PostFlag }),
  create: Route.make({ method: "POST", path: "/post_flags.json", auth: "member", root: "post_flag", body: FlagBody, item: PostFlag })
} as const

/**
 * One page of flags (`GET /post_flags.json`), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<PostFlagSearch, PostFlag> = Endpoint.search(routes.search)

/**
 * Every flag matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<PostFlagSearch, PostFlag> = Endpoint.stream(routes.search)

/**
 * One flag by id (`GET /post_flags/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<PostFlag, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * The flag reasons of e621's default set (`db/seeds.rb`) that need a parent post: the superior version
 * (`inferior`: "Duplicate or inferior version of another post").
 *
 * @category Constants
 * @since 0.1.0
 */
export const reasonsNeedingParent: ReadonlyArray<string> = ["inferior"]

/**
 * The flag reasons of e621's default set that need an explanation in `note`.
 *
 * @category Constants
 * @since 0.1.0
 */
export const reasonsNeedingNote: ReadonlyArray<string> = ["uploading_guidelines", "trace", "corrupt"]

/**
 * A new flag (`POST /post_flags.json`). `reasonName` is the name of one of the site's flag reasons (data on
 * e621, not code: `young_human`, `dnp_artist`, `pay_content`, `trace`, `previously_deleted`, `real_porn`,
 * `corrupt`, `inferior`, `uploading_guidelines` by default).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Create {
  readonly postId: number
  readonly reasonName: string
  /** The better or original post, for reasons that need one (`inferior`); e621 makes it the post's parent. */
  readonly parentId?: number | undefined
  /** Explanation; required by some reasons (`trace`, `corrupt`, `uploading_guidelines`). */
  readonly note?: string | undefined
}

const flagKeys = Params.keysOf(FlagBody.ast) ?? []

const send = Endpoint.create(routes.create)

/**
 * Flags a post (`POST /post_flags.json`, member; 20 per hour, not for accounts under 3 days). Answers 201
 * with the flag. Checked first: a reason that needs a parent (`inferior`) needs `parentId` (not the post
 * itself), one that needs an explanation needs `note`, and `deletion` is staff-internal. e621 refuses a post
 * that is already flagged, deleted or status-locked, or flagged in the last day, with `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: Create): Effect.Effect<PostFlag, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(input, flagKeys, "post_flag", { required: true })
    const reason = input.reasonName
    if (reason === "deletion") return yield* invalidInput("reasonName", "\"deletion\" flags are made by staff deleting a post")
    if (reasonsNeedingParent.includes(reason) && input.parentId === undefined) {
      return yield* invalidInput("parentId", `the reason "${reason}" needs the id of the other post`)
    }
    if (input.parentId !== undefined && input.parentId === input.postId) {
      return yield* invalidInput("parentId", "cannot be the flagged post itself")
    }
    if (reasonsNeedingNote.includes(reason) && (input.note === undefined || input.note.trim() === "")) {
      return yield* invalidInput("note", `the reason "${reason}" needs an explanation`)
    }
    return yield* send({
      postId: input.postId,
      reasonName: reason,
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      ...(input.note !== undefined ? { note: input.note } : {})
    })
  })
