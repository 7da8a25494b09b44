/**
 * Moderator actions (`app/models/mod_action.rb`): the public staff log.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A logged staff action. `values` holds the action's details (`{"user_id":…, "reason":…}`); e621 keeps only
 * the keys it knows for the action unless the viewer is an admin, and empties it for IP bans.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ModAction = Schema.Struct({
  id: Schema.Number,
  creator_id: Schema.NullOr(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String,
  action: Schema.NullOr(Schema.String),
  values: Schema.optionalKey(Schema.NullOr(Schema.Record(Schema.String, Schema.Unknown)))
})

/**
 * A decoded moderator action.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ModAction extends Schema.Schema.Type<typeof ModAction> {}
