/**
 * Comments on posts (`CommentBlueprint`, `app/models/comment.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Why a moderator marked a comment, forum post or blip (`warning_type`): `"warning"`, `"record"`, `"ban"`,
 * or `null` when it was not marked. Kept as a string so that new kinds do not break decoding.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WarningType = Schema.NullOr(Schema.String)

/**
 * A comment as e621 sends it. `creator_name` / `updater_name` are computed by e621; on single-record answers
 * (`GET /comments/:id.json`) `updater_name` is the **creator's** name (e621 does not preload the updater), in
 * lists it is right, and `"Anonymous"` when nobody edited. `vote` is the viewer's own vote (`-1 | 0 | 1`,
 * added 2026-05-26, absent in older answers). `updater_id` is `null` for comments never edited.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Comment = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String,
  post_id: Schema.Number,
  creator_id: Schema.Number,
  body: Schema.String,
  score: Schema.Number,
  updater_id: Schema.NullOr(Schema.Number),
  do_not_bump_post: Schema.Boolean,
  is_hidden: Schema.Boolean,
  is_sticky: Schema.Boolean,
  warning_type: Schema.optionalKey(WarningType),
  warning_user_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  creator_name: Schema.optionalKey(Schema.String),
  updater_name: Schema.optionalKey(Schema.String),
  vote: Schema.optionalKey(Schema.Literals([-1, 0, 1]))
})

/**
 * A decoded comment.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Comment extends Schema.Schema.Type<typeof Comment> {}
