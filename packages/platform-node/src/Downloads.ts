/**
 * Downloads of e621 post files to disk.
 *
 * e621 serves files from a static host (`static1.e621.net`) that needs no login; its URLs are `null` when
 * e621 hides the post from the viewer (deleted, safe mode, login required). On top of core's
 * `Posts.download` (User-Agent, no credentials, the client's `"files"` rate-limit bucket), this module:
 *
 * - writes **atomically**: bytes go to a hidden temporary file next to the target, which is renamed into
 *   place only once complete and verified — a download that fails, is interrupted or killed never leaves a
 *   partial file under the final name (the temporary file is removed on failure and interruption);
 * - **verifies the md5** of originals against `post.file.md5` (a mismatch is retried like a cut body);
 * - **resumes**: a file already present under its final name with the right md5 is skipped, not fetched;
 * - names files from a **template** (`"{artist}/{id}.{ext}"`, `"{pool_id}/{pool_index}.{ext}"`, …);
 * - downloads pools **in reading order** and runs **bounded concurrency** — every request still waits for
 *   the client's limiters (API pages under the read bucket, files under the files bucket);
 * - reports posts without a URL as `Unavailable` with `Post.visibility`'s reason instead of failing;
 * - keeps going: one file that fails (e621, the network, a deadline, the disk) is reported as `Failed` and
 *   the rest of the batch goes on, unless `failFast` asks to stop at the first failure;
 * - cuts file names at the file system's limit of 255 **bytes** per path component (leaving room for the
 *   temporary file's suffix), at a character boundary, shortening the longest placeholder values first.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Posts } from "@effect-e621/core"
 * import { Downloads, NodeE621 } from "@effect-e621/platform-node"
 * import { NodeServices } from "@effect/platform-node"
 *
 * Downloads.all(Posts.stream({ tags: "otter rating:s" }).pipe(Stream.take(50)), "./otters", {
 *   filename: "{artist}/{id}.{ext}",
 *   concurrency: 4
 * }).pipe(
 *   Stream.runForEach((outcome) => Effect.log(outcome._tag, outcome.post.id)),
 *   Effect.provide([NodeE621.layer({ userAgent: "my-bot/1.0 (by me on e621)" }), NodeServices.layer])
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Post from "@effect-e621/core/schemas/Post"
import * as Posts from "@effect-e621/core/api/Posts"
import * as Pools from "@effect-e621/core/api/Pools"
import * as Blacklist from "@effect-e621/core/Blacklist"
import {
  checkOptions,
  type E621Error,
  E621InvalidInput,
  E621TransportError,
  optionKeys
} from "@effect-e621/core/E621Error"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Path from "effect/Path"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import type { PlatformError } from "effect/PlatformError"
import * as Crypto from "node:crypto"

/**
 * A post to download, optionally with its place in a pool (for `{pool_id}`, `{pool_name}`, `{pool_index}`).
 *
 * @category Types
 * @since 0.1.0
 */
export type Item = Post.Post | {
  readonly post: Post.Post
  readonly pool?: PoolPlace | undefined
}

/**
 * A post's place in a pool: `index` is 0-based, `size` the number of pages (for zero padding).
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolPlace {
  readonly id: number
  readonly name: string
  readonly index: number
  readonly size: number
}

/**
 * What happened to one post: written (`Downloaded`), already present with the right md5 (`Skipped`, nothing
 * fetched), without a URL (`Unavailable`, with `Post.visibility`'s reason), or failed after retries
 * (`Failed`, only from {@link all}: e621's error, a missed transfer deadline, or the file system's).
 *
 * @category Types
 * @since 0.1.0
 */
export type Outcome =
  | { readonly _tag: "Downloaded"; readonly post: Post.Post; readonly path: string; readonly bytes: number }
  | { readonly _tag: "Skipped"; readonly post: Post.Post; readonly path: string; readonly bytes: number }
  | { readonly _tag: "Unavailable"; readonly post: Post.Post; readonly reason: Post.Visibility | "no-file" }
  | { readonly _tag: "Failed"; readonly post: Post.Post; readonly error: DownloadError }

/**
 * Options of {@link toFile} and {@link all}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** Which file: `"original"` (default), `"sample"` or `"preview"`. Only originals have an md5 to verify. */
  readonly variant?: Posts.Variant | undefined
  /**
   * File name template relative to the directory; `/` makes sub-directories. Placeholders: `{id}`, `{md5}`,
   * `{ext}`, `{rating}`, `{artist}`, `{artists}`, `{character}`, `{copyright}`, `{species}`, `{score}`,
   * `{favs}`, `{width}`, `{height}`, `{date}` (YYYY-MM-DD), `{year}`, `{variant}`, `{pool_id}`, `{pool_name}`,
   * `{pool_index}` (1-based, zero-padded). Default `"{id}.{ext}"`, or `"{pool_index}_{id}.{ext}"` in pools.
   */
  readonly filename?: string | undefined
  /** Files in flight at once (default 4). Each request still waits for the client's rate limiter. */
  readonly concurrency?: number | undefined
  /** Whole-file retries after a cut body or an md5 mismatch (default 2). */
  readonly retries?: number | undefined
  /** Check the md5 of originals, also of files already present (default `true`). */
  readonly verify?: boolean | undefined
  /** Called with the size of every chunk written (for progress bars). */
  readonly onBytes?: ((bytes: number) => void) | undefined
  /**
   * Posts not to download (in {@link all} and {@link pool}; counted in `Blacklist.hidden`, and not emitted):
   * default the client's `blacklist` option, `false` for none.
   */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
  /**
   * {@link all} only: end the stream with the first file's failure instead of reporting it as `Failed` and
   * going on (default `false`). Files in flight are interrupted; no temporary file is left.
   */
  readonly failFast?: boolean | undefined
}

const optionKeysOf = optionKeys<Options>({
  variant: true,
  filename: true,
  concurrency: true,
  retries: true,
  verify: true,
  onBytes: true,
  failFast: true, blacklist: true
})

/**
 * Failures of a download: e621's (HTTP, transport, bad input) and the file system's.
 *
 * @category Types
 * @since 0.1.0
 */
export type DownloadError = E621Error | PlatformError

const placeholders = new Set([
  "id", "md5", "ext", "rating", "artist", "artists", "character", "copyright", "species", "score", "favs", "width",
  "height", "date", "year", "variant", "pool_id", "pool_name", "pool_index"
])

const nonArtists = new Set(["unknown_artist", "conditional_dnp", "sound_warning", "epilepsy_warning", "third-party_edit", "anonymous_artist", "avoid_posting"])

/** A placeholder value safe on every file system: no separators, control or reserved characters, no leading dots. */
const safe = (value: string): string =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[/\\:*?"<>|\u0000-\u001f]/g, "_").replace(/^\.+/, "_") || "_"

/**
 * Longest path component written, in UTF-8 bytes: file systems allow 255 (ext4, btrfs, APFS; NTFS counts 255
 * UTF-16 units, never more than the bytes), minus the temporary file's `.` prefix and `.<8 hex>.part` suffix.
 */
const maxComponentBytes = 255 - ".".length - ".01234567.part".length

const encoder = new TextEncoder()
const bytesOf = (text: string): number => encoder.encode(text).length
/** Built on first use: setting up an `Intl.Segmenter` costs ICU ~8 ms, which the import should not pay. */
let segmenter: Intl.Segmenter | undefined
const graphemesOf = (text: string): Intl.Segments =>
  (segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(text)

/** The longest prefix of `text` within `max` UTF-8 bytes that ends on a grapheme boundary. */
const cutBytes = (text: string, max: number): string => {
  let out = ""
  let size = 0
  for (const { segment } of graphemesOf(text)) {
    const bytes = bytesOf(segment)
    if (size + bytes > max) break
    out += segment
    size += bytes
  }
  return out
}

/**
 * A rendered path component within {@link maxComponentBytes}: the longest placeholder value is cut first (at a
 * character boundary, keeping at least one character), so `{id}` and `.{ext}` survive a 300-byte `{artist}`.
 */
const fitComponent = (parts: Array<{ text: string; readonly value: boolean }>): string => {
  let total = parts.reduce((n, part) => n + bytesOf(part.text), 0)
  while (total > maxComponentBytes) {
    let longest: { text: string } | undefined
    for (const part of parts) if (part.value && bytesOf(part.text) > bytesOf(longest?.text ?? "")) longest = part
    if (longest === undefined) break
    const size = bytesOf(longest.text)
    const first = [...graphemesOf(longest.text)][0]?.segment ?? ""
    const cut = cutBytes(longest.text, Math.max(bytesOf(first), size - (total - maxComponentBytes)))
    if (cut.length === longest.text.length) break
    longest.text = cut
    total -= size - bytesOf(cut)
  }
  return parts.map((part) => part.text).join("")
}

const extensionOf = (url: string | null, fallback: string): string => {
  const match = url === null ? null : /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)
  return match ? match[1]!.toLowerCase() : fallback
}

const postOf = (item: Item): Post.Post => ("post" in item ? item.post : item)
const poolOf = (item: Item): PoolPlace | undefined => ("post" in item ? item.pool : undefined)

/**
 * Checks a file name template: known placeholders only, relative, no `..` segments.
 *
 * @category Functions
 * @since 0.1.0
 */
export const validateTemplate = (template: string): Effect.Effect<string, E621InvalidInput> => {
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    if (!placeholders.has(match[1]!)) {
      return Effect.fail(new E621InvalidInput({
        field: "filename",
        message: `unknown placeholder {${match[1]}}; known: ${[...placeholders].map((p) => `{${p}}`).join(" ")}`
      }))
    }
  }
  if (template.trim() === "" || template.startsWith("/") || /(^|[/\\])\.\.([/\\]|$)/.test(template)) {
    return Effect.fail(new E621InvalidInput({ field: "filename", message: "must be a relative path without '..'" }))
  }
  for (const segment of template.split(/[/\\]/)) {
    const literal = segment.replace(/\{[a-z0-9_]+\}/g, "")
    // placeholder values are cut to fit, but keep a few bytes (an id, a first character)
    const reserve = literal === segment ? 0 : 32
    if (bytesOf(literal) + reserve > maxComponentBytes) {
      return Effect.fail(new E621InvalidInput({
        field: "filename",
        message: `the path segment "${segment.slice(0, 40)}…" is over ${maxComponentBytes} bytes without its placeholders`
      }))
    }
  }
  return Effect.succeed(template)
}

/**
 * The relative file name of an item under a template (placeholders are made safe for file systems; the
 * template's own `/` separators make sub-directories).
 *
 * @category Functions
 * @since 0.1.0
 */
export const render = (template: string, item: Item, variant: Posts.Variant = "original"): string => {
  const post = postOf(item)
  const pool = poolOf(item)
  const first = (list: ReadonlyArray<string> | undefined): string => list?.[0] ?? "none"
  const artists = post.tags.artist.filter((a) => !nonArtists.has(a))
  const values: Record<string, () => string> = {
    id: () => String(post.id),
    md5: () => post.file.md5,
    ext: () => extensionOf(Posts.fileUrl(post, variant), variant === "original" ? post.file.ext : "jpg"),
    rating: () => post.rating,
    artist: () => artists[0] ?? first(post.tags.artist) ?? "unknown_artist",
    artists: () => (artists.length > 0 ? artists : ["unknown_artist"]).join("+"),
    character: () => first(post.tags.character),
    copyright: () => first(post.tags.copyright),
    species: () => first(post.tags.species),
    score: () => String(post.score.total),
    favs: () => String(post.fav_count),
    width: () => String(post.file.width),
    height: () => String(post.file.height),
    date: () => post.created_at.slice(0, 10),
    year: () => post.created_at.slice(0, 4),
    variant: () => variant,
    pool_id: () => (pool === undefined ? "nopool" : String(pool.id)),
    pool_name: () => (pool === undefined ? "nopool" : pool.name),
    pool_index: () =>
      pool === undefined ? "0" : String(pool.index + 1).padStart(Math.max(3, String(pool.size).length), "0")
  }
  return template
    .split(/[/\\]/)
    .map((segment) =>
      fitComponent(segment.split(/(\{[a-z0-9_]+\})/).map((piece) => {
        const name = /^\{([a-z0-9_]+)\}$/.exec(piece)?.[1]
        return name === undefined ? { text: piece, value: false } : { text: safe(values[name]?.() ?? name), value: true }
      }))
    )
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/")
}

const md5Mismatch = (post: Post.Post, actual: string): E621TransportError =>
  new E621TransportError({
    method: "GET",
    url: post.file.url ?? "",
    kind: "body",
    sent: true,
    message: `post ${post.id}: md5 of the downloaded file is ${actual}, e621 says ${post.file.md5}`
  })

const md5OfFile = (fs: FileSystem.FileSystem, path: string): Effect.Effect<string, PlatformError> =>
  Effect.suspend(() => {
    const hash = Crypto.createHash("md5")
    return fs.stream(path).pipe(
      Stream.runForEach((chunk) => Effect.sync(() => hash.update(chunk))),
      Effect.map(() => hash.digest("hex"))
    )
  })

const tempName = (path: Path.Path, target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.${Crypto.randomBytes(4).toString("hex")}.part`)

/** One attempt: stream into the temporary file, verify, rename; the temporary file never outlives a failure. */
const attempt = (
  fs: FileSystem.FileSystem,
  path: Path.Path,
  post: Post.Post,
  target: string,
  variant: Posts.Variant,
  options: Options
): Effect.Effect<number, DownloadError, E621Client.E621Client> =>
  Effect.suspend(() => {
    const temp = tempName(path, target)
    const hash = Crypto.createHash("md5")
    let bytes = 0
    const onBytes = options.onBytes
    const write = Posts.download(post, { variant }).pipe(
      Stream.map((chunk) => {
        hash.update(chunk)
        bytes += chunk.length
        onBytes?.(chunk.length)
        return chunk
      }),
      Stream.run(fs.sink(temp, { flag: "w" }))
    )
    return write.pipe(
      Effect.andThen(Effect.suspend((): Effect.Effect<void, DownloadError> => {
        const actual = hash.digest("hex")
        return variant === "original" && options.verify !== false && actual !== post.file.md5
          ? Effect.fail(md5Mismatch(post, actual))
          : fs.rename(temp, target)
      })),
      Effect.onExit((exit) => exit._tag === "Success" ? Effect.void : fs.remove(temp, { force: true }).pipe(Effect.ignore)),
      Effect.map(() => bytes)
    )
  })

const retryable = (error: DownloadError): boolean => error._tag === "E621TransportError"

/**
 * Downloads one post (or pool item) into `dir` under the template name and says what happened. Posts without
 * a URL give `Unavailable` with the reason; a file already present with the right md5 gives `Skipped`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const toFile = (
  item: Item,
  dir: string,
  options: Options = {}
): Effect.Effect<Outcome, DownloadError, E621Client.E621Client | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    yield* checkOptions(options, optionKeysOf)
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const post = postOf(item)
    const variant = options.variant ?? "original"
    const template = yield* validateTemplate(options.filename ?? (poolOf(item) ? "{pool_index}_{id}.{ext}" : "{id}.{ext}"))
    if (Posts.fileUrl(post, variant) === null) {
      const settings = yield* E621Client.settings
      const reason = Post.visibility(post, { safeMode: settings.safeMode, loggedIn: settings.username !== undefined })
      return { _tag: "Unavailable", post, reason: reason === "visible" ? "no-file" : reason } as const
    }
    const target = path.join(dir, render(template, item, variant))
    if (yield* fs.exists(target)) {
      const verify = variant === "original" && options.verify !== false
      const size = Number((yield* fs.stat(target)).size)
      if (!verify && size > 0) return { _tag: "Skipped", post, path: target, bytes: size } as const
      if (verify && (yield* md5OfFile(fs, target)) === post.file.md5) {
        return { _tag: "Skipped", post, path: target, bytes: size } as const
      }
    }
    yield* fs.makeDirectory(path.dirname(target), { recursive: true })
    const retries = Math.max(0, options.retries ?? 2)
    const run = (left: number): Effect.Effect<number, DownloadError, E621Client.E621Client> =>
      attempt(fs, path, post, target, variant, options).pipe(
        Effect.catchIf((error) => left > 0 && retryable(error), () => run(left - 1))
      )
    const bytes = yield* run(retries)
    return { _tag: "Downloaded", post, path: target, bytes } as const
  })

/**
 * Downloads every item of a stream into `dir`, `concurrency` files at a time (default 4), emitting one
 * {@link Outcome} per item in the input's order. A file that fails — e621's error, a missed transfer
 * deadline, the file system's (a name the disk refuses, a full disk) — becomes a `Failed` outcome and the
 * others go on; with `failFast` the first failure ends the stream instead. Errors of the input stream (the
 * search itself) and a bad template end the stream.
 *
 * @category Stream
 * @since 0.1.0
 */
export const all = <E, R>(
  items: Stream.Stream<Item, E, R>,
  dir: string,
  options: Options = {}
): Stream.Stream<Outcome, E | DownloadError, R | E621Client.E621Client | FileSystem.FileSystem | Path.Path> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* checkOptions(options, optionKeysOf)
    yield* validateTemplate(options.filename ?? "{id}.{ext}")
    const blacklist = yield* Blacklist.inForce(options.blacklist)
    return items.pipe(
      Blacklist.hide(blacklist, postOf),
      Stream.mapEffect(
        (item) =>
          options.failFast === true ? toFile(item, dir, options) : toFile(item, dir, options).pipe(
            Effect.catch((error) => Effect.succeed<Outcome>({ _tag: "Failed", post: postOf(item), error }))
          ),
        { concurrency: Math.max(1, options.concurrency ?? 4) }
      )
    )
  }))

/**
 * The posts of a pool in reading order, each with its place (for `{pool_index}`); pages e621 no longer shows
 * (deleted, hidden, gone) come as their post when known so they are reported, and are otherwise left out.
 *
 * @category Stream
 * @since 0.1.0
 */
export const poolItems = (id: number): Stream.Stream<Item, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.map(Pools.get(id), (pool) =>
    Pools.posts(id).pipe(
      Stream.filterMap((page) =>
        page.post === undefined
          ? Result.failVoid
          : Result.succeed<Item>({ post: page.post, pool: { id: pool.id, name: pool.name, index: page.index, size: pool.post_ids.length } })
      )
    )))

/**
 * Downloads a whole pool into `dir`, files named in reading order (default `"{pool_index}_{id}.{ext}"`).
 *
 * @category Stream
 * @since 0.1.0
 */
export const pool = (
  id: number,
  dir: string,
  options: Options = {}
): Stream.Stream<Outcome, DownloadError, E621Client.E621Client | FileSystem.FileSystem | Path.Path> =>
  all(
    poolItems(id),
    dir,
    // options that are not an object go on as they are, for `all` to refuse
    typeof options === "object" && options !== null ? { ...options, filename: options.filename ?? "{pool_index}_{id}.{ext}" } : options
  )
