/**
 * Notes: search, read, draw, edit, delete and revert the translation boxes on posts
 * (`app/controllers/notes_controller.rb`).
 *
 * Creating or editing a note answers 200 with the note **as a JSON string inside the JSON**
 * (`{"note":"{\"id\":…}","dtext":"<html>"}`); this module decodes it to a `Note`. Refusals are 422
 * `{"success":false,"reasons":[…]}` (→ `E621ValidationFailed` with the reasons). Any member may edit any
 * note (50 edits per hour below Privileged); posts with locked notes refuse all edits.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Notes } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const notes = yield* Notes.search({ postId: 3291457 })
 *   const note = yield* Notes.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Note } from "../schemas/Note.ts"

/**
 * Search fields of `GET /notes.json` (strict: anything else is refused). `postTagsMatch` needs a logged-in
 * member.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NoteSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  bodyMatches: Schema.optionalKey(Params.Text),
  isActive: Schema.optionalKey(Schema.Boolean),
  postId: Schema.optionalKey(Params.Range),
  postTagsMatch: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  postNoteUpdaterId: Schema.optionalKey(Params.Range),
  postNoteUpdaterName: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /notes.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NoteSearch extends Schema.Schema.Type<typeof NoteSearch> {}

const coordinate = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000 }))
const size = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 }))
const body = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(1_000))

/**
 * Input of {@link create}: the box in pixels of the original image (it must lie inside the image) and a
 * DText body of 1..1,000 characters.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NoteCreate = Schema.Struct({
  postId: Params.Id,
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  body,
  /** The browser's temporary element id; e621 echoes it only in HTML flows. */
  htmlId: Schema.optionalKey(Params.Text)
})

/**
 * Input of {@link create} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NoteCreate extends Schema.Schema.Type<typeof NoteCreate> {}

/**
 * Input of {@link update}: any of the box and the body (at least one).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NoteUpdate = Schema.Struct({
  x: Schema.optionalKey(coordinate),
  y: Schema.optionalKey(coordinate),
  width: Schema.optionalKey(size),
  height: Schema.optionalKey(size),
  body: Schema.optionalKey(body)
})

/**
 * Input of {@link update} as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NoteUpdate extends Schema.Schema.Type<typeof NoteUpdate> {}

/**
 * The routes of notes, each keyed by the function that calls it. Creating and editing answer the note as a
 * JSON string inside the JSON (`{"note":"{…}"}`).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/notes.json", auth: "none", search: NoteSearch, item: Note, quirks: ["strict-search"] }),
  get: Route.make({ method: "GET", path: "/notes/:id.json", auth: "none", item: Note }),
  create: Route.make({
    method: "POST",
    path: "/notes.json",
    auth: "member",
    root: "note",
    body: NoteCreate,
    item: Note,
    envelope: Route.jsonString("note")
  }),
  update: Route.make({
    method: "PATCH",
    path: "/notes/:id.json",
    auth: "member",
    root: "note",
    body: NoteUpdate,
    item: Note,
    envelope: Route.jsonString("note")
  }),
  delete: Route.make({ method: "DELETE", path: "/notes/:id.json", auth: "member", idempotent: true }),
  revert: Route.make({ method: "PUT", path: "/notes/:id/revert.json", auth: "member", idempotent: true })
} as const

/**
 * One page of notes (`GET /notes.json`), newest first; deleted notes are included (`is_active: false`)
 * unless you search `isActive: true`.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<NoteSearch, Note> = Endpoint.search(routes.search)

/**
 * Every note matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<NoteSearch, Note> = Endpoint.stream(routes.search)

/**
 * One note by id (`GET /notes/:id.json`).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Note, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

const blankBody = (value: string | undefined) =>
  value !== undefined && value.trim() === "" ? Effect.fail(invalidInput("note.body", "must not be blank")) : Effect.void

const form = (fields: Readonly<Record<string, unknown>>): E621Client.Body => ({ _tag: "Form", fields: Params.encode("note", fields) })

/**
 * Draws a note on a post (`POST /notes.json`, member). Answers the new note (decoded from e621's
 * JSON-in-a-string answer). Outside the image, a missing post or locked notes: `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: NoteCreate): Effect.Effect<Note, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(NoteCreate, input, "note")
    yield* blankBody(checked.body)
    return yield* Endpoint.call(routes.create, { body: form(checked) })
  })

/**
 * Moves, resizes or rewrites a note (`PATCH /notes/:id.json`, member — any member, not only its creator).
 * Answers the note after the change (200, decoded from the JSON string).
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (id: number, patch: NoteUpdate): Effect.Effect<Note, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    const checked = yield* Params.check(NoteUpdate, patch, "note")
    yield* Params.changes("note", checked)
    yield* blankBody(checked.body)
    return yield* Endpoint.call(routes.update, { path: { id: checkedId }, body: form(checked) })
  })

/**
 * Deletes a note (`DELETE /notes/:id.json`, member; 204). e621 keeps it with `is_active: false` and a new
 * version, so {@link revert} can bring it back.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
const delete_: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.delete)

export { delete_ as delete }

/**
 * Puts a note back to one of its versions (`PUT /notes/:id/revert.json?version_id=`, member; 204). A
 * version of another note is `E621NotFound`. Find versions with `NoteVersions.search({ noteId })`.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const revert: (
  id: number, versionId: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.revert(routes.revert)
