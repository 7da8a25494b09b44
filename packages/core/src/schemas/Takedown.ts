/**
 * Takedown requests (`app/models/takedown.rb`). e621 hides the source, e-mail, reason, instructions, post
 * ids, notes, creator and verification code from every JSON answer.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A takedown as e621 shows it: status (`pending`, `approved`, `denied`, `partial`), whether the
 * reason is hidden, and how many posts it covers.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Takedown = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String,
  approver_id: Schema.NullOr(Schema.Number),
  status: Schema.NullOr(Schema.String),
  reason_hidden: Schema.Boolean,
  post_count: Schema.Number
})

/**
 * A decoded takedown.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Takedown extends Schema.Schema.Type<typeof Takedown> {}
