/**
 * Mascots: the site's background artworks (`app/models/mascot.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Legacy from "../internal/legacy.ts"

/**
 * A mascot: the image (`md5`, `file_ext`, `url_path`), colours, the artist, and the sites it shows on
 * (`available_on`). `foreground_color` and `is_layered` were added later.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Mascot = Schema.Struct({
  id: Schema.Number,
  creator_id: Schema.Number,
  display_name: Schema.String,
  md5: Schema.String,
  file_ext: Schema.String,
  background_color: Schema.String,
  foreground_color: Schema.optionalKey(Schema.String),
  artist_url: Schema.String,
  artist_name: Schema.String,
  active: Schema.Boolean,
  is_layered: Schema.optionalKey(Schema.Boolean),
  /** Added February 2023 (default `[]` for existing mascots): absent in older answers, decoded `[]`. */
  available_on: Legacy.missingAs(Schema.Array(Schema.String), []),
  url_path: Schema.String,
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded mascot.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Mascot extends Schema.Schema.Type<typeof Mascot> {}
