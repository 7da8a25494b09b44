/**
 * Avoid-posting versions: one row per change of an avoid-posting entry — `app/models/avoid_posting_version.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An avoid-posting version as e621 sends it: the entry's `details` and `is_active` after one change. The
 * table has no `created_at`; `updated_at` is the time of the change. `staff_notes` is sent to staff only.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AvoidPostingVersion = Schema.Struct({
  id: Schema.Number,
  avoid_posting_id: Schema.Number,
  updater_id: Schema.Number,
  details: Schema.String,
  staff_notes: Schema.optionalKey(Schema.String),
  is_active: Schema.Boolean,
  updated_at: Schema.String
})

/**
 * A decoded avoid-posting version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AvoidPostingVersion extends Schema.Schema.Type<typeof AvoidPostingVersion> {}
