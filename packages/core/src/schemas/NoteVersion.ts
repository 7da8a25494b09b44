/**
 * Note versions: the recorded states of a note (`app/models/note_version.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One state of a note after an edit, with its `version` number (pass its `id` to `Notes.revert`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NoteVersion = Schema.Struct({
  id: Schema.Number,
  note_id: Schema.Number,
  post_id: Schema.Number,
  /**
   * `null` for 210 versions of 2007–2016 with no recoverable author (nullable in production until e621ng
   * ad12d32e7, 2026-08-18, which gave them the System user): kept.
   */
  updater_id: Schema.NullOr(Schema.Number),
  x: Schema.Number,
  y: Schema.Number,
  width: Schema.Number,
  height: Schema.Number,
  is_active: Schema.Boolean,
  body: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String,
  version: Schema.Number
})

/**
 * A decoded note version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NoteVersion extends Schema.Schema.Type<typeof NoteVersion> {}
