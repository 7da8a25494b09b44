/**
 * Post replacements: proposed new files for an existing post (`app/models/post_replacement.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A replacement. `status` is `pending`, `approved`, `rejected`, `original` (the post's first file, sequence
 * 0) or `promoted` (turned into a post of its own). `sequence_number` is absent from older answers.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const PostReplacement = Schema.Struct({
  id: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.NullOr(Schema.String),
  post_id: Schema.Number,
  creator_id: Schema.Number,
  approver_id: Schema.NullOr(Schema.Number),
  file_ext: Schema.String,
  file_size: Schema.Number,
  image_height: Schema.Number,
  image_width: Schema.Number,
  md5: Schema.String,
  source: Schema.NullOr(Schema.String),
  file_name: Schema.NullOr(Schema.String),
  status: Schema.String,
  reason: Schema.String,
  sequence_number: Schema.optionalKey(Schema.Number)
})

/**
 * A decoded post replacement.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostReplacement extends Schema.Schema.Type<typeof PostReplacement> {}

/**
 * e621's answer to a replacement upload: `{"success":true,"location":"/posts/N"}` (failures are a 412 with
 * a `message`, decoded as `E621ValidationFailed`).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ReplacementResult = Schema.Struct({
  success: Schema.Boolean,
  location: Schema.String
})

/**
 * A decoded replacement answer.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ReplacementResult extends Schema.Schema.Type<typeof ReplacementResult> {}
