/**
 * Uploads from a file on disk: the file is checked (exists, not empty, within e621's size limit for its type)
 * and read, then sent with `Uploads.create`; the answer's post is fetched so the caller gets the new `Post`.
 *
 * @example
 * ```ts
 * import { NodeUploads } from "@effect-e621/platform-node"
 *
 * const post = NodeUploads.fromPath("./art.png", { tags: "canine solo", rating: "s", sources: ["https://…"] })
 * ```
 *
 * @since 0.1.0
 */
import * as Posts from "@effect-e621/core/api/Posts"
import type * as Post from "@effect-e621/core/schemas/Post"
import * as Uploads from "@effect-e621/core/api/Uploads"
import type * as E621Client from "@effect-e621/core/E621Client"
import { checkOptions, type E621Error, invalidInput, optionKeys } from "@effect-e621/core/E621Error"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Path from "effect/Path"
import type { PlatformError } from "effect/PlatformError"

/**
 * What to upload with the file: everything `Uploads.create` takes except the file or URL.
 *
 * @category Types
 * @since 0.1.0
 */
export type Options = Omit<Uploads.Create, "file" | "url">

const keys = optionKeys<Options>({ tags: true, rating: true, sources: true, description: true, parentId: true, asPending: true })

const megabytes = 1024 * 1024

/**
 * e621's largest file per type (`Danbooru.config.max_file_sizes`; animated PNGs 20 MB), and the only types it
 * takes: a file whose name ends in another extension (`.txt`, `.pdf`, `.zip`) is refused before it is read.
 * A name without an extension is sent (e621 tells the type from the content) under the largest limit.
 *
 * @category Constants
 * @since 0.1.0
 */
export const maxFileSizes: Readonly<Record<string, number>> = {
  jpg: 100 * megabytes,
  jpeg: 100 * megabytes,
  png: 100 * megabytes,
  gif: 20 * megabytes,
  webm: 100 * megabytes,
  mp4: 100 * megabytes,
  webp: 100 * megabytes
}

const largest = 100 * megabytes

/**
 * Uploads the file at `path` (`POST /uploads.json`, member) and answers the new post (`GET /posts/:id.json`).
 * A missing or unreadable file fails with the `PlatformError`; a directory, an empty file, a type e621 does not
 * take or a file over e621's size limit for its extension fails with `E621InvalidInput` (`field: "path"`)
 * before anything is read or sent, and so do options with an unknown key (`file` and `url` too: the path is
 * the file). e621's refusals (a duplicate, an invalid file) are `E621ValidationFailed`, as from `Uploads.create`.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const fromPath = (
  path: string,
  options: Options
): Effect.Effect<Post.Post, E621Error | PlatformError, E621Client.E621Client | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    yield* checkOptions(options, keys, undefined, { required: true })
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    const info = yield* fs.stat(path)
    const filename = paths.basename(path)
    const ext = paths.extname(filename).slice(1).toLowerCase()
    const size = Number(info.size)
    const max = maxFileSizes[ext] ?? largest
    if (info.type !== "File") return yield* invalidInput("path", `${JSON.stringify(path)} is not a file`)
    if (ext !== "" && maxFileSizes[ext] === undefined) {
      return yield* invalidInput("path", `${JSON.stringify(filename)}: e621 takes only ${Object.keys(maxFileSizes).join(", ")} files`)
    }
    if (size === 0) return yield* invalidInput("path", `${JSON.stringify(path)} is empty`)
    if (size > max) {
      return yield* invalidInput("path", `${JSON.stringify(filename)} is ${size} bytes; e621 takes at most ${max} for .${ext || "?"} files`)
    }
    const data = yield* fs.readFile(path)
    // the file may have grown since `stat`: what is sent is what was checked
    if (data.byteLength === 0 || data.byteLength > max) {
      return yield* invalidInput("path", `${JSON.stringify(filename)} changed while read: ${data.byteLength} bytes (1..${max} allowed)`)
    }
    const result = yield* Uploads.create({ ...options, file: { data, filename } })
    return yield* Posts.get(result.post_id)
  })
