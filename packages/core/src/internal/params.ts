/**
 * Input checks and encoding shared by every endpoint: ids, `limit`, `page`, and camelCase search parameters
 * encoded to e621's `search[snake_case]` keys. Everything here fails with `E621InvalidInput` naming the field,
 * before any request is sent.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import type * as E621Client from "../E621Client.ts"
import { type E621InvalidInput, invalidInput } from "../E621Error.ts"

/** e621's largest `limit` (`max_per_page`). @internal */
export const maxLimit = 320

/** e621's last numbered page (`max_numbered_pages`). @internal */
export const maxPage = 750

/** PostgreSQL `integer` maximum; e621 rejects larger ids and cursors. @internal */
export const maxId = 2_147_483_647

/** A positive database id. @internal */
export const id = (field: string, value: number): Effect.Effect<number, E621InvalidInput> =>
  Number.isInteger(value) && value >= 1 && value <= maxId
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, `must be a positive integer id, got ${String(value)}`))

/** `limit`: an integer in `min..max` (e621: 0..320, some routes less). @internal */
export const limit = (
  value: number | undefined,
  options: { readonly field?: string; readonly min?: number; readonly max?: number } = {}
): Effect.Effect<number | undefined, E621InvalidInput> => {
  if (value === undefined) return Effect.succeed(undefined)
  const min = options.min ?? 0
  const max = options.max ?? maxLimit
  return Number.isInteger(value) && value >= min && value <= max
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(options.field ?? "limit", `must be an integer between ${min} and ${max}, got ${String(value)}`))
}

/**
 * A page: a number `1..750` (numbered pages) or a cursor `b<id>` (ids below) / `a<id>` (ids above).
 *
 * @since 0.1.0
 */
export type Page = number | `a${number}` | `b${number}`

/** `page`: checks numbered pages against the 750 cap and cursors against the id range. @internal */
export const page = (
  value: Page | undefined,
  options: { readonly max?: number } = {}
): Effect.Effect<string | undefined, E621InvalidInput> => {
  if (value === undefined) return Effect.succeed(undefined)
  const max = options.max ?? maxPage
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= max
      ? Effect.succeed(String(value))
      : Effect.fail(invalidInput("page", `numbered pages go from 1 to ${max}, got ${String(value)}; use a b<id> cursor to go further`))
  }
  const match = /^([ab])(\d{1,10})$/.exec(String(value))
  return match !== null && Number(match[2]) <= maxId
    ? Effect.succeed(`${match[1]}${Number(match[2])}`)
    : Effect.fail(invalidInput("page", `must be a page number or a cursor like "b12345", got ${JSON.stringify(value)}`))
}

/** A non-empty string of at most `max` characters (trimmed). @internal */
export const text = (
  field: string,
  value: string,
  options: { readonly max?: number; readonly allowEmpty?: boolean } = {}
): Effect.Effect<string, E621InvalidInput> => {
  if (typeof value !== "string") return Effect.fail(invalidInput(field, "must be a string"))
  if (!options.allowEmpty && value.trim() === "") return Effect.fail(invalidInput(field, "must not be empty"))
  const max = options.max ?? 100_000
  return value.length > max
    ? Effect.fail(invalidInput(field, `must be at most ${max} characters, got ${value.length}`))
    : Effect.succeed(value)
}

/** `.` and `..`, also percent-encoded: the WHATWG URL parser resolves `%2e%2e` like `..`. */
const dotSegment = /^(?:\.|%2e){1,2}$/i

/** Lone UTF-16 surrogates: `encodeURIComponent` throws on them. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * A user-supplied value (a user name, tag name, wiki title, help page name, …) as one path segment: refused
 * when no encoding keeps it inside its route — empty, `.` or `..` (URL parsers resolve them, even
 * percent-encoded), control characters, broken UTF-16 — and percent-encoded otherwise, so `/`, `\`, `?`, `#`,
 * `%`, spaces and non-ASCII stay inside the segment. Every path built from user input goes through this.
 *
 * @internal
 */
export const segment = (field: string, value: string): Effect.Effect<string, E621InvalidInput> => {
  if (value === "") return Effect.fail(invalidInput(field, "must not be empty"))
  if (dotSegment.test(value)) {
    return Effect.fail(invalidInput(field, `${JSON.stringify(value)} cannot be addressed by path (it would leave the route)`))
  }
  if (/\p{Cc}/u.test(value) || loneSurrogate.test(value)) {
    return Effect.fail(invalidInput(field, `must not contain control characters or broken UTF-16, got ${JSON.stringify(value)}`))
  }
  return Effect.succeed(encodeURIComponent(value))
}

/**
 * Whether `path` is a plain route path (`/users/some%20name/upload_limit.json`): absolute, segments neither
 * empty nor `.`/`..` (also percent-encoded), and no `\`, `?`, `#`, whitespace or control characters. The client
 * refuses any other path, whatever built it.
 *
 * @internal
 */
export const isRoutePath = (path: string): boolean =>
  path.startsWith("/") && !/[\\?#\s\p{Cc}]/u.test(path) &&
  path.slice(1).split("/").every((part) => part !== "" && !dotSegment.test(part))

/** A value among `choices`. @internal */
export const oneOf = <const C extends string>(
  field: string,
  value: C | undefined,
  choices: ReadonlyArray<C>
): Effect.Effect<C | undefined, E621InvalidInput> =>
  value === undefined || choices.includes(value)
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, `must be one of ${choices.join(", ")}, got ${JSON.stringify(value)}`))

/** `nameMatches` → `name_matches`. @internal */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** A scalar search value as e621 reads it: booleans `true`/`false`, dates ISO, lists comma-joined. @internal */
export type SearchValue = string | number | boolean | Date | ReadonlyArray<string | number>

/**
 * Encodes camelCase search fields to `search[snake_case]` query keys. `undefined` is dropped; empty strings
 * and empty lists are refused (e621 answers them with a 302 to a cleaned URL); lists are comma-joined
 * (e621 caps them at 320 items).
 *
 * @internal
 */
export const search = (
  fields: Readonly<Record<string, SearchValue | undefined>> | undefined
): Effect.Effect<Record<string, string>, E621InvalidInput> =>
  Effect.suspend(() => {
    const query: Record<string, string> = {}
    if (fields === undefined) return Effect.succeed(query)
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue
      const field = `search.${key}`
      let encoded: string
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return Effect.fail(invalidInput(field, "is an invalid Date"))
        encoded = value.toISOString()
      } else if (Array.isArray(value)) {
        if (value.length === 0) return Effect.fail(invalidInput(field, "must not be an empty list"))
        if (value.length > maxLimit) return Effect.fail(invalidInput(field, `lists are capped at ${maxLimit} items by e621`))
        encoded = value.join(",")
      } else if (typeof value === "number") {
        if (!Number.isFinite(value)) return Effect.fail(invalidInput(field, "must be a finite number"))
        encoded = String(value)
      } else {
        encoded = String(value)
      }
      if (encoded.trim() === "") return Effect.fail(invalidInput(field, "must not be empty"))
      query[`search[${snakeCase(key)}]`] = encoded
    }
    return Effect.succeed(query)
  })

/** Merges query parts, dropping `undefined`s. @internal */
export const query = (...parts: ReadonlyArray<E621Client.Query | undefined>): E621Client.Query => {
  const result: Record<string, E621Client.Query[string]> = {}
  for (const part of parts) {
    if (part === undefined) continue
    for (const [key, value] of Object.entries(part)) if (value !== undefined) result[key] = value
  }
  return result
}

// ---------------------------------------------------------------------------------------------------------
// Schema-declared parameters: what each family's `search` / `create` / `update` accepts
// ---------------------------------------------------------------------------------------------------------

const rangePattern = /^\s*(?:[<>]=?\s*-?\d+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\s*\.\.\s*(?:-?\d+(?:\.\d+)?)?)?|\.\.\s*-?\d+(?:\.\d+)?|-?\d+(?:\s*,\s*-?\d+)+)\s*$/

/**
 * An e621 numeric filter: a number, a list of ids (≤ 320), or the range grammar as a string
 * (`">5"`, `"5..10"`, `"..10"`, `"1,2,3"`).
 *
 * @internal
 */
export const Range = Schema.Union([
  Schema.Finite,
  Schema.Array(Schema.Int).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit)),
  Schema.String.check(Schema.isPattern(rangePattern, { expected: "a number or a range like \">5\", \"1..10\", \"1,2,3\"" }))
])

/**
 * A positive id.
 *
 * @internal
 */
export const Id = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: maxId }))

/**
 * One id or a list of ids (≤ 320), for search keys that e621 splits on commas but does not read as ranges.
 *
 * @internal
 */
export const Ids = Schema.Union([Id, Schema.Array(Id).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit))])

/**
 * A non-empty single-line-or-more text value.
 *
 * @internal
 */
export const Text = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100_000))

/**
 * One text value or a non-empty list of them (≤ 320, e621's cap; sent comma-joined): exact-name filters
 * such as `search[name]`, `search[antecedent_name]`.
 *
 * @internal
 */
export const Texts = Schema.Union([
  Text,
  Schema.Array(Text).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit))
])

/**
 * A time filter: a `Date`, or e621's date grammar as a string (`"2024-01-01"`, `">2024-01-01"`, ranges).
 *
 * @internal
 */
export const Time = Schema.Union([Schema.Date, Text])

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Checks `value` against a parameter schema (unknown keys refused) and names the first bad field. @internal */
export const check = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  value: unknown,
  prefix: string
): Effect.Effect<S["Type"], E621InvalidInput> => {
  const result = Schema.decodeUnknownExit(schema, { onExcessProperty: "error", errors: "first" })(value)
  if (result._tag === "Success") return Effect.succeed(result.value)
  const failure = result.cause.reasons.find((reason) => reason._tag === "Fail")
  const issue = failure?._tag === "Fail" ? formatter((failure.error as Schema.SchemaError).issue).issues[0] : undefined
  const path = issue?.path?.map(String).join(".") ?? ""
  return Effect.fail(invalidInput(path === "" ? prefix : `${prefix}.${path}`, issue?.message ?? "invalid value"))
}

const encodeValue = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.join(",")
  return String(value)
}

/**
 * Encodes checked fields under a Rails root: `search[name_matches]`, `pool[post_ids][]`, … Arrays become
 * comma-joined values, or repeated `key[]` entries when the field is listed in `arrays`.
 *
 * @internal
 */
export const encode = (
  root: string | undefined,
  fields: Readonly<Record<string, unknown>>,
  options: { readonly arrays?: ReadonlyArray<string> | undefined } = {}
): Record<string, string | ReadonlyArray<string>> => {
  const query: Record<string, string | ReadonlyArray<string>> = {}
  for (const [key, value] of Object.entries(fields)) {
    const name = root === undefined ? snakeCase(key) : `${root}[${snakeCase(key)}]`
    if (Array.isArray(value) && options.arrays?.includes(key)) {
      query[`${name}[]`] = value.map(String)
      continue
    }
    const encoded = encodeValue(value)
    if (encoded !== undefined) query[name] = encoded
  }
  return query
}

/**
 * Checks a stream's paging options — `pageSize` 1..`max` (default `max`), `onPageLimit`, `prefetch` 1..16 —
 * the same way for every stream.
 *
 * @internal
 */
export const streamPaging = (
  paging: {
    readonly pageSize?: number | undefined
    readonly onPageLimit?: "stop" | "fail" | undefined
    readonly prefetch?: number | undefined
  },
  max: number = maxLimit
): Effect.Effect<
  { readonly pageSize: number; readonly onPageLimit: "stop" | "fail" | undefined; readonly prefetch: number | undefined },
  E621InvalidInput
> =>
  Effect.gen(function*() {
    const pageSize = (yield* limit(paging.pageSize ?? max, { field: "pageSize", min: 1, max }))!
    const onPageLimit = yield* oneOf("onPageLimit", paging.onPageLimit, ["stop", "fail"])
    const prefetch = paging.prefetch
    if (prefetch !== undefined && (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 16)) {
      return yield* invalidInput("prefetch", `must be an integer between 1 and 16, got ${String(prefetch)}`)
    }
    return { pageSize, onPageLimit, prefetch }
  })
