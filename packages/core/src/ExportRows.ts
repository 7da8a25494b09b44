/**
 * Typed rows of e621's database exports (§8.1 column lists), as `Schema`s, and the conversion of CSV fields
 * to them: integers, `t`/`f` booleans, NULL (`null`), PostgreSQL arrays (`{1,2,3}`) and timestamps
 * (`2024-05-16 12:00:01.123456`, UTC without zone → ISO `2024-05-16T12:00:01.123456Z`). Columns that the
 * legacy (pre-June 2026) files lack are optional, so both systems decode with the same schema.
 *
 * @since 0.1.0
 */
import { E621DecodeError, type E621Error } from "./E621Error.ts"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"
import * as CsvParser from "./CsvParser.ts"

type Kind = "int" | "int?" | "text" | "text?" | "bool" | "time" | "time?" | "num?" | "ints" | "texts" | "rating"

const rating = Schema.Literals(["s", "q", "e"])

const schemaOf = (kind: Kind) => {
  switch (kind) {
    case "int":
      return Schema.Number
    case "int?":
    case "num?":
      return Schema.NullOr(Schema.Number)
    case "text":
    case "time":
      return Schema.String
    case "text?":
    case "time?":
      return Schema.NullOr(Schema.String)
    case "bool":
      return Schema.Boolean
    case "ints":
      return Schema.Array(Schema.Number)
    case "texts":
      return Schema.Array(Schema.String)
    case "rating":
      return rating
  }
}

const specs = {
  posts: {
    id: "int", uploader_id: "int", created_at: "time", md5: "text", source: "text?", rating: "rating", image_width: "int",
    image_height: "int", tag_string: "text", locked_tags: "text?", fav_count: "int", file_ext: "text", parent_id: "int?",
    change_seq: "int", approver_id: "int?", file_size: "int", comment_count: "int", description: "text?",
    duration: "num?", updated_at: "time?", is_deleted: "bool", is_pending: "bool", is_flagged: "bool", score: "int",
    up_score: "int", down_score: "int", is_rating_locked: "bool", is_status_locked: "bool", is_note_locked: "bool",
    bg_color: "text?", last_noted_at: "time?", last_commented_at: "time?"
  },
  post_versions: {
    id: "int", post_id: "int", version: "int", tags: "text", added_tags: "texts", removed_tags: "texts",
    locked_tags: "text?", added_locked_tags: "texts", removed_locked_tags: "texts", rating: "rating",
    rating_changed: "bool", parent_id: "int?", parent_changed: "bool", source: "text?", source_changed: "bool",
    description: "text?", description_changed: "bool", updater_id: "int?", updated_at: "time?", reason: "text?"
  },
  post_replacements: {
    id: "int", post_id: "int", creator_id: "int", approver_id: "int?", file_ext: "text", file_size: "int",
    image_height: "int", image_width: "int", md5: "text", source: "text?", file_name: "text?", status: "text",
    reason: "text?", created_at: "time", updated_at: "time"
  },
  tags: { id: "int", name: "text", category: "int", post_count: "int", created_at: "time?", updated_at: "time?", is_locked: "bool" },
  tag_aliases: {
    id: "int", antecedent_name: "text", consequent_name: "text", created_at: "time?", status: "text",
    forum_post_id: "int?", forum_topic_id: "int?", reason: "text?", updated_at: "time?", creator_id: "int?",
    approver_id: "int?", post_count: "int", down_votes: "int", meh_votes: "int", up_votes: "int"
  },
  tag_implications: {
    id: "int", antecedent_name: "text", consequent_name: "text", created_at: "time?", status: "text",
    forum_post_id: "int?", forum_topic_id: "int?", reason: "text?", updated_at: "time?", approver_id: "int?",
    creator_id: "int?", descendant_names: "texts", down_votes: "int", meh_votes: "int", up_votes: "int"
  },
  bulk_update_requests: {
    id: "int", user_id: "int", forum_topic_id: "int?", forum_post_id: "int?", script: "text", status: "text",
    approver_id: "int?", title: "text?", created_at: "time", updated_at: "time", down_votes: "int", meh_votes: "int",
    up_votes: "int"
  },
  artists: {
    id: "int", name: "text", other_names: "texts", group_name: "text?", linked_user_id: "int?", is_active: "bool",
    is_locked: "bool", creator_id: "int", created_at: "time", updated_at: "time", active_urls: "text?",
    inactive_urls: "text?"
  },
  pools: {
    id: "int", name: "text", created_at: "time", updated_at: "time", creator_id: "int", description: "text?",
    is_active: "bool", category: "text", post_ids: "ints"
  },
  wiki_pages: {
    id: "int", created_at: "time", updated_at: "time", title: "text", body: "text", creator_id: "int",
    updater_id: "int?", is_locked: "bool", parent: "text?"
  }
} as const satisfies Record<string, Record<string, Kind>>

/** Columns present in the legacy files (§8.2); the others are optional in the schemas. */
const legacy: Readonly<Record<string, ReadonlyArray<string>>> = {
  posts: Object.keys(specs.posts).filter((c) => c !== "bg_color" && c !== "last_noted_at" && c !== "last_commented_at"),
  pools: Object.keys(specs.pools),
  tags: ["id", "name", "category", "post_count"],
  tag_aliases: ["id", "antecedent_name", "consequent_name", "created_at", "status"],
  tag_implications: ["id", "antecedent_name", "consequent_name", "created_at", "status"],
  wiki_pages: Object.keys(specs.wiki_pages).filter((c) => c !== "parent")
}

type KindType<K extends Kind> = Schema.Schema.Type<ReturnType<typeof schemaOf>> extends never ? never
  : K extends "int" ? number
  : K extends "int?" | "num?" ? number | null
  : K extends "text" | "time" ? string
  : K extends "text?" | "time?" ? string | null
  : K extends "bool" ? boolean
  : K extends "ints" ? ReadonlyArray<number>
  : K extends "texts" ? ReadonlyArray<string>
  : K extends "rating" ? "s" | "q" | "e"
  : never

type RowType<S extends Record<string, Kind>> = { readonly [K in keyof S]: KindType<S[K]> }

const structOf = (name: keyof typeof specs) => {
  const spec: Record<string, Kind> = specs[name]
  const required = legacy[name]
  const fields: Record<string, Schema.Top> = {}
  for (const [column, kind] of Object.entries(spec)) {
    const schema = schemaOf(kind)
    fields[column] = required === undefined || required.includes(column) ? schema : Schema.optionalKey(schema)
  }
  return Schema.Struct(fields)
}

/**
 * A row of the `posts` export. `tag_string` is space-separated, `source` newline-separated; `bg_color`,
 * `last_noted_at`, `last_commented_at` are absent from legacy files.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostRow extends Omit<RowType<typeof specs.posts>, "bg_color" | "last_noted_at" | "last_commented_at"> {
  readonly bg_color?: string | null
  readonly last_noted_at?: string | null
  readonly last_commented_at?: string | null
}
/**
 * A row of `post_versions`: one edit of a post's tags, rating, source, parent or description.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVersionRow extends RowType<typeof specs.post_versions> {}
/**
 * A row of `post_replacements`: a replacement file offered for a post, with its status.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostReplacementRow extends RowType<typeof specs.post_replacements> {}
/** Rows whose legacy files had only the columns `K`: the others are optional. */
type LegacyRow<R, K extends keyof R> = Pick<R, K> & Partial<Omit<R, K>>

/**
 * A row of `tags`: `category` is e621's number (0 general, 1 artist, 3 copyright, 4 character, 5 species, …).
 *
 * @category Types
 * @since 0.1.0
 */
export type TagRow = LegacyRow<RowType<typeof specs.tags>, "id" | "name" | "category" | "post_count">
/**
 * A row of `tag_aliases`: `antecedent_name` → `consequent_name` with its `status`.
 *
 * @category Types
 * @since 0.1.0
 */
export type TagAliasRow = LegacyRow<RowType<typeof specs.tag_aliases>, "id" | "antecedent_name" | "consequent_name" | "created_at" | "status">
/**
 * A row of `tag_implications`: `antecedent_name` implies `consequent_name`, with its `status`.
 *
 * @category Types
 * @since 0.1.0
 */
export type TagImplicationRow = LegacyRow<RowType<typeof specs.tag_implications>, "id" | "antecedent_name" | "consequent_name" | "created_at" | "status">
/**
 * A row of `bulk_update_requests`: a batch of alias/implication/mass-update lines and its `status`.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkUpdateRequestRow extends RowType<typeof specs.bulk_update_requests> {}
/**
 * A row of `artists`: `active_urls` / `inactive_urls` are space-separated.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistRow extends RowType<typeof specs.artists> {}
/**
 * A row of `pools`: `post_ids` in reading order.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolRow extends RowType<typeof specs.pools> {}
/**
 * A row of `wiki_pages`: title, DText body and lock state.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageRow extends Omit<RowType<typeof specs.wiki_pages>, "parent"> {
  readonly parent?: string | null
}

/**
 * The `Schema` of every known export's rows (decoded side), by export name.
 *
 * @category Constants
 * @since 0.1.0
 */
export const schemas = {
  posts: structOf("posts"),
  post_versions: structOf("post_versions"),
  post_replacements: structOf("post_replacements"),
  tags: structOf("tags"),
  tag_aliases: structOf("tag_aliases"),
  tag_implications: structOf("tag_implications"),
  bulk_update_requests: structOf("bulk_update_requests"),
  artists: structOf("artists"),
  pools: structOf("pools"),
  wiki_pages: structOf("wiki_pages")
} as const

/**
 * The row type of an export by name; unknown exports give records of strings (`null` for NULL).
 *
 * @category Types
 * @since 0.1.0
 */
export type RowOf<Name extends string> = Name extends "posts" ? PostRow
  : Name extends "post_versions" ? PostVersionRow
  : Name extends "post_replacements" ? PostReplacementRow
  : Name extends "tags" ? TagRow
  : Name extends "tag_aliases" ? TagAliasRow
  : Name extends "tag_implications" ? TagImplicationRow
  : Name extends "bulk_update_requests" ? BulkUpdateRequestRow
  : Name extends "artists" ? ArtistRow
  : Name extends "pools" ? PoolRow
  : Name extends "wiki_pages" ? WikiPageRow
  : { readonly [column: string]: string | null }

/**
 * A PostgreSQL timestamp without zone (UTC) as ISO 8601: `2024-05-16 12:00:01.123456` →
 * `2024-05-16T12:00:01.123456Z`; values that already carry a zone are kept.
 *
 * @category Functions
 * @since 0.1.0
 */
export const isoTimestamp = (value: string): string =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? value.replace(" ", "T") + "Z" : value

const convert = (kind: Kind, value: string | null): unknown => {
  if (value === null) {
    return kind === "ints" || kind === "texts" ? [] : kind === "text" ? "" : null
  }
  switch (kind) {
    case "int":
    case "int?":
    case "num?":
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
    case "bool":
      return value === "t" ? true : value === "f" ? false : value
    case "time":
    case "time?":
      return isoTimestamp(value)
    case "ints":
      return CsvParser.pgArray(value).map((v) => (v === null ? null : Number(v)))
    case "texts":
      return CsvParser.pgArray(value)
    default:
      return value
  }
}

/**
 * A decoder of one export's records given its header: known exports are converted and checked against
 * their schema (`E621DecodeError` naming the column on mismatch); unknown exports give strings.
 *
 * @category Functions
 * @since 0.1.0
 */
export const decoder = (
  name: string
): (header: ReadonlyArray<string>, record: CsvParser.Record, url: string) => Effect.Effect<unknown, E621Error> => {
  const decode = rowDecoder(name)
  return (header: ReadonlyArray<string>, record: CsvParser.Record, url: string): Effect.Effect<unknown, E621Error> =>
    Effect.fromResult(decode(header, record, url))
}

/**
 * {@link decoder} without an `Effect` per row, for streams of millions of rows: the result of one row. The row
 * schema is compiled by effect's Schema JIT, and the column kinds are looked up once per header.
 *
 * @category Functions
 * @since 0.1.0
 */
export const rowDecoder = (
  name: string
): (header: ReadonlyArray<string>, record: CsvParser.Record, url: string) => Result.Result<unknown, E621DecodeError> => {
  const spec: Record<string, Kind> | undefined = (specs as Record<string, Record<string, Kind>>)[name]
  const schema = (schemas as unknown as Record<string, Schema.Decoder<unknown> | undefined>)[name]
  if (schema !== undefined) SchemaJITCompiler.enable(schema.ast)
  const check = schema === undefined ? undefined : Schema.decodeUnknownResult(schema)
  let lastHeader: ReadonlyArray<string> | undefined
  let kinds: Array<Kind | undefined> = []
  return (header: ReadonlyArray<string>, record: CsvParser.Record, url: string): Result.Result<unknown, E621DecodeError> => {
    if (header !== lastHeader) {
      lastHeader = header
      kinds = header.map((column) => spec?.[column])
    }
    const row: Record<string, unknown> = {}
    for (let i = 0; i < header.length; i++) {
      const kind = kinds[i]
      row[header[i]!] = kind === undefined ? record[i] ?? null : convert(kind, record[i] ?? null)
    }
    if (check === undefined) return Result.succeed(row)
    const result = check(row)
    return Result.isSuccess(result) ? Result.succeed(result.success) : Result.fail(
      new E621DecodeError({
        method: "GET",
        url,
        issue: String(result.failure),
        excerpt: JSON.stringify(record).slice(0, 300),
        message: `db_export ${name}: a row did not match the schema: ${String(result.failure).slice(0, 300)}`
      })
    )
  }
}
