/**
 * The fake's Posts family. Reads: search (`/posts.json`), show, random, count, md5 look-up, the favouriters
 * list and the recommendations. Writes: edit (`PATCH /posts/:id.json`), revert, copy notes, votes.
 *
 * Edits follow e621: tag, source and description changes with the `old_*` three-way merge, `rating:` /
 * `parent:` / category-prefixed tags inside the tag string, a post version per effective change, and
 * `change_seq` bumped only for the columns e621's trigger watches (not for votes, and not for a first
 * `parent_id` alone).
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Api from "../../api/Posts.ts"
import type * as Post from "../../schemas/Post.ts"
import * as TagQuery from "../../TagQuery.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTagRelationships from "./TagRelationships.ts"
import * as FakeThrottle from "./Throttle.ts"
import type * as Vocabulary from "./Vocabulary.ts"

/** Posts count answers cap at 750 pages of 320 + 1 (`posts_controller.rb#count`). */
const COUNT_CAP = 750 * 320 + 1

/**
 * Reads the `tags` parameter as e621 does: 422 over 40 tags or 10 levels, 422 on a malformed query; plain tags
 * that are the antecedent of an active alias are read as its consequent.
 *
 * @since 0.1.0
 */
export const parseTags = (store: FakeData.Store, raw: string | undefined): TagQuery.TagQuery | FakeHttp.FakeResponse => {
  const parsed = TagQuery.parseResult(raw ?? "")
  if (Result.isFailure(parsed)) return FakeHttp.expectedError(422, parsed.failure.message)
  const q = parsed.success
  if (TagQuery.count(q) > TagQuery.tagLimit) {
    return FakeHttp.expectedError(422, `You cannot search for more than ${TagQuery.tagLimit} tags at a time`)
  }
  if (TagQuery.depth(q) > TagQuery.depthLimit) {
    return FakeHttp.expectedError(422, `You cannot have more than ${TagQuery.depthLimit} levels of grouping at a time`)
  }
  const aliases = new Map(FakeTagRelationships.activeAliases(store).map((row) => [row.antecedent_name, row.consequent_name]))
  return aliases.size === 0 ? q : { terms: aliased(q.terms, aliases) }
}

/** Plain tags (not wildcards) renamed by the active aliases, inside groups too. */
const aliased = (terms: ReadonlyArray<TagQuery.Term>, aliases: ReadonlyMap<string, string>): Array<TagQuery.Term> =>
  terms.map((term) => {
    if (term._tag === "Group") return { ...term, terms: aliased(term.terms, aliases) }
    const consequent = term._tag === "Tag" && !term.wildcard ? aliases.get(term.name) : undefined
    return consequent === undefined ? term : { ...term, name: consequent }
  })

/**
 * The evaluation context of a viewer: `fav:`, `user:`, `pool:` resolved against the fake's data (unknown
 * names match nothing, as on e621).
 *
 * @since 0.1.0
 */
export const evaluateContext = (store: FakeData.Store, viewer: FakeRender.Viewer): TagQuery.EvaluateContext => {
  const userId = (name: string): number => {
    const lower = name.toLowerCase()
    if (lower === "me") return viewer.user?.id ?? -1
    if (/^!\d+$/.test(lower)) return Number(lower.slice(1))
    return store.userByName(lower)?.id ?? -1
  }
  return {
    favoritedBy: (name) => store.favorites.get(userId(name)) ?? new Set(),
    resolveUser: userId,
    resolvePool: (name) => {
      const wanted = name.toLowerCase().replace(/ /g, "_")
      return store.pools.find((p) => p.name.toLowerCase() === wanted)?.id ?? -1
    }
  }
}

/**
 * A predicate over post indices for a query and viewer (safe mode forces `rating:s`). Posts are evaluated
 * with the viewer's own `vote` / `is_favorited`.
 *
 * @since 0.1.0
 */
export const matcherOf = (store: FakeData.Store, q: TagQuery.TagQuery, viewer: FakeRender.Viewer): (index: number) => boolean => {
  const matches = TagQuery.matcher(q, evaluateContext(store, viewer))
  const user = viewer.user
  return (index) => {
    const post = FakeRender.withViewerFields(store, store.at(index), user)
    return (!viewer.safeMode || post.rating === "s") && matches(post)
  }
}

/**
 * One page of a search, in e621's order: numbered pages follow `order:` (id descending by default); `b<id>`
 * pages are id-descending below the id; `a<id>` pages take the lowest ids above it and return them
 * descending.
 *
 * @since 0.1.0
 */
export const searchPage = (
  store: FakeData.Store,
  q: TagQuery.TagQuery,
  viewer: FakeRender.Viewer,
  page: FakeContext.Page,
  limit: number
): ReadonlyArray<Post.Post> => {
  if (limit === 0) return []
  const matches = matcherOf(store, q, viewer)
  const out: Array<number> = []
  const order = TagQuery.orderOf(q)
  const idOrdered = order === undefined || order.field === "id"
  if (page._tag === "Before" || (page._tag === "Numbered" && idOrdered && order?.direction !== "asc")) {
    const skip = page._tag === "Numbered" ? (page.page - 1) * limit : 0
    let skipped = 0
    const start = page._tag === "Before" ? store.upperBound(page.id - 1) - 1 : store.size - 1
    for (let i = start; i >= 0 && out.length < limit; i--) {
      if (!matches(i)) continue
      if (skipped < skip) skipped++
      else out.push(i)
    }
  } else if (page._tag === "After" || idOrdered) {
    const skip = page._tag === "Numbered" ? (page.page - 1) * limit : 0
    let skipped = 0
    const start = page._tag === "After" ? store.upperBound(page.id) : 0
    for (let i = start; i < store.size && out.length < limit; i++) {
      if (!matches(i)) continue
      if (skipped < skip) skipped++
      else out.push(i)
    }
    if (page._tag === "After") out.reverse()
  } else {
    const all: Array<Post.Post> = []
    for (let i = 0; i < store.size; i++) {
      if (matches(i)) all.push(FakeRender.withViewerFields(store, store.at(i), viewer.user))
    }
    all.sort(TagQuery.sort(q))
    const from = (page.page - 1) * limit
    return all.slice(from, from + limit).map((p) => FakeRender.project(store, p, viewer))
  }
  return out.map((i) => FakeRender.project(store, store.at(i), viewer))
}

/**
 * The output format asked by `v2` / `mode`, and whether `only` removes the wrapper.
 *
 * @since 0.1.0
 */
export const formatOf = (params: Readonly<Record<string, string>>): { readonly format: FakeRender.Format; readonly unwrapped: boolean } => {
  if (FakeContext.truthy(params.v2)) {
    const mode = params.mode
    const format = mode === "extended" ? "extended" : mode === "thumbnail" || mode === "thumbnails" ? "thumbnail" : "basic"
    return { format, unwrapped: true }
  }
  return { format: "legacy", unwrapped: params.only !== undefined && params.only !== "" }
}

/**
 * A list of posts in the requested format: `{"posts":[…]}`, or a bare array with `v2` / `only`.
 *
 * @since 0.1.0
 */
export const renderList = (params: Readonly<Record<string, string>>, posts: ReadonlyArray<Post.Post>): FakeHttp.FakeResponse => {
  const { format, unwrapped } = formatOf(params)
  const items = posts.map((p) => FakeRender.render(p, format))
  return FakeHttp.json(200, unwrapped ? items : { posts: items })
}

/**
 * One post in the requested format: `{"post":{…}}`, or the bare object with `v2` / `only`.
 *
 * @since 0.1.0
 */
export const renderOne = (
  params: Readonly<Record<string, string>>,
  post: Post.Post,
  status = 200,
  headers: Readonly<Record<string, string>> = {}
): FakeHttp.FakeResponse => {
  const { format, unwrapped } = formatOf(params)
  const item = FakeRender.render(post, format)
  return FakeHttp.json(status, unwrapped ? item : { post: item }, headers)
}

const limitMetatag = (q: TagQuery.TagQuery): string | undefined => {
  let value: string | undefined
  for (const t of q.terms) if (t._tag === "Metatag" && t.name === "limit") value = t.value
  return value
}

/**
 * `GET /posts.json`: search (`tags`, `limit`, `page`), or one post by `md5`.
 *
 * @since 0.1.0
 */
export const search: FakeContext.Handler = (ctx) => {
  const { params, store } = ctx
  const md5 = params.md5
  if (md5 !== undefined && md5 !== "") {
    const i = store.indexOfMd5(md5)
    return i < 0 ? FakeHttp.notFound() : renderOne(params, FakeRender.project(store, store.at(i), ctx.viewer))
  }
  const q = parseTags(store, params.tags ?? params["post[tags]"])
  if (FakeContext.isResponse(q)) return q
  const fallback = FakeContext.parseLimit(limitMetatag(q), 75)
  const limit = FakeContext.parseLimit(params.limit, FakeContext.isResponse(fallback) ? 75 : fallback)
  if (FakeContext.isResponse(limit)) return limit
  const page = FakeContext.parsePage(params.page)
  if (FakeContext.isResponse(page)) return page
  return renderList(params, searchPage(store, q, ctx.viewer, page, limit))
}

const postIdOf = (ctx: FakeContext.Context, raw: string | undefined): number => {
  if (raw === undefined || !/^\d+$/.test(raw)) return -1
  return ctx.store.indexOf(Number(raw))
}

/**
 * `GET /posts/:id.json`: `{"post":…}` (deleted posts too, without URLs), 404 when there is none.
 *
 * @since 0.1.0
 */
export const get: FakeContext.Handler = (ctx, match) => {
  const i = postIdOf(ctx, match[1])
  return i < 0 ? FakeHttp.notFound() : renderOne(ctx.params, FakeRender.project(ctx.store, ctx.store.at(i), ctx.viewer))
}

/**
 * `GET /posts/random.json`: one random post matching `tags` (the fake's seeded sequence), 404 when none.
 *
 * @since 0.1.0
 */
export const random: FakeContext.Handler = (ctx) => {
  const q = parseTags(ctx.store, ctx.params.tags)
  if (FakeContext.isResponse(q)) return q
  const matches = matcherOf(ctx.store, q, ctx.viewer)
  const hits: Array<number> = []
  for (let i = 0; i < ctx.store.size; i++) if (matches(i)) hits.push(i)
  if (hits.length === 0) return FakeHttp.notFound()
  const i = hits[ctx.random.int(hits.length)]!
  return renderOne(ctx.params, FakeRender.project(ctx.store, ctx.store.at(i), ctx.viewer))
}

/**
 * `GET /posts/count.json`: `{"count","capped"}`, capped at 240,001.
 *
 * @since 0.1.0
 */
export const count: FakeContext.Handler = (ctx) => {
  const q = parseTags(ctx.store, ctx.params.tags)
  if (FakeContext.isResponse(q)) return q
  const matches = matcherOf(ctx.store, q, ctx.viewer)
  let n = 0
  for (let i = 0; i < ctx.store.size && n < COUNT_CAP; i++) if (matches(i)) n++
  return FakeHttp.json(200, { count: n, capped: n >= COUNT_CAP })
}

/**
 * `GET /posts/:id/favorites.json`: the users who favourited the post, by name, as
 * `{id,name,level_string,favorite_count}` (limit clamped to 1..100).
 *
 * @since 0.1.0
 */
export const favorites: FakeContext.Handler = (ctx, match) => {
  const i = postIdOf(ctx, match[1])
  if (i < 0) return FakeHttp.notFound()
  const page = FakeContext.parsePage(ctx.params.page)
  if (FakeContext.isResponse(page)) return page
  const rawLimit = Number.parseInt(ctx.params.limit ?? "75", 10)
  const limit = Math.min(100, Math.max(1, Number.isNaN(rawLimit) ? 75 : rawLimit))
  const ids = ctx.store.favoriters.get(ctx.store.ids[i]!) ?? new Set<number>()
  const users = ctx.store.users.filter((u) => ids.has(u.id)).sort((a, b) => a.name.localeCompare(b.name))
  const slice = page._tag === "Numbered"
    ? users.slice((page.page - 1) * limit, page.page * limit)
    : page._tag === "Before"
    ? users.filter((u) => u.id < page.id).slice(0, limit)
    : users.filter((u) => u.id > page.id).slice(0, limit)
  return FakeHttp.json(200, slice.map((u) => ({
    id: u.id,
    name: u.name,
    level_string: u.level_string,
    favorite_count: ctx.store.favorites.get(u.id)?.size ?? 0
  })))
}

const artistTagsOf = (post: Post.Post): ReadonlyArray<string> =>
  post.tags.artist.filter((a) => a !== "unknown_artist" && a !== "conditional_dnp" && a !== "sound_warning")

/**
 * `GET /posts/:id/similar/artist.json` and `/similar/tags.json`: recommendations (`limit` 1..20, default
 * 6) — posts by the same artist, or with the most tags in common; empty for posts the viewer cannot see.
 *
 * @since 0.1.0
 */
export const similar: FakeContext.Handler = (ctx, match) => {
  // the route's `:by` segment: e621 routes only these two
  if (match[2] !== "artist" && match[2] !== "tags") return FakeHttp.notFound()
  const i = postIdOf(ctx, match[1])
  if (i < 0) return FakeHttp.notFound()
  const kind = match[2]
  const { store, viewer } = ctx
  const rawLimit = Number.parseInt(ctx.params.limit ?? "6", 10)
  const limit = Math.min(20, Math.max(1, Number.isNaN(rawLimit) ? 6 : rawLimit))
  const post = store.at(i)
  const scored: Array<{ readonly index: number; readonly score: number }> = []
  if (FakeRender.isVisible(post, viewer)) {
    const artists = artistTagsOf(post)
    const tags = new Set([...post.tags.general, ...post.tags.species, ...post.tags.character, ...post.tags.copyright])
    for (let j = store.size - 1; j >= 0; j--) {
      if (j === i) continue
      const other = store.at(j)
      if (other.flags.deleted || !FakeRender.isVisible(other, viewer)) continue
      if (kind === "artist") {
        if (artists.length > 0 && artistTagsOf(other).some((a) => artists.includes(a))) scored.push({ index: j, score: 1 })
        if (scored.length >= limit) break
      } else {
        let common = 0
        for (const list of [other.tags.general, other.tags.species, other.tags.character, other.tags.copyright]) {
          for (const t of list) if (tags.has(t)) common++
        }
        if (common > 0) scored.push({ index: j, score: common })
      }
    }
  }
  const top = scored.sort((a, b) => b.score - a.score || store.ids[b.index]! - store.ids[a.index]!).slice(0, limit)
  const posts = top.map((s) => FakeRender.project(store, store.at(s.index), viewer))
  return FakeHttp.json(200, {
    post_id: post.id,
    model_version: kind === "artist" ? "os.artist" : "os.tags",
    results: posts.map((p) => ({ post_id: p.id, score: 1, explanation: null })),
    post_data: posts.map((p) => FakeRender.render(p, "thumbnail"))
  })
}

const categoryPrefixes: ReadonlyMap<string, Vocabulary.Category> = new Map([
  ["general", "general"], ["gen", "general"], ["artist", "artist"], ["art", "artist"],
  ["contributor", "contributor"], ["cont", "contributor"], ["copyright", "copyright"], ["copy", "copyright"],
  ["character", "character"], ["char", "character"], ["species", "species"], ["spec", "species"],
  ["invalid", "invalid"], ["meta", "meta"], ["lore", "lore"]
])

const words = (s: string | undefined): Array<string> =>
  s === undefined ? [] : s.toLowerCase().split(/\s+/).filter((w) => w !== "")

const allTagsOf = (post: Post.Post): Array<string> => {
  const out: Array<string> = []
  for (const category in post.tags) out.push(...(post.tags[category] ?? []))
  return out
}

/** The editable fields of a post. */
interface Editable {
  readonly tags: ReadonlyArray<string>
  readonly rating: Post.Rating
  readonly parentId: number | null
  readonly sources: ReadonlyArray<string>
  readonly description: string
}

const editableOf = (post: Post.Post): Editable => ({
  tags: allTagsOf(post).sort(),
  rating: post.rating,
  parentId: post.relationships.parent_id,
  sources: post.sources,
  description: post.description
})

/** Splits metatags (`rating:`, `parent:`, `-parent:`, `category:tag`) out of a tag list. */
const interpretTags = (store: FakeData.Store, tokens: ReadonlyArray<string>, into: {
  rating?: Post.Rating
  parentId?: number | null
}): Array<string> => {
  const out: Array<string> = []
  for (const token of tokens) {
    const colon = token.indexOf(":")
    const prefix = colon > 0 ? token.slice(0, colon) : ""
    const value = colon > 0 ? token.slice(colon + 1) : ""
    if (prefix === "rating" && /^[sqe]/.test(value)) into.rating = value.charAt(0) as Post.Rating
    else if (prefix === "parent") into.parentId = value === "none" || value === "" ? null : Number.parseInt(value, 10)
    else if (prefix === "-parent") into.parentId = null
    else if (categoryPrefixes.has(prefix) && value !== "") {
      store.tagCategories.set(value, categoryPrefixes.get(prefix)!)
      out.push(value)
    } else out.push(token)
  }
  return out
}

const difference = <A>(a: ReadonlyArray<A>, b: ReadonlyArray<A>): Array<A> => {
  const set = new Set(b)
  return a.filter((x) => !set.has(x))
}

/** The post's tags after the edit: `tag_string` (with the `old_tag_string` merge) or `tag_string_diff`. */
const editTags = (
  store: FakeData.Store,
  current: ReadonlyArray<string>,
  params: Readonly<Record<string, string>>,
  into: { rating?: Post.Rating; parentId?: number | null }
): ReadonlyArray<string> => {
  let tags = [...current]
  const full = params["post[tag_string]"]
  if (full !== undefined) {
    const wanted = interpretTags(store, words(full), into)
    const old = params["post[old_tag_string]"]
    if (old === undefined) tags = wanted
    else {
      const oldTags = interpretTags(store, words(old), {})
      const removed = difference(oldTags, wanted)
      const added = difference(wanted, oldTags)
      tags = [...difference(tags, removed), ...added]
    }
  }
  const diff = params["post[tag_string_diff]"]
  if (diff !== undefined) {
    for (const token of words(diff)) {
      if (token.startsWith("-") && !token.startsWith("-parent:")) {
        const name = token.slice(1)
        tags = tags.filter((t) => t !== name)
      } else tags.push(...interpretTags(store, [token], into))
    }
  }
  return [...new Set(tags)].sort()
}

const lines = (s: string): Array<string> => s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "")

const unquote = (s: string): string => s.length >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.slice(1, -1) : s

/** The post's sources after the edit: `source` (with `old_source`) or `source_diff`. */
const editSources = (current: ReadonlyArray<string>, params: Readonly<Record<string, string>>): ReadonlyArray<string> => {
  let sources = [...current]
  const full = params["post[source]"]
  if (full !== undefined) {
    const old = params["post[old_source]"]
    if (old === undefined || old !== full) sources = lines(full)
  }
  const diff = params["post[source_diff]"]
  if (diff !== undefined) {
    for (const line of lines(diff)) {
      if (line.startsWith("-")) {
        const url = unquote(line.slice(1))
        sources = sources.filter((s) => s !== url)
      } else sources.push(unquote(line))
    }
  }
  return [...new Set(sources)].slice(0, 10).map((s) => s.slice(0, 2049))
}

/** `new` unless `old` was sent and equals it (`Post#merge_old_changes`: then the stored value stays). */
const merged = <A>(current: A, wanted: A | undefined, old: A | undefined): A =>
  wanted === undefined || (old !== undefined && old === wanted) ? current : wanted

const tagsByCategory = (store: FakeData.Store, tags: ReadonlyArray<string>): Post.Tags => {
  const grouped: Record<string, Array<string>> = {}
  for (const t of tags) (grouped[store.categoryOf(t)] ??= []).push(t)
  return FakeData.normalizeTags(grouped)
}

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Applies an edit to the post at `index` on behalf of `user`: writes the post, records a version, bumps
 * `change_seq` as e621's trigger does. Returns `false` when the edit is invalid (e621 then answers 200 with
 * the unchanged post).
 *
 * @since 0.1.0
 */
export const applyEdit = (
  store: FakeData.Store,
  index: number,
  next: Editable,
  user: FakeData.User,
  now: number,
  reason: string | null
): boolean => {
  const post = store.at(index)
  const before = editableOf(post)
  let parentIndex = -1
  if (next.parentId !== null) {
    parentIndex = store.indexOf(next.parentId)
    if (parentIndex < 0 || parentIndex === index) return false
  }
  const tagsChanged = !sameList(before.tags, next.tags)
  const ratingChanged = before.rating !== next.rating
  const parentChanged = before.parentId !== next.parentId
  const sourceChanged = !sameList(before.sources, next.sources)
  const descriptionChanged = before.description !== next.description
  if (!tagsChanged && !ratingChanged && !parentChanged && !sourceChanged && !descriptionChanged) return true
  if (ratingChanged && post.flags.rating_locked && !FakeContext.atLeast(user, "Privileged")) return false
  const bump = tagsChanged || ratingChanged || sourceChanged || descriptionChanged ||
    (parentChanged && before.parentId !== null)
  if (!store.versions.some((v) => v.post_id === post.id)) recordVersion(store, post.id, undefined, before, post.uploader_id, post.created_at, null)
  const edited: Post.Post = {
    ...post,
    tags: tagsChanged ? tagsByCategory(store, next.tags) : post.tags,
    rating: next.rating,
    sources: next.sources,
    description: next.description,
    updated_at: new Date(now).toISOString(),
    change_seq: bump ? store.nextChangeSeq() : post.change_seq
  }
  store.write(index, edited)
  if (parentChanged) store.setParent(index, parentIndex)
  recordVersion(store, post.id, before, next, user.id, new Date(now).toISOString(), reason)
  return true
}

const recordVersion = (
  store: FakeData.Store,
  postId: number,
  before: Editable | undefined,
  after: Editable,
  updaterId: number,
  at: string,
  reason: string | null
): void => {
  const version = store.versions.filter((v) => v.post_id === postId).length + 1
  const updater = store.users.find((u) => u.id === updaterId)
  store.versions.push({
    id: store.nextVersionId(),
    post_id: postId,
    version,
    tags: after.tags.join(" "),
    added_tags: before ? difference(after.tags, before.tags) : [...after.tags],
    removed_tags: before ? difference(before.tags, after.tags) : [],
    rating: after.rating,
    rating_changed: before ? before.rating !== after.rating : false,
    parent_id: after.parentId,
    parent_changed: before ? before.parentId !== after.parentId : false,
    source: after.sources.join("\n"),
    source_changed: before ? !sameList(before.sources, after.sources) : false,
    description: after.description,
    description_changed: before ? before.description !== after.description : false,
    updater_id: updaterId,
    updater_name: updater?.name ?? "",
    updated_at: at,
    reason
  })
}

/**
 * `PostsController#ensure_can_edit` (also checked by post-version undo): the hourly post-edit limit, counted
 * over the user's post versions; 403 `{"success":false,"reason":"Updater reached the hourly limit for this
 * action"}` (a `User::PrivilegeError`), or `undefined` when the user may edit.
 *
 * @since 0.1.0
 */
export const editRefused = (ctx: FakeContext.Context): FakeHttp.FakeResponse | undefined => {
  const user = ctx.viewer.user!
  const times = ctx.store.versions.filter((v) => v.updater_id === user.id).map((v) => v.updated_at)
  const why = FakeThrottle.refusal(FakeThrottle.postEdit, user, ctx.now, times)
  return why === undefined ? undefined : FakeHttp.reasonError(403, `Updater ${why}`)
}

/** The store index of the post `match[1]` names; -1 for none (an id that is not digits names none). */
const postIndex = (store: FakeData.Store, match: ReadonlyArray<string>): number =>
  /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1

/** A post edit: the post (404 without one), then the post-edit limit ({@link editRefused}), then `then`. */
const editing = (
  ctx: FakeContext.Context,
  match: ReadonlyArray<string>,
  then: (index: number) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse => {
  const index = postIndex(ctx.store, match)
  if (index < 0) return FakeHttp.notFound()
  return editRefused(ctx) ?? then(index)
}

const memberKeys: ReadonlySet<string> = new Set([
  "tag_string", "tag_string_diff", "old_tag_string", "source", "source_diff", "old_source", "parent_id",
  "old_parent_id", "rating", "old_rating", "description", "old_description", "edit_reason"
])

const keyLevels: ReadonlyMap<string, FakeData.Level> = new Map([
  ["is_rating_locked", "Privileged"],
  ["is_note_locked", "Staff"],
  ["bg_color", "Staff"],
  ["is_comment_locked", "Moderator"],
  ["is_status_locked", "Admin"],
  ["is_comment_disabled", "Admin"],
  ["locked_tags", "Admin"],
  ["hide_from_anonymous", "Admin"],
  ["hide_from_search_engines", "Admin"],
  ["hide_favorites_list", "Admin"]
])

const parseRating = (raw: string | undefined): Post.Rating | undefined => {
  const letter = raw?.trim().toLowerCase().charAt(0)
  return letter === "s" || letter === "q" || letter === "e" ? letter : undefined
}

const parseParent = (raw: string | undefined): number | null | undefined =>
  raw === undefined ? undefined : raw.trim() === "" ? null : Number.parseInt(raw, 10)

/**
 * `PATCH /posts/:id.json` (member): edits tags, sources, rating, parent, description. Always 200 with the
 * post (unchanged when the edit was invalid, as e621 renders the unsaved record); 403 for `post[…]` keys
 * above the user's level.
 *
 * @since 0.1.0
 */
export const update: FakeContext.Handler = (ctx, match) =>
  editing(ctx, match, (index) => {
    const { store, params } = ctx
    const user = ctx.viewer.user!
    for (const key of Object.keys(params)) {
      const inner = /^post\[([^\]]+)\]/.exec(key)?.[1]
      if (inner === undefined || memberKeys.has(inner)) continue
      const level = keyLevels.get(inner)
      if (level === undefined || !FakeContext.atLeast(user, level)) {
        return FakeHttp.reasonError(403, `found unpermitted parameter: :${inner}`)
      }
    }
    const post = store.at(index)
    const current = editableOf(post)
    const fromTags: { rating?: Post.Rating; parentId?: number | null } = {}
    const tags = editTags(store, current.tags, params, fromTags)
    const rating = merged(current.rating, parseRating(params["post[rating]"]) ?? fromTags.rating, parseRating(params["post[old_rating]"]))
    const wantedParent = parseParent(params["post[parent_id]"])
    const parentId = merged<number | null>(
      current.parentId,
      wantedParent !== undefined ? wantedParent : fromTags.parentId,
      parseParent(params["post[old_parent_id]"])
    )
    const description = merged(current.description, params["post[description]"], params["post[old_description]"])
    const next: Editable = {
      tags,
      rating,
      parentId: parentId !== null && Number.isNaN(parentId) ? current.parentId : parentId,
      sources: editSources(current.sources, params),
      description
    }
    const reason = params["post[edit_reason]"] ?? null
    applyEdit(store, index, next, user, ctx.now, reason === "" ? null : reason)
    return renderOne(params, FakeRender.project(store, store.at(index), ctx.viewer))
  })

const falsy = (raw: string | undefined): boolean => raw !== undefined && /^(false|f|0|no|n|off)$/i.test(raw)

/**
 * `PUT /posts/:id/mark_as_translated.json` (member, post-edit limits; `Post#mark_as_translated`):
 * `post[translation_check]` / `post[partially_translated]` add or remove those tags; then a post with either
 * gets `translation_request` (and loses `translated`), any other gets `translated` (and loses
 * `translation_request`). Answers the post, as `update` does.
 *
 * @since 0.1.0
 */
export const markAsTranslated: FakeContext.Handler = (ctx, match) =>
  editing(ctx, match, (index) => {
    const { params, store } = ctx
    const current = editableOf(store.at(index))
    const tags = new Set(current.tags)
    for (const tag of ["translation_check", "partially_translated"]) {
      const raw = params[`post[${tag}]`]
      if (FakeContext.truthy(raw)) tags.add(tag)
      if (falsy(raw)) tags.delete(tag)
    }
    const requested = tags.has("translation_check") || tags.has("partially_translated")
    tags.add(requested ? "translation_request" : "translated")
    tags.delete(requested ? "translated" : "translation_request")
    applyEdit(store, index, { ...current, tags: [...tags].sort() }, ctx.viewer.user!, ctx.now, null)
    return renderOne(params, FakeRender.project(store, store.at(index), ctx.viewer))
  })

/**
 * `PUT /posts/:id/revert.json` (member): restores the post to one of its versions (`version_id`); 204, or
 * 404 when that version is not one of the post's.
 *
 * @since 0.1.0
 */
export const revert: FakeContext.Handler = (ctx, match) =>
  editing(ctx, match, (index) => {
    const { store } = ctx
    const postId = store.ids[index]!
    const versionId = Number.parseInt(ctx.params.version_id ?? "", 10)
    const version = store.versions.find((v) => v.id === versionId && v.post_id === postId)
    if (version === undefined) return FakeHttp.notFound()
    const next: Editable = {
      tags: version.tags.split(" ").filter((t) => t !== ""),
      rating: version.rating,
      parentId: version.parent_id,
      sources: version.source.split("\n").filter((s) => s !== ""),
      description: version.description
    }
    applyEdit(store, index, next, ctx.viewer.user!, ctx.now, `Reverted to version ${version.version}`)
    return FakeHttp.noContent()
  })

/**
 * `PUT /posts/:id/copy_notes.json` (member): copies the notes to `other_post_id`; 204, 404 for a missing
 * post, 400 `{"success":false,"reason":…}` when the post has no notes or the target is itself.
 *
 * @since 0.1.0
 */
export const copyNotes: FakeContext.Handler = (ctx, match) =>
  editing(ctx, match, (index) => {
    const { store } = ctx
    const target = store.indexOf(Number.parseInt(ctx.params.other_post_id ?? "", 10))
    if (target < 0) return FakeHttp.notFound()
    const post = store.at(index)
    if (target === index) return FakeHttp.reasonError(400, "Cannot copy notes to the same post")
    if (!post.has_notes) return FakeHttp.reasonError(400, "Post has no notes")
    const other = store.at(target)
    // last_noted_at going from NULL to a time does not bump change_seq (the trigger compares with !=)
    store.write(target, {
      ...other,
      has_notes: true,
      updated_at: new Date(ctx.now).toISOString(),
      change_seq: other.has_notes ? store.nextChangeSeq() : other.change_seq
    })
    return FakeHttp.noContent()
  })

const voteAnswer = (post: Post.Post, ourScore: number): FakeHttp.FakeResponse =>
  FakeHttp.json(200, { score: post.score.total, up: post.score.up, down: post.score.down, our_score: ourScore })

const applyVote = (store: FakeData.Store, index: number, userId: number, vote: 1 | -1 | 0): void => {
  const post = store.at(index)
  const mine = store.votes.get(userId) ?? new Map<number, 1 | -1>()
  const previous = mine.get(post.id) ?? 0
  let { down, up } = post.score
  if (previous === 1) up -= 1
  if (previous === -1) down += 1
  if (vote === 1) up += 1
  if (vote === -1) down -= 1
  if (vote === 0) mine.delete(post.id)
  else mine.set(post.id, vote)
  store.votes.set(userId, mine)
  store.write(index, { ...post, score: { up, down, total: up + down } })
}

/**
 * `POST /posts/:id/votes.json` (member): `score=1|-1`; voting the same way again removes the vote unless
 * `no_unvote=true` (then it stays, yet `our_score` is still 0, as in `post_votes_controller#create`). Answers `{"score","up","down","our_score"}`; 422 "Invalid vote" for other scores.
 * Votes do not change `change_seq` and skip e621's write throttle.
 *
 * @since 0.1.0
 */
export const vote: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const index = postIndex(store, match)
  if (index < 0) return FakeHttp.notFound()
  const score = ctx.params.score
  if (score !== "1" && score !== "-1") return FakeHttp.expectedError(422, "Invalid vote")
  const wanted = score === "1" ? 1 : -1
  const user = ctx.viewer.user!
  const previous = store.votes.get(user.id)?.get(store.ids[index]!) ?? 0
  if (previous === wanted) {
    // VoteManager's :need_unvote: kept with no_unvote, but e621 reports our_score 0 either way
    if (FakeContext.truthy(ctx.params.no_unvote)) return voteAnswer(store.at(index), 0)
    applyVote(store, index, user.id, 0)
    return voteAnswer(store.at(index), 0)
  }
  applyVote(store, index, user.id, wanted)
  return voteAnswer(store.at(index), wanted)
}

/**
 * `DELETE /posts/:id/votes.json` (member): removes the caller's vote; 204.
 *
 * @since 0.1.0
 */
export const unvote: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const index = postIndex(store, match)
  if (index < 0) return FakeHttp.notFound()
  applyVote(store, index, ctx.viewer.user!.id, 0)
  return FakeHttp.noContent()
}

/**
 * The routes of `/posts` (declared in `api/Posts.ts`): search, random, count, show, a post's favoriters and
 * similar posts; update, revert, copy notes, mark as translated, vote and unvote.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, random, count, update, markAsTranslated, revert, copyNotes, vote, unvote, favorites, similar
})
