/**
 * Which of the caller's own lists have entries (`GET /users/avatar_menu.json`), as e621's account menu
 * shows them (`users_controller.rb#avatar_menu`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Whether the caller has uploads, favourites, sets, comments, forum posts and blips.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AvatarMenu = Schema.Struct({
  has_uploads: Schema.Boolean,
  has_favorites: Schema.Boolean,
  has_sets: Schema.Boolean,
  has_comments: Schema.Boolean,
  has_forums: Schema.Boolean,
  has_blips: Schema.Boolean
})

/**
 * A decoded avatar menu.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AvatarMenu extends Schema.Schema.Type<typeof AvatarMenu> {}
