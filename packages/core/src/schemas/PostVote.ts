/**
 * The answer to a post vote (`POST /posts/:id/votes.json`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * e621's vote result: the post's new `score` total, its `up` and `down` counts (`down` ≤ 0), and the caller's
 * vote after the call (`our_score`: 0 means the vote was removed — what a repeated vote does without
 * `no_unvote`).
 *
 * @since 0.1.0
 */
export const VoteResult = Schema.Struct({
  score: Schema.Number,
  up: Schema.Number,
  down: Schema.Number,
  our_score: Schema.Literals([-1, 0, 1])
})

/**
 * A decoded vote result.
 *
 * @since 0.1.0
 */
export interface VoteResult extends Schema.Schema.Type<typeof VoteResult> {}
