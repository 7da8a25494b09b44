/**
 * Post flags: reports that a post breaks a rule, and deletion records (`app/models/post_flag.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A flag as e621 sends it. `creator_id` is only there when the viewer may see the flagger (staff, the flagger
 * themself, or a deletion flag); `note` only when the viewer may see it. `reason_name` (the flag reason's
 * name), `needs_parent_id`, `needs_staff_reason` and `type` (`"flag"` / `"deletion"`) are absent from older
 * answers.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostFlag = Schema.Struct({
  id: Schema.Number,
  post_id: Schema.Number,
  creator_id: Schema.optionalKey(Schema.Number),
  reason: Schema.NullOr(Schema.String),
  is_resolved: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.NullOr(Schema.String),
  is_deletion: Schema.Boolean,
  note: Schema.optionalKey(Schema.NullOr(Schema.String)),
  reason_name: Schema.optionalKey(Schema.NullOr(Schema.String)),
  needs_parent_id: Schema.optionalKey(Schema.Boolean),
  needs_staff_reason: Schema.optionalKey(Schema.Boolean),
  type: Schema.optionalKey(Schema.String)
})

/**
 * A decoded post flag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostFlag extends Schema.Schema.Type<typeof PostFlag> {}
