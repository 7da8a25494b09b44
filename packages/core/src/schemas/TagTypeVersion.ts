/**
 * Tag type versions (`app/models/tag_type_version.rb`): the log of tag category changes.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One category change of a tag: `old_type` → `new_type` (category ids, kept as numbers), whether the tag
 * was locked at the time, and who changed it.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagTypeVersion = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String,
  old_type: Schema.Number,
  new_type: Schema.Number,
  is_locked: Schema.Boolean,
  tag_id: Schema.Number,
  creator_id: Schema.Number
})

/**
 * A decoded tag type version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagTypeVersion extends Schema.Schema.Type<typeof TagTypeVersion> {}
