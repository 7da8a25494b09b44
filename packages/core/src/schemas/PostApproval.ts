/**
 * Post approvals: which approver made a pending post public, and when (`app/models/post_approval.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An approval: `user_id` is the approver.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostApproval = Schema.Struct({
  id: Schema.Number,
  user_id: Schema.Number,
  post_id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.NullOr(Schema.String)
})

/**
 * A decoded post approval.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostApproval extends Schema.Schema.Type<typeof PostApproval> {}
