/**
 * User feedback records (`app/models/user_feedback.rb`): staff notes on a user's record.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A feedback category as e621 stores it.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Category = Schema.Literals(["positive", "neutral", "negative"])

/**
 * A feedback record: every column but the creator's IP. `category` is kept as a string (unknown values
 * decode); `updater_id` and `is_deleted` were added later and are optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserFeedback = Schema.Struct({
  id: Schema.Number,
  user_id: Schema.Number,
  creator_id: Schema.Number,
  category: Schema.String,
  body: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String,
  updater_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  is_deleted: Schema.optionalKey(Schema.Boolean)
})

/**
 * A decoded feedback record.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserFeedback extends Schema.Schema.Type<typeof UserFeedback> {}
