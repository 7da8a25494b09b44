/**
 * Note versions: the history of every note (`app/controllers/note_versions_controller.rb`). Read-only; to
 * go back to a version use `Notes.revert(noteId, version.id)`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NoteVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const versions = yield* NoteVersions.search({ postId: 3291457 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { NoteVersion } from "../schemas/NoteVersion.ts"

/**
 * Search fields of `GET /note_versions.json` (strict: anything else, `order` included, is refused by
 * e621 with 403).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NoteVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  updaterId: Schema.optionalKey(Params.Range),
  updaterName: Schema.optionalKey(Params.Text),
  postId: Schema.optionalKey(Params.Range),
  noteId: Schema.optionalKey(Params.Range),
  isActive: Schema.optionalKey(Schema.Boolean),
  bodyMatches: Schema.optionalKey(Params.Text)
})

/**
 * Search fields of `GET /note_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NoteVersionSearch extends Schema.Schema.Type<typeof NoteVersionSearch> {}

/**
 * The routes of note versions, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/note_versions.json",
    auth: "none",
    search: NoteVersionSearch,
    item: NoteVersion,
    quirks: ["strict-search"]
  })
} as const

/**
 * One page of note versions (`GET /note_versions.json`), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<NoteVersionSearch, NoteVersion> = Endpoint.search(routes.search)

/**
 * Every note version matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<NoteVersionSearch, NoteVersion> = Endpoint.stream(routes.search)
