/**
 * The answer to an upload (`POST /uploads.json`, `app/controllers/uploads_controller.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * e621's success answer to an upload: 200 `{"success":true,"location":"/posts/N","post_id":N}`. Failures
 * (412 `reason: "duplicate"` with the existing `post_id`, or `reason: "invalid"` with a `message`) become
 * `E621ValidationFailed`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UploadResult = Schema.Struct({
  success: Schema.Boolean,
  location: Schema.String,
  post_id: Schema.Number
})

/**
 * A decoded upload answer.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UploadResult extends Schema.Schema.Type<typeof UploadResult> {}
