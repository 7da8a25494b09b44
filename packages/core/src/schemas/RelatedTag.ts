/**
 * Related-tag answers (`GET /related_tag.json`, `/related_tag/bulk.json`; `app/logical/related_tag_query.rb`,
 * `bulk_related_tag_query.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One tag of `/related_tag.json`: a name and its category id (a number, kept as sent).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const RelatedTag = Schema.Struct({
  name: Schema.String,
  category_id: Schema.Number
})

/**
 * A decoded related tag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RelatedTag extends Schema.Schema.Type<typeof RelatedTag> {}

/**
 * One tag of `/related_tag/bulk.json`: name, how many sampled posts share it, and its category id
 * (`-1` when e621 does not know the tag).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkRelatedTag = Schema.Struct({
  name: Schema.String,
  count: Schema.Number,
  category_id: Schema.Number
})

/**
 * A decoded bulk related tag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface BulkRelatedTag extends Schema.Schema.Type<typeof BulkRelatedTag> {}

/**
 * The bulk answer: for each queried tag that exists, its related tags.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const BulkRelatedTags = Schema.Record(Schema.String, Schema.Array(BulkRelatedTag))

/**
 * A decoded bulk answer.
 *
 * @category Types
 * @since 0.1.0
 */
export type BulkRelatedTags = Schema.Schema.Type<typeof BulkRelatedTags>
