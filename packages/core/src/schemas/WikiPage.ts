/**
 * Wiki pages: the description page of a tag, titled by the tag's name — `app/models/wiki_page.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A wiki page as e621 sends it (every column of `wiki_pages` plus `creator_name` and `category_id`).
 * `title` is the tag name (lower case, underscores for spaces); `parent` is the title this page redirects to;
 * `category_id` is the tag's category (0 general … 8 lore) or `null` when no such tag exists.
 * `featured_posts` (July 2026), `parent` (2024) and `other_names` are optional for older answers.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPage = Schema.Struct({
  id: Schema.Number,
  title: Schema.String,
  body: Schema.String,
  creator_id: Schema.Number,
  creator_name: Schema.optionalKey(Schema.String),
  updater_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  created_at: Schema.String,
  updated_at: Schema.String,
  is_locked: Schema.Boolean,
  is_deleted: Schema.optionalKey(Schema.Boolean),
  other_names: Schema.optionalKey(Schema.Array(Schema.String)),
  parent: Schema.optionalKey(Schema.NullOr(Schema.String)),
  featured_posts: Schema.optionalKey(Schema.Array(Schema.Number)),
  category_id: Schema.optionalKey(Schema.NullOr(Schema.Number))
})

/**
 * A decoded wiki page.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPage extends Schema.Schema.Type<typeof WikiPage> {}

/**
 * Normalises a title as e621 does before looking it up (`WikiPage.normalize_name`): lower case, spaces
 * become underscores; surrounding whitespace is trimmed.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const normalizeTitle = (title: string): string => title.trim().toLowerCase().replace(/ /g, "_")
