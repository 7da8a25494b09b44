/**
 * Database exports (`app/models/db_export.rb`, `DbExportBlueprint`; the system since June 2026).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Legacy from "../internal/legacy.ts"

/**
 * One daily export: the table `name` (`posts`, `tags`, `pools`, …), its file `posts.csv.gz`, exact
 * `file_size` in bytes, SHA-256 `checksum` of the `.csv.gz` (null before it was computed), the time it was
 * written, and its download `url`. Files are overwritten daily: no date in the name, no history.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const DbExport = Schema.Struct({
  name: Schema.String,
  file_name: Schema.String,
  file_size: Schema.Number,
  /** `null` until computed (kept); added 2026-06-24, absent in the two weeks before: decoded `null`. */
  checksum: Legacy.missingAs(Schema.NullOr(Schema.String), null),
  updated_at: Schema.String,
  url: Schema.String
})

/**
 * A decoded export entry.
 *
 * @category Types
 * @since 0.1.0
 */
export interface DbExport extends Schema.Schema.Type<typeof DbExport> {}
