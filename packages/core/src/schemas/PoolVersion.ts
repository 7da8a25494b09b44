/**
 * Pool versions: one row per saved change of a pool (`app/models/pool_version.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A pool version as e621 sends it (`GET /pool_versions.json`): the pool's whole `post_ids` after the change
 * (in reading order), the ids added and removed relative to the previous version, and the name, description,
 * category and active flag at that time. `updater_id` is null for rows whose updater was removed; `name`,
 * `description` and `category` are null in old rows.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PoolVersion = Schema.Struct({
  id: Schema.Number,
  pool_id: Schema.Number,
  post_ids: Schema.Array(Schema.Number),
  added_post_ids: Schema.Array(Schema.Number),
  removed_post_ids: Schema.Array(Schema.Number),
  updater_id: Schema.NullOr(Schema.Number),
  updater_name: Schema.optionalKey(Schema.String),
  description: Schema.NullOr(Schema.String),
  description_changed: Schema.Boolean,
  name: Schema.NullOr(Schema.String),
  name_changed: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String,
  is_active: Schema.Boolean,
  category: Schema.optionalKey(Schema.NullOr(Schema.String)),
  version: Schema.Number
})

/**
 * A decoded pool version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PoolVersion extends Schema.Schema.Type<typeof PoolVersion> {}
