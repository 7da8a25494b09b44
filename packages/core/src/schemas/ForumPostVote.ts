/**
 * Votes on tag-change requests in the forum (`app/models/forum_post_vote.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A vote on the forum post of an alias, implication or bulk update request: `score` `1` (up), `0` (meh),
 * `-1` (down); e621 also stores `2` ("flip") internally.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForumPostVote = Schema.Struct({
  id: Schema.Number,
  forum_post_id: Schema.Number,
  creator_id: Schema.Number,
  score: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String,
  creator_name: Schema.optionalKey(Schema.String)
})

/**
 * A decoded forum post vote.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForumPostVote extends Schema.Schema.Type<typeof ForumPostVote> {}
