/**
 * Notes: translation boxes drawn on a post's image (`app/models/note.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A note: a box (`x`, `y`, `width`, `height` in pixels of the original image) with a DText `body`.
 * Deleting a note sets `is_active` to `false`; `version` counts its edits.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Note = Schema.Struct({
  id: Schema.Number,
  /**
   * `null` for 42 notes of 2007–2016 with no recoverable author (nullable in production until e621ng
   * ad12d32e7, 2026-08-18, which gave them the System user): kept.
   */
  creator_id: Schema.NullOr(Schema.Number),
  post_id: Schema.Number,
  x: Schema.Number,
  y: Schema.Number,
  width: Schema.Number,
  height: Schema.Number,
  is_active: Schema.Boolean,
  body: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String,
  version: Schema.Number,
  creator_name: Schema.optionalKey(Schema.String)
})

/**
 * A decoded note.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Note extends Schema.Schema.Type<typeof Note> {}
