/**
 * The upload whitelist: the sites e621 downloads from by URL — `upload[direct_url]`, replacement URLs and
 * `Iqdb.byUrl` (`app/models/upload_whitelist.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One whitelist entry. `domain` and `path` are regular expressions matched against a URL's whole host and
 * path (case-insensitive); the first entry whose domain and path match decides: `allowed`, with `reason`
 * (why a site is banned). `hidden` entries are hidden from the HTML list only. Before August 2025 an entry was
 * one glob `pattern` over the whole URL, without `domain` and `path`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UploadWhitelist = Schema.Struct({
  id: Schema.Number,
  domain: Schema.optionalKey(Schema.NullOr(Schema.String)),
  path: Schema.optionalKey(Schema.NullOr(Schema.String)),
  pattern: Schema.optionalKey(Schema.String),
  note: Schema.NullOr(Schema.String),
  reason: Schema.NullOr(Schema.String),
  allowed: Schema.Boolean,
  hidden: Schema.Boolean,
  created_at: Schema.String,
  updated_at: Schema.String
})

/**
 * A decoded whitelist entry.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UploadWhitelist extends Schema.Schema.Type<typeof UploadWhitelist> {}

/**
 * e621's verdict on one URL (`GET /upload_whitelists/is_allowed.json`): the URL as sent, its registrable
 * `domain` (`"invalid domain"` for what e621 cannot parse), `is_allowed`, and the `reason` — the matching
 * entry's (often `null` for allowed sites), `"<host> not in whitelist"`, `"<host> is in whitelist, but path
 * … is not allowed."`, or `"bypassed"` for admins, whom the whitelist does not bind.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const IsAllowed = Schema.Struct({
  url: Schema.String,
  domain: Schema.NullOr(Schema.String),
  is_allowed: Schema.Boolean,
  reason: Schema.NullOr(Schema.String)
})

/**
 * A decoded verdict.
 *
 * @category Types
 * @since 0.1.0
 */
export interface IsAllowed extends Schema.Schema.Type<typeof IsAllowed> {}
