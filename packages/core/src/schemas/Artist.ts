/**
 * Artists: the entry behind an artist tag, with its other names, group and URLs — `app/models/artist.rb`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Legacy from "../internal/legacy.ts"
import { ArtistUrl } from "./ArtistUrl.ts"

/**
 * The columns of an artist as every artist answer carries them. `notes` is the body of the wiki page titled
 * like the artist (`null` without one); `/artist_urls.json` leaves it out of its nested artists.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  creator_id: Schema.Number,
  is_active: Schema.Boolean,
  group_name: Schema.String,
  other_names: Schema.Array(Schema.String),
  /** The artist's own account, or `null`. Added July 2020: absent in older answers, decoded `null` (none). */
  linked_user_id: Legacy.missingAs(Schema.NullOr(Schema.Number), null),
  /**
   * Whether only Janitors may edit the entry. Added January 2021 as a nullable column (default false): `null`
   * is kept as sent; absent in older answers, decoded `false` (the default e621 gave existing rows).
   */
  is_locked: Legacy.missingAs(Schema.NullOr(Schema.Boolean), false),
  notes: Schema.optionalKey(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * An artist's columns as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistRecord extends Schema.Schema.Type<typeof ArtistRecord> {}

/**
 * A domain and how many of the artist's newest 100 posts cite it as a source: `["furaffinity.net", 42]`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const DomainCount = Schema.Tuple([Schema.String, Schema.Number])

/**
 * An artist as e621 sends it. `/artists.json` embeds `urls`; `/artists/:id.json` adds `domains` (source
 * domains of the artist's newest posts, most cited first); `POST /artists.json` answers with the columns only,
 * hence both are optional.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Artist = Schema.Struct({
  ...ArtistRecord.fields,
  urls: Schema.optionalKey(Schema.Array(ArtistUrl)),
  domains: Schema.optionalKey(Schema.Array(DomainCount))
})

/**
 * A decoded artist.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Artist extends Schema.Schema.Type<typeof Artist> {}

/**
 * Normalises an artist name as e621 does before looking it up (`Artist.normalize_name`): lower case, trimmed,
 * spaces become underscores.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const normalizeName = (name: string): string => name.trim().toLowerCase().replace(/ /g, "_")
