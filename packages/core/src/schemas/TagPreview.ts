/**
 * A tag string as e621 will read it (`POST /tags/preview.json`, `app/logical/tags_preview.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One entry of a tag preview: a tag of the string as written (`name`), then each tag it aliases to or implies.
 * `resolved` is the name without a category prefix (`artist:foo` → `foo`, when it differs); `alias` the tag
 * it is aliased to; `implies` every tag it implies, transitively. `id` and `post_count` are left out for
 * tags that do not exist yet, `category` too unless a prefix named one; e621 omits every key without a value.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagPreview = Schema.Struct({
  name: Schema.String,
  id: Schema.optionalKey(Schema.Number),
  resolved: Schema.optionalKey(Schema.String),
  category: Schema.optionalKey(Schema.Number),
  post_count: Schema.optionalKey(Schema.Number),
  alias: Schema.optionalKey(Schema.String),
  implies: Schema.optionalKey(Schema.Array(Schema.String))
})

/**
 * A decoded tag preview entry.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagPreview extends Schema.Schema.Type<typeof TagPreview> {}
