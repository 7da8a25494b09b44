/**
 * Blips: e621's short public messages (`app/models/blip.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A blip. `response_to` is the id of the blip it answers (or `null`); `is_deleted` blips are shown only to
 * staff and their creator; `is_deleted` may be `null` in old rows (the column has no NOT NULL).
 *
 * @since 0.1.0
 */
export const Blip = Schema.Struct({
  id: Schema.Number,
  creator_id: Schema.Number,
  body: Schema.String,
  response_to: Schema.NullOr(Schema.Number),
  is_deleted: Schema.NullOr(Schema.Boolean),
  created_at: Schema.String,
  updated_at: Schema.String,
  warning_type: Schema.optionalKey(Schema.NullOr(Schema.String)),
  warning_user_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  updater_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  creator_name: Schema.optionalKey(Schema.String)
})

/**
 * A decoded blip.
 *
 * @since 0.1.0
 */
export interface Blip extends Schema.Schema.Type<typeof Blip> {}
