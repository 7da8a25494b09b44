/**
 * Bulk update requests ("BURs": `app/models/bulk_update_request.rb`): scripts of alias, implication,
 * category and mass-update lines that an admin approves as a whole.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A BUR's status: `pending`, `approved` or `rejected`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Status = Schema.Literals(["pending", "approved", "rejected"])

/**
 * A bulk update request as e621 sends it. `script` is lower-cased and annotated by e621 (e.g. `# duplicate
 * of alias #12`); `title` is `null` when the request was attached to an existing forum topic; `status` is a
 * string (see {@link Status}).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkUpdateRequest = Schema.Struct({
  id: Schema.Number,
  user_id: Schema.Number,
  forum_topic_id: Schema.NullOr(Schema.Number),
  forum_post_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  script: Schema.String,
  status: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String,
  approver_id: Schema.NullOr(Schema.Number),
  title: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded bulk update request.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkUpdateRequest extends Schema.Schema.Type<typeof BulkUpdateRequest> {}
