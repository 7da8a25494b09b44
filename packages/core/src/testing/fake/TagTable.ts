/**
 * The fake's `tags` table, derived from its posts: one row per tag name found on a post, its category from
 * the vocabulary (or an edit's prefix), `post_count` counted over all posts (deleted ones included, as
 * e621's counters do), `related_tags` from a 300-post sample as e621's `RelatedTagCalculator` computes them.
 *
 * The posts are scanned once, on first use; afterwards post edits adjust the counts through the store's
 * write listener, and appended posts (uploads) are counted when the table is next read — no request rescans.
 *
 * @since 0.1.0
 */
import * as Tag from "../../schemas/Tag.ts"
import type * as FakeData from "./Data.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"

/**
 * A stored tag (`/tags.json` shape; `related_tags` as e621's string).
 *
 * @since 0.1.0
 */
export interface TagRow {
  readonly id: number
  readonly name: string
  readonly post_count: number
  readonly category: number
  readonly related_tags: string | null
  readonly related_tags_updated_at: string | null
  readonly created_at: string
  readonly updated_at: string
  readonly is_locked: boolean
}

/** Posts in the related-tags sample (e621's `post_sample_size`). */
const SAMPLE = 300
/** Related tags kept per tag (`RelatedTagCalculator::MAX_RESULTS`). */
const RELATED = 25

const categoryNumber = (store: FakeData.Store, name: string, key?: string): number => {
  const byKey = key === undefined ? undefined : (Tag.categoryIds as Record<string, number>)[key]
  return byKey ?? Tag.categoryIds[store.categoryOf(name)]
}

/** Every tag name of a post with the category key it sits under. */
const tagsOfPost = (post: FakeData.StoredPost): Array<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  for (const [key, names] of Object.entries(post.tags)) {
    if (!Array.isArray(names)) continue
    for (const name of names) out.push([name, key])
  }
  return out
}

/**
 * The tag table of one store, with a name index and live post counts.
 *
 * @since 0.1.0
 */
const scan = (store: FakeData.Store): Array<TagRow> => {
  const seen = new Map<string, { oldest: number; key: string; count: number }>()
  // Co-occurrence counts over each tag's sample, on interned tag numbers (a typed row per tag).
  const numbers = new Map<string, number>()
  const names: Array<string> = []
  const sampled: Array<number> = []
  const together: Array<Int32Array> = []
  const intern = (name: string): number => {
    let n = numbers.get(name)
    if (n === undefined) {
      n = names.length
      numbers.set(name, n)
      names.push(name)
      sampled.push(0)
    }
    return n
  }
  const rowOf = (n: number): Int32Array => {
    let row = together[n]
    if (row === undefined || row.length < names.length) {
      const grown = new Int32Array(Math.max(64, names.length * 2))
      if (row !== undefined) grown.set(row)
      together[n] = row = grown
    }
    return row
  }
  // Newest first: the related-tags sample is the 300 newest posts carrying each tag.
  for (let index = store.size - 1; index >= 0; index--) {
    const tags = tagsOfPost(store.at(index))
    const ids = tags.map(([name]) => intern(name))
    for (const [name, key] of tags) {
      const entry = seen.get(name)
      if (entry === undefined) seen.set(name, { oldest: index, key, count: 1 })
      else {
        entry.oldest = index
        entry.count++
      }
    }
    for (const n of ids) {
      if (sampled[n]! >= SAMPLE) continue
      sampled[n]!++
      const row = rowOf(n)
      for (const m of ids) row[m]!++
    }
  }
  const relatedOf = (name: string): Array<Tag.RelatedTagCount> => {
    const row = together[numbers.get(name) ?? -1]
    if (row === undefined) return []
    const out: Array<Tag.RelatedTagCount> = []
    for (let m = 0; m < names.length && m < row.length; m++) if (row[m]! > 0) out.push({ name: names[m]!, count: row[m]! })
    return out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)).slice(0, RELATED)
  }
  // Ids in order of first use, as e621 creates a tag when a post first carries it.
  const order = [...seen.entries()].sort((a, b) => a[1].oldest - b[1].oldest || (a[0] < b[0] ? -1 : 1))
  const rng = Random.make(Random.hash(store.seed, 0x7a95))
  const refreshed = store.size === 0 ? "2026-06-01T00:00:00.000Z" : store.createdAt(store.size - 1)
  let id = 0
  return order.map(([name, entry]) => {
    id += 1 + rng.int(3)
    const created = store.createdAt(entry.oldest)
    const related = relatedOf(name)
    return {
      id,
      name,
      post_count: entry.count,
      category: categoryNumber(store, name, entry.key),
      related_tags: Tag.formatRelatedTags(related),
      related_tags_updated_at: refreshed,
      created_at: created,
      updated_at: created,
      is_locked: rng.chance(0.04)
    }
  })
}

/**
 * The tag table of one store, with a name index and live post counts.
 *
 * @since 0.1.0
 */
export class TagTable extends FakeTable.Table<TagRow> {
  private readonly ids = new Map<string, number>()
  /** Posts (indices below this) whose tags are in the counts. */
  private counted: number
  private readonly store: FakeData.Store

  constructor(store: FakeData.Store) {
    super(scan(store), 1)
    this.store = store
    for (const row of this.rows) this.ids.set(row.name, row.id)
    this.counted = store.size
    store.writeListeners.push((index, before, after) => this.onWrite(index, before, after))
  }

  /** The row of a tag name, if any. */
  byName(name: string): TagRow | undefined {
    const id = this.ids.get(name)
    return id === undefined ? undefined : this.get(id)
  }

  /** Counts posts appended since the last read (uploads). */
  sync(): void {
    while (this.counted < this.store.size) {
      for (const [name, key] of tagsOfPost(this.store.at(this.counted))) this.bump(name, key, 1, this.store.createdAt(this.counted))
      this.counted++
    }
  }

  private bump(name: string, key: string, by: number, at: string): void {
    const id = this.ids.get(name)
    if (id !== undefined) {
      this.update(id, (row) => ({ ...row, post_count: row.post_count + by }))
      return
    }
    if (by < 0) return
    const row = this.insert((next) => ({
      id: next,
      name,
      post_count: by,
      category: categoryNumber(this.store, name, key),
      related_tags: null,
      related_tags_updated_at: null,
      created_at: at,
      updated_at: at,
      is_locked: false
    }))
    this.ids.set(name, row.id)
  }

  private onWrite(index: number, before: FakeData.StoredPost, after: FakeData.StoredPost): void {
    if (index >= this.counted) return
    const at = after.updated_at ?? after.created_at
    const old = new Map(tagsOfPost(before))
    const now = new Map(tagsOfPost(after))
    for (const [name, key] of old) if (!now.has(name)) this.bump(name, key, -1, at)
    for (const [name, key] of now) if (!old.has(name)) this.bump(name, key, 1, at)
  }
}

/**
 * The tag table of a store, built on first use and brought up to date with appended posts.
 *
 * @since 0.1.0
 */
export const tagsOf = (store: FakeData.Store): TagTable => {
  const existing = store.tables.get("tags")
  if (existing instanceof TagTable) {
    existing.sync()
    return existing
  }
  const created = new TagTable(store)
  store.tables.set("tags", created)
  return created
}

/**
 * pg_trgm's word similarity of two strings (shared trigrams over all trigrams), as `%` and `similarity()`
 * use it; `%` matches at 0.3 or more.
 *
 * @since 0.1.0
 */
export const similarity = (a: string, b: string): number => {
  const trigrams = (s: string): Set<string> => {
    const out = new Set<string>()
    for (const word of s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "")) {
      const padded = `  ${word} `
      for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3))
    }
    return out
  }
  const x = trigrams(a)
  const y = trigrams(b)
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const t of x) if (y.has(t)) shared++
  return shared / (x.size + y.size - shared)
}

/**
 * A SQL `LIKE` test with `*` as the only wildcard (e621 escapes `%` and `_` before turning `*` into `%`).
 *
 * @since 0.1.0
 */
export const like = (pattern: string): ((name: string) => boolean) => {
  const regex = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s")
  return (name) => regex.test(name)
}
