/**
 * Tickets: reports of posts, comments, users, … (`app/models/ticket.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Legacy from "../internal/legacy.ts"

/**
 * What a ticket reports (`qtype`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Type = Schema.Literals(["blip", "comment", "dmail", "forum", "pool", "post", "set", "user", "wiki", "replacement"])

/**
 * A ticket. `creator_id`, `accused_id`, `reason`, `report_reason` and `response` are left out unless the
 * viewer may see the ticket (its creator, or staff for that type); `claimant_id` only for staff — hence
 * optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Ticket = Schema.Struct({
  id: Schema.Number,
  disp_id: Schema.Number,
  qtype: Schema.String,
  /**
   * `pending`, `partial`, `approved`, … Production's column was nullable without a default until e621ng
   * ad12d32e7 (2026-08-18) made it default to `pending`: a `null` decodes `"pending"`.
   */
  status: Legacy.nullAs(Schema.String, "pending"),
  handler_id: Schema.NullOr(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String,
  creator_id: Schema.optionalKey(Schema.Number),
  accused_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  reason: Schema.optionalKey(Schema.NullOr(Schema.String)),
  report_reason: Schema.optionalKey(Schema.NullOr(Schema.String)),
  response: Schema.optionalKey(Schema.NullOr(Schema.String)),
  claimant_id: Schema.optionalKey(Schema.NullOr(Schema.Number))
})

/**
 * A decoded ticket.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Ticket extends Schema.Schema.Type<typeof Ticket> {}
