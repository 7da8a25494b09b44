/**
 * The fake's note versions (`/note_versions`, `note_versions_controller.rb`, strict keys): the versions
 * `Notes.ts` records.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/NoteVersions.ts"
import type * as FakeContext from "./Handler.ts"
import { tables } from "./Notes.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"

const versionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, tables(ctx.store).versions.rows, {
    filters: {
      updaterId: FakeTable.numeric((v) => v.updater_id),
      updaterName: FakeTable.userName((v) => v.updater_id),
      postId: FakeTable.numeric((v) => v.post_id),
      noteId: FakeTable.numeric((v) => v.note_id),
      isActive: FakeTable.bool((v) => v.is_active),
      bodyMatches: FakeTable.text((v) => v.body)
    }
  })

/**
 * The routes of `/note_versions` (declared in `api/NoteVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: versionIndex })
