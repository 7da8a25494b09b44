/**
 * The fake's database exports (§8): small gzip CSV files in exactly e621's format — PostgreSQL
 * `COPY (…) TO STDOUT WITH CSV HEADER` (header row, `t`/`f`, NULL as an empty unquoted field, arrays as
 * `{1,2,3}`, timestamps `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, quoted text with embedded newlines and quotes),
 * with the current system's columns at `/data/db_export/<name>.csv.gz`, and the legacy system's dated files
 * (`/db_export/posts-YYYY-MM-DD.csv.gz`, fewer columns) behind an nginx directory listing at `/db_export/`.
 *
 * Files are generated from the fake's data when first requested and then kept, like e621's daily snapshot.
 * Gzip is written synchronously with stored (uncompressed) deflate blocks: valid gzip any reader accepts,
 * without depending on Node's zlib.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/DbExports.ts"
import type * as Post from "../../schemas/Post.ts"
import type * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeFiles from "./Files.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeTagRelationships from "./TagRelationships.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as Vocabulary from "./Vocabulary.ts"

/** A cell before CSV encoding: `null` is SQL NULL. */
type Cell = string | number | boolean | null | ReadonlyArray<string | number>

/**
 * The exports of the current system, with their exact column lists (`db/exports/*.sql`).
 *
 * @since 0.1.0
 */
export const columns = {
  posts: [
    "id", "uploader_id", "created_at", "md5", "source", "rating", "image_width", "image_height", "tag_string",
    "locked_tags", "fav_count", "file_ext", "parent_id", "change_seq", "approver_id", "file_size", "comment_count",
    "description", "duration", "updated_at", "is_deleted", "is_pending", "is_flagged", "score", "up_score",
    "down_score", "is_rating_locked", "is_status_locked", "is_note_locked", "bg_color", "last_noted_at",
    "last_commented_at"
  ],
  post_versions: [
    "id", "post_id", "version", "tags", "added_tags", "removed_tags", "locked_tags", "added_locked_tags",
    "removed_locked_tags", "rating", "rating_changed", "parent_id", "parent_changed", "source", "source_changed",
    "description", "description_changed", "updater_id", "updated_at", "reason"
  ],
  post_replacements: [
    "id", "post_id", "creator_id", "approver_id", "file_ext", "file_size", "image_height", "image_width", "md5",
    "source", "file_name", "status", "reason", "created_at", "updated_at"
  ],
  tags: ["id", "name", "category", "post_count", "created_at", "updated_at", "is_locked"],
  tag_aliases: [
    "id", "antecedent_name", "consequent_name", "created_at", "status", "forum_post_id", "forum_topic_id", "reason",
    "updated_at", "creator_id", "approver_id", "post_count", "down_votes", "meh_votes", "up_votes"
  ],
  tag_implications: [
    "id", "antecedent_name", "consequent_name", "created_at", "status", "forum_post_id", "forum_topic_id", "reason",
    "updated_at", "approver_id", "creator_id", "descendant_names", "down_votes", "meh_votes", "up_votes"
  ],
  bulk_update_requests: [
    "id", "user_id", "forum_topic_id", "forum_post_id", "script", "status", "approver_id", "title", "created_at",
    "updated_at", "down_votes", "meh_votes", "up_votes"
  ],
  artists: [
    "id", "name", "other_names", "group_name", "linked_user_id", "is_active", "is_locked", "creator_id", "created_at",
    "updated_at", "active_urls", "inactive_urls"
  ],
  pools: ["id", "name", "created_at", "updated_at", "creator_id", "description", "is_active", "category", "post_ids"],
  wiki_pages: ["id", "created_at", "updated_at", "title", "body", "creator_id", "updater_id", "is_locked", "parent"]
} as const

/**
 * An export's name.
 *
 * @since 0.1.0
 */
export type Name = keyof typeof columns

/**
 * Every export of the current system, in `/db_exports.json` order (by name).
 *
 * @since 0.1.0
 */
export const names: ReadonlyArray<Name> = (Object.keys(columns) as Array<Name>).sort()

/**
 * The legacy system's exports and their (fewer) columns (§8.2).
 *
 * @since 0.1.0
 */
export const legacyColumns: Readonly<Record<string, ReadonlyArray<string>>> = {
  posts: columns.posts.filter((c) => c !== "bg_color" && c !== "last_noted_at" && c !== "last_commented_at"),
  pools: columns.pools,
  tags: ["id", "name", "category", "post_count"],
  tag_aliases: ["id", "antecedent_name", "consequent_name", "created_at", "status"],
  tag_implications: ["id", "antecedent_name", "consequent_name", "created_at", "status"],
  wiki_pages: columns.wiki_pages.filter((c) => c !== "parent")
}

// ---------------------------------------------------------------------------------------------------------
// CSV and gzip

const pgArray = (items: ReadonlyArray<string | number>): string =>
  "{" + items.map((item) => {
    const text = String(item)
    return text === "" || /[",{}\\\s]/.test(text) || /^null$/i.test(text)
      ? `"${text.replace(/\\/g, "\\\\").replace(/"/g, "\\\"")}"`
      : text
  }).join(",") + "}"

const csvCell = (cell: Cell): string => {
  if (cell === null) return ""
  if (typeof cell === "boolean") return cell ? "t" : "f"
  const text = typeof cell === "object" ? pgArray(cell) : String(cell)
  // PostgreSQL quotes empty strings (to tell them from NULL) and anything with a delimiter, quote or newline.
  return text === "" || /[",\r\n]/.test(text) || text === "\\." ? `"${text.replace(/"/g, "\"\"")}"` : text
}

/**
 * One CSV line (with its `\n`) as PostgreSQL's `COPY … WITH CSV` writes it.
 *
 * @since 0.1.0
 */
export const csvLine = (cells: ReadonlyArray<Cell>): string => cells.map(csvCell).join(",") + "\n"

/**
 * A timestamp as PostgreSQL prints a `timestamp without time zone` (UTC): `2024-05-16 12:00:01.123000`.
 *
 * @since 0.1.0
 */
export const pgTimestamp = (iso: string | number): string => {
  const date = new Date(iso)
  return date.toISOString().replace("T", " ").replace("Z", "").padEnd(26, "0")
}

const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * Wraps bytes in a gzip member with stored deflate blocks (RFC 1951 §3.2.4, RFC 1952).
 *
 * @since 0.1.0
 */
export const gzipStored = (data: Uint8Array): Uint8Array => {
  const blocks = Math.max(1, Math.ceil(data.length / 65535))
  const out = new Uint8Array(10 + data.length + blocks * 5 + 8)
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
  let o = 10
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535
    const length = Math.min(65535, data.length - start)
    out[o++] = b === blocks - 1 ? 1 : 0
    out[o++] = length & 0xff
    out[o++] = length >>> 8
    out[o++] = ~length & 0xff
    out[o++] = (~length >>> 8) & 0xff
    out.set(data.subarray(start, start + length), o)
    o += length
  }
  const view = new DataView(out.buffer)
  view.setUint32(o, crc32(data), true)
  view.setUint32(o + 4, data.length >>> 0, true)
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Rows

const categoryIds: Readonly<Record<string, number>> = {
  general: 0, artist: 1, contributor: 2, copyright: 3, character: 4, species: 5, invalid: 6, meta: 7, lore: 8
}

const allPosts = (store: FakeData.Store): Array<Post.Post> => {
  const out: Array<Post.Post> = []
  for (let i = 0; i < store.ids.length; i++) out.push(store.at(i))
  return out
}

const tagString = (post: Post.Post): string => {
  const all: Array<string> = []
  for (const list of Object.values(post.tags)) if (Array.isArray(list)) all.push(...(list as ReadonlyArray<string>))
  return [...new Set(all)].sort().join(" ")
}

const postRow = (post: Post.Post): ReadonlyArray<Cell> => {
  const rng = Random.make(Random.hash(post.id, 0xe4))
  const noted = rng.chance(0.1) ? pgTimestamp(post.updated_at ?? post.created_at) : null
  return [
    post.id, post.uploader_id, pgTimestamp(post.created_at), post.file.md5, post.sources.join("\n"), post.rating,
    post.file.width, post.file.height, tagString(post), post.locked_tags.join(" "), post.fav_count, post.file.ext,
    post.relationships.parent_id, post.change_seq, post.approver_id, post.file.size, post.comment_count,
    post.description, post.duration === null ? null : post.duration.toFixed(3),
    post.updated_at === null ? null : pgTimestamp(post.updated_at), post.flags.deleted, post.flags.pending,
    post.flags.flagged, post.score.total, post.score.up, post.score.down, post.flags.rating_locked,
    post.flags.status_locked, post.flags.note_locked, rng.chance(0.02) ? "#1f2c44" : null, noted,
    post.comment_count > 0 ? pgTimestamp(post.updated_at ?? post.created_at) : null
  ]
}

const tagRows = (posts: ReadonlyArray<Post.Post>, store: FakeData.Store): Array<ReadonlyArray<Cell>> => {
  const counts = new Map<string, { category: string; count: number }>()
  for (const post of posts) {
    for (const [category, list] of Object.entries(post.tags)) {
      if (!Array.isArray(list)) continue
      for (const name of list as ReadonlyArray<string>) {
        const entry = counts.get(name) ?? { category, count: 0 }
        if (!post.flags.deleted) entry.count++
        counts.set(name, entry)
      }
    }
  }
  const sorted = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted.map(([name, { category, count }], i) => {
    const created = pgTimestamp(Date.UTC(2010, 0, 1) + Random.hash(store.seed, i) % (3_600 * 86_400_000))
    return [i + 1, name, categoryIds[store.tagCategories.get(name) ?? category] ?? 0, count, created, created, i % 17 === 0]
  })
}

const voteCells = (rng: Random.Random): ReadonlyArray<number> => [rng.int(5), rng.int(3), rng.int(20)]

/**
 * The relationships of the fake's own tables (the ones its searches apply and its API answers), with e621's
 * export columns; votes, which the tables do not keep, are drawn.
 */
const pairRows = (store: FakeData.Store, kind: "alias" | "implication"): Array<ReadonlyArray<Cell>> => {
  const rng = Random.make(Random.hash(store.seed, kind === "alias" ? 0xa11a5 : 0x1a91))
  const state = FakeTagRelationships.stateOf(store)
  const table = kind === "alias" ? state.aliases.rows : state.implications.rows
  return table.map((row) => {
    const common: ReadonlyArray<Cell> = [
      row.id, row.antecedent_name, row.consequent_name, pgTimestamp(row.created_at), row.status, row.forum_post_id,
      row.forum_topic_id, row.reason, pgTimestamp(row.updated_at)
    ]
    return kind === "alias"
      ? [...common, row.creator_id, row.approver_id, row.post_count ?? 0, ...voteCells(rng)]
      : [...common, row.approver_id, row.creator_id, [...(row.descendant_names ?? [])], ...voteCells(rng)]
  })
}

const buRows = (store: FakeData.Store): Array<ReadonlyArray<Cell>> => {
  const rng = Random.make(Random.hash(store.seed, 0xb0b))
  return Array.from({ length: 8 }, (_, i) => {
    const created = pgTimestamp(Date.UTC(2019, 0, 1) + i * 11 * 86_400_000)
    const a = rng.pick(Vocabulary.general)
    const script = `alias ${a}_old -> ${a}\nimply ${a} -> ${rng.pick(Vocabulary.general)}\n# "cleanup", part ${i + 1}`
    return [i + 1, 4, 3_000 + i, 20_000 + i, script, rng.pick(["approved", "pending", "rejected"]), i % 2 === 0 ? 1 : null,
      `Cleanup ${i + 1}`, created, created, ...voteCells(rng)]
  })
}

const artistRows = (store: FakeData.Store): Array<ReadonlyArray<Cell>> =>
  [...Vocabulary.artists, "unknown_artist"].map((name, i) => {
    const rng = Random.make(Random.hash(store.seed, 0xa7 + i))
    const created = pgTimestamp(Date.UTC(2012, 0, 1) + i * 53 * 86_400_000)
    const others = rng.chance(0.5) ? [name.replace(/_/g, " "), `${name}art`] : []
    return [i + 1, name, others, rng.chance(0.2) ? `${name}_studio` : "", rng.chance(0.3) ? 6 + i : null, name !== "unknown_artist",
      rng.chance(0.05), 1, created, created, `https://www.furaffinity.net/user/${name}/ https://x.com/${name}`,
      rng.chance(0.3) ? `https://www.deviantart.com/${name}` : ""]
  })

const poolRows = (pools: ReadonlyArray<FakeData.Pool>): Array<ReadonlyArray<Cell>> =>
  pools.map((pool) => [
    pool.id, pool.name, pgTimestamp(pool.created_at), pgTimestamp(pool.updated_at), pool.creator_id, pool.description,
    pool.is_active, pool.category, pool.post_ids
  ])

const wikiRows = (): Array<ReadonlyArray<Cell>> => {
  const titles = [...Vocabulary.species.slice(0, 10), ...Vocabulary.general.slice(0, 10), "help:db_export"]
  return titles.map((title, i) => {
    const created = pgTimestamp(Date.UTC(2011, 5, 1) + i * 29 * 86_400_000)
    const body = `h4. ${title}\n\nA tag for "${title.replace(/_/g, " ")}", as in [[${title}]].\r\n\n* Related: [[${Vocabulary.general[i % Vocabulary.general.length]}]], ${i}`
    return [i + 1, created, created, title, body, 1, 2 + (i % 3), i % 7 === 0, i % 5 === 0 ? Vocabulary.general[0]! : null]
  })
}

const versionRows = (store: FakeData.Store, posts: ReadonlyArray<Post.Post>): Array<ReadonlyArray<Cell>> => {
  const rows: Array<ReadonlyArray<Cell>> = []
  let id = 1
  for (const post of posts.slice(0, 400)) {
    const tags = tagString(post)
    rows.push([id++, post.id, 1, tags, tags.split(" "), [], post.locked_tags.join(" "), [], [], post.rating, false,
      post.relationships.parent_id, false, post.sources.join("\n"), false, post.description, false, post.uploader_id,
      pgTimestamp(post.created_at), null])
  }
  for (const v of store.versions) {
    rows.push([id++, v.post_id, v.version, v.tags, v.added_tags, v.removed_tags, "", [], [], v.rating, v.rating_changed,
      v.parent_id, v.parent_changed, v.source, v.source_changed, v.description, v.description_changed, v.updater_id,
      pgTimestamp(v.updated_at), v.reason])
  }
  return rows
}

const replacementRows = (posts: ReadonlyArray<Post.Post>): Array<ReadonlyArray<Cell>> =>
  posts.filter((_, i) => i % 25 === 3).slice(0, 60).map((post, i) => [
    i + 1, post.id, post.uploader_id, i % 2 === 0 ? 1 : null, post.file.ext, post.file.size, post.file.height,
    post.file.width, post.file.md5, post.sources[0] ?? "", `upload_${post.id}.${post.file.ext}`,
    i % 3 === 0 ? "original" : "approved", i % 3 === 0 ? "" : "Higher quality version", pgTimestamp(post.created_at),
    pgTimestamp(post.updated_at ?? post.created_at)
  ])

const rowsOf = (store: FakeData.Store, name: Name): Array<ReadonlyArray<Cell>> => {
  switch (name) {
    case "posts":
      return allPosts(store).map(postRow)
    case "tags":
      return tagRows(allPosts(store), store)
    case "tag_aliases":
      return pairRows(store, "alias")
    case "tag_implications":
      return pairRows(store, "implication")
    case "bulk_update_requests":
      return buRows(store)
    case "artists":
      return artistRows(store)
    case "pools":
      return poolRows(store.pools)
    case "wiki_pages":
      return wikiRows()
    case "post_versions":
      return versionRows(store, allPosts(store))
    case "post_replacements":
      return replacementRows(allPosts(store))
  }
}

/**
 * The CSV text of an export (current columns, or the legacy subset when `legacy`).
 *
 * @since 0.1.0
 */
export const csv = (store: FakeData.Store, name: Name, legacy = false): string => {
  const header: ReadonlyArray<string> = columns[name]
  const keep = legacy ? legacyColumns[name] : undefined
  const indexes = keep === undefined ? header.map((_, i) => i) : keep.map((c) => header.indexOf(c))
  let out = csvLine(indexes.map((i) => header[i]!))
  for (const row of rowsOf(store, name)) out += csvLine(indexes.map((i) => row[i] ?? null))
  return out
}

const cacheKey = "db_export"

/**
 * The gzip file of an export, generated on first request and then kept (a daily snapshot).
 *
 * @since 0.1.0
 */
export const file = (store: FakeData.Store, name: Name, legacy = false): Uint8Array => {
  let cache = store.tables.get(cacheKey) as Map<string, Uint8Array> | undefined
  if (cache === undefined) {
    cache = new Map()
    store.tables.set(cacheKey, cache)
  }
  const key = `${legacy ? "legacy:" : ""}${name}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const bytes = gzipStored(new TextEncoder().encode(csv(store, name, legacy)))
  cache.set(key, bytes)
  return bytes
}

/**
 * What `/db_exports.json` lists for an export (`file_size` exact; `checksum` null: the fake computes no SHA-256).
 *
 * @since 0.1.0
 */
export const entry = (store: FakeData.Store, name: Name, baseUrl: string, now: number) => ({
  name,
  file_name: `${name}.csv.gz`,
  file_size: file(store, name).length,
  checksum: null,
  updated_at: new Date(Math.floor(now / 86_400_000) * 86_400_000 + 4 * 3_600_000).toISOString(),
  url: `${baseUrl}/data/db_export/${name}.csv.gz`
})

const isName = (s: string): s is Name => Object.hasOwn(columns, s)

const day = (now: number, back: number): string => new Date(now - back * 86_400_000).toISOString().slice(0, 10)

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** The legacy listing keeps the last three days. */
const legacyDays = 3

const listing = (store: FakeData.Store, now: number): FakeHttp.FakeResponse => {
  const lines: Array<string> = []
  for (let back = 0; back < legacyDays; back++) {
    const date = day(now, back)
    for (const name of Object.keys(legacyColumns).sort()) {
      const fileName = `${name}-${date}.csv.gz`
      const size = back === 0 ? String(file(store, name as Name, true).length) : String(1000 + Random.hash(store.seed, back) % 9000)
      const [yyyy, mm, dd] = date.split("-")
      const stamp = `${dd}-${months[Number(mm) - 1]}-${yyyy} 08:02`
      lines.push(`<a href="${fileName}">${fileName}</a>${" ".repeat(Math.max(1, 51 - fileName.length))}${stamp}${size.padStart(20)}`)
    }
  }
  return FakeHttp.html(
    200,
    `<html>\r\n<head><title>Index of /db_export/</title></head>\r\n<body>\r\n<h1>Index of /db_export/</h1><hr><pre><a href="../">../</a>\r\n${lines.join("\r\n")}\r\n</pre><hr></body>\r\n</html>\r\n`
  )
}

const gz = (bytes: Uint8Array): FakeHttp.FakeResponse => FakeFiles.binary(bytes, "application/gzip")

/**
 * `/db_exports.json`: every current export with its exact size (the files themselves are below), on the static
 * host like the fake's post files.
 */
const dbExports: FakeContext.Handler = (ctx) =>
  FakeHttp.json(200, names.map((name) => entry(ctx.store, name, "https://static1.e621.net", ctx.now)))

/**
 * The export routes: the JSON listing (declared in `api/DbExports.ts`), then the static host's files, raw:
 * current files, the legacy listing and its dated files.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  ...Serve.serve(Api.routes, { list: dbExports }),
  {
    method: "GET",
    pattern: /^\/data\/db_export\/(\w+)\.csv\.gz$/,
    auth: "none",
    throttled: false,
    raw: true,
    handler: (ctx, match) => isName(match[1]!) ? gz(file(ctx.store, match[1])) : FakeHttp.nginxPage(404, "Not Found")
  },
  { method: "GET", pattern: /^\/db_export\/$/, auth: "none", throttled: false, raw: true, handler: (ctx) => listing(ctx.store, ctx.now) },
  {
    method: "GET",
    pattern: /^\/db_export\/(\w+)-(\d{4}-\d{2}-\d{2})\.csv\.gz$/,
    auth: "none",
    throttled: false,
    raw: true,
    handler: (ctx, match) => {
      const [, name, date] = match
      const dates = Array.from({ length: legacyDays }, (_, back) => day(ctx.now, back))
      if (!isName(name!) || legacyColumns[name!] === undefined || !dates.includes(date!)) return FakeHttp.nginxPage(404, "Not Found")
      return gz(file(ctx.store, name, true))
    }
  }
]
