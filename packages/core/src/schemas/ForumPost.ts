/**
 * Forum posts (`app/models/forum_post.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A forum post in a topic (`topic_id`), DText `body`; `warning_type` is set when a moderator marked it.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumPost = Schema.Struct({
  id: Schema.Number,
  topic_id: Schema.Number,
  creator_id: Schema.Number,
  updater_id: Schema.NullOr(Schema.Number),
  body: Schema.String,
  is_hidden: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String,
  warning_type: Schema.optionalKey(Schema.NullOr(Schema.String)),
  warning_user_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  creator_name: Schema.optionalKey(Schema.String),
  updater_name: Schema.optionalKey(Schema.String)
})

/**
 * A decoded forum post.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumPost extends Schema.Schema.Type<typeof ForumPost> {}
