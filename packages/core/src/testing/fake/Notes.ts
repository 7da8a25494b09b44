/**
 * The fake's notes (`notes_controller.rb`): search, show, create/update with the JSON-in-a-string answer, delete
 * (`is_active: false`), revert, and the version history (listed by `NoteVersions.ts`). Any member may edit any note; posts with locked notes refuse edits.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Notes.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as TagQuery from "../../TagQuery.ts"
import * as FakeThrottle from "./Throttle.ts"

/**
 * A stored note (`notes` columns without the IP address).
 *
 * @since 0.1.0
 */
export interface StoredNote extends NoteState {
  readonly id: number
  readonly creator_id: number
}

/**
 * A stored note version.
 *
 * @since 0.1.0
 */
export interface StoredNoteVersion extends NoteState {
  readonly id: number
  readonly note_id: number
  readonly updater_id: number
}

/** What a note and each of its versions record. */
interface NoteState {
  readonly post_id: number
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly is_active: boolean
  readonly body: string
  readonly created_at: string
  readonly updated_at: string
  readonly version: number
}

const versionOf = (note: StoredNote, updaterId: number, at: string) => (id: number): StoredNoteVersion => ({
  id,
  note_id: note.id,
  post_id: note.post_id,
  updater_id: updaterId,
  x: note.x,
  y: note.y,
  width: note.width,
  height: note.height,
  is_active: note.is_active,
  body: note.body,
  created_at: at,
  updated_at: at,
  version: note.version
})

interface NoteTables {
  readonly notes: FakeTable.Table<StoredNote>
  readonly versions: FakeTable.Table<StoredNoteVersion>
}

const seed = (store: FakeData.Store): FakeTable.Table<NoteTables & { readonly id: number }> => {
  const rng = FakeSocial.rngOf(store, 0x2073)
  const notes = new FakeTable.Table<StoredNote>([], 500)
  const versions = new FakeTable.Table<StoredNoteVersion>([], 9000)
  const writers = FakeSocial.authors(store)
  const tester = FakeSocial.fixed(store, "tester")
  const count = store.size === 0 ? 0 : Math.min(80, Math.max(10, Math.floor(store.size / 10)))
  for (let i = 0; i < count; i++) {
    const post = store.at(rng.int(store.size))
    const width = Math.max(1, Math.min(post.file.width - 1, 40 + rng.int(300)))
    const height = Math.max(1, Math.min(post.file.height - 1, 20 + rng.int(150)))
    const creator = i % 8 === 0 ? tester : rng.pick(writers)
    const at = FakeSocial.seededTime(i, rng, 11)
    const edits = rng.int(3)
    let note = notes.insert((id) => ({
      id,
      creator_id: creator.id,
      post_id: post.id,
      x: rng.int(Math.max(1, post.file.width - width)),
      y: rng.int(Math.max(1, post.file.height - height)),
      width,
      height,
      is_active: true,
      body: rng.pick(FakeSocial.phrases),
      created_at: at,
      updated_at: at,
      version: 1
    }))
    versions.insert(versionOf(note, creator.id, at))
    for (let edit = 0; edit < edits; edit++) {
      const editor = rng.pick(writers)
      const later = FakeSocial.seededTime(i, rng, 11 + edit + 1)
      note = notes.update(note.id, (n) => ({
        ...n,
        body: `${n.body} ${rng.pick(FakeSocial.phrases)}`,
        is_active: rng.chance(0.9),
        updated_at: later,
        version: n.version + 1
      }))!
      versions.insert(versionOf(note, editor.id, later))
    }
  }
  return new FakeTable.Table([{ id: 1, notes, versions }])
}

/**
 * The notes and note versions of a store (seeded on first use).
 *
 * @since 0.1.0
 */
export const tables = (store: FakeData.Store): NoteTables => FakeTable.tableOf(store, "notes", seed).get(1)!

const render = (ctx: FakeContext.Context, note: StoredNote) => ({ ...note, creator_name: FakeSocial.nameOf(ctx.store, note.creator_id) })

/**
 * Post ids with a note version by the user named / numbered in a `post_note_updater_*` filter.
 *
 * @since 0.1.0
 */
export const postsNotedBy = (store: FakeData.Store, userIds: ReadonlySet<number>): Set<number> =>
  new Set(tables(store).versions.rows.filter((v) => userIds.has(v.updater_id)).map((v) => v.post_id))

/**
 * A `post_note_updater_id` / `_name` filter over rows with a `post_id`.
 *
 * @since 0.1.0
 */
export const notedBy = <A extends { readonly post_id: number }>(byName: boolean): FakeTable.Filter<A> => (row, value, ctx) => {
  const ids = byName
    ? new Set([ctx.store.userByName(value)?.id ?? -1])
    : new Set(value.split(",").map((s) => Number(s.trim())))
  return postsNotedBy(ctx.store, ids).has(row.post_id)
}

/**
 * A `post_tags_match` filter: the row's post matches a tag query (malformed queries match nothing).
 *
 * @since 0.1.0
 */
export const postTagsMatch = <A extends { readonly post_id: number }>(): FakeTable.Filter<A> => (row, value, ctx) => {
  const q = FakePosts.parseTags(ctx.store, value)
  if (FakeContext.isResponse(q)) return false
  const post = ctx.store.byId(row.post_id)
  return post !== undefined && TagQuery.evaluate(q, post, FakePosts.evaluateContext(ctx.store, ctx.viewer))
}

const search: FakeContext.Handler = (ctx) => {
  // `post_tags_match` is permitted from Member on (`Note.search_params`): a 403 below
  if (FakeTable.searchParams(ctx.params).post_tags_match !== undefined && !FakeSocial.is(ctx, "Member")) {
    return FakeHttp.json(403, { success: false, reason: "found unpermitted parameter: :post_tags_match" })
  }
  return FakeTable.search(Api.routes.search)(ctx, tables(ctx.store).notes.rows, {
    users: { creator: (n) => n.creator_id },
    filters: {
      bodyMatches: FakeTable.text((n) => n.body),
      isActive: FakeTable.bool((n) => n.is_active),
      postId: FakeTable.numeric((n) => n.post_id),
      postNoteUpdaterId: notedBy(false),
      postNoteUpdaterName: notedBy(true),
      postTagsMatch: postTagsMatch<StoredNote>()
    },
    render: (note) => render(ctx, note)
  })
}

const get: FakeContext.Handler = (ctx, match) => {
  const note = tables(ctx.store).notes.get(Number(match[1]))
  return note === undefined ? FakeTable.notFound() : FakeHttp.json(200, render(ctx, note))
}

const refused = (reasons: ReadonlyArray<string>) => FakeHttp.json(422, { success: false, reasons })

const intField = (raw: string | undefined): number | undefined => raw === undefined || !/^-?\d+$/.test(raw.trim()) ? undefined : Number(raw)

/** `Note` validations: presence, body length, post exists, inside the image, notes not locked. */
const validate = (ctx: FakeContext.Context, note: Omit<StoredNote, "id">, bodyChanged: boolean): Array<string> => {
  const errors: Record<string, Array<string>> = {}
  const add = (field: string, message: string) => (errors[field] ??= []).push(message)
  const post = ctx.store.byId(note.post_id)
  if (post === undefined) add("post", "must exist")
  if (note.body.trim() === "") add("body", "can't be blank")
  if (bodyChanged && note.body.length > 1000) add("body", "is too long (maximum is 1000 characters)")
  if (post !== undefined) {
    const { height, width } = post.file
    if (note.x < 0 || note.y < 0 || note.width < 0 || note.height < 0 || note.x + note.width > width || note.y + note.height > height) {
      add("note", "must be inside the image")
    }
    if (post.flags.note_locked) add("post", "is note locked")
  }
  // `Note#user_not_limited`: every note version of the user this hour counts
  const user = ctx.viewer.user!
  const mine = tables(ctx.store).versions.rows.filter((v) => v.updater_id === user.id).map((v) => v.updated_at)
  const limited = FakeThrottle.refusal(FakeThrottle.noteEdit, user, ctx.now, mine)
  if (limited !== undefined) add("base", `User ${limited}.`)
  return FakeSocial.fullMessages(errors)
}

const saved = (note: StoredNote, ctx: FakeContext.Context, withPosts: boolean) =>
  FakeHttp.json(200, {
    note: JSON.stringify(render(ctx, note)),
    dtext: FakeSocial.dtextHtml(note.body),
    ...(withPosts ? { posts: {} } : {})
  })

const create: FakeContext.Handler = (ctx) => {
  const fields = FakeTable.fields(ctx.params, "note")
  if (Object.keys(fields).length === 0) return FakeHttp.expectedError(400, "param is missing or the value is empty: note")
  const extra = FakeSocial.unpermitted(fields, ["post_id", "x", "y", "width", "height", "body", "html_id"])
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const at = FakeSocial.nowIso(ctx)
  const draft = {
    creator_id: ctx.viewer.user!.id,
    post_id: intField(fields.post_id) ?? -1,
    x: intField(fields.x) ?? -1,
    y: intField(fields.y) ?? -1,
    width: intField(fields.width) ?? -1,
    height: intField(fields.height) ?? -1,
    is_active: true,
    body: fields.body ?? "",
    created_at: at,
    updated_at: at,
    version: 1
  }
  const reasons = validate(ctx, draft, true)
  if (reasons.length > 0) return refused(reasons)
  const { notes, versions } = tables(ctx.store)
  const note = notes.insert((id) => ({ id, ...draft }))
  versions.insert(versionOf(note, note.creator_id, at))
  return saved(note, ctx, false)
}

const update: FakeContext.Handler = (ctx, match) => {
  const { notes, versions } = tables(ctx.store)
  const note = notes.get(Number(match[1]))
  if (note === undefined) return FakeTable.notFound()
  const fields = FakeTable.fields(ctx.params, "note")
  if (Object.keys(fields).length === 0) return FakeHttp.expectedError(400, "param is missing or the value is empty: note")
  const extra = FakeSocial.unpermitted(fields, ["x", "y", "width", "height", "body"])
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const at = FakeSocial.nowIso(ctx)
  const next: StoredNote = {
    ...note,
    x: intField(fields.x) ?? note.x,
    y: intField(fields.y) ?? note.y,
    width: intField(fields.width) ?? note.width,
    height: intField(fields.height) ?? note.height,
    body: fields.body ?? note.body,
    updated_at: at,
    version: note.version + 1
  }
  const reasons = validate(ctx, next, fields.body !== undefined && fields.body !== note.body)
  if (reasons.length > 0) return refused(reasons)
  notes.update(note.id, () => next)
  versions.insert(versionOf(next, ctx.viewer.user!.id, at))
  return saved(next, ctx, true)
}

const destroy: FakeContext.Handler = (ctx, match) => {
  const { notes, versions } = tables(ctx.store)
  const note = notes.get(Number(match[1]))
  if (note === undefined) return FakeTable.notFound()
  const at = FakeSocial.nowIso(ctx)
  const next = notes.update(note.id, (n) => ({ ...n, is_active: false, updated_at: at, version: n.version + 1 }))!
  versions.insert(versionOf(next, ctx.viewer.user!.id, at))
  return FakeHttp.noContent()
}

const revert: FakeContext.Handler = (ctx, match) => {
  const { notes, versions } = tables(ctx.store)
  const note = notes.get(Number(match[1]))
  if (note === undefined) return FakeTable.notFound()
  const version = versions.get(Number(ctx.params.version_id))
  if (version === undefined || version.note_id !== note.id) return FakeTable.notFound()
  const at = FakeSocial.nowIso(ctx)
  const next = notes.update(note.id, (n) => ({
    ...n,
    x: version.x,
    y: version.y,
    width: version.width,
    height: version.height,
    body: version.body,
    is_active: version.is_active,
    updated_at: at,
    version: n.version + 1
  }))!
  versions.insert(versionOf(next, ctx.viewer.user!.id, at))
  return FakeHttp.noContent()
}

/**
 * The routes of `/notes` (declared in `api/Notes.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, delete: destroy, revert
})
