/**
 * A tag's counts as stored and as counted (`GET /tags/:id/correction.json`, `app/logical/tag_correction.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Tag } from "./Tag.ts"

/**
 * `post_count` is the tag's stored count, `real_post_count` what e621's search index counts now (they differ
 * when the stored count drifted; staff can then fix it); `category_cache` the category e621's cache holds for
 * the tag (`null` when not cached); `tag` the tag itself.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagCorrection = Schema.Struct({
  post_count: Schema.Number,
  real_post_count: Schema.NullOr(Schema.Number),
  category: Schema.Number,
  category_cache: Schema.NullOr(Schema.Number),
  tag: Tag
})

/**
 * A decoded tag correction.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagCorrection extends Schema.Schema.Type<typeof TagCorrection> {}
