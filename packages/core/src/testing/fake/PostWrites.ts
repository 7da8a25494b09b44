/**
 * The write routes of the Posts family: edit (`PATCH /posts/:id.json`), revert, copy notes, votes.
 *
 * Edits follow e621: tag, source and description changes with the `old_*` three-way merge, `rating:` /
 * `parent:` / category-prefixed tags inside the tag string, a post version per effective change, and
 * `change_seq` bumped only for the columns e621's trigger watches (not for votes, and not for a first
 * `parent_id` alone).
 *
 * @since 0.1.0
 */
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as FakeRender from "./Render.ts"
import * as FakeThrottle from "./Throttle.ts"
import type * as Vocabulary from "./Vocabulary.ts"

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
export const update: FakeContext.Handler = (ctx, match) => {
  const { store, params } = ctx
  const user = ctx.viewer.user!
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
  if (index < 0) return FakeHttp.notFound()
  const refused = editRefused(ctx)
  if (refused !== undefined) return refused
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
  return FakePosts.renderOne(params, FakeRender.project(store, store.at(index), ctx.viewer))
}

const falsy = (raw: string | undefined): boolean => raw !== undefined && /^(false|f|0|no|n|off)$/i.test(raw)

/**
 * `PUT /posts/:id/mark_as_translated.json` (member, post-edit limits; `Post#mark_as_translated`):
 * `post[translation_check]` / `post[partially_translated]` add or remove those tags; then a post with either
 * gets `translation_request` (and loses `translated`), any other gets `translated` (and loses
 * `translation_request`). Answers the post, as `update` does.
 *
 * @since 0.1.0
 */
export const markAsTranslated: FakeContext.Handler = (ctx, match) => {
  const { params, store } = ctx
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
  if (index < 0) return FakeHttp.notFound()
  const refused = editRefused(ctx)
  if (refused !== undefined) return refused
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
  return FakePosts.renderOne(params, FakeRender.project(store, store.at(index), ctx.viewer))
}

/**
 * `PUT /posts/:id/revert.json` (member): restores the post to one of its versions (`version_id`); 204, or
 * 404 when that version is not one of the post's.
 *
 * @since 0.1.0
 */
export const revert: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
  if (index < 0) return FakeHttp.notFound()
  const refused = editRefused(ctx)
  if (refused !== undefined) return refused
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
}

/**
 * `PUT /posts/:id/copy_notes.json` (member): copies the notes to `other_post_id`; 204, 404 for a missing
 * post, 400 `{"success":false,"reason":…}` when the post has no notes or the target is itself.
 *
 * @since 0.1.0
 */
export const copyNotes: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
  if (index < 0) return FakeHttp.notFound()
  const refused = editRefused(ctx)
  if (refused !== undefined) return refused
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
}

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
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
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
  const index = /^\d+$/.test(match[1] ?? "") ? store.indexOf(Number(match[1])) : -1
  if (index < 0) return FakeHttp.notFound()
  applyVote(store, index, ctx.viewer.user!.id, 0)
  return FakeHttp.noContent()
}

/**
 * The routes of `/posts` writes: update, revert, copy notes, mark as translated, vote and unvote.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "PATCH", pattern: /^\/posts\/(\d+)$/, auth: "member", throttled: true, handler: update },
  { method: "PUT", pattern: /^\/posts\/(\d+)$/, auth: "member", throttled: true, handler: update },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/revert$/, auth: "member", throttled: true, handler: revert },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/copy_notes$/, auth: "member", throttled: true, handler: copyNotes },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/mark_as_translated$/, auth: "member", throttled: true, handler: markAsTranslated },
  { method: "POST", pattern: /^\/posts\/(\d+)\/votes$/, auth: "member", throttled: false, handler: vote },
  { method: "DELETE", pattern: /^\/posts\/(\d+)\/votes$/, auth: "member", throttled: false, handler: unvote }
]
