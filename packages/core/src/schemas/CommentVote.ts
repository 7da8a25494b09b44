/**
 * The answer to a comment vote (`POST /comments/:id/votes.json`, `comment_votes_controller.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * `{score, our_score}`: the comment's new score and the caller's vote after the call (`0` = no vote).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CommentVoteResult = Schema.Struct({
  score: Schema.Number,
  our_score: Schema.Literals([-1, 0, 1])
})

/**
 * A decoded comment vote result.
 *
 * @category Types
 * @since 0.1.0
 */
export interface CommentVoteResult extends Schema.Schema.Type<typeof CommentVoteResult> {}
