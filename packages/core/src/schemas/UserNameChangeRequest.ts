/**
 * A change of user name (`app/models/user_name_change_request.rb`). e621 applies a request as soon as it is
 * made (one a week); the record keeps the old and the new name.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A name change: who (`user_id`; `null` in a few pre-2020 rows until e621 backfilled them in August 2026), from
 * `original_name` to `desired_name`, why (`change_reason`). `status`, `approver_id` and `rejection_reason` are
 * left from an older review flow (`"pending"`, `null`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserNameChangeRequest = Schema.Struct({
  id: Schema.Number,
  user_id: Schema.NullOr(Schema.Number),
  original_name: Schema.NullOr(Schema.String),
  desired_name: Schema.NullOr(Schema.String),
  change_reason: Schema.NullOr(Schema.String),
  status: Schema.String,
  approver_id: Schema.NullOr(Schema.Number),
  rejection_reason: Schema.NullOr(Schema.String),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded name change.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserNameChangeRequest extends Schema.Schema.Type<typeof UserNameChangeRequest> {}
