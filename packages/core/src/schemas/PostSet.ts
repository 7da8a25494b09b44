/**
 * Post sets: a user's named, optionally public, list of posts (`app/models/post_set.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A post set as e621 sends it: `post_ids` in the order posts were added, `shortname` is the lowercase handle
 * used by the `set:` metatag, `is_public` false for private sets (visible to the owner and moderators only),
 * `transfer_on_delete` whether posts replaced by a new upload carry over.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostSet = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  shortname: Schema.String,
  description: Schema.NullOr(Schema.String),
  is_public: Schema.Boolean,
  transfer_on_delete: Schema.Boolean,
  creator_id: Schema.Number,
  post_ids: Schema.Array(Schema.Number),
  post_count: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded post set.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostSet extends Schema.Schema.Type<typeof PostSet> {}

/**
 * One choice of `GET /post_sets/for_select.json`: `[name, id]`, the name with spaces for underscores and cut
 * to 35 characters by e621.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const SelectEntry = Schema.Tuple([Schema.String, Schema.Number])

/**
 * The caller's sets for a picker (`GET /post_sets/for_select.json`): those they own and those they maintain,
 * each ordered by name.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ForSelect = Schema.Struct({
  Owned: Schema.Array(SelectEntry),
  Maintained: Schema.Array(SelectEntry)
})

/**
 * A decoded `for_select` answer.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ForSelect extends Schema.Schema.Type<typeof ForSelect> {}
