/**
 * Tag implications (`app/models/tag_implication.rb`, `tag_relationship.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A tag implication as e621 sends it: posts tagged `antecedent_name` also get `consequent_name`.
 * `descendant_names` is every tag the implication adds, transitively (the consequent included, sorted);
 * `reason` was added later (old answers lack it). `status` as in `TagAlias.Status`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagImplication = Schema.Struct({
  id: Schema.Number,
  antecedent_name: Schema.String,
  consequent_name: Schema.String,
  creator_id: Schema.Number,
  forum_topic_id: Schema.NullOr(Schema.Number),
  forum_post_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  status: Schema.String,
  created_at: Schema.NullOr(Schema.String),
  updated_at: Schema.NullOr(Schema.String),
  approver_id: Schema.NullOr(Schema.Number),
  descendant_names: Schema.optionalKey(Schema.NullOr(Schema.Array(Schema.String))),
  reason: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded tag implication.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagImplication extends Schema.Schema.Type<typeof TagImplication> {}
