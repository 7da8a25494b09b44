/**
 * Avoid-posting (DNP) entries: artists whose work must not be uploaded, with conditions — `app/models/avoid_posting.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An avoid-posting entry as e621 sends it: the artist by id only (look the name up with `Artists.get`),
 * `details` (the conditions, DText), `is_active: false` for lifted entries. `staff_notes` is sent to staff
 * only.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AvoidPosting = Schema.Struct({
  id: Schema.Number,
  artist_id: Schema.Number,
  creator_id: Schema.Number,
  updater_id: Schema.Number,
  details: Schema.String,
  staff_notes: Schema.optionalKey(Schema.String),
  is_active: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded avoid-posting entry.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AvoidPosting extends Schema.Schema.Type<typeof AvoidPosting> {}
