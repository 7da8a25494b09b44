/**
 * Uploads: create a post from a file or a URL (`app/controllers/uploads_controller.rb`,
 * `app/logical/upload_service.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Uploads } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   // needs credentials
 *   const result = yield* Uploads.create({
 *     url: "https://example.com/otter.png",
 *     tags: ["otter", "solo", "sitting"],
 *     rating: "s",
 *     sources: ["https://example.com/gallery/otter"]
 *   })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Upload from "../internal/upload.ts"
import * as Route from "../Route.ts"
import type * as Post from "../schemas/Post.ts"
import { UploadResult } from "../schemas/Upload.ts"

/**
 * A file to send: a `File` (its own name is used), or a `Blob` / bytes with `filename`. e621 reads the type
 * from the content; the name's extension only helps. Also taken by `PostReplacements.create` and
 * `Iqdb.byFile`.
 *
 * @category Types
 * @since 0.1.0
 */
export interface FileInput {
  readonly data: Blob | Uint8Array
  /** The file name sent in the multipart body; default the `File`'s name, else `"upload"`. */
  readonly filename?: string | undefined
}

/**
 * The routes of uploads, each keyed by the function that calls it. `create` sends `upload[…]` fields, with the
 * file as a multipart part.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  create: Route.make({ method: "POST", path: "/uploads.json", auth: "member", root: "upload", item: UploadResult })
} as const

/** e621 keeps at most 10 sources (`Post#strip_source`). */
const maxSources = 10

/**
 * A new post. Give exactly one of `file` and `url`. `rating` is required (e621 refuses uploads without one).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Create {
  /** The file, sent as multipart `upload[file]`. */
  readonly file?: FileInput | undefined
  /** A direct link to the file (`upload[direct_url]`); only whitelisted sites are accepted by e621. */
  readonly url?: string | undefined
  /** Tags, space-separated or a list (`upload[tag_string]`; e621's default is `tagme`). */
  readonly tags?: string | ReadonlyArray<string> | undefined
  readonly rating: Post.Rating
  /**
   * Sources, at most 10, each one line of at most 2,049 characters. e621 silently drops the extra ones and
   * cuts long ones; this client refuses them instead.
   */
  readonly sources?: ReadonlyArray<string> | undefined
  readonly description?: string | undefined
  readonly parentId?: number | undefined
  /** Upload as pending even when the uploader could approve it. */
  readonly asPending?: boolean | undefined
}

const tagString = (tags: string | ReadonlyArray<string> | undefined) => {
  if (tags === undefined) return Effect.succeed(undefined)
  const list = typeof tags === "string" ? tags.split(/\s+/).filter((t) => t !== "") : tags
  for (const tag of list) {
    if (typeof tag !== "string" || !/^\S+$/.test(tag)) {
      return Effect.fail(invalidInput("tags", `must be tag names without spaces, got ${Params.got(tag)} in the list`))
    }
  }
  return list.length === 0
    ? Effect.fail(invalidInput("tags", `must name at least one tag, got ${Params.got(tags)}; leave tags out for e621's "tagme"`))
    : Effect.succeed(list.join(" "))
}

/** Checks the source list as e621's `Post#strip_source` would cut it, refusing instead of cutting. */
const sourceText = (field: string, sources: ReadonlyArray<string> | undefined) => {
  if (sources === undefined) return Effect.succeed(undefined)
  if (!Array.isArray(sources)) {
    return Effect.fail(invalidInput(field, `must be a list of source URLs, got ${Params.got(sources)}; wrap one: [url]`))
  }
  if (sources.length > maxSources) {
    return Effect.fail(invalidInput(field, `at most ${maxSources} sources are kept by e621, got ${sources.length}`))
  }
  for (const [i, source] of sources.entries()) {
    if (typeof source !== "string" || source.trim() === "" || /[\r\n]/.test(source)) {
      return Effect.fail(invalidInput(`${field}[${i}]`, `must be one non-empty line, got ${Params.got(source)}`))
    }
    if (source.length > Upload.maxSourceLength) {
      return Effect.fail(invalidInput(`${field}[${i}]`, `is cut by e621 at ${Upload.maxSourceLength} characters, got ${source.length}`))
    }
  }
  return Effect.succeed(sources.join("\n"))
}

const createKeys = Params.keys<Create>({
  file: true,
  url: true,
  tags: true,
  rating: true,
  sources: true,
  description: true,
  parentId: true,
  asPending: true
})

/**
 * Uploads a post (`POST /uploads.json`, member; not in an account's first week unless it may upload freely;
 * 30 per hour and the account's upload slots). Answers `{success, location, post_id}`. e621's 412 answers
 * become `E621ValidationFailed`: a duplicate (`reason` "duplicate of post #N", `errors.post_id`) or an invalid
 * upload (`reason` "invalid: <message>"). Input is checked first: exactly one of `file` / `url`, a rating,
 * at most 10 one-line sources of at most 2,049 characters.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: Create): Effect.Effect<UploadResult, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(input, createKeys, "input", { required: true })
    const { file, url } = yield* Upload.fileOrUrl(input)
    const rating = yield* Params.oneOf("rating", input.rating, ["s", "q", "e"])
    if (rating === undefined) return yield* invalidInput("rating", "is required: \"s\" (safe), \"q\" (questionable) or \"e\" (explicit)")
    const fields = {
      "upload[direct_url]": url,
      "upload[tag_string]": yield* tagString(input.tags),
      "upload[rating]": rating,
      "upload[source]": yield* sourceText("sources", input.sources),
      "upload[description]": input.description === undefined
        ? undefined
        : yield* Params.text("description", input.description, { max: 50_000 }),
      "upload[parent_id]": input.parentId === undefined ? undefined : String(yield* Params.id("parentId", input.parentId)),
      "upload[as_pending]": input.asPending === undefined ? undefined : String(input.asPending)
    }
    return yield* Endpoint.call(routes.create, {
      body: Upload.body(fields, file === undefined ? undefined : { key: "upload[file]", ...file })
    })
  })
