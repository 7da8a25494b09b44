/**
 * The fake's database: users, posts, pools, favourites and votes generated from a seed, plus every change
 * made through the API or by tests.
 *
 * Posts are not all built up front: the generator keeps a few compact arrays (ids, parents, status bits)
 * for the whole corpus and builds a post's full JSON shape from `(seed, index)` when it is first read, so a
 * 250,000-post fake starts in a fraction of a second. Changed posts are kept whole in `overrides`.
 *
 * @since 0.1.0
 */
import type * as Post from "../../schemas/Post.ts"
import * as UserSchema from "../../schemas/User.ts"
import type * as E621Fake from "../../testing/E621Fake.ts"
import * as Dimensions from "../postDimensions.ts"
import * as FakeFiles from "./FakeFiles.ts"
import * as Random from "./FakeRandom.ts"
import * as Vocabulary from "./FakeVocabulary.ts"

/**
 * The e621 user levels (`level_string`) and their numeric values (2026 numbering).
 *
 * @since 0.1.0
 */
export const levels = UserSchema.levels

/** @since 0.1.0 */
export type Level = UserSchema.LevelName

/** Public as `E621Fake.User`. @internal */
export type User = E621Fake.User

/** @since 0.1.0 */
export type Rating = Post.Rating

/**
 * A post as stored: e621's legacy JSON shape (`Post.Post`), viewer-independent (`is_favorited` false,
 * `vote` 0, every URL present); the viewer's projection is made when rendering.
 *
 * @since 0.1.0
 */
export type StoredPost = Post.Post

/** Public as `E621Fake.Pool`. @internal */
export type Pool = E621Fake.Pool

/** Public as `E621Fake.PostVersion`. @internal */
export type PostVersion = E621Fake.PostVersion

/**
 * The users every fake has, whatever the seed. `tester` is an ordinary Member.
 *
 * @since 0.1.0
 */
export const fixedUsers: ReadonlyArray<User> = [
  { id: 1, name: "admin", level_string: "Admin", apiKey: "admin-api-key", created_at: "2010-02-10T00:00:00.000Z" },
  { id: 2, name: "janitor", level_string: "Janitor", apiKey: "janitor-api-key", created_at: "2012-05-01T00:00:00.000Z" },
  { id: 3, name: "privileged", level_string: "Privileged", apiKey: "privileged-api-key", created_at: "2014-08-20T00:00:00.000Z" },
  { id: 4, name: "tester", level_string: "Member", apiKey: "test-api-key", created_at: "2020-01-01T00:00:00.000Z" },
  { id: 5, name: "banned_user", level_string: "Blocked", apiKey: "banned-api-key", created_at: "2019-03-03T00:00:00.000Z" }
]

const STATIC = "https://static1.e621.net/data"
const START = Date.UTC(2015, 0, 1)
const END = Date.UTC(2026, 5, 1)
const CHANGE_BASE = 40_000_000
const DELETED = 1
const PENDING = 2
const FLAGGED = 4

const emptyTags = (): Record<Vocabulary.Category, Array<string>> => ({
  general: [], artist: [], contributor: [], copyright: [], character: [], species: [], invalid: [], meta: [], lore: []
})

/**
 * The URLs of a file on e621's static host (§5.1a): original, preview and sample, JPEG and WebP.
 *
 * @since 0.1.0
 */
export const urlsOf = (md5: string, ext: string) => {
  const dir = `${md5.slice(0, 2)}/${md5.slice(2, 4)}`
  return {
    file: `${STATIC}/${dir}/${md5}.${ext}`,
    preview: `${STATIC}/preview/${dir}/${md5}.jpg`,
    previewWebp: `${STATIC}/preview/${dir}/${md5}.webp`,
    sample: `${STATIC}/sample/${dir}/${md5}.jpg`,
    sampleWebp: `${STATIC}/sample/${dir}/${md5}.webp`,
    video: (suffix: string) => `${STATIC}/sample/${dir}/${md5}_${suffix}.mp4`
  }
}

/**
 * Whether e621's `posts_trigger_change_seq` would bump `change_seq` for this write: tags, source, rating,
 * description, md5, the status and lock flags, `has_active_children`, or a `parent_id` / `approver_id` that
 * was already set (the trigger compares with `!=`, so a change from NULL alone does not count).
 *
 * @since 0.1.0
 */
export const bumpsChangeSeq = (before: StoredPost, after: StoredPost): boolean => {
  const tagString = (p: StoredPost) =>
    Object.keys(p.tags).sort().map((c) => `${c}:${(p.tags[c] ?? []).join(" ")}`).join("|")
  const f = (p: StoredPost) => {
    const { deleted, flagged, note_locked, pending, rating_locked, status_locked } = p.flags
    return [deleted, pending, flagged, rating_locked, status_locked, note_locked]
  }
  const fromSet = (a: number | null, b: number | null) => a !== null && a !== b
  return tagString(before) !== tagString(after) || before.sources.join("\n") !== after.sources.join("\n") ||
    before.rating !== after.rating || before.description !== after.description || before.file.md5 !== after.file.md5 ||
    f(before).some((flag, i) => flag !== f(after)[i]) ||
    before.relationships.has_active_children !== after.relationships.has_active_children ||
    fromSet(before.relationships.parent_id, after.relationships.parent_id) || fromSet(before.approver_id, after.approver_id)
}

/**
 * Sorts the tags of each category and drops duplicates, as e621 renders them.
 *
 * @since 0.1.0
 */
export const normalizeTags = (tags: Readonly<Record<string, ReadonlyArray<string> | undefined>>): Post.Tags => {
  const out = emptyTags()
  for (const category of Vocabulary.categories) out[category] = [...new Set(tags[category] ?? [])].sort()
  return out
}

/**
 * Options of the generator.
 *
 * @since 0.1.0
 */
export interface GenerateOptions {
  readonly seed: number
  readonly posts: number
  readonly users: number
  /** Give every post the real md5 and size of the synthetic file the fake serves (see `FakeFiles`). */
  readonly files?: boolean | undefined
}

/**
 * The mutable in-memory database of one fake.
 *
 * @since 0.1.0
 */
export class Store {
  readonly seed: number
  /** Whether posts carry the real md5 and size of the files the fake serves. */
  readonly files: boolean
  readonly users: Array<User>
  readonly pools: Array<Pool> = []
  /** Post ids, ascending, with gaps. */
  ids: Int32Array
  /** Parent index of each post, or -1 (grows with {@link Store.addPost}). */
  parent: Int32Array
  /** Status bits of each post (deleted, pending, flagged), kept in sync with overrides. */
  status: Uint8Array
  readonly children = new Map<number, Array<number>>()
  readonly poolsOf = new Map<number, Array<number>>()
  /** user id → favourite post ids. */
  readonly favorites = new Map<number, Set<number>>()
  /** post id → user ids that favourited it. */
  readonly favoriters = new Map<number, Set<number>>()
  /** user id → (post id → vote). */
  readonly votes = new Map<number, Map<number, 1 | -1>>()
  readonly versions: Array<PostVersion> = []
  /** Categories of tags created by edits (the vocabulary knows the rest). */
  readonly tagCategories = new Map<string, Vocabulary.Category>()
  readonly overrides = new Map<number, StoredPost>()
  /** Tables of the other families (pools' versions, sets, tags, comments, …), by name; see `FakeTable.tableOf`. */
  readonly tables = new Map<string, unknown>()
  /** Called after every {@link Store.write} with the index and the post before and after (the tag table keeps its post counts in step). */
  readonly writeListeners: Array<(index: number, before: StoredPost, after: StoredPost) => void> = []
  private readonly cache = new Map<number, StoredPost>()
  private md5Index: Map<string, number> | undefined
  private changeSeq: number
  private versionSeq = 1_000_000
  /** Number of generated posts: creation times are spread over these, whatever is added later. */
  private readonly generatedSize: number

  constructor(options: GenerateOptions) {
    const { seed } = options
    const n = Math.max(0, Math.floor(options.posts))
    this.seed = seed
    this.files = options.files === true
    this.generatedSize = n
    this.users = [...fixedUsers, ...generateUsers(seed, Math.max(0, options.users))]
    const rng = Random.make(Random.hash(seed, 0x1d5))
    this.ids = new Int32Array(n)
    this.parent = new Int32Array(n).fill(-1)
    this.status = new Uint8Array(n)
    let id = 100 + rng.int(900)
    for (let i = 0; i < n; i++) {
      this.ids[i] = id
      id += rng.next() < 0.7 ? 1 : 2 + rng.int(6)
      const r = rng.next()
      this.status[i] = r < 0.03 ? DELETED : r < 0.05 ? PENDING : r < 0.06 ? FLAGGED : 0
      if (i > 0 && rng.next() < 0.06) {
        const p = Math.max(0, i - 1 - rng.int(8))
        this.parent[i] = p
        const list = this.children.get(p)
        if (list) list.push(i)
        else this.children.set(p, [i])
      }
    }
    this.changeSeq = CHANGE_BASE + n * 3 + 3
    // pools: runs of posts close together, in id order
    let poolId = 1000
    for (let j = 0, count = Math.floor(n / 40); j < count; j++) {
      const start = rng.int(n)
      const length = 2 + rng.int(19)
      const members: Array<number> = []
      for (let i = start; i < n && members.length < length; i += 1 + rng.int(3)) members.push(i)
      if (members.length < 2) continue
      const creator = rng.pick(this.users)
      const created = this.createdAt(members[0]!)
      const pool: Pool = {
        id: poolId,
        name: `${rng.pick(Vocabulary.poolWords)}_${rng.pick(Vocabulary.poolWords)}_${j + 1}`,
        created_at: created,
        updated_at: this.createdAt(members[members.length - 1]!),
        creator_id: creator.id,
        creator_name: creator.name,
        description: rng.chance(0.5) ? "" : `A ${rng.pick(["series", "collection", "comic"])} of ${members.length} posts.`,
        is_active: rng.chance(0.8),
        category: rng.chance(0.8) ? "series" : "collection",
        post_ids: members.map((i) => this.ids[i]!),
        post_count: members.length
      }
      this.pools.push(pool)
      for (const i of members) {
        const list = this.poolsOf.get(i)
        if (list) list.push(poolId)
        else this.poolsOf.set(i, [poolId])
      }
      poolId += 1 + rng.int(4)
    }
    // favourites of the known users
    const favoriting = this.users.filter((u) => u.level_string !== "Blocked")
    const tester = this.users.find((u) => u.name === "tester")!
    for (let i = 0; i < n; i++) {
      if (rng.next() < 0.03) this.addFavorite(tester.id, this.ids[i]!)
      if (rng.next() < 0.08) this.addFavorite(rng.pick(favoriting).id, this.ids[i]!)
    }
  }

  /** Number of posts. */
  get size(): number {
    return this.ids.length
  }

  /** Index of a post id, or -1. */
  indexOf(id: number): number {
    const ids = this.ids
    let lo = 0
    let hi = ids.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const v = ids[mid]!
      if (v === id) return mid
      if (v < id) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** First index whose id is greater than `id` (binary search). */
  upperBound(id: number): number {
    const ids = this.ids
    let lo = 0
    let hi = ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ids[mid]! <= id) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The stored post at an index. */
  at(index: number): StoredPost {
    const override = this.overrides.get(index)
    if (override) return override
    const cached = this.cache.get(index)
    if (cached) return cached
    const post = this.generate(index)
    if (this.cache.size >= 50_000) this.cache.clear()
    this.cache.set(index, post)
    return post
  }

  /** The stored post with that id, if any. */
  byId(id: number): StoredPost | undefined {
    const index = this.indexOf(id)
    return index < 0 ? undefined : this.at(index)
  }

  /** Index of the post with that MD5, or -1. */
  indexOfMd5(md5: string): number {
    if (!this.md5Index) {
      this.md5Index = new Map()
      for (let i = 0; i < this.ids.length; i++) this.md5Index.set(this.at(i).file.md5, i)
    }
    return this.md5Index.get(md5.toLowerCase()) ?? -1
  }

  /** Replaces a post (keeps status bits and related posts' relationship fields in sync). */
  write(index: number, post: StoredPost): void {
    const before = this.at(index)
    this.overrides.set(index, post)
    this.cache.delete(index)
    this.status[index] = (post.flags.deleted ? DELETED : 0) | (post.flags.pending ? PENDING : 0) |
      (post.flags.flagged ? FLAGGED : 0)
    if (before.flags.deleted !== post.flags.deleted && this.parent[index]! >= 0) {
      this.refreshRelationships(this.parent[index]!)
    }
    for (const listener of this.writeListeners) listener(index, before, post)
  }

  /** Sets the parent of a post (index), updating both parents' children. */
  setParent(index: number, parentIndex: number): void {
    const old = this.parent[index]!
    if (old === parentIndex) return
    if (old >= 0) {
      const list = (this.children.get(old) ?? []).filter((c) => c !== index)
      if (list.length === 0) this.children.delete(old)
      else this.children.set(old, list)
    }
    this.parent[index] = parentIndex
    if (parentIndex >= 0) {
      const list = [...(this.children.get(parentIndex) ?? []), index].sort((a, b) => a - b)
      this.children.set(parentIndex, list)
    }
    this.overrides.set(index, { ...this.at(index), relationships: this.relationshipsOf(index) })
    if (old >= 0) this.refreshRelationships(old)
    if (parentIndex >= 0) this.refreshRelationships(parentIndex)
  }

  /** Recomputes the relationship fields of one post; bumps change_seq when has_active_children flips. */
  refreshRelationships(index: number): void {
    const post = this.at(index)
    const relationships = this.relationshipsOf(index)
    const bump = post.relationships.has_active_children !== relationships.has_active_children
    this.overrides.set(index, { ...post, relationships, ...(bump ? { change_seq: this.nextChangeSeq() } : {}) })
    this.cache.delete(index)
  }

  /** The next value of the global change sequence. */
  nextChangeSeq(): number {
    return ++this.changeSeq
  }

  /** The next post version id. */
  nextVersionId(): number {
    return ++this.versionSeq
  }

  /** Adds a favourite (no-op when already there); keeps `fav_count` in step for changed posts. */
  addFavorite(userId: number, postId: number): void {
    const mine = this.favorites.get(userId) ?? new Set<number>()
    if (mine.has(postId)) return
    mine.add(postId)
    this.favorites.set(userId, mine)
    const theirs = this.favoriters.get(postId) ?? new Set<number>()
    theirs.add(userId)
    this.favoriters.set(postId, theirs)
  }

  /**
   * Appends a new post (an upload) with the next free id, above every existing one, so existing indices do
   * not move. `make` receives the id; the post's parent (if any) is linked.
   */
  addPost(make: (id: number) => StoredPost): StoredPost {
    const index = this.ids.length
    const id = index === 0 ? 100 : this.ids[index - 1]! + 1
    const grow = <A extends Int32Array | Uint8Array>(from: A, to: A): A => {
      to.set(from)
      return to
    }
    this.ids = grow(this.ids, new Int32Array(index + 1))
    this.ids[index] = id
    this.parent = grow(this.parent, new Int32Array(index + 1))
    this.parent[index] = -1
    this.status = grow(this.status, new Uint8Array(index + 1))
    const post = make(id)
    this.overrides.set(index, { ...post, id, relationships: NO_RELATIONSHIPS })
    this.write(index, this.overrides.get(index)!)
    const parentIndex = post.relationships.parent_id === null ? -1 : this.indexOf(post.relationships.parent_id)
    if (parentIndex >= 0) this.setParent(index, parentIndex)
    this.md5Index?.set(post.file.md5, index)
    return this.at(index)
  }

  /** The user with that name (case-insensitive), if any. */
  userByName(name: string): User | undefined {
    const lower = name.toLowerCase()
    return this.users.find((u) => u.name.toLowerCase() === lower)
  }

  /** The category of a tag name, defaulting to general for unknown tags. */
  categoryOf(tag: string): Vocabulary.Category {
    return this.tagCategories.get(tag) ?? Vocabulary.categoryOf.get(tag) ?? "general"
  }

  /** Creation time of the post at an index (monotonic in the index). */
  createdAt(index: number): string {
    return new Date(this.createdMillis(index)).toISOString()
  }

  private createdMillis(index: number): number {
    const n = Math.max(1, this.generatedSize)
    const jitter = (Random.hash(this.seed, this.ids[index]! ^ 0x7f4a) % 1000) / 1000
    return Math.floor(START + (END - START) * ((index + jitter * 0.9) / n))
  }

  private relationshipsOf(index: number): StoredPost["relationships"] {
    const parentIndex = this.parent[index]!
    const children = this.children.get(index)
    if (parentIndex < 0 && !children) return NO_RELATIONSHIPS
    return {
      parent_id: parentIndex < 0 ? null : this.ids[parentIndex]!,
      has_children: children !== undefined && children.length > 0,
      has_active_children: children !== undefined && children.some((c) => (this.status[c]! & DELETED) === 0),
      children: children ? children.map((c) => this.ids[c]!) : []
    }
  }

  /** Builds the post at an index from `(seed, index)`. */
  private generate(index: number): StoredPost {
    const id = this.ids[index]!
    const rng = Random.make(Random.hash(this.seed, id))
    const status = this.status[index]!
    const created = this.createdMillis(index)
    const year = new Date(created).getUTCFullYear()
    const rating: Rating = rng.pick(RATINGS)
    const extRoll = rng.next()
    const ext = extRoll < 0.5 ? "jpg" : extRoll < 0.84 ? "png" : extRoll < 0.9 ? "gif" : extRoll < 0.97 ? "webm" : "mp4"
    const video = ext === "webm" || ext === "mp4"
    const width = video ? rng.pick(VIDEO_WIDTHS) : rng.between(300, 4200)
    const height = video ? Math.round(width * 9 / 16) : Math.round(width * (0.5 + rng.next() * 1.2))
    const declaredSize = Math.floor(width * height * (video ? 3 : ext === "png" ? 1.2 : 0.35) * (0.6 + rng.next() * 0.8))
    const served = this.files ? FakeFiles.original(this.seed, id, ext) : undefined
    const size = served?.size ?? declaredSize
    const duration = video ? Math.round(rng.between(3, 300) * 100 + rng.int(100)) / 100 : ext === "gif" && rng.chance(0.7) ? rng.between(1, 20) : null
    const md5 = served?.md5 ?? Random.md5Of(this.seed, id)
    const tags = emptyTags()
    const artists = rng.chance(0.08) ? ["unknown_artist"] : rng.sample(Vocabulary.artists, rng.chance(0.85) ? 1 : 2)
    tags.artist.push(...artists)
    if (rng.chance(0.03)) tags.contributor.push(rng.pick(Vocabulary.contributors))
    if (rng.chance(0.45)) tags.copyright.push(...rng.sample(Vocabulary.copyrights, 1 + rng.int(2)))
    if (rng.chance(0.5)) tags.character.push(...rng.sample(Vocabulary.characters, 1 + rng.int(2)))
    tags.species.push(...rng.sample(Vocabulary.species, 1 + rng.int(4)))
    tags.general.push(...rng.sample(Vocabulary.general, 5 + rng.int(21)))
    if (rating !== "s" && rng.chance(0.03)) tags.general.push("young")
    if (rng.chance(0.01)) tags.invalid.push(rng.pick(Vocabulary.invalid))
    if (rng.chance(0.05)) tags.lore.push(rng.pick(Vocabulary.lore))
    tags.meta.push(String(year), ...rng.sample(Vocabulary.meta, rng.int(3)))
    tags.meta.push(rng.chance(0.12) ? "3d_(artwork)" : "digital_media_(artwork)")
    if (width >= 3200 || height >= 2400) tags.meta.push("absurd_res", "hi_res")
    else if (width >= 1600 || height >= 1200) tags.meta.push("hi_res")
    else if (width <= 500 && height <= 500) tags.meta.push("low_res")
    if (video || duration !== null) tags.meta.push("animated")
    if (video) tags.meta.push(ext, rng.chance(0.6) ? "sound" : "no_sound")
    const urls = urlsOf(md5, ext)
    const hasSample = Dimensions.hasSample(ext, width, height, Object.values(tags).flat())
    const sampleSize = Dimensions.sampleSize(width, height, hasSample)
    const up = Math.floor(Math.pow(rng.next(), 3) * 2500)
    const down = -Math.floor(rng.next() * up * 0.08)
    const uploader = this.users.length > fixedUsers.length
      ? this.users[fixedUsers.length + rng.int(this.users.length - fixedUsers.length)]!
      : rng.pick(this.users)
    const pending = (status & PENDING) !== 0
    const favoriters = this.favoriters.get(id)?.size ?? 0
    const pools = this.poolsOf.get(index)
    const artistName = artists[0]!
    const sources: Array<string> = []
    if (rng.chance(0.8)) sources.push(`https://www.furaffinity.net/view/${rng.between(1_000_000, 60_000_000)}/`)
    if (rng.chance(0.5)) sources.push(`https://x.com/${artistName}/status/${rng.between(1e9, 2e9)}`)
    if (rng.chance(0.2)) sources.push(`https://www.furaffinity.net/user/${artistName}/`)
    return {
      id,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(Math.min(END, created + rng.int(200 * 86_400_000))).toISOString(),
      file: { width, height, ext, size, md5, url: urls.file },
      preview: {
        ...Dimensions.previewSize(width, height),
        url: urls.preview,
        alt: urls.previewWebp
      },
      sample: {
        has: hasSample,
        ...sampleSize,
        url: hasSample ? urls.sample : null,
        alt: hasSample ? urls.sampleWebp : null,
        alternates: video ? videoAlternates(ext, width, height, size, urls) : {}
      },
      score: { up, down, total: up + down },
      tags: sortTags(tags),
      locked_tags: [],
      change_seq: CHANGE_BASE + index * 3 + rng.int(3),
      flags: {
        pending,
        flagged: (status & FLAGGED) !== 0,
        note_locked: rng.chance(0.01),
        status_locked: rng.chance(0.005),
        rating_locked: rng.chance(0.03),
        deleted: (status & DELETED) !== 0
      },
      rating,
      fav_count: Math.floor(up * (0.8 + rng.next())) + favoriters,
      sources,
      pools: pools ? [...pools] : [],
      relationships: this.relationshipsOf(index),
      approver_id: pending || rng.chance(0.3) ? null : rng.pick([1, 2]),
      uploader_id: uploader.id,
      uploader_name: uploader.name,
      description: rng.chance(0.7) ? "" : `Artwork by ${artistName}. ${rng.pick(DESCRIPTIONS)}`,
      comment_count: rng.chance(0.5) ? 0 : rng.int(60),
      is_favorited: false,
      vote: 0,
      has_notes: rng.chance(0.05),
      duration
    }
  }
}

const sortTags = (tags: Record<Vocabulary.Category, Array<string>>): Post.Tags => {
  for (const category of Vocabulary.categories) tags[category].sort()
  return tags
}

const RATINGS: ReadonlyArray<Rating> = ["s", "s", "s", "s", "q", "q", "e", "e", "e", "e"]
const VIDEO_WIDTHS: ReadonlyArray<number> = [640, 1280, 1920]
const DESCRIPTIONS: ReadonlyArray<string> = ["Commission.", "Thanks for looking!", "Part of a series.", "Sketch from a stream."]

const NO_RELATIONSHIPS: StoredPost["relationships"] = { parent_id: null, has_children: false, has_active_children: false, children: [] }

const videoAlternates = (
  ext: string,
  width: number,
  height: number,
  size: number,
  urls: ReturnType<typeof urlsOf>
): Record<string, unknown> => {
  const sampleAt = (h: number, suffix: string) => ({
    width: Math.round(width * h / height),
    height: h,
    codec: "avc1.4D401E",
    fps: 30,
    size: Math.floor(size * h / height * 0.6),
    url: urls.video(suffix)
  })
  const samples: Record<string, unknown> = {}
  if (height > 720) samples["720p"] = sampleAt(720, "720p")
  if (height > 480) samples["480p"] = sampleAt(480, "480p")
  return {
    has: true,
    original: { codec: ext === "webm" ? "vp9" : "avc1.640028", fps: 30, size, width, height, url: urls.file },
    variants: ext === "webm"
      ? { mp4: { width, height, codec: "avc1.4D401E", fps: 30, size: Math.floor(size * 0.8), url: urls.video("alt") } }
      : {},
    samples
  }
}

const generateUsers = (seed: number, count: number): Array<User> => {
  const rng = Random.make(Random.hash(seed, 0x05e7))
  const users: Array<User> = []
  const names = new Set(fixedUsers.map((u) => u.name))
  let id = 1000
  for (let i = 0; i < count; i++) {
    let name = `${rng.pick(Vocabulary.nameParts)}_${rng.pick(Vocabulary.nameParts)}`
    if (names.has(name)) name = `${name}_${i}`
    names.add(name)
    id += 1 + rng.int(5000)
    users.push({
      id,
      name,
      level_string: rng.chance(0.15) ? "Privileged" : "Member",
      apiKey: Random.md5Of(seed ^ 0x0a91, id).slice(0, 24),
      created_at: new Date(START + rng.int(END - START)).toISOString()
    })
  }
  return users
}
