/**
 * Search trends: how often tags were searched (`app/models/search_trend.rb`, `search_trend_hourly.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One tag's search count on one day (`GET /search_trends.json`); `day` is `YYYY-MM-DD` (UTC).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const SearchTrend = Schema.Struct({
  tag: Schema.String,
  count: Schema.Number,
  day: Schema.String
})

/**
 * A decoded daily count.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SearchTrend extends Schema.Schema.Type<typeof SearchTrend> {}

/**
 * A rising tag (`GET /search_trends/rising.json`): the alias-resolved name, its display form, post count
 * and tag category number.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const RisingTag = Schema.Struct({
  name: Schema.String,
  pretty_name: Schema.String,
  post_count: Schema.Number,
  category: Schema.Number
})

/**
 * A decoded rising tag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RisingTag extends Schema.Schema.Type<typeof RisingTag> {}

/**
 * One day of a tracked tag's series.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Point = Schema.Struct({ count: Schema.Number, day: Schema.String })

/**
 * A decoded day of a series.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Point extends Schema.Schema.Type<typeof Point> {}

/**
 * `GET /search_trends/track.json`: for each requested tag (lower-cased), the last 31 days oldest first,
 * days without searches filled with `count: 0`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Track = Schema.Record(Schema.String, Schema.Array(Point))

/**
 * A decoded tracking answer.
 *
 * @category Types
 * @since 0.1.0
 */
export type Track = Schema.Schema.Type<typeof Track>
