/**
 * Pools: ordered collections of posts (a comic, a series) — `app/models/pool.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A pool's category: `series` (read in order) or `collection`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Category = Schema.Literals(["series", "collection"])

/**
 * A pool as e621 sends it: `post_ids` are in the pool's reading order (not id order); `name` has
 * underscores for spaces; `description` may be null in older records; `is_deleted` appeared in older answers.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Pool = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.NullOr(Schema.String),
  creator_id: Schema.Number,
  creator_name: Schema.optionalKey(Schema.String),
  description: Schema.NullOr(Schema.String),
  is_active: Schema.Boolean,
  category: Schema.String,
  post_ids: Schema.Array(Schema.Number),
  post_count: Schema.Number
})

/**
 * A decoded pool.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Pool extends Schema.Schema.Type<typeof Pool> {}
