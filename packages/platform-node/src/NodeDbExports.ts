/**
 * e621's database exports on Node: list them, and stream any of them as typed rows.
 *
 * e621 publishes daily gzip CSV dumps of its tables (§8): since June 2026 listed at `/db_exports.json`
 * (core's `DbExports.list`: exact sizes, checksums, URLs on the static host, one undated file per table);
 * before that as an nginx directory listing at `/db_export/` with dated files (`posts-2024-05-16.csv.gz`) and
 * fewer columns. {@link list} reads the current listing and falls back to the legacy one when the current
 * one answers 404. {@link stream} downloads a file (User-Agent, no credentials, the client's `"files"`
 * bucket), decompresses and parses it **as it arrives** — memory stays constant whatever the size (posts is
 * over a gigabyte) — and emits typed rows; `onProgress` reports compressed bytes read of the total.
 *
 * Rows of the `posts` export can be matched against a `TagQuery` offline with {@link toPost} and
 * {@link filter}: "every post matching X" without a single API request.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { NodeDbExports, NodeE621 } from "@effect-e621/platform-node"
 *
 * NodeDbExports.stream("posts").pipe(
 *   NodeDbExports.filter("otter rating:s score:>100"),
 *   Stream.runForEach((row) => Effect.log(row.id, row.md5)),
 *   Effect.provide(NodeE621.layer({ userAgent: "my-bot/1.0 (by me on e621)" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Post from "@effect-e621/core/schemas/Post"
import * as TagGraph from "@effect-e621/core/TagGraph"
import * as TagQuery from "@effect-e621/core/TagQuery"
import * as DbExports from "@effect-e621/core/api/DbExports"
import {
  checkOptions,
  E621DecodeError,
  type E621Error,
  E621InvalidInput,
  E621NotFound,
  E621TransportError,
  optionKeys
} from "@effect-e621/core/E621Error"
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import * as Zlib from "node:zlib"
import * as CsvParser from "@effect-e621/core/CsvParser"
import * as ExportRows from "@effect-e621/core/ExportRows"

/**
 * One downloadable export: its table `name`, file name, URL, size in bytes (unknown for some legacy entries),
 * checksum (current system, when computed), when it was written, its `date` (legacy files only) and which
 * `system` listed it.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Entry {
  readonly name: string
  readonly fileName: string
  readonly url: string
  readonly size: number | undefined
  readonly checksum: string | null
  readonly updatedAt: string | undefined
  readonly date: string | undefined
  readonly system: "current" | "legacy"
}

/**
 * Parses the legacy nginx listing of `/db_export/`: every `<name>-YYYY-MM-DD.csv.gz` with its size, newest
 * date first, then by name.
 *
 * @category Functions
 * @since 0.1.0
 */
export const parseLegacyListing = (html: string, baseUrl: string): Array<Entry> => {
  const out: Array<Entry> = []
  const line = /<a href="([a-z_]+)-(\d{4}-\d{2}-\d{2})\.csv\.gz">[^<]*<\/a>\s+(\S+ \S+)\s+(\d+|-)/g
  for (const match of html.matchAll(line)) {
    const [, name, date, , size] = match
    out.push({
      name: name!,
      fileName: `${name}-${date}.csv.gz`,
      url: new URL(`${name}-${date}.csv.gz`, baseUrl).toString(),
      size: size === "-" ? undefined : Number(size),
      checksum: null,
      updatedAt: undefined,
      date,
      system: "legacy"
    })
  }
  return out.sort((a, b) => (a.date! < b.date! ? 1 : a.date! > b.date! ? -1 : a.name < b.name ? -1 : 1))
}

/**
 * Largest legacy listing read (8 MiB): the real one lists a few dozen files per day kept, a few hundred KiB at
 * most; a body past this (a misconfigured host streaming a huge file) fails typed instead of filling memory.
 */
const maxListingBytes = 8 * 1024 * 1024

const readText = (url: string): Effect.Effect<string, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.fetchFile(url), (file) => {
    let size = 0
    return file.body.pipe(
      Stream.mapEffect((chunk) =>
        (size += chunk.byteLength) > maxListingBytes
          ? Effect.fail(
            new E621DecodeError({
              method: "GET",
              url: file.url,
              status: 200,
              issue: `the listing is over ${maxListingBytes} bytes`,
              excerpt: "",
              message: `GET ${file.url}: the export listing is over ${maxListingBytes} bytes; not an e621 listing`
            })
          )
          : Effect.succeed(chunk)
      ),
      Stream.decodeText(),
      Stream.runFold(() => "", (acc, chunk) => acc + chunk)
    )
  })

/**
 * Every export the site offers: the current `/db_exports.json` listing, or — when that answers 404 — the
 * legacy dated listing at `/db_export/`.
 *
 * @category Constants
 * @since 0.1.0
 */
export const list: Effect.Effect<ReadonlyArray<Entry>, E621Error, E621Client.E621Client> = DbExports.list.pipe(
  Effect.map((entries) =>
    entries.map((entry): Entry => ({
      name: entry.name,
      fileName: entry.file_name,
      url: entry.url,
      size: entry.file_size,
      checksum: entry.checksum,
      updatedAt: entry.updated_at,
      date: undefined,
      system: "current"
    }))
  ),
  Effect.catchTag("E621NotFound", () =>
    Effect.gen(function*() {
      const settings = yield* E621Client.settings
      const base = `${settings.baseUrl}/db_export/`
      return parseLegacyListing(yield* readText(base), base)
    }))
)

/**
 * Options of {@link stream}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface StreamOptions {
  /** Called as compressed bytes arrive: bytes read so far, and the file's size when known. */
  readonly onProgress?: ((read: number, total: number | undefined) => void) | undefined
}

const streamKeys = optionKeys<StreamOptions>({ onProgress: true })

/**
 * The latest entry of an export by name (`"posts"`, `"tags"`, …) from {@link list}.
 *
 * @category Functions
 * @since 0.1.0
 */
export const find = (name: string): Effect.Effect<Entry, E621Error, E621Client.E621Client> =>
  Effect.flatMap(list, (entries) => {
    const entry = entries.find((e) => e.name === name)
    return entry !== undefined
      ? Effect.succeed(entry)
      : Effect.fail(new E621NotFound({ url: DbExports.routes.list.path, status: 404, reason: "not found", message: `no export named "${name}"; there are: ${[...new Set(entries.map((e) => e.name))].join(", ")}` }))
  })

// Node's zlib, with backpressure through `pipeThroughDuplex`: about twice as fast as the web `DecompressionStream`
// (bridged through a `ReadableStream`) and with less memory in flight.
const gunzip = (bytes: Stream.Stream<Uint8Array, E621Error>, url: string): Stream.Stream<Uint8Array, E621Error> =>
  NodeStream.pipeThroughDuplex(bytes, {
    evaluate: () => Zlib.createGunzip(),
    onError: (cause) =>
      new E621TransportError({
        method: "GET",
        url,
        kind: "body",
        sent: true,
        message: `${url}: could not decompress the export: ${cause instanceof Error ? cause.message : String(cause)}`
      })
  })

/**
 * The records of an export file as raw CSV fields, header included (`null` for SQL NULL).
 *
 * @category Stream
 * @since 0.1.0
 */
export const records = (
  entry: Entry,
  options: StreamOptions = {}
): Stream.Stream<CsvParser.Record, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.map(Effect.andThen(checkOptions(options, streamKeys), E621Client.fetchFile(entry.url)), (file) => {
    let read = 0
    const total = entry.size ?? file.contentLength
    const counted = file.body.pipe(Stream.map((chunk) => {
      read += chunk.length
      options.onProgress?.(read, total)
      return chunk
    }))
    return CsvParser.records(inflateBounded(gunzip(counted, file.url), () => read, file.url).pipe(Stream.decodeText()), { url: file.url })
  }))

/**
 * e621's CSV exports inflate to a few times their compressed size; a gzip bomb inflates ~1000×. The inflated
 * bytes may not exceed 64 MiB plus 100× the compressed bytes read so far: beyond, an `E621DecodeError`.
 */
const inflateBounded = (
  inflated: Stream.Stream<Uint8Array, E621Error>,
  compressed: () => number,
  url: string
): Stream.Stream<Uint8Array, E621Error> => {
  let total = 0
  return inflated.pipe(Stream.mapEffect((chunk) => {
    total += chunk.length
    if (total <= maxInflation.base + maxInflation.ratio * compressed()) return Effect.succeed(chunk)
    const issue = `the export inflates to over ${maxInflation.ratio}× its compressed size (${total} bytes from ${compressed()}): not an e621 export (a gzip bomb?)`
    return Effect.fail(new E621DecodeError({ method: "GET", url, issue, excerpt: "", message: `GET ${url}: ${issue}` }))
  }))
}

const maxInflation = { base: 64 * 1024 * 1024, ratio: 100 }

/**
 * The typed rows of an export (by name or {@link Entry}); the header decides which columns are read, so
 * legacy files (fewer columns) decode too. Unknown exports give rows of strings.
 *
 * @category Stream
 * @since 0.1.0
 */
export const stream = <const Name extends string>(
  name: Name | Entry,
  options: StreamOptions = {}
): Stream.Stream<ExportRows.RowOf<Name>, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.map(entryOf(name, options), (entry) => {
    const decode = ExportRows.rowDecoder(entry.name)
    let header: ReadonlyArray<string> | undefined
    // A chunk of records at a time, without an `Effect` per row (exports have millions of rows).
    return records(entry, options).pipe(
      Stream.mapArrayEffect((chunk) => {
        const rows: Array<ExportRows.RowOf<Name>> = []
        for (const record of chunk) {
          if (header === undefined) {
            header = record.map((field) => field ?? "")
            continue
          }
          const row = decode(header, record, entry.url)
          if (Result.isFailure(row)) return Effect.fail(row.failure)
          rows.push(row.success as ExportRows.RowOf<Name>)
        }
        return Effect.succeed([rows] as const)
      }),
      Stream.filter(isNonEmpty),
      Stream.flattenArray
    )
  }))

/** The entry to stream, once the options are checked (before {@link find} asks e621). */
const entryOf = (
  name: string | Entry, options: StreamOptions
): Effect.Effect<Entry, E621Error, E621Client.E621Client> =>
  Effect.andThen(checkOptions(options, streamKeys), typeof name === "string" ? find(name) : Effect.succeed(name))

const isNonEmpty = <A>(rows: Array<A>): rows is [A, ...Array<A>] => rows.length > 0

/**
 * A `posts` export row as a `Post` for `TagQuery.evaluate`: tags from `tag_string` (all under `general`
 * unless `categoryOf` — e.g. built from the `tags` export — names their category), no URLs (exports carry
 * none), preview and sample sizes by e621's rules (`Post.previewSize`, `Post.hasSample`, `Post.sampleSize`),
 * favourites, votes and relations left empty.
 *
 * @category Functions
 * @since 0.1.0
 */
export const toPost = (row: ExportRows.PostRow, categoryOf?: (tag: string) => string | undefined): Post.Post => {
  const tags: Record<string, Array<string>> = {
    general: [], artist: [], contributor: [], copyright: [], character: [], species: [], invalid: [], meta: [], lore: []
  }
  const names = row.tag_string.split(" ").filter((tag) => tag !== "")
  for (const tag of names) {
    const category = categoryOf?.(tag) ?? "general"
    ;(tags[category] ??= []).push(tag)
  }
  const sampled = Post.hasSample(row.file_ext, row.image_width, row.image_height, names)
  return {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    file: { width: row.image_width, height: row.image_height, ext: row.file_ext, size: row.file_size, md5: row.md5, url: null },
    preview: { ...Post.previewSize(row.image_width, row.image_height), url: null },
    sample: { has: sampled, ...Post.sampleSize(row.image_width, row.image_height, sampled), url: null, alternates: {} },
    score: { up: row.up_score, down: row.down_score, total: row.score },
    tags: tags as unknown as Post.Tags,
    locked_tags: row.locked_tags === null || row.locked_tags === "" ? [] : row.locked_tags.split(" "),
    change_seq: row.change_seq,
    flags: {
      pending: row.is_pending,
      flagged: row.is_flagged,
      note_locked: row.is_note_locked,
      status_locked: row.is_status_locked,
      rating_locked: row.is_rating_locked,
      deleted: row.is_deleted
    },
    rating: row.rating,
    fav_count: row.fav_count,
    sources: row.source === null || row.source === "" ? [] : row.source.split("\n"),
    pools: [],
    relationships: { parent_id: row.parent_id, has_children: false, has_active_children: false, children: [] },
    approver_id: row.approver_id,
    uploader_id: row.uploader_id,
    description: row.description ?? "",
    comment_count: row.comment_count,
    is_favorited: false,
    has_notes: row.last_noted_at !== null && row.last_noted_at !== undefined,
    duration: row.duration
  }
}

/**
 * Options of {@link filter}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface FilterOptions {
  /** The category of a tag (`"artist"`, `"species"`, …), for category metatags; exports carry none. */
  readonly categoryOf?: ((tag: string) => string | undefined) | undefined
  /** Aliases to resolve as e621's search does (see {@link tagGraph}); none by default. */
  readonly tagGraph?: TagGraph.TagGraph | undefined
}

const filterKeys = optionKeys<FilterOptions>({ categoryOf: true, tagGraph: true })

/**
 * The tag graph of the `tag_aliases` and `tag_implications` exports (active relationships only), for
 * {@link filter}'s `tagGraph`: two downloads of a few megabytes, read as they arrive.
 *
 * @category Constants
 * @since 0.1.0
 */
export const tagGraph: Effect.Effect<TagGraph.TagGraph, E621Error, E621Client.E621Client> = Effect.map(
  Effect.all([Stream.runCollect(stream("tag_aliases")), Stream.runCollect(stream("tag_implications"))]),
  ([aliases, implications]) => TagGraph.make({ aliases, implications })
)

/**
 * Keeps the `posts` rows matching a tag query (a string as typed on the site, tokens, or a `TagQuery`),
 * evaluated offline with `TagQuery.matcher`. Like e621, deleted posts only match when the query asks for
 * them (`status:deleted`, `status:any`). With `tagGraph` (see {@link tagGraph}) the query's tags are first
 * resolved through active aliases, as e621's search does (`kitty` finds `domestic_cat`); implications need
 * nothing, as exported posts already carry their implied tags (see `TagGraph`). A query that does not parse
 * fails with `E621InvalidInput`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const filter = (
  query: string | ReadonlyArray<string> | TagQuery.TagQuery,
  options: FilterOptions = {}
): <E, R>(rows: Stream.Stream<ExportRows.PostRow, E, R>) => Stream.Stream<ExportRows.PostRow, E | E621InvalidInput, R> =>
<E, R>(rows: Stream.Stream<ExportRows.PostRow, E, R>): Stream.Stream<ExportRows.PostRow, E | E621InvalidInput, R> =>
  Stream.unwrap(Effect.map(Effect.andThen(checkOptions(options, filterKeys), TagQuery.fromInput(query)), (parsed) => {
    const matches = TagGraph.matcher(options.tagGraph ?? TagGraph.empty, parsed)
    return rows.pipe(Stream.filter((row) => matches(toPost(row, options.categoryOf))))
  }))
