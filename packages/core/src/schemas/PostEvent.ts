/**
 * Post events: the moderation history of a post — deletions, approvals, flags, locks, replacements
 * (`app/models/post_event.rb`, `app/blueprints/post_event_blueprint.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The event kinds e621 knows today (`PostEvent.actions`). Decoding keeps any other name e621 adds later.
 * `comment_locked`, `comment_unlocked`, `comment_disabled` and `comment_enabled` are searchable by moderators
 * only.
 *
 * @category Constants
 * @since 0.1.0
 */
export const actions = [
  "deleted", "undeleted", "approved", "unapproved", "flag_created", "flag_removed", "favorites_moved",
  "favorites_received", "rating_locked", "rating_unlocked", "status_locked", "status_unlocked", "note_locked",
  "note_unlocked", "comment_locked", "comment_unlocked", "comment_disabled", "comment_enabled",
  "replacement_accepted", "replacement_rejected", "replacement_promoted", "replacement_deleted", "expunged",
  "changed_bg_color", "replacement_penalty_changed", "owner_changed", "replacement_moved"
] as const

/**
 * One of the known event kinds.
 *
 * @category Types
 * @since 0.1.0
 */
export type Action = typeof actions[number]

/**
 * An event. `creator_id` is `null` for flag events whose flagger the viewer may not see.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostEvent = Schema.Struct({
  id: Schema.Number,
  post_id: Schema.Number,
  action: Schema.String,
  created_at: Schema.String,
  creator_id: Schema.NullOr(Schema.Number)
})

/**
 * A decoded post event.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostEvent extends Schema.Schema.Type<typeof PostEvent> {}
