/**
 * The fake's post flags (`/post_flags`: search, show, create), seeded from the store's posts and users on first
 * use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostFlags.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"
import { eventsTable } from "./PostEvents.ts"
import { generatedUsers, iso, postTagsMatch, recent } from "./Common.ts"

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

/** Shared with `PostEvents.ts`, which derives events from it. @internal */
export const flagsTable = (store: FakeData.Store) =>
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

const flagIndex: FakeContext.Handler = (ctx) => {
  // fields permitted by level (`post_tags_match` members, `note` staff): others get the strict controller's 403
  const search = FakeTable.searchParams(ctx.params)
  for (const [key, allowed] of [
    ["post_tags_match", FakeContext.atLeast(ctx.viewer.user, "Member")],
    ["note", FakeRender.isStaff(ctx.viewer.user)]
  ] as const) {
    if (!allowed && search[key] !== undefined) return FakeHttp.reasonError(403, `found unpermitted parameter: :${key}`)
  }
  const canSee = (row: FlagRow) =>
    row.is_deletion || FakeRender.isStaff(ctx.viewer.user) || ctx.viewer.user?.id === row.creator_id
  return FakeTable.search(Api.routes.search)(ctx, flagsTable(ctx.store).rows, {
    render: renderFlag,
    filters: {
      reasonMatches: FakeTable.text((f) => f.reason),
      creatorId: (f, value, c) => canSee(f) && FakeTable.numeric<FlagRow>((r) => r.creator_id)(f, value, c),
      creatorName: (f, value, c) => canSee(f) && FakeTable.userName<FlagRow>((r) => r.creator_id)(f, value, c),
      postId: FakeTable.numeric((f) => f.post_id),
      type: (f, value) => value === "deletion" ? f.is_deletion : value === "flag" ? !f.is_deletion : true,
      isResolved: FakeTable.bool((f) => f.is_resolved),
      postTagsMatch: postTagsMatch((f) => f.post_id),
      note: FakeTable.text((f) => f.note)
    }
  })
}

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

/**
 * The routes of `/post_flags` (declared in `api/PostFlags.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: flagIndex, get: flagShow, create: flagCreate })
