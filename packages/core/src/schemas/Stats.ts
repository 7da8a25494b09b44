/**
 * Site statistics (`/stats.json`, computed by `app/logical/stats_updater.rb` into a Redis key).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The statistics object: counts (`total_posts`, `active_posts`, `deleted_posts`, `safe_posts`, `jpg_posts`,
 * `total_users`, `<level>_users`, `<category>_tags`, `total_comments`, …), averages, and the times `started`
 * / `updated_at`. e621 answers `{}` when the statistics were never computed, and adds keys over time, so
 * it is a record; read numbers with {@link count}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Stats = Schema.Record(Schema.String, Schema.Union([Schema.Number, Schema.String, Schema.Boolean, Schema.Null]))

/**
 * Decoded statistics.
 *
 * @category Types
 * @since 0.1.0
 */
export type Stats = Schema.Schema.Type<typeof Stats>

/**
 * Well-known numeric statistics (any other key works with {@link count} too).
 *
 * @category Types
 * @since 0.1.0
 */
export type Key =
  | "total_posts"
  | "active_posts"
  | "deleted_posts"
  | "existing_posts"
  | "destroyed_posts"
  | "safe_posts"
  | "questionable_posts"
  | "explicit_posts"
  | "total_users"
  | "active_users"
  | "total_comments"
  | "total_favorites"
  | "total_pools"
  | "total_tags"
  | "total_votes"
  | "total_notes"
  | "total_blips"
  | "total_forum_posts"
  | (string & {})

/**
 * A numeric statistic, or `undefined` when e621 did not report it (or reported something else).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const count = (stats: Stats, key: Key): number | undefined => {
  const value = stats[key]
  return typeof value === "number" ? value : undefined
}
