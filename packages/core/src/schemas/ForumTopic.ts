/**
 * Forum topics (`app/models/forum_topic.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A forum topic (without its posts: read them with `ForumPosts.search({ topicId })`). `response_count`
 * counts the replies; `category_id` decides who may see it. On single-record answers `updater_name` may be
 * the creator's name (e621 does not preload the updater there).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumTopic = Schema.Struct({
  id: Schema.Number,
  creator_id: Schema.Number,
  updater_id: Schema.Number,
  title: Schema.String,
  response_count: Schema.Number,
  is_sticky: Schema.Boolean,
  is_locked: Schema.Boolean,
  is_hidden: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String,
  category_id: Schema.Number,
  creator_name: Schema.optionalKey(Schema.String),
  updater_name: Schema.optionalKey(Schema.String)
})

/**
 * A decoded forum topic.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumTopic extends Schema.Schema.Type<typeof ForumTopic> {}
