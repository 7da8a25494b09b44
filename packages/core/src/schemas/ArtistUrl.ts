/**
 * Artist URLs: the profile and gallery links of an artist entry — `app/models/artist_url.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One URL of an artist as e621 sends it. `normalized_url` is e621's matching key (`http://`, lower-case host,
 * trailing `/`); `is_active: false` marks a dead link (written `-url` in `url_string`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistUrl = Schema.Struct({
  id: Schema.Number,
  artist_id: Schema.Number,
  url: Schema.String,
  normalized_url: Schema.String,
  is_active: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded artist URL.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistUrl extends Schema.Schema.Type<typeof ArtistUrl> {}
