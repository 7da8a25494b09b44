/**
 * Dmails: private messages (`app/models/dmail.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A message in the caller's mailbox. e621 stores one copy per participant: `owner_id` is whose copy this is
 * (the caller), `from_id` / `to_id` say who wrote to whom. `to_name` / `from_name` are computed (null if
 * the account is gone).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Dmail = Schema.Struct({
  id: Schema.Number,
  owner_id: Schema.Number,
  from_id: Schema.Number,
  to_id: Schema.Number,
  title: Schema.String,
  body: Schema.String,
  is_read: Schema.Boolean,
  is_deleted: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String,
  to_name: Schema.optionalKey(Schema.NullOr(Schema.String)),
  from_name: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded dmail.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Dmail extends Schema.Schema.Type<typeof Dmail> {}
