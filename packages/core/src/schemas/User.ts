/**
 * Users (`app/models/user.rb` `ApiMethods`, `users_controller.rb`) and the level helpers every client
 * needs: e621 renumbered its levels in June 2026, so compare users by `level_string`, never by `level`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * e621's user levels and their numeric values since June 2026 (`app/logical/user_level.rb`); use them for
 * the numeric `/users.json` filters (`level`, `minLevel`, `maxLevel`).
 *
 * @category Constants
 * @since 0.1.0
 */
export const levels = {
  Anonymous: 0,
  Blocked: 10,
  Member: 20,
  Privileged: 30,
  "Former Staff": 40,
  Staff: 50,
  Janitor: 60,
  Moderator: 70,
  Admin: 80
} as const

/**
 * A current `level_string`.
 *
 * @category Types
 * @since 0.1.0
 */
export type LevelName = keyof typeof levels

/** Every level name e621 has used, lowest first ("Contributor" existed before 2026). */
const ranking: ReadonlyArray<string> = [
  "Anonymous",
  "Blocked",
  "Member",
  "Privileged",
  "Contributor",
  "Former Staff",
  "Staff",
  "Janitor",
  "Moderator",
  "Admin"
]

/**
 * The rank of a `level_string` among the levels e621 has used (case-insensitive); `undefined` for a level
 * this library does not know.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const levelRank = (levelString: string): number | undefined => {
  const wanted = levelString.trim().toLowerCase()
  const index = ranking.findIndex((name) => name.toLowerCase() === wanted)
  return index < 0 ? undefined : index
}

/**
 * Whether a user (or a `level_string`) is at least `level`, compared by name — e621's `is_X?` semantics
 * ("X or above"). An unknown or missing `level_string` is never "at least" anything: unknown levels are
 * treated conservatively rather than guessed.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const levelAtLeast = (
  user: { readonly level_string?: string | undefined } | string,
  level: LevelName
): boolean => {
  const levelString = typeof user === "string" ? user : user.level_string
  if (levelString === undefined) return false
  const rank = levelRank(levelString)
  return rank !== undefined && rank >= levelRank(level)!
}

/**
 * A user as every list shows it (`GET /users.json`): public fields only. Fields added over time
 * (`upload_karma*` July 2026, `can_upload_free` reinstated July 2026, `has_cropped_avatar` May 2026,
 * `is_verified` Aug 2025) are optional. `level` is the numeric level (renumbered in 2026): compare
 * `level_string` with {@link levelAtLeast} instead.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const User = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  name: Schema.String,
  level: Schema.Number,
  level_string: Schema.String,
  base_upload_limit: Schema.optionalKey(Schema.Number),
  upload_karma: Schema.optionalKey(Schema.Number),
  upload_karma_free: Schema.optionalKey(Schema.Boolean),
  post_upload_count: Schema.optionalKey(Schema.Number),
  post_update_count: Schema.optionalKey(Schema.Number),
  note_update_count: Schema.optionalKey(Schema.Number),
  is_banned: Schema.optionalKey(Schema.Boolean),
  can_approve_posts: Schema.optionalKey(Schema.Boolean),
  can_upload_free: Schema.optionalKey(Schema.Boolean),
  avatar_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  is_verified: Schema.optionalKey(Schema.Boolean),
  has_cropped_avatar: Schema.optionalKey(Schema.Boolean)
})

/**
 * A decoded user (public fields).
 *
 * @category Types
 * @since 0.1.0
 */
export interface User extends Schema.Schema.Type<typeof User> {}

const fullFields = {
  wiki_page_version_count: Schema.optionalKey(Schema.Number),
  artist_version_count: Schema.optionalKey(Schema.Number),
  pool_version_count: Schema.optionalKey(Schema.Number),
  forum_post_count: Schema.optionalKey(Schema.Number),
  comment_count: Schema.optionalKey(Schema.Number),
  flag_count: Schema.optionalKey(Schema.Number),
  favorite_count: Schema.optionalKey(Schema.Number),
  positive_feedback_count: Schema.optionalKey(Schema.Number),
  neutral_feedback_count: Schema.optionalKey(Schema.Number),
  negative_feedback_count: Schema.optionalKey(Schema.Number),
  /** Since July 2026; replaced `upload_limit`. */
  upload_slots: Schema.optionalKey(Schema.Number),
  /** Before July 2026. */
  upload_limit: Schema.optionalKey(Schema.Number),
  profile_about: Schema.optionalKey(Schema.NullOr(Schema.String)),
  profile_artinfo: Schema.optionalKey(Schema.NullOr(Schema.String))
}

/**
 * A user as one-record endpoints show it (`/users/:id.json`, `/users/:id/upload_limit.json`): the public
 * fields plus counts and profile texts (`full_attributes`). `upload_slots` replaced `upload_limit` in July
 * 2026; both are optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserFull = Schema.Struct({ ...User.fields, ...fullFields })

/**
 * A decoded user with the full fields.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserFull extends Schema.Schema.Type<typeof UserFull> {}

const optionalBoolean = Schema.optionalKey(Schema.Boolean)
const optionalText = Schema.optionalKey(Schema.NullOr(Schema.String))
const optionalNumber = Schema.optionalKey(Schema.Number)

/**
 * The caller's own record (`GET /users/me.json`, or `/users/:id.json` of oneself): the full fields plus the
 * private settings e621 shows only to the user themself — `blacklisted_tags` (newline-separated),
 * `per_page`, `enable_safe_mode`, `api_burst_limit`, `remaining_api_limit`, … For an anonymous caller e621
 * answers a placeholder with `id: null`, name `"Anonymous"`, level 0 (see {@link isAnonymous}); every private
 * field is optional because the placeholder and older answers lack some.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Me = Schema.Struct({
  ...User.fields,
  ...fullFields,
  id: Schema.NullOr(Schema.Number),
  blacklist_users: optionalBoolean,
  description_collapsed_initially: optionalBoolean,
  hide_comments: optionalBoolean,
  show_hidden_comments: optionalBoolean,
  show_post_statistics: optionalBoolean,
  receive_email_notifications: optionalBoolean,
  enable_keyboard_navigation: optionalBoolean,
  enable_privacy_mode: optionalBoolean,
  enable_auto_complete: optionalBoolean,
  enable_safe_mode: optionalBoolean,
  disable_responsive_mode: optionalBoolean,
  no_flagging: optionalBoolean,
  disable_user_dmails: optionalBoolean,
  enable_compact_uploader: optionalBoolean,
  replacements_beta: optionalBoolean,
  forum_notification_dot: optionalBoolean,
  updated_at: optionalText,
  email: optionalText,
  last_logged_in_at: optionalText,
  last_forum_read_at: optionalText,
  recent_tags: optionalText,
  comment_threshold: optionalNumber,
  default_image_size: optionalText,
  favorite_tags: optionalText,
  blacklisted_tags: optionalText,
  time_zone: optionalText,
  per_page: optionalNumber,
  custom_style: optionalText,
  api_regen_multiplier: optionalNumber,
  api_burst_limit: optionalNumber,
  remaining_api_limit: optionalNumber,
  statement_timeout: optionalNumber,
  favorite_limit: optionalNumber,
  tag_query_limit: optionalNumber,
  has_mail: optionalBoolean,
  unread_dmail_count: optionalNumber
})

/**
 * A decoded own record (or the anonymous placeholder).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Me extends Schema.Schema.Type<typeof Me> {}

/**
 * Whether `/users/me.json` answered the anonymous placeholder (no credentials were sent): its `id` is null.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const isAnonymous = (me: Me): boolean => me.id === null

/**
 * The lines of a `blacklisted_tags` setting (e621 stores them newline-separated), trimmed, blanks dropped.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const blacklistLines = (user: { readonly blacklisted_tags?: string | null | undefined }): ReadonlyArray<string> =>
  (user.blacklisted_tags ?? "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "")
