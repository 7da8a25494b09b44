/**
 * Field schemas for what older e621 answers sent differently (see SCHEMA-AUDIT.md): a `null` where current
 * answers have a value, or no key at all where a column was added later. Each decodes to what e621 means by it,
 * so the decoded type stays the current one.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

/**
 * `self`, or `null` in older answers, decoded to `fallback` (e621's reading of that null). Encodes the value.
 */
export const nullAs = <A>(self: Schema.Codec<A>, fallback: A) =>
  Schema.NullOr(self).pipe(
    Schema.decodeTo(
      Schema.toType(self),
      SchemaTransformation.transform<A, A | null>({ decode: (a) => a === null ? fallback : a, encode: (a) => a })
    )
  )

/**
 * A key older answers lack (its column was added later), decoded to `fallback` when absent (the column's
 * default, which e621 gave the existing rows). Encodes the value.
 */
export const missingAs = <S extends Schema.Top>(self: S, fallback: S["Encoded"]) =>
  self.pipe(Schema.withDecodingDefaultKey(Effect.succeed(fallback)))
