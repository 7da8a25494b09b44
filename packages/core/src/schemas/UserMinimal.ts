/**
 * The smallest user object e621 sends (`UserMinimalBlueprint`), e.g. in who-favourited lists.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * `{id, name, level_string, favorite_count}`. Compare users' levels by `level_string`: e621 renumbered the
 * numeric levels in 2026.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserMinimal = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  level_string: Schema.optionalKey(Schema.String),
  favorite_count: Schema.optionalKey(Schema.Number)
})

/**
 * A decoded minimal user.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserMinimal extends Schema.Schema.Type<typeof UserMinimal> {}
