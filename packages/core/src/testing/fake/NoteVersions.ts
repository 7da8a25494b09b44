/**
 * The fake's note versions (`/note_versions`, `note_versions_controller.rb`, strict keys): the versions
 * `Notes.ts` records.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeTable from "./Table.ts"
import { type StoredNoteVersion, tables } from "./Notes.ts"

const versionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index<StoredNoteVersion>(ctx, tables(ctx.store).versions.rows, {
    strict: true,
    filters: {
      updater_id: FakeTable.numeric((v) => v.updater_id),
      updater_name: FakeTable.userName((v) => v.updater_id),
      post_id: FakeTable.numeric((v) => v.post_id),
      note_id: FakeTable.numeric((v) => v.note_id),
      is_active: FakeTable.bool((v) => v.is_active),
      body_matches: FakeTable.text((v) => v.body)
    },
    orders: {}
  })

/**
 * The routes of `/note_versions`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/note_versions$/, auth: "none", throttled: false, handler: versionIndex }
]
