/**
 * Post versions: one row per edit of a post's tags, rating, parent, sources or description
 * (`app/models/post_version.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const opt = Schema.optionalKey

/**
 * A version. `id`, `post_id`, `version` and `updated_at` are always sent; a version hidden by staff carries
 * only those (and `is_hidden: true`) for non-staff viewers, so every other field is optional. `tags` is the
 * space-separated tag string after the edit, `source` the newline-separated sources.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostVersion = Schema.Struct({
  id: Schema.Number,
  post_id: Schema.Number,
  version: Schema.Number,
  updated_at: Schema.String,
  is_hidden: opt(Schema.Boolean),
  tags: opt(Schema.String),
  added_tags: opt(Schema.Array(Schema.String)),
  removed_tags: opt(Schema.Array(Schema.String)),
  locked_tags: opt(Schema.NullOr(Schema.String)),
  added_locked_tags: opt(Schema.Array(Schema.String)),
  removed_locked_tags: opt(Schema.Array(Schema.String)),
  rating: opt(Schema.NullOr(Schema.String)),
  rating_changed: opt(Schema.Boolean),
  parent_id: opt(Schema.NullOr(Schema.Number)),
  parent_changed: opt(Schema.Boolean),
  source: opt(Schema.NullOr(Schema.String)),
  source_changed: opt(Schema.Boolean),
  description: opt(Schema.NullOr(Schema.String)),
  description_changed: opt(Schema.Boolean),
  reason: opt(Schema.NullOr(Schema.String)),
  updater_id: opt(Schema.NullOr(Schema.Number)),
  updater_name: opt(Schema.NullOr(Schema.String))
})

/**
 * A decoded post version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVersion extends Schema.Schema.Type<typeof PostVersion> {}
