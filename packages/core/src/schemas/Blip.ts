/**
 * Blips: e621's short public messages (`app/models/blip.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

const fields = {
  id: Schema.Number,
  creator_id: Schema.Number,
  body: Schema.String,
  response_to: Schema.NullOr(Schema.Number),
  /**
   * Shown only to staff and the creator when `true`. Named `is_hidden` until e621ng renamed the column (March
   * 2026): older answers' `is_hidden` decodes here. Nullable column: `null` is kept as sent.
   */
  is_deleted: Schema.NullOr(Schema.Boolean),
  created_at: Schema.String,
  updated_at: Schema.String,
  warning_type: Schema.optionalKey(Schema.NullOr(Schema.String)),
  warning_user_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  updater_id: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  creator_name: Schema.optionalKey(Schema.String)
}

/** A blip as sent: `is_deleted` since March 2026, `is_hidden` before. */
const BlipJson = Schema.Struct({
  ...fields,
  is_deleted: Schema.optionalKey(fields.is_deleted),
  is_hidden: Schema.optionalKey(Schema.NullOr(Schema.Boolean))
})

/**
 * A blip. `response_to` is the id of the blip it answers (or `null`); `is_deleted` blips are shown only to
 * staff and their creator; `is_deleted` may be `null` in old rows (the column has no NOT NULL), and answers
 * before March 2026 call it `is_hidden`. Encoding gives the current shape.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Blip = BlipJson.pipe(
  Schema.decodeTo(
    Schema.Struct(fields),
    SchemaTransformation.transform({
      decode: ({ is_hidden, ...blip }) => ({ ...blip, is_deleted: blip.is_deleted !== undefined ? blip.is_deleted : is_hidden ?? null }),
      encode: (blip) => blip
    })
  )
)

/**
 * A decoded blip.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Blip extends Schema.Schema.Type<typeof Blip> {}
