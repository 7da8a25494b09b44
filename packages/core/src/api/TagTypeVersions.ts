/**
 * Tag type versions: the log of tag category changes (`app/controllers/tag_type_versions_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TagTypeVersions } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const changes = yield* TagTypeVersions.search({ tag: "some_tag" })
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
import * as Tag from "../schemas/Tag.ts"
import { TagTypeVersion } from "../schemas/TagTypeVersion.ts"

/**
 * Search fields of `GET /tag_type_versions.json`: `tag` (one tag name; an unknown name matches nothing),
 * the changer by `userId` / `userName`. Always newest first.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagTypeVersionSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  tag: Schema.optionalKey(Params.Text),
  userId: Schema.optionalKey(Params.Range),
  userName: Schema.optionalKey(Params.Text),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time)
})

/**
 * Search fields of `GET /tag_type_versions.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagTypeVersionSearch extends Schema.Schema.Type<typeof TagTypeVersionSearch> {}

/**
 * The routes of tag type versions, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/tag_type_versions.json",
    auth: "none",
    search: TagTypeVersionSearch,
    item: TagTypeVersion,
    /** The tag name normalised. */
    encodeSearch: (search: TagTypeVersionSearch): Readonly<Record<string, unknown>> =>
      search.tag === undefined ? search : { ...search, tag: Tag.normalizeName(search.tag) }
  })
} as const

/**
 * One page of tag category changes (`GET /tag_type_versions.json`), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TagTypeVersionSearch, TagTypeVersion> = Endpoint.search(routes.search)

/**
 * Every tag category change matching a search, as a `Stream` (`b<id>` cursors, newest first).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TagTypeVersionSearch, TagTypeVersion> = Endpoint.stream(routes.search)
