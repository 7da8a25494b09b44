/**
 * Appeals: a user's request to review a moderation decision — today the deletion of their post, appealed
 * through the post's deletion flag (`qtype` `"flag"`, `disp_id` the flag's id) (`app/models/appeal.rb`,
 * new on e621 in May 2026).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * What an appeal is about (`qtype`): e621 knows only `"flag"` (a post deletion) so far; other values decode
 * as strings.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Type = Schema.Literals(["flag"])

/**
 * An appeal's status: `pending` (new), `partial` (shown as "Investigating"), `approved`, `rejected`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Status = Schema.Literals(["pending", "partial", "approved", "rejected"])

/**
 * An appeal. `creator_id`, `accused_id` (who flagged the post), `reason` and `response` are left out when the
 * viewer may not see the appeal, and `claimant_id` for everyone but staff — hence optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Appeal = Schema.Struct({
  id: Schema.Number,
  disp_id: Schema.Number,
  qtype: Schema.String,
  status: Schema.String,
  handler_id: Schema.NullOr(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String,
  creator_id: Schema.optionalKey(Schema.Number),
  accused_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  reason: Schema.optionalKey(Schema.String),
  response: Schema.optionalKey(Schema.NullOr(Schema.String)),
  claimant_id: Schema.optionalKey(Schema.NullOr(Schema.Number))
})

/**
 * A decoded appeal.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Appeal extends Schema.Schema.Type<typeof Appeal> {}
