/**
 * The answer of `GET /posts/count.json` (added to e621 in July 2026).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * How many posts match a query. e621 stops counting at 240,001 (750 pages of 320) and then sets `capped`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostCount = Schema.Struct({
  count: Schema.Number,
  capped: Schema.Boolean
})

/**
 * A decoded post count.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostCount extends Schema.Schema.Type<typeof PostCount> {}
