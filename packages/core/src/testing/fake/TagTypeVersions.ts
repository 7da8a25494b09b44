/**
 * The fake's tag type versions (`/tag_type_versions`, `TagTypeVersion.search`): the versions tag updates in
 * `Tags.ts` record.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeTable from "./Table.ts"
import * as FakeTagTable from "./TagTable.ts"
import { type TypeVersionRow, normalize, typeVersions } from "./Tags.ts"

/** `GET /tag_type_versions` (`TagTypeVersion.search`): always newest first. */
const typeVersionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index<TypeVersionRow>(ctx, typeVersions(ctx.store).rows, {
    filters: {
      tag: (row, value) => FakeTagTable.tagsOf(ctx.store).byName(normalize(value))?.id === row.tag_id,
      user_id: FakeTable.numeric((row) => row.creator_id),
      user_name: FakeTable.userName((row) => row.creator_id)
    }
  })

/**
 * The routes of `/tag_type_versions`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/tag_type_versions$/, auth: "none", throttled: false, handler: typeVersionIndex }
]
