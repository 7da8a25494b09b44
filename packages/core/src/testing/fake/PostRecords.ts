/**
 * The fake's post record families: post votes (moderators), flags, approvals, events and versions (with
 * undo). Tables are seeded from the store's posts and users on first use; versions are the store's own
 * `versions` (what post edits record) plus a seeded upload history.
 *
 * @since 0.1.0
 */
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as FakePostWrites from "./PostWrites.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"

const iso = (ms: number): string => new Date(ms).toISOString()

/** The last `n` post indices, newest first. */
const recent = (store: FakeData.Store, n: number): Array<number> => {
  const out: Array<number> = []
  for (let i = store.size - 1; i >= 0 && out.length < n; i--) out.push(i)
  return out
}

const generatedUsers = (store: FakeData.Store): ReadonlyArray<FakeData.User> => {
  const users = store.users.filter((u) => u.id >= 1000)
  return users.length > 0 ? users : store.users
}

/** `search[post_tags_match]`: the post of the row matches a tag query (as the viewer sees it). */
const postTagsMatch = <A>(postId: (row: A) => number): FakeTable.Filter<A> => (row, value, ctx) => {
  const q = FakePosts.parseTags(ctx.store, value)
  if (FakeContext.isResponse(q)) return false
  const index = ctx.store.indexOf(postId(row))
  return index >= 0 && FakePosts.matcherOf(ctx.store, q, ctx.viewer)(index)
}

// ---------------------------------------------------------------------------------------------------------
// Post votes
// ---------------------------------------------------------------------------------------------------------

interface VoteRow {
  readonly id: number
  readonly post_id: number
  readonly user_id: number
  readonly score: number
  readonly created_at: string
  readonly updated_at: string
}

const votesTable = (store: FakeData.Store) =>
  FakeTable.tableOf<VoteRow>(store, "post_votes", (store) => {
    const rng = Random.make(Random.hash(store.seed, 0x70e5))
    const users = generatedUsers(store)
    const posts = recent(store, 400)
    const table = new FakeTable.Table<VoteRow>([], 1)
    if (posts.length === 0) return table
    for (let k = 0; k < 150; k++) {
      const user = rng.pick(users)
      const postId = store.ids[rng.pick(posts)]!
      const mine = store.votes.get(user.id) ?? new Map<number, 1 | -1>()
      if (mine.has(postId)) continue
      const score = rng.chance(0.85) ? 1 : -1
      mine.set(postId, score)
      store.votes.set(user.id, mine)
      const at = iso(Date.parse(store.byId(postId)!.created_at) + rng.int(30 * 86_400_000))
      table.insert((id) => ({ id, post_id: postId, user_id: user.id, score, created_at: at, updated_at: at }))
    }
    return table
  })

/** Brings the vote records in line with `store.votes` (votes cast through `/posts/:id/votes.json`). */
const syncVotes = (store: FakeData.Store, now: number): FakeTable.Table<VoteRow> => {
  const table = votesTable(store)
  const byKey = new Map(table.rows.map((row) => [`${row.user_id}:${row.post_id}`, row]))
  for (const [userId, votes] of store.votes) {
    for (const [postId, score] of votes) {
      const row = byKey.get(`${userId}:${postId}`)
      byKey.delete(`${userId}:${postId}`)
      if (row === undefined) {
        table.insert((id) => ({ id, post_id: postId, user_id: userId, score, created_at: iso(now), updated_at: iso(now) }))
      } else if (row.score !== score) table.update(row.id, (r) => ({ ...r, score, updated_at: iso(now) }))
    }
  }
  for (const row of byKey.values()) table.delete(row.id)
  return table
}

const uploaderOf = (store: FakeData.Store, postId: number): number | undefined => store.byId(postId)?.uploader_id

const voteIndex: FakeContext.Handler = (ctx) => {
  if (!FakeContext.atLeast(ctx.viewer.user, "Moderator")) return FakeHttp.accessDenied()
  const table = syncVotes(ctx.store, ctx.now)
  return FakeTable.index(ctx, table.rows, {
    strict: true,
    filters: {
      post_id: FakeTable.numeric((v) => v.post_id),
      user_id: FakeTable.numeric((v) => v.user_id),
      user_name: FakeTable.userName((v) => v.user_id),
      post_creator_id: FakeTable.numeric((v) => uploaderOf(ctx.store, v.post_id)),
      post_creator_name: FakeTable.userName((v) => uploaderOf(ctx.store, v.post_id)),
      timeframe: (v, value) => Date.parse(v.updated_at) >= ctx.now - Number(value) * 86_400_000,
      score: FakeTable.numeric((v) => v.score)
    }
  })
}

// ---------------------------------------------------------------------------------------------------------
// Post flags
// ---------------------------------------------------------------------------------------------------------

interface FlagReason {
  readonly name: string
  readonly reason: string
  readonly needsParent: boolean
  readonly needsNote: boolean
}

/**
 * The flag reasons of e621's default seeds (`db/seeds.rb`).
 *
 * @since 0.1.0
 */
export const flagReasons: ReadonlyArray<FlagReason> = [
  { name: "uploading_guidelines", reason: "Does not meet the uploading guidelines", needsParent: false, needsNote: true },
  { name: "young_human", reason: "Young human-like character in an explicit situation", needsParent: false, needsNote: false },
  { name: "dnp_artist", reason: "The artist of this post is on the avoid posting list", needsParent: false, needsNote: false },
  { name: "pay_content", reason: "Paysite, commercial, or subscription content", needsParent: false, needsNote: false },
  { name: "trace", reason: "Trace of another artist's work", needsParent: false, needsNote: true },
  { name: "previously_deleted", reason: "Previously deleted", needsParent: false, needsNote: false },
  { name: "real_porn", reason: "Real-life pornography", needsParent: false, needsNote: false },
  { name: "corrupt", reason: "File is either corrupted, broken, or otherwise does not work", needsParent: false, needsNote: true },
  { name: "inferior", reason: "Duplicate or inferior version of another post", needsParent: true, needsNote: false }
]

interface FlagRow {
  readonly id: number
  readonly post_id: number
  readonly creator_id: number
  readonly reason: string
  readonly is_resolved: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly is_deletion: boolean
  readonly note: string | null
  readonly reason_name: string
  readonly needs_parent_id: boolean
  readonly needs_staff_reason: boolean
}

const flagsTable = (store: FakeData.Store) =>
  FakeTable.tableOf<FlagRow>(store, "post_flags", (store) => {
    const rng = Random.make(Random.hash(store.seed, 0xf1a6))
    const users = generatedUsers(store)
    const rows: Array<Omit<FlagRow, "id">> = []
    for (const i of recent(store, 1500).reverse()) {
      const post = store.at(i)
      const flagged = post.flags.flagged || post.flags.deleted
      if (!flagged && !rng.chance(0.01)) continue
      const reason = rng.pick(flagReasons.filter((r) => !r.needsParent))
      const at = iso(Date.parse(post.created_at) + 3_600_000 + rng.int(10 * 86_400_000))
      const base = {
        post_id: post.id,
        created_at: at,
        updated_at: at,
        note: rng.chance(0.5) ? "See comments." : null,
        needs_parent_id: false,
        needs_staff_reason: false
      }
      if (post.flags.deleted) {
        rows.push({ ...base, creator_id: 2, reason: reason.reason, is_resolved: false, is_deletion: true, reason_name: "deletion" })
      } else {
        const creator = rng.pick(users)
        rows.push({ ...base, creator_id: creator.id, reason: reason.reason, is_resolved: !post.flags.flagged, is_deletion: false, reason_name: reason.name })
      }
    }
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const renderFlag = (row: FlagRow, ctx: FakeContext.Context): unknown => {
  const viewer = ctx.viewer.user
  const mine = viewer !== undefined && viewer.id === row.creator_id
  const staff = FakeRender.isStaff(viewer)
  const { creator_id, note, ...rest } = row
  return {
    ...rest,
    ...(staff || mine || row.is_deletion ? { creator_id } : {}),
    ...(staff || mine ? { note } : {}),
    type: row.is_deletion ? "deletion" : "flag"
  }
}

const flagFilters = (ctx: FakeContext.Context): Record<string, FakeTable.Filter<FlagRow>> => {
  const canSee = (row: FlagRow) =>
    row.is_deletion || FakeRender.isStaff(ctx.viewer.user) || ctx.viewer.user?.id === row.creator_id
  const filters: Record<string, FakeTable.Filter<FlagRow>> = {
    reason_matches: FakeTable.text((f) => f.reason),
    creator_id: (f, value, c) => canSee(f) && FakeTable.numeric<FlagRow>((r) => r.creator_id)(f, value, c),
    creator_name: (f, value, c) => canSee(f) && FakeTable.userName<FlagRow>((r) => r.creator_id)(f, value, c),
    post_id: FakeTable.numeric((f) => f.post_id),
    type: (f, value) => value === "deletion" ? f.is_deletion : value === "flag" ? !f.is_deletion : true,
    is_resolved: FakeTable.bool((f) => f.is_resolved)
  }
  if (FakeContext.atLeast(ctx.viewer.user, "Member")) filters.post_tags_match = postTagsMatch((f) => f.post_id)
  if (FakeRender.isStaff(ctx.viewer.user)) filters.note = FakeTable.text((f) => f.note)
  return filters
}

const flagIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index(ctx, flagsTable(ctx.store).rows, { strict: true, filters: flagFilters(ctx), render: renderFlag })

const flagShow: FakeContext.Handler = (ctx, match) => {
  const row = flagsTable(ctx.store).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, renderFlag(row, ctx))
}

/** `POST /post_flags.json` (member): e621's flag validations, then the post is flagged and an event recorded. */
const flagCreate: FakeContext.Handler = (ctx) => {
  const { store } = ctx
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, "post_flag")
  const index = /^\d+$/.test(fields.post_id ?? "") ? store.indexOf(Number(fields.post_id)) : -1
  if (index < 0) return FakeTable.invalid({ post: ["must exist"] })
  const post = store.at(index)
  const errors: Record<string, Array<string>> = {}
  const add = (field: string, message: string) => (errors[field] ??= []).push(message)
  if (post.flags.status_locked && !FakeContext.atLeast(user, "Admin")) add("post", "is locked and cannot be flagged")
  if (post.flags.deleted) add("post", "is deleted")
  if (post.flags.flagged) add("post", "is already flagged")
  const reason = flagReasons.find((r) => r.name === fields.reason_name)
  let parentIndex = -1
  if (reason === undefined) add("reason", "is not one of the available choices")
  else {
    if (reason.needsParent) {
      parentIndex = /^\d+$/.test(fields.parent_id ?? "") ? store.indexOf(Number(fields.parent_id)) : -1
      if (parentIndex < 0) add("parent_id", "must exist")
      else if (parentIndex === index) add("parent_id", "cannot be set to the post being flagged")
    }
    if (reason.needsNote && (fields.note ?? "").trim() === "") add("note", "is required for the selected reason")
  }
  const mine = flagsTable(store).rows.filter((f) => f.creator_id === user.id).map((f) => f.created_at)
  const limited = FakeThrottle.refusal(FakeThrottle.postFlag, user, ctx.now, mine)
  if (limited !== undefined) add("creator", limited)
  if (Object.keys(errors).length > 0 || reason === undefined) return FakeTable.invalid(errors)
  const at = iso(ctx.now)
  const row = flagsTable(store).insert((id) => ({
    id,
    post_id: post.id,
    creator_id: user.id,
    reason: parentIndex >= 0 ? `${reason.reason} (post #${store.ids[parentIndex]})` : reason.reason,
    is_resolved: false,
    created_at: at,
    updated_at: at,
    is_deletion: false,
    note: fields.note === undefined || fields.note === "" ? null : fields.note,
    reason_name: reason.name,
    needs_parent_id: reason.needsParent,
    needs_staff_reason: false
  }))
  store.write(index, { ...post, flags: { ...post.flags, flagged: true }, change_seq: store.nextChangeSeq() })
  if (parentIndex >= 0) store.setParent(index, parentIndex)
  eventsTable(store).insert((id) => ({ id, post_id: post.id, action: "flag_created", created_at: at, creator_id: user.id }))
  return FakeHttp.json(201, renderFlag(row, ctx), { location: `/post_flags/${row.id}` })
}

// ---------------------------------------------------------------------------------------------------------
// Post approvals
// ---------------------------------------------------------------------------------------------------------

interface ApprovalRow {
  readonly id: number
  readonly user_id: number
  readonly post_id: number
  readonly created_at: string
  readonly updated_at: string
}

const approvalsTable = (store: FakeData.Store) =>
  FakeTable.tableOf<ApprovalRow>(store, "post_approvals", (store) => {
    const rows: Array<Omit<ApprovalRow, "id">> = []
    for (const i of recent(store, 1500).reverse()) {
      const post = store.at(i)
      if (post.approver_id === null || post.flags.pending) continue
      const at = iso(Date.parse(post.created_at) + 600_000 + (Random.hash(store.seed, post.id) % 86_400_000))
      rows.push({ user_id: post.approver_id, post_id: post.id, created_at: at, updated_at: at })
    }
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const approvalIndex: FakeContext.Handler = (ctx) => {
  const filters: Record<string, FakeTable.Filter<ApprovalRow>> = {
    user_id: FakeTable.numeric((a) => a.user_id),
    user_name: FakeTable.userName((a) => a.user_id),
    post_id: FakeTable.numeric((a) => a.post_id)
  }
  if (FakeContext.atLeast(ctx.viewer.user, "Member")) filters.post_tags_match = postTagsMatch((a) => a.post_id)
  return FakeTable.index(ctx, approvalsTable(ctx.store).rows, { strict: true, filters })
}

// ---------------------------------------------------------------------------------------------------------
// Post events
// ---------------------------------------------------------------------------------------------------------

interface EventRow {
  readonly id: number
  readonly post_id: number
  readonly action: string
  readonly created_at: string
  readonly creator_id: number
}

const modOnlyActions: ReadonlySet<string> = new Set(["comment_locked", "comment_unlocked", "comment_disabled", "comment_enabled"])

const eventsTable = (store: FakeData.Store): FakeTable.Table<EventRow> =>
  FakeTable.tableOf<EventRow>(store, "post_events", (store) => {
    const rows: Array<Omit<EventRow, "id">> = [
      ...flagsTable(store).rows.map((f) => ({
        post_id: f.post_id,
        action: f.is_deletion ? "deleted" : "flag_created",
        created_at: f.created_at,
        creator_id: f.creator_id
      })),
      ...approvalsTable(store).rows.map((a) => ({ post_id: a.post_id, action: "approved", created_at: a.created_at, creator_id: a.user_id }))
    ].sort((a, b) => a.created_at.localeCompare(b.created_at))
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const eventIndex: FakeContext.Handler = (ctx) => {
  const action = FakeTable.searchParams(ctx.params).action
  if (action !== undefined && modOnlyActions.has(action) && !FakeContext.atLeast(ctx.viewer.user, "Moderator")) {
    return FakeHttp.accessDenied()
  }
  const viewer = ctx.viewer.user
  const canSee = (e: EventRow) => e.action !== "flag_created" || FakeRender.isStaff(viewer) || viewer?.id === e.creator_id
  const rows = FakeTable.select(ctx, eventsTable(ctx.store).rows, {
    filters: {
      post_id: FakeTable.numeric((e) => e.post_id),
      creator_id: (e, value, c) => canSee(e) && FakeTable.numeric<EventRow>((r) => r.creator_id)(e, value, c),
      creator_name: (e, value, c) => canSee(e) && FakeTable.userName<EventRow>((r) => r.creator_id)(e, value, c),
      action: FakeTable.exact((e) => e.action)
    }
  })
  if (FakeContext.isResponse(rows)) return rows
  const json = rows.map((e) => ({ ...e, creator_id: canSee(e) ? e.creator_id : null }))
  return FakeHttp.json(200, FakeContext.truthy(ctx.params.v2) ? json : { post_events: json })
}

// ---------------------------------------------------------------------------------------------------------
// Post versions
// ---------------------------------------------------------------------------------------------------------

/** Seeds an upload version (version 1) for recent posts that have no history yet. */
const seedVersions = (store: FakeData.Store): void => {
  FakeTable.tableOf(store, "post_versions:seeded", (store) => {
    const edited = new Set(store.versions.map((v) => v.post_id))
    let id = 500_000
    for (const i of recent(store, 200).reverse()) {
      const post = store.at(i)
      if (edited.has(post.id)) continue
      const tags = FakeRender.render(post, "basic") as { readonly tags: ReadonlyArray<string> }
      store.versions.push({
        id: ++id,
        post_id: post.id,
        version: 1,
        tags: tags.tags.join(" "),
        added_tags: [...tags.tags],
        removed_tags: [],
        rating: post.rating,
        rating_changed: false,
        parent_id: post.relationships.parent_id,
        parent_changed: false,
        source: post.sources.join("\n"),
        source_changed: false,
        description: post.description,
        description_changed: false,
        updater_id: post.uploader_id,
        updater_name: post.uploader_name ?? "",
        updated_at: post.created_at,
        reason: null
      })
    }
    return new FakeTable.Table<FakeTable.Row>()
  })
}

const words = (s: string): Array<string> => s.split(/\s+/).filter((w) => w !== "")

const allOf = (get: (v: FakeData.PostVersion) => ReadonlyArray<string>): FakeTable.Filter<FakeData.PostVersion> => (v, value) => {
  const have = new Set(get(v))
  return words(value.toLowerCase()).every((w) => have.has(w))
}

const renderVersion = (v: FakeData.PostVersion): unknown => ({
  ...v,
  is_hidden: false,
  locked_tags: null,
  added_locked_tags: [],
  removed_locked_tags: []
})

const versionIndex: FakeContext.Handler = (ctx) => {
  seedVersions(ctx.store)
  const limit = FakeContext.parseLimit(ctx.params.limit, 75)
  if (FakeContext.isResponse(limit)) return limit
  return FakeTable.index<FakeData.PostVersion & { readonly created_at?: string }>(ctx, ctx.store.versions, {
    maxPages: limit === 0 ? 750 : Math.min(750, Math.floor(10_000 / limit)),
    render: renderVersion,
    filters: {
      updater_id: FakeTable.numeric((v) => v.updater_id),
      updater_name: FakeTable.userName((v) => v.updater_id),
      post_id: FakeTable.numeric((v) => v.post_id),
      rating: (v, value) => value.toLowerCase().split(",").some((r) => r.trim().charAt(0) === v.rating),
      rating_changed: (v, value) => v.rating_changed && (value === "any" || value.charAt(0) === v.rating),
      parent_id: FakeTable.numeric((v) => v.parent_id),
      // e621 ignores the value: any one means "parent changed, to a post" (elastic_post_version_query_builder.rb)
      parent_id_changed: (v) => v.parent_changed && v.parent_id !== null,
      tags: allOf((v) => words(v.tags)),
      tags_added: allOf((v) => v.added_tags),
      tags_removed: allOf((v) => v.removed_tags),
      reason: FakeTable.text((v) => v.reason),
      description: FakeTable.text((v) => v.description),
      description_changed: FakeTable.bool((v) => v.description_changed),
      source_changed: FakeTable.bool((v) => v.source_changed),
      uploads: (v, value) => value === "only" ? v.version === 1 : value === "excluded" ? v.version > 1 : true
    }
  })
}

/** `PUT /post_versions/:id/undo.json` (member): reverses what that version changed; 400 for version 1. */
const versionUndo: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  seedVersions(store)
  const refused = FakePostWrites.editRefused(ctx)
  if (refused !== undefined) return refused
  const version = store.versions.find((v) => v.id === Number(match[1]))
  if (version === undefined) return FakeHttp.notFound()
  if (version.version <= 1) return FakeHttp.expectedError(400, "Version 1 is not undoable")
  const previous = store.versions.find((v) => v.post_id === version.post_id && v.version === version.version - 1)
  const index = store.indexOf(version.post_id)
  if (index < 0 || previous === undefined) return FakeHttp.notFound()
  const post: Post.Post = store.at(index)
  const removed = new Set(version.added_tags)
  const tags = [...new Set([...Object.values(post.tags).flat().filter((t) => !removed.has(t)), ...version.removed_tags])].sort()
  FakePostWrites.applyEdit(store, index, {
    tags,
    rating: version.rating_changed && !post.flags.rating_locked ? previous.rating : post.rating,
    parentId: version.parent_changed ? previous.parent_id : post.relationships.parent_id,
    sources: version.source_changed ? previous.source.split("\n").filter((s) => s !== "") : post.sources,
    description: version.description_changed ? previous.description : post.description
  }, ctx.viewer.user!, ctx.now, `Undo of version ${version.version}`)
  return FakeHttp.noContent()
}

/**
 * The routes of the post record families.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/post_votes$/, auth: "member", throttled: false, handler: voteIndex },
  { method: "GET", pattern: /^\/post_flags$/, auth: "none", throttled: false, handler: flagIndex },
  { method: "GET", pattern: /^\/post_flags\/(\d+)$/, auth: "none", throttled: false, handler: flagShow },
  { method: "POST", pattern: /^\/post_flags$/, auth: "member", throttled: true, handler: flagCreate },
  { method: "GET", pattern: /^\/post_approvals$/, auth: "none", throttled: false, handler: approvalIndex },
  { method: "GET", pattern: /^\/post_events$/, auth: "none", throttled: false, handler: eventIndex },
  { method: "GET", pattern: /^\/post_versions$/, auth: "none", throttled: false, handler: versionIndex },
  { method: "PUT", pattern: /^\/post_versions\/(\d+)\/undo$/, auth: "member", throttled: true, handler: versionUndo }
]
