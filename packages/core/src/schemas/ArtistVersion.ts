/**
 * Artist versions: one row per saved change of an artist entry — `app/models/artist_version.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An artist version as e621 sends it: name, other names, group and the URL list (`-` prefix = inactive) after
 * one edit; `notes_changed` tells whether the artist's wiki text changed too (the text itself is versioned by
 * the wiki page).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistVersion = Schema.Struct({
  id: Schema.Number,
  artist_id: Schema.Number,
  name: Schema.String,
  updater_id: Schema.Number,
  is_active: Schema.Boolean,
  group_name: Schema.String,
  other_names: Schema.Array(Schema.String),
  urls: Schema.Array(Schema.String),
  notes_changed: Schema.optionalKey(Schema.NullOr(Schema.Boolean)),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded artist version.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistVersion extends Schema.Schema.Type<typeof ArtistVersion> {}
