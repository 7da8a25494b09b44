/**
 * An artist URL as `/artist_urls.json` lists it: the URL with its artist nested — `artist_urls_controller.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ArtistRecord } from "./Artist.ts"
import { ArtistUrl } from "./ArtistUrl.ts"

/**
 * A URL row with its `artist` (the artist's columns without `notes`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistUrlEntry = Schema.Struct({
  ...ArtistUrl.fields,
  artist: Schema.optionalKey(ArtistRecord)
})

/**
 * A decoded artist URL entry.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistUrlEntry extends Schema.Schema.Type<typeof ArtistUrlEntry> {}
