/**
 * The answer of `POST /dtext_preview.json` (`dtext_previews_controller.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Legacy from "../internal/legacy.ts"

/**
 * A post referenced by the text (`thumb #123`), as the site's thumbnail loader gets it
 * (`Post#thumbnail_attributes`); the file fields are absent when the post is not visible to the caller.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const DeferredPost = Schema.Struct({
  id: Schema.Number,
  flags: Schema.optionalKey(Schema.String),
  tags: Schema.optionalKey(Schema.String),
  rating: Schema.optionalKey(Schema.String),
  file_ext: Schema.optionalKey(Schema.String),
  width: Schema.optionalKey(Legacy.nullAs(Schema.Number, 0)),
  height: Schema.optionalKey(Legacy.nullAs(Schema.Number, 0)),
  size: Schema.optionalKey(Legacy.nullAs(Schema.Number, 0)),
  created_at: Schema.optionalKey(Schema.String),
  uploader: Schema.optionalKey(Schema.NullOr(Schema.String)),
  uploader_id: Schema.optionalKey(Legacy.nullAs(Schema.Number, 0)),
  score: Schema.optionalKey(Schema.Number),
  fav_count: Schema.optionalKey(Schema.Number),
  is_favorited: Schema.optionalKey(Schema.Boolean),
  comment_count: Schema.optionalKey(Schema.Number),
  md5: Schema.optionalKey(Schema.String),
  preview_url: Schema.optionalKey(Schema.NullOr(Schema.String)),
  sample_url: Schema.optionalKey(Schema.NullOr(Schema.String)),
  file_url: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded deferred post.
 *
 * @category Types
 * @since 0.1.0
 */
export interface DeferredPost extends Schema.Schema.Type<typeof DeferredPost> {}

/**
 * The rendered HTML of a DText text and the posts it references, by id.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const DTextPreview = Schema.Struct({
  html: Schema.String,
  posts: Schema.Record(Schema.String, DeferredPost)
})

/**
 * A decoded preview.
 *
 * @category Types
 * @since 0.1.0
 */
export interface DTextPreview extends Schema.Schema.Type<typeof DTextPreview> {}
