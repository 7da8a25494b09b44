/**
 * Tag autocomplete results (`GET /tags/autocomplete.json`), served by e621's separate `autocompleted`
 * service rather than by Rails.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One autocomplete suggestion: a tag whose name starts with the typed prefix, or the consequent of an
 * active alias whose antecedent does (then `antecedent_name` is the typed-for alias, else `null`). Not a
 * `Tag`: no timestamps, no related tags. `category` is kept as a number.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const AutocompleteTag = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  post_count: Schema.Number,
  category: Schema.Number,
  antecedent_name: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/**
 * A decoded autocomplete suggestion.
 *
 * @category Types
 * @since 0.1.0
 */
export interface AutocompleteTag extends Schema.Schema.Type<typeof AutocompleteTag> {}
