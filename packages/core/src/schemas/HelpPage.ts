/**
 * Help pages (`app/models/help_page.rb`): short names that point at wiki pages.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A help page: `name` (its URL name), the `wiki_page` title holding the text, `related` help names
 * (comma-separated) and a display `title` (may be empty).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const HelpPage = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String,
  name: Schema.String,
  wiki_page: Schema.String,
  related: Schema.String,
  title: Schema.String
})

/**
 * A decoded help page.
 *
 * @category Types
 * @since 0.1.0
 */
export interface HelpPage extends Schema.Schema.Type<typeof HelpPage> {}
