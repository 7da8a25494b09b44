/**
 * Post recommendations (`GET /posts/:id/similar/artist.json` and `/similar/tags.json`, added in 2026).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { PostThumbnail } from "./Post.ts"

/**
 * Posts similar to one post, by artist (`model_version` `"os.artist"`) or by tags (`"os.tags"`): the ranked
 * `results` and the thumbnails of those posts in `post_data`. Hidden posts get empty results.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Recommendations = Schema.Struct({
  post_id: Schema.Number,
  model_version: Schema.String,
  results: Schema.Array(Schema.Struct({
    post_id: Schema.Number,
    score: Schema.Number,
    explanation: Schema.NullOr(Schema.Unknown)
  })),
  post_data: Schema.Array(PostThumbnail)
})

/**
 * Decoded recommendations.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Recommendations extends Schema.Schema.Type<typeof Recommendations> {}
