/**
 * The answer to a post vote (`POST /posts/:id/votes.json`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * e621's vote result: the post's new `score` total, its `up` and `down` counts (`down` ≤ 0), and the caller's
 * vote after the call (`our_score`: 0 means the vote was removed — what a repeated vote does without
 * `no_unvote`; with `no_unvote` e621 also answers 0 for a repeated vote that stays, which `Posts.vote`
 * corrects).
 *
 * @category Schemas
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
 * @category Types
 * @since 0.1.0
 */
export interface VoteResult extends Schema.Schema.Type<typeof VoteResult> {}

/**
 * One vote as `/post_votes.json` lists it (moderators only): `score` is `1`, `-1`, or `0` for a locked vote.
 * The voter's IP address is never sent.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostVote = Schema.Struct({
  id: Schema.Number,
  post_id: Schema.Number,
  user_id: Schema.Number,
  score: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.NullOr(Schema.String)
})

/**
 * A decoded post vote record.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVote extends Schema.Schema.Type<typeof PostVote> {}
