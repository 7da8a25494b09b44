/**
 * The tags e621's uploader offers the caller (`GET /users/upload_tags.json`, `UserPresenter`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One offered tag: its name, post count and category id.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UploadTag = Schema.Struct({
  name: Schema.String,
  count: Schema.Number,
  category_id: Schema.Number
})

/**
 * A decoded offered tag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UploadTag extends Schema.Schema.Type<typeof UploadTag> {}

/**
 * `upload_tags`: the caller's favourite tags (their `favorite_tags` setting, in its order); `recent_tags`:
 * the tags they added most in the last hour (from up to 150 post edits, at most 50). Tags that do not exist
 * are left out.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UploadTags = Schema.Struct({
  upload_tags: Schema.Array(UploadTag),
  recent_tags: Schema.Array(UploadTag)
})

/**
 * Decoded upload tags.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UploadTags extends Schema.Schema.Type<typeof UploadTags> {}
