/**
 * Wiki page versions: one row per saved change of a wiki page — `app/models/wiki_page_version.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A wiki page version as e621 sends it: the page's state after one edit (`title`, `body`, `other_names`,
 * `parent`, `featured_posts`, lock and delete flags) with the editor (`updater_id`) and the edit `reason`.
 * Keys added later (`parent`, `featured_posts`, `reason`) are optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPageVersion = Schema.Struct({
  id: Schema.Number,
  wiki_page_id: Schema.Number,
  /**
   * `null` for 81 versions of 2007–2016 with no recoverable author (nullable in production until e621ng
   * ad12d32e7, 2026-08-18, which gave them the System user): kept.
   */
  updater_id: Schema.NullOr(Schema.Number),
  title: Schema.String,
  body: Schema.String,
  is_locked: Schema.Boolean,
  is_deleted: Schema.optionalKey(Schema.Boolean),
  other_names: Schema.optionalKey(Schema.Array(Schema.String)),
  parent: Schema.optionalKey(Schema.NullOr(Schema.String)),
  featured_posts: Schema.optionalKey(Schema.Array(Schema.Number)),
  reason: Schema.optionalKey(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded wiki page version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageVersion extends Schema.Schema.Type<typeof WikiPageVersion> {}
