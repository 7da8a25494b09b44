/**
 * File input shared by the routes that take a file or a URL (`Uploads.create`, `PostReplacements.create`,
 * `Iqdb.byFile` / `byUrl`): the file as a `Blob` with a safe name, http(s) URLs, and the multipart-or-form
 * body those routes send.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as Uploads from "../api/Uploads.ts"
import type * as E621Client from "../E621Client.ts"
import { type E621InvalidInput, invalidInput } from "../E621Error.ts"
import * as Params from "./params.ts"

/** A file to send (public as `Uploads.FileInput`). @internal */
export type FileInput = Uploads.FileInput

/** A checked file: its bytes as a `Blob` and the name to send. @internal */
export interface FileBlob {
  readonly blob: Blob
  readonly filename: string
}

/** e621 cuts each source to 2,049 characters (`Post#strip_source`). @internal */
export const maxSourceLength = 2049

/**
 * The `Blob` and file name of a {@link FileInput} (bytes are copied into a `Blob`), or `E621InvalidInput`
 * for an empty file or a name with quotes or line breaks.
 *
 * @internal
 */
export const toBlob = (field: string, input: FileInput): Effect.Effect<FileBlob, E621InvalidInput> =>
  Effect.andThen(fileShape(field, input), () => blobOf(field, input))

const fileKeys = Params.keys<FileInput>({ data: true, filename: true })

const readFirst = "read the file first, e.g. { data: await fs.readFile(path), filename: \"image.png\" } (paths are not read)"

/** A {@link FileInput} in the shape it must have: `{ data: Blob | Uint8Array, filename? }`. */
const fileShape = (field: string, input: FileInput): Effect.Effect<void, E621InvalidInput> => {
  if (input instanceof Blob || input instanceof Uint8Array) {
    return Effect.fail(invalidInput(field, `must be { data, filename? }, got ${Params.got(input)}; wrap it: { data: file }`))
  }
  if (typeof input === "string") {
    return Effect.fail(invalidInput(field, `must be { data: Blob | Uint8Array, filename? }, got ${Params.got(input)}; ${readFirst}`))
  }
  return Effect.andThen(Params.options(input, fileKeys, field), () => {
    const data: unknown = input.data
    return data instanceof Blob || data instanceof Uint8Array
      ? Effect.void
      : Effect.fail(invalidInput(`${field}.data`, `must be a Blob, File or Uint8Array, got ${Params.got(data)}; ${readFirst}`))
  })
}

const blobOf = (field: string, input: FileInput): Effect.Effect<FileBlob, E621InvalidInput> => {
  const data = input.data
  const blob = data instanceof Blob ? data : new Blob([new Uint8Array(data)])
  if (blob.size === 0) return Effect.fail(invalidInput(field, "is empty (0 bytes); give the file's contents as data"))
  const own = typeof File !== "undefined" && data instanceof File ? data.name : undefined
  const filename = input.filename ?? own ?? "upload"
  if (typeof filename !== "string" || filename.trim() === "" || /[\r\n"]/.test(filename)) {
    return Effect.fail(
      invalidInput(`${field}.filename`, `must be a non-empty name without quotes or line breaks, got ${Params.got(filename)}`)
    )
  }
  return Effect.succeed({ blob, filename })
}

/** An http(s) URL, normalised by `URL`; anything else is `E621InvalidInput`. @internal */
export const urlText = (field: string, url: string): Effect.Effect<string, E621InvalidInput> => {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return Effect.succeed(parsed.toString())
  } catch {
    // fall through
  }
  return Effect.fail(invalidInput(field, `must be an http(s) URL like "https://example.com/image.png", got ${Params.got(url)}`))
}

/**
 * Exactly one of `file` and `url` (as uploads and replacements require), checked: the file as a
 * {@link FileBlob}, the URL normalised.
 *
 * @internal
 */
export const fileOrUrl = (input: {
  readonly file?: FileInput | undefined
  readonly url?: string | undefined
}): Effect.Effect<{ readonly file: FileBlob | undefined; readonly url: string | undefined }, E621InvalidInput> =>
  Effect.gen(function*() {
    if ((input.file === undefined) === (input.url === undefined)) {
      return yield* invalidInput(
        "file",
        input.file === undefined ? "give a file ({ data, filename? }) or a url" : "give either file or url, not both"
      )
    }
    const file = input.file === undefined ? undefined : yield* toBlob("file", input.file)
    const url = input.url === undefined ? undefined : yield* urlText("url", input.url)
    return { file, url }
  })

/** A request body: multipart (with the file under `key`) when a file is sent, form fields otherwise. @internal */
export const body = (
  fields: Readonly<Record<string, string | undefined>>,
  file: (FileBlob & { readonly key: string }) | undefined
): E621Client.Body => {
  if (file === undefined) return { _tag: "Form", fields }
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.append(key, value)
  data.append(file.key, file.blob, file.filename)
  return { _tag: "Multipart", data }
}
