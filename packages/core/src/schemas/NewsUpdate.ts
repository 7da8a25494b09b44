/**
 * News updates: the banner messages of the site (`app/models/news_update.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A news update (DText `message`).
 *
 * @since 0.1.0
 */
export const NewsUpdate = Schema.Struct({
  id: Schema.Number,
  message: Schema.String,
  creator_id: Schema.Number,
  updater_id: Schema.NullOr(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded news update.
 *
 * @since 0.1.0
 */
export interface NewsUpdate extends Schema.Schema.Type<typeof NewsUpdate> {}
