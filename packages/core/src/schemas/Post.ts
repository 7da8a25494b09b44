/**
 * e621 posts: the decoded {@link Post} and the schemas that produce it from every shape e621 sends.
 *
 * e621 serialises a post three ways. The **legacy** format (`/posts.json`, `{"posts":[…]}`) is the canonical
 * one here: {@link Post} is that JSON object, field names as e621 spells them, made tolerant of the older
 * answers still found in caches, mirrors and recorded fixtures. The **v2** format (`v2=true`, `files` /
 * `stats` / `has`) decodes to the same `Post` through {@link PostV2}; its `mode=thumbnail` variant has its
 * own small type, {@link PostThumbnail}. The **raw model** format (IQDB legacy results,
 * `/comments.json?group_by=post`) decodes to a `Post` through {@link RawPost}.
 *
 * Each wire format is a plain `Schema.Struct` (no classes, no per-field transformations) followed by one
 * plain mapping function, so that with `SchemaJITCompiler.enable` a 320-post page parses and decodes in
 * about 1.2–1.5× the time of `JSON.parse` alone. Integers are checked as JSON numbers only.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as SchemaGetter from "effect/SchemaGetter"
import * as SchemaTransformation from "effect/SchemaTransformation"
import * as Legacy from "../internal/legacy.ts"
import * as Dimensions from "../internal/postDimensions.ts"

// ---------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------

// Design note (speed): every wire schema below is a *pure* `Schema.Struct` (no per-field transformations),
// which the JIT compiles into one straight-line function; the tolerance (defaults for keys older answers
// lack) is a single plain function applied afterwards, and the decoded side is a `Schema.declare`d guard
// rather than a second structural pass. Measured on a 320-post page with the JIT: parse + decode ≈ 1.2–1.5×
// `JSON.parse` (per-field `withDecodingDefaultKey` gave 2–3×).
//
// Design note (size): the schemas a post search never decodes (`Tags`, `RawPostJson`, `RawPost`) are built in
// a closure called under `/* @__PURE__ */`, so a bundle that does not use them drops them (a plain top-level
// call might have side effects, so bundlers keep it and everything it reaches).

const Num = Schema.Number
const Str = Schema.String
const Bool = Schema.Boolean
const NullableStr = Schema.NullOr(Schema.String)
const NullableNum = Schema.NullOr(Schema.Number)
const StringList = Schema.Array(Schema.String)
const IdList = Schema.Array(Schema.Number)
const UnknownRecord = Schema.Record(Schema.String, Schema.Unknown)
const opt = Schema.optionalKey

const isList = (u: unknown): u is ReadonlyArray<string> => Array.isArray(u)

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null

// ---------------------------------------------------------------------------------------------------------
// Rating, tags
// ---------------------------------------------------------------------------------------------------------

/**
 * A post's rating: `s` (safe), `q` (questionable), `e` (explicit). e926 only serves `s`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Rating = Schema.Literals(["s", "q", "e"])

/**
 * A post's rating: `"s" | "q" | "e"`.
 *
 * @category Types
 * @since 0.1.0
 */
export type Rating = typeof Rating.Type

/**
 * The nine tag categories e621 knows, in e621's order (`TagCategory::REVERSE_MAPPING`). Current answers
 * always send all nine; older ones lack `contributor` (added 2024). A decoded {@link Tags} always has them.
 *
 * @category Constants
 * @since 0.1.0
 */
export const categories = [
  "general",
  "artist",
  "contributor",
  "copyright",
  "character",
  "species",
  "invalid",
  "meta",
  "lore"
] as const

/**
 * One of the nine known tag categories.
 *
 * @category Types
 * @since 0.1.0
 */
export type Category = typeof categories[number]

/**
 * Tag category under which tags of unknown category are filed: the flat `tags` array of v2 `mode=basic`
 * and the `tag_string` of the raw format carry no categories, and we do not guess them.
 *
 * @category Constants
 * @since 0.1.0
 */
export const uncategorized = "uncategorized"

/**
 * A post's tags by category: the nine known categories (each `[]` when e621 left it out) plus, as sent, any
 * category e621 adds later (and {@link uncategorized} for sources without categories).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Tags {
  readonly general: ReadonlyArray<string>
  readonly artist: ReadonlyArray<string>
  readonly contributor: ReadonlyArray<string>
  readonly copyright: ReadonlyArray<string>
  readonly character: ReadonlyArray<string>
  readonly species: ReadonlyArray<string>
  readonly invalid: ReadonlyArray<string>
  readonly meta: ReadonlyArray<string>
  readonly lore: ReadonlyArray<string>
  readonly [category: string]: ReadonlyArray<string>
}

/** Tags as sent: any categories, each a list of names. */
const TagsJson = Schema.Record(Schema.String, StringList)

const hasAllCategories = (tags: { readonly [category: string]: ReadonlyArray<string> | undefined }): boolean => {
  for (let i = 0; i < categories.length; i++) {
    if (tags[categories[i]!] === undefined) return false
  }
  return true
}

const emptyTags = (): { -readonly [K in Category]: ReadonlyArray<string> } => ({
  general: [],
  artist: [],
  contributor: [],
  copyright: [],
  character: [],
  species: [],
  invalid: [],
  meta: [],
  lore: []
})

/** Adds the known categories e621 left out (as `[]`), keeping every category that was sent. */
const completeTags = (tags: { readonly [category: string]: ReadonlyArray<string> }): Tags =>
  hasAllCategories(tags) ? tags as Tags : { ...emptyTags(), ...tags }

/** Tags that arrived without categories. */
const uncategorizedTags = (names: ReadonlyArray<string>): Tags => ({ ...emptyTags(), [uncategorized]: names })

const isTags = (u: unknown): u is Tags => isObject(u) && hasAllCategories(u as Record<string, ReadonlyArray<string>>)

/**
 * Decodes e621's `tags` object (`{"general":[…], …}`) to {@link Tags}: missing known categories become `[]`,
 * unknown categories are kept. Encoding gives the object back.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Tags = /* @__PURE__ */ (() =>
  TagsJson.pipe(
    Schema.decodeTo(
      Schema.declare(isTags, { expected: "Tags" }),
      SchemaTransformation.transform<Tags, { readonly [category: string]: ReadonlyArray<string> }>({
        decode: completeTags,
        encode: (tags) => tags
      })
    )
  ))()

const splitWords = (s: string | null | undefined): ReadonlyArray<string> =>
  s == null || s === "" ? [] : s.split(" ").filter((w) => w !== "")

// ---------------------------------------------------------------------------------------------------------
// Post (legacy format)
// ---------------------------------------------------------------------------------------------------------

/**
 * The viewer's vote on a post: `-1`, `0` (none, anonymous, or locked) or `1`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Vote = Schema.Literals([-1, 0, 1])

/**
 * The viewer's vote on a post: `-1 | 0 | 1`.
 *
 * @category Types
 * @since 0.1.0
 */
export type Vote = typeof Vote.Type

const Score = Schema.Struct({ up: Num, down: Num, total: Num })

// Legacy nulls (see SCHEMA-AUDIT.md): until e621ng ad12d32e7 (2026-08-18) production's `posts.is_status_locked`,
// `image_width`, `image_height`, `file_size` and `uploader_id` were nullable, and pre-2020 rows served `null`
// (`flags.status_locked: null` is in recorded 2020 pages); in 2020 `sample.has` was `null` for Flash
// (`has_large?` ended in `is_image? && …`). The wire accepts them; the mappings below give e621's meaning.
const NullableBool = Schema.NullOr(Schema.Boolean)
const LegacyNum = NullableNum

const Flags = Schema.Struct({
  pending: NullableBool,
  flagged: NullableBool,
  note_locked: NullableBool,
  status_locked: NullableBool,
  rating_locked: NullableBool,
  deleted: NullableBool
})

type FlagsWire = typeof Flags.Type

/**
 * A post's flags with e621's reading of a legacy `null`: not set (`false`). e621's own predicates
 * (`is_status_locked?` …) are false for a null column, and e621 filled the column with its default, false.
 */
const flagsOf = (f: FlagsWire): Post["flags"] =>
  f.pending !== null && f.flagged !== null && f.note_locked !== null && f.status_locked !== null &&
    f.rating_locked !== null && f.deleted !== null
    ? f as Post["flags"]
    : {
      pending: f.pending ?? false,
      flagged: f.flagged ?? false,
      note_locked: f.note_locked ?? false,
      status_locked: f.status_locked ?? false,
      rating_locked: f.rating_locked ?? false,
      deleted: f.deleted ?? false
    }

/**
 * A legacy `null` size or id read as e621 reads it: `0`. e621 reads sizes through `.to_i` (nil → 0: "no usable
 * dimensions") and names a null uploader "Anonymous" exactly as it names user id 0.
 */
const orZero = (n: number | null): number => n ?? 0

/**
 * A post's legacy JSON exactly as e621 may send it, every key that older answers lack optional
 * (`preview.alt`, `sample.alt`, `sample.alternates`, `locked_tags` — also `null` —, `uploader_name`, `vote`,
 * `has_notes`, `duration`, `hotness`). Unknown keys are dropped. {@link Post} decodes this and fills the gaps.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostJson = Schema.Struct({
  id: Num,
  created_at: Str,
  updated_at: NullableStr,
  file: Schema.Struct({ width: LegacyNum, height: LegacyNum, ext: Str, size: LegacyNum, md5: Str, url: NullableStr }),
  preview: Schema.Struct({ width: Num, height: Num, url: NullableStr, alt: opt(NullableStr) }),
  sample: Schema.Struct({
    has: NullableBool,
    width: Num,
    height: Num,
    url: NullableStr,
    alt: opt(NullableStr),
    alternates: opt(UnknownRecord)
  }),
  score: Score,
  tags: TagsJson,
  locked_tags: opt(Schema.NullOr(StringList)),
  change_seq: Num,
  flags: Flags,
  rating: Rating,
  fav_count: Num,
  sources: StringList,
  pools: IdList,
  relationships: Schema.Struct({
    parent_id: NullableNum,
    has_children: Bool,
    has_active_children: Bool,
    children: IdList
  }),
  approver_id: NullableNum,
  uploader_id: LegacyNum,
  uploader_name: opt(Str),
  description: Str,
  comment_count: Num,
  is_favorited: Bool,
  vote: opt(Vote),
  has_notes: opt(Bool),
  duration: opt(NullableNum),
  hotness: opt(Num)
})

/**
 * A post as legacy JSON (what e621 sends, and what `Schema.encodeSync(Post)` gives).
 *
 * @category Types
 * @since 0.1.0
 */
export type PostJson = typeof PostJson.Encoded

/**
 * A decoded e621 post: e621's legacy JSON shape (snake_case names as e621 sends them) with every key present
 * that current e621 always sends. See the {@link Post} schema for how older answers are filled in.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Post {
  readonly id: number
  /** ISO 8601 string with e621's time zone offset, as sent. */
  readonly created_at: string
  readonly updated_at: string | null
  /**
   * `url` is null when the post is not visible to the viewer (see {@link visibility}). `width`, `height` and
   * `size` are `0` where pre-2020 answers sent `null` (production's columns were nullable until 2026-08;
   * e621 reads them with `.to_i`: no usable dimensions).
   */
  readonly file: {
    readonly width: number
    readonly height: number
    readonly ext: string
    readonly size: number
    readonly md5: string
    readonly url: string | null
  }
  /** `url` is the JPEG, `alt` the WebP (absent in answers before 2024). */
  readonly preview: {
    readonly width: number
    readonly height: number
    readonly url: string | null
    readonly alt?: string | null
  }
  /**
   * `alternates` is `{}` for non-videos; for videos it lists the playable files, as sent: until May 2025
   * `{original|720p|480p: {type, width, height, urls: [webm|null, mp4|null]}}`, since then
   * `{has, original: {codec, fps, size, width, height, url}, variants: {mp4: …}, samples: {480p: …, 720p: …}}`
   * (URLs `null` when the post is not visible). `has` is `false` where 2020 answers sent `null` (Flash posts,
   * which have no sample).
   */
  readonly sample: {
    readonly has: boolean
    readonly width: number
    readonly height: number
    readonly url: string | null
    readonly alt?: string | null
    readonly alternates: { readonly [key: string]: unknown }
  }
  /** `down` is ≤ 0; `total` is as sent (normally `up + down`, stale in some old answers). */
  readonly score: { readonly up: number; readonly down: number; readonly total: number }
  readonly tags: Tags
  readonly locked_tags: ReadonlyArray<string>
  readonly change_seq: number
  /**
   * `false` where older answers sent `null` (`status_locked` of pre-2020 posts until 2026-08): e621 reads a
   * null flag as not set.
   */
  readonly flags: {
    readonly pending: boolean
    readonly flagged: boolean
    readonly note_locked: boolean
    readonly status_locked: boolean
    readonly rating_locked: boolean
    readonly deleted: boolean
  }
  readonly rating: Rating
  readonly fav_count: number
  readonly sources: ReadonlyArray<string>
  readonly pools: ReadonlyArray<number>
  readonly relationships: {
    readonly parent_id: number | null
    readonly has_children: boolean
    readonly has_active_children: boolean
    readonly children: ReadonlyArray<number>
  }
  readonly approver_id: number | null
  /** `0` where pre-2020 answers sent `null`: e621 names both "Anonymous". */
  readonly uploader_id: number
  /** Added by e621 in 2025; absent in older answers. */
  readonly uploader_name?: string
  readonly description: string
  readonly comment_count: number
  readonly is_favorited: boolean
  /** Added by e621 in 2026; absent in older answers. */
  readonly vote?: Vote
  readonly has_notes: boolean
  /** Seconds, for videos and animated GIFs. */
  readonly duration: number | null
  /** v2 only. */
  readonly hotness?: number
}

type PostWire = typeof PostJson.Type

const isPost = (u: unknown): u is Post =>
  isObject(u) && typeof u.id === "number" && isObject(u.file) && isObject(u.tags) && Array.isArray(u.locked_tags)

/** The decoded side of every post schema: a guard, not a second structural pass (the wire was checked). */
const PostType = Schema.declare(isPost, { expected: "Post" })

/** Fills in what older legacy answers lack; returns the wire object itself when nothing is missing. */
const fromLegacy = (w: PostWire): Post => {
  const file = w.file.width === null || w.file.height === null || w.file.size === null
    ? { ...w.file, width: orZero(w.file.width), height: orZero(w.file.height), size: orZero(w.file.size) }
    : w.file
  const sample = w.sample.alternates === undefined || w.sample.has === null
    ? { ...w.sample, has: w.sample.has ?? false, alternates: w.sample.alternates ?? {} }
    : w.sample
  const flags = flagsOf(w.flags)
  const tags = completeTags(w.tags)
  if (
    file === w.file && sample === w.sample && flags === w.flags && tags === w.tags && w.uploader_id !== null &&
    w.locked_tags != null && w.has_notes !== undefined && w.duration !== undefined
  ) {
    return w as Post
  }
  return {
    ...w,
    file: file as Post["file"],
    sample: sample as Post["sample"],
    flags,
    uploader_id: orZero(w.uploader_id),
    tags,
    locked_tags: w.locked_tags ?? [],
    has_notes: w.has_notes ?? false,
    duration: w.duration ?? null
  }
}

/** Legacy answers have no `hotness` (v2 only); everything else is already legacy-shaped. */
const toLegacy = (post: Post): PostWire => {
  if (post.hotness === undefined) return post
  const { hotness: _hotness, ...legacy } = post
  return legacy
}

/**
 * A post in e621's legacy JSON format (`/posts.json`, `/posts/:id.json`, `/favorites.json`, …) decoded to the
 * canonical {@link Post} of effect-e621. `Post` is both this schema and the decoded type.
 *
 * Decoding is tolerant of what e621 sent over the years: unknown keys are dropped (e.g. 2022's
 * `flags.comment_disabled`), unknown tag categories kept, and keys older answers lack get e621's current
 * values — `has_notes` false, `duration` null, `sample.alternates` `{}`, missing tag categories `[]`,
 * `locked_tags` `[]` (also for `null`) — while `uploader_name` (2025), `vote` (2026), `preview.alt` /
 * `sample.alt` stay absent. Values are kept as sent: `created_at` is the ISO string with e621's offset,
 * `score.total` is not recomputed, URLs are `null` when the post is not visible (see {@link visibility}),
 * and `sample.url` is `null` without a sample in current answers but was the original file's URL before 2024.
 * Legacy `null`s decode as e621 reads them (see SCHEMA-AUDIT.md): flags and `sample.has` `false`, file sizes and
 * `uploader_id` `0`.
 * Encoding a `Post` gives legacy JSON back (without the v2-only `hotness`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Post = PostJson.pipe(
  Schema.decodeTo(
    PostType,
    SchemaTransformation.transform<Post, PostWire>({ decode: fromLegacy, encode: toLegacy })
  )
)

// ---------------------------------------------------------------------------------------------------------
// PostV2
// ---------------------------------------------------------------------------------------------------------

const Image = { width: Num, height: Num }

/**
 * The v2 wire object (`v2=true`, `mode=basic` or `mode=extended`) as sent, before it is mapped to a
 * {@link Post}. `tags` is a flat array in `mode=basic` and an object by category in `mode=extended`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostV2Json = Schema.Struct({
  id: Num,
  created_at: Str,
  updated_at: NullableStr,
  change_seq: Num,
  files: Schema.Struct({
    meta: Schema.Struct({ md5: Str, ext: Str, size: LegacyNum, duration: NullableNum, has_sample: Bool }),
    original: Schema.Struct({ width: LegacyNum, height: LegacyNum, url: NullableStr }),
    preview: Schema.Struct({ ...Image, jpg: NullableStr, webp: NullableStr }),
    sample: Schema.Struct({ ...Image, jpg: NullableStr, webp: NullableStr }),
    video: opt(UnknownRecord)
  }),
  uploader_id: LegacyNum,
  uploader_name: opt(Str),
  approver_id: NullableNum,
  stats: Schema.Struct({
    score: Score,
    fav_count: Num,
    is_favorited: Bool,
    vote: opt(Vote),
    comment_count: Num,
    hotness: opt(Num)
  }),
  flags: Flags,
  has: Schema.Struct({ parent: Bool, children: Bool, active_children: Bool, notes: Bool, sample: Bool }),
  relationships: Schema.Struct({ parent_id: NullableNum, children: IdList }),
  pools: IdList,
  rating: Rating,
  locked_tags: opt(Schema.NullOr(StringList)),
  sources: StringList,
  description: Str,
  tags: Schema.Union([StringList, TagsJson])
})

type PostV2Wire = typeof PostV2Json.Type

const fromV2 = (v: PostV2Wire): Post => {
  const { files, stats } = v
  const hasSample = files.meta.has_sample
  return {
    id: v.id,
    created_at: v.created_at,
    updated_at: v.updated_at,
    file: {
      width: orZero(files.original.width),
      height: orZero(files.original.height),
      ext: files.meta.ext,
      size: orZero(files.meta.size),
      md5: files.meta.md5,
      url: files.original.url
    },
    preview: { width: files.preview.width, height: files.preview.height, url: files.preview.jpg, alt: files.preview.webp },
    // v2 falls back to the original file when there is no sample; legacy (and Post) say null
    sample: {
      has: hasSample,
      width: files.sample.width,
      height: files.sample.height,
      url: hasSample ? files.sample.jpg : null,
      alt: hasSample ? files.sample.webp : null,
      alternates: files.video ?? {}
    },
    score: stats.score,
    tags: isList(v.tags) ? uncategorizedTags(v.tags) : completeTags(v.tags),
    locked_tags: v.locked_tags ?? [],
    change_seq: v.change_seq,
    flags: flagsOf(v.flags),
    rating: v.rating,
    fav_count: stats.fav_count,
    sources: v.sources,
    pools: v.pools,
    relationships: {
      parent_id: v.relationships.parent_id,
      has_children: v.has.children,
      has_active_children: v.has.active_children,
      children: v.relationships.children
    },
    approver_id: v.approver_id,
    uploader_id: orZero(v.uploader_id),
    ...(v.uploader_name !== undefined ? { uploader_name: v.uploader_name } : {}),
    description: v.description,
    comment_count: stats.comment_count,
    is_favorited: stats.is_favorited,
    ...(stats.vote !== undefined ? { vote: stats.vote } : {}),
    has_notes: v.has.notes,
    duration: files.meta.duration,
    ...(stats.hotness !== undefined ? { hotness: stats.hotness } : {})
  }
}

const toV2 = (p: Post): PostV2Wire => {
  const sampleOrFile = (url: string | null | undefined) => p.sample.has ? url ?? null : p.file.url
  return {
    id: p.id,
    created_at: p.created_at,
    updated_at: p.updated_at,
    change_seq: p.change_seq,
    files: {
      meta: { md5: p.file.md5, ext: p.file.ext, size: p.file.size, duration: p.duration, has_sample: p.sample.has },
      original: { width: p.file.width, height: p.file.height, url: p.file.url },
      preview: { width: p.preview.width, height: p.preview.height, jpg: p.preview.url, webp: p.preview.alt ?? null },
      sample: {
        width: p.sample.width,
        height: p.sample.height,
        jpg: sampleOrFile(p.sample.url),
        webp: sampleOrFile(p.sample.alt)
      },
      ...(Object.keys(p.sample.alternates).length > 0 ? { video: p.sample.alternates } : {})
    },
    uploader_id: p.uploader_id,
    ...(p.uploader_name !== undefined ? { uploader_name: p.uploader_name } : {}),
    approver_id: p.approver_id,
    stats: {
      score: p.score,
      fav_count: p.fav_count,
      is_favorited: p.is_favorited,
      ...(p.vote !== undefined ? { vote: p.vote } : {}),
      comment_count: p.comment_count,
      ...(p.hotness !== undefined ? { hotness: p.hotness } : {})
    },
    flags: p.flags,
    has: {
      parent: p.relationships.parent_id !== null,
      children: p.relationships.has_children,
      active_children: p.relationships.has_active_children,
      notes: p.has_notes,
      sample: p.sample.has
    },
    relationships: { parent_id: p.relationships.parent_id, children: p.relationships.children },
    pools: p.pools,
    rating: p.rating,
    locked_tags: p.locked_tags,
    sources: p.sources,
    description: p.description,
    tags: p.tags
  }
}

/**
 * A v2 post (`v2=true`, unwrapped, `mode=basic` or `mode=extended`) decoded to the same {@link Post} as the
 * legacy format. `files.original` becomes `file`, `files.preview.jpg/webp` `preview.url/alt`, `stats.*` the
 * top-level counters, `has.*` the relationship and note flags, `files.video` `sample.alternates`.
 * v2's sample URLs fall back to the original file when there is no sample; they decode to `null` as in the
 * legacy format. `mode=basic`'s flat tag list goes into the {@link uncategorized} category. Legacy `null`s
 * (`flags.*`, `files.original.width/height`, `files.meta.size`, `uploader_id`, sent until 2026-08) decode as in
 * {@link Post}.
 *
 * Encoding a `Post` gives the v2 `mode=extended` JSON, with v2's rules (sample URLs fall back to the
 * original, `has.parent` from `parent_id`, `files.video` only for posts with alternates). `preview.alt`
 * missing in old posts becomes `webp: null`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostV2 = PostV2Json.pipe(
  Schema.decodeTo(PostType, SchemaTransformation.transform({ decode: fromV2, encode: toV2 }))
)

/**
 * A post as v2 JSON (what e621 sends with `v2=true`, and what `Schema.encodeSync(PostV2)` gives).
 *
 * @category Types
 * @since 0.1.0
 */
export type PostV2Json = typeof PostV2Json.Encoded

// ---------------------------------------------------------------------------------------------------------
// PostThumbnail
// ---------------------------------------------------------------------------------------------------------

const SpaceSeparated = Str.pipe(
  Schema.decodeTo(StringList, SchemaTransformation.transform({ decode: splitWords, encode: (a) => a.join(" ") }))
)

const SpaceSeparatedIds = Str.pipe(
  Schema.decodeTo(
    Schema.Array(Schema.Finite),
    SchemaTransformation.transform<ReadonlyArray<number>, string>({
      decode: (s) => splitWords(s).map(Number),
      encode: (a) => a.join(" ")
    })
  )
)

/**
 * A post in v2 `mode=thumbnail` (also the `posts` map of e621's HTML helper responses): a flat object for
 * rendering thumbnails. The space-separated strings e621 sends are split: `flags` into the set flags
 * (`"pending"`, `"flagged"`, `"deleted"`), `pools` into ids, `tags` into names (uncategorised). `score` is
 * the total. URLs are `null` when the post is not visible; `sample_url` is the original file without a sample.
 * `width`, `height`, `size` and `uploader_id` decode to `0` where pre-2020 posts had `null` (as in {@link Post}).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostThumbnail = Schema.Struct({
  id: Num,
  created_at: Str,
  md5: Str,
  file_ext: Str,
  width: Legacy.nullAs(Num, 0),
  height: Legacy.nullAs(Num, 0),
  size: Legacy.nullAs(Num, 0),
  preview_url: NullableStr,
  preview_webp: NullableStr,
  sample_url: NullableStr,
  file_url: NullableStr,
  preview_width: Num,
  preview_height: Num,
  uploader_id: Legacy.nullAs(Num, 0),
  uploader: NullableStr,
  score: Num,
  fav_count: Num,
  is_favorited: Bool,
  vote: opt(Vote),
  comment_count: Num,
  flags: SpaceSeparated,
  pools: SpaceSeparatedIds,
  rating: Rating,
  tags: SpaceSeparated
})

/**
 * A decoded v2 thumbnail post (see the {@link PostThumbnail} schema).
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostThumbnail extends PostThumbnailType {}
type PostThumbnailType = typeof PostThumbnail.Type

/**
 * A thumbnail post as e621 sends it (`v2=true&mode=thumbnail`).
 *
 * @category Types
 * @since 0.1.0
 */
export type PostThumbnailJson = typeof PostThumbnail.Encoded

/**
 * Renders a {@link Post} as e621's `mode=thumbnail` JSON (for fakes and servers): flags, pools and tags
 * joined with spaces, tags in category order, `sample_url` falling back to the original file.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const toThumbnailJson = (post: Post): PostThumbnailJson => ({
  id: post.id,
  created_at: post.created_at,
  md5: post.file.md5,
  file_ext: post.file.ext,
  width: post.file.width,
  height: post.file.height,
  size: post.file.size,
  preview_url: post.preview.url,
  preview_webp: post.preview.alt ?? null,
  sample_url: post.sample.has ? post.sample.url : post.file.url,
  file_url: post.file.url,
  preview_width: post.preview.width,
  preview_height: post.preview.height,
  uploader_id: post.uploader_id,
  uploader: post.uploader_name ?? null,
  score: post.score.total,
  fav_count: post.fav_count,
  is_favorited: post.is_favorited,
  ...(post.vote !== undefined ? { vote: post.vote } : {}),
  comment_count: post.comment_count,
  flags: (["pending", "flagged", "deleted"] as const).filter((f) => post.flags[f]).join(" "),
  pools: post.pools.join(" "),
  rating: post.rating,
  tags: allTags(post).join(" ")
})

// ---------------------------------------------------------------------------------------------------------
// RawPost
// ---------------------------------------------------------------------------------------------------------

/**
 * The raw model object (`Post#as_json`) as sent inside IQDB legacy results and `/comments.json?group_by=post`.
 * `md5`, `file_ext` and the URLs are absent when the post is not visible; `duration` is a string. Answers before
 * June 2025 say `has_large` / `large_file_url` for today's `has_sample` / `sample_url`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const RawPostJson = /* @__PURE__ */ (() =>
  Schema.Struct({
    id: Num,
    created_at: Str,
    updated_at: NullableStr,
    up_score: Num,
    down_score: Num,
    score: Num,
    source: NullableStr,
    md5: opt(Str),
    rating: Rating,
    is_note_locked: NullableBool,
    is_rating_locked: NullableBool,
    is_status_locked: NullableBool,
    is_pending: NullableBool,
    is_flagged: NullableBool,
    is_deleted: NullableBool,
    uploader_id: LegacyNum,
    uploader_name: opt(Str),
    approver_id: NullableNum,
    last_noted_at: opt(NullableStr),
    fav_count: Num,
    tag_string: Str,
    file_ext: opt(Str),
    file_size: LegacyNum,
    image_width: LegacyNum,
    image_height: LegacyNum,
    parent_id: NullableNum,
    has_children: Bool,
    has_active_children: Bool,
    locked_tags: opt(NullableStr),
    description: Str,
    comment_count: Num,
    change_seq: Num,
    duration: opt(Schema.NullOr(Schema.Union([Str, Num]))),
    hotness: opt(Num),
    has_sample: opt(Bool),
    has_large: opt(Schema.NullOr(Bool)),
    children_ids: opt(NullableStr),
    pool_ids: opt(IdList),
    is_favorited: opt(Bool),
    vote_by: opt(Schema.NullOr(Num)),
    file_url: opt(NullableStr),
    sample_url: opt(NullableStr),
    large_file_url: opt(NullableStr),
    preview_file_url: opt(NullableStr)
  }))()

type RawPostWire = typeof RawPostJson.Type

const fromRaw = (r: RawPostWire): Post => {
  const names = splitWords(r.tag_string)
  const width = orZero(r.image_width)
  const height = orZero(r.image_height)
  const hasSample = r.has_sample ?? r.has_large ?? Dimensions.hasSample(r.file_ext ?? "", width, height, names)
  const sampleUrl = r.sample_url ?? r.large_file_url ?? null
  const duration = r.duration == null ? null : Number(r.duration)
  const vote = r.vote_by
  return {
    id: r.id,
    created_at: r.created_at,
    updated_at: r.updated_at,
    file: {
      width,
      height,
      ext: r.file_ext ?? "",
      size: orZero(r.file_size),
      md5: r.md5 ?? "",
      url: r.file_url ?? null
    },
    preview: { ...Dimensions.previewSize(width, height), url: r.preview_file_url ?? null },
    sample: {
      has: hasSample,
      ...Dimensions.sampleSize(width, height, hasSample),
      url: hasSample ? sampleUrl : null,
      alternates: {}
    },
    score: { up: r.up_score, down: r.down_score, total: r.score },
    tags: uncategorizedTags(names),
    locked_tags: splitWords(r.locked_tags),
    change_seq: r.change_seq,
    flags: flagsOf({
      pending: r.is_pending,
      flagged: r.is_flagged,
      note_locked: r.is_note_locked,
      status_locked: r.is_status_locked,
      rating_locked: r.is_rating_locked,
      deleted: r.is_deleted
    }),
    rating: r.rating,
    fav_count: r.fav_count,
    sources: r.source == null ? [] : r.source.split("\n").filter((s) => s.trim() !== ""),
    pools: r.pool_ids ?? [],
    relationships: {
      parent_id: r.parent_id,
      has_children: r.has_children,
      has_active_children: r.has_active_children,
      children: splitWords(r.children_ids).map(Number)
    },
    approver_id: r.approver_id,
    uploader_id: orZero(r.uploader_id),
    ...(r.uploader_name !== undefined ? { uploader_name: r.uploader_name } : {}),
    description: r.description,
    comment_count: r.comment_count,
    is_favorited: r.is_favorited ?? false,
    ...(vote === -1 || vote === 0 || vote === 1 ? { vote } : {}),
    has_notes: r.last_noted_at != null,
    duration: duration === null || Number.isNaN(duration) ? null : duration,
    ...(r.hotness !== undefined ? { hotness: r.hotness } : {})
  }
}

/**
 * A raw-model post (IQDB legacy results, `/comments.json?group_by=post`) decoded to a {@link Post}; decode
 * only. `tag_string` goes into the {@link uncategorized} category (the raw format has only per-category
 * counts); `source` is split on newlines; `duration` parsed from its string; `md5`/`file_ext` are `""` and
 * URLs `null` when e621 withheld them; `sample.has` is e621's `has_sample` (before June 2025 `has_large`, `null`
 * for Flash in 2020 → no sample), or e621's rule when neither was sent. The raw format has no preview or sample
 * sizes: they are computed by e621's current rules — the preview's short side scaled to 256 (up or down), a
 * long side beyond 512 cropped to 512; the sample scaled by one factor to a short side of 850 or a long side of
 * 1700, whichever is smaller. `sample.alternates` is `{}` (the raw `video_samples` column has another shape).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const RawPost = /* @__PURE__ */ (() =>
  RawPostJson.pipe(
    Schema.decodeTo(PostType, {
      decode: SchemaGetter.transform(fromRaw),
      encode: SchemaGetter.forbidden(() => "A raw-model post cannot be encoded")
    })
  ))()

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

/**
 * Why a post's `file.url` is (or is not) there:
 * - `"visible"`: the URLs are present;
 * - `"deleted"`: the post is deleted (only staff see deleted files);
 * - `"safe-mode"`: safe mode (e926, `safe_mode=1`, the account setting) hides non-`s` posts;
 * - `"login-required"`: e621 hides it from anonymous viewers (`young` and not `s`, or `hide_from_anonymous`);
 * - `"hidden"`: hidden for another reason (a logged-in viewer's safe-mode setting or blocked tags).
 *
 * @category Types
 * @since 0.1.0
 */
export type Visibility = "visible" | "deleted" | "safe-mode" | "login-required" | "hidden"

/**
 * Explains a `null` `file.url` following e621's `Post#visible?`: present → `"visible"`; deleted →
 * `"deleted"`; not rated `s` while `context.safeMode` → `"safe-mode"`; viewer not logged in (the default:
 * `loggedIn` unset counts as anonymous) → `"login-required"`; otherwise `"hidden"`. Hidden URLs are never
 * rebuilt from the md5.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const visibility = (
  post: Post,
  context?: { readonly safeMode?: boolean; readonly loggedIn?: boolean }
): Visibility => {
  if (post.file.url !== null) return "visible"
  if (post.flags.deleted) return "deleted"
  if (post.rating !== "s" && context?.safeMode === true) return "safe-mode"
  if (context?.loggedIn !== true) return "login-required"
  return "hidden"
}

/**
 * The preview size e621 reports for an original of `width`×`height` (e621ng's rules since June 2025): the short
 * side scaled to 256, up or down; a long side that would exceed 512 cropped to 512; 256×256 without usable
 * dimensions. Older answers carry the sizes of their time (previews within 150×150).
 *
 * @category Helpers
 * @function
 * @since 0.1.0
 */
export const previewSize: (width: number, height: number) => { readonly width: number; readonly height: number } =
  Dimensions.previewSize

/**
 * Whether e621 makes a sample of a file (e621ng's `Post#has_sample?`): always for videos; never for GIFs, Flash,
 * or images tagged `animated_gif` / `animated_png` / `animated_webp`; for JPEG, PNG and WebP when the short side
 * exceeds 850 or the long side 1700.
 *
 * @category Helpers
 * @function
 * @since 0.1.0
 */
export const hasSample: (ext: string, width: number, height: number, tags: ReadonlyArray<string>) => boolean =
  Dimensions.hasSample

/**
 * The sample size e621 reports (e621ng's rules since June 2025): the original's without a sample; otherwise
 * both sides scaled by one factor, up or down, to a short side of 850 unless the long side would then exceed
 * 1700, in which case to a long side of 1700.
 *
 * @category Helpers
 * @function
 * @since 0.1.0
 */
export const sampleSize: (
  width: number,
  height: number,
  sampled: boolean
) => { readonly width: number; readonly height: number } = Dimensions.sampleSize

/**
 * Every tag of a post, flattened over all categories (known ones in e621's order, then any others).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const allTags = (post: Post): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const category of categories) out.push(...post.tags[category])
  for (const category in post.tags) {
    if (!(categories as ReadonlyArray<string>).includes(category)) out.push(...(post.tags[category] ?? []))
  }
  return out
}

/**
 * The number of tags a post has, over all categories (what e621's `tagcount:` metatag counts).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const tagCount = (post: Post): number => {
  let n = 0
  for (const category in post.tags) n += post.tags[category]?.length ?? 0
  return n
}
