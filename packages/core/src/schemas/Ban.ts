/**
 * Bans (`app/models/ban.rb`, rendered by `BanBlueprint`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A ban: `expires_at` is null for a permanent ban.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Ban = Schema.Struct({
  id: Schema.Number,
  user_id: Schema.Number,
  banner_id: Schema.Number,
  reason: Schema.String,
  expires_at: Schema.NullOr(Schema.String),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded ban.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Ban extends Schema.Schema.Type<typeof Ban> {}

/**
 * Whether a ban is permanent (`expires_at` null).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const isPermanent = (ban: Ban): boolean => ban.expires_at === null
