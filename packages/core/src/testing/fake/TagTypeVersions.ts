/**
 * The fake's tag type versions (`/tag_type_versions`, `TagTypeVersion.search`): the versions tag updates in
 * `Tags.ts` record.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/TagTypeVersions.ts"
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeTagTable from "./TagTable.ts"
import { normalize, typeVersions } from "./Tags.ts"

/** `GET /tag_type_versions` (`TagTypeVersion.search`): always newest first. */
const typeVersionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, typeVersions(ctx.store).rows, {
    users: { user: (row) => row.creator_id },
    filters: {
      tag: (row, value) => FakeTagTable.tagsOf(ctx.store).byName(normalize(value))?.id === row.tag_id
    }
  })

/**
 * The routes of `/tag_type_versions` (declared in `api/TagTypeVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: typeVersionIndex })
