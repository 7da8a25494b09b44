/**
 * News updates: the banner messages of the site (`app/models/news_update.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A news update (DText `message`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const NewsUpdate = Schema.Struct({
  id: Schema.Number,
  message: Schema.String,
  /**
   * `null` for pre-2020 rows with no recorded author (production's column was nullable until e621ng ad12d32e7,
   * 2026-08-18): kept, there is no user to name.
   */
  creator_id: Schema.NullOr(Schema.Number),
  updater_id: Schema.NullOr(Schema.Number),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded news update.
 *
 * @category Types
 * @since 0.1.0
 */
export interface NewsUpdate extends Schema.Schema.Type<typeof NewsUpdate> {}
