/**
 * Tag aliases (`app/models/tag_alias.rb`, `tag_relationship.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A tag relationship's status: `pending`, `queued`, `processing`, `active`, `deleted`, `retired`, or
 * `"error: <message>"` when processing failed. Kept as a string.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Status = Schema.String

/**
 * A tag alias as e621 sends it: `antecedent_name` is replaced by `consequent_name` everywhere once the alias
 * is active. `post_count` is the antecedent's post count when the alias was made; `reason` was added later
 * (old answers lack it); `forum_topic_id` / `forum_post_id` point at the request's discussion.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagAlias = Schema.Struct({
  id: Schema.Number,
  antecedent_name: Schema.String,
  consequent_name: Schema.String,
  creator_id: Schema.Number,
  forum_topic_id: Schema.NullOr(Schema.Number),
  forum_post_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  status: Status,
  created_at: Schema.NullOr(Schema.String),
  updated_at: Schema.NullOr(Schema.String),
  post_count: Schema.optionalKey(Schema.Number),
  approver_id: Schema.NullOr(Schema.Number),
  reason: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded tag alias.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagAlias extends Schema.Schema.Type<typeof TagAlias> {}
