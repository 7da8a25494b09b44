/**
 * Input checks and encoding shared by every endpoint: ids, `limit`, `page`, options objects (unknown keys are
 * refused with the nearest known one), and camelCase parameters encoded to e621's `search[snake_case]` keys.
 * Everything here fails with `E621InvalidInput` naming the field, what it got (with its type) and what is
 * allowed, before any request is sent.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import type * as E621Client from "../E621Client.ts"
import * as E621Error from "../E621Error.ts"
import type * as Paging from "../Paging.ts"
import type * as Endpoint from "./endpoint.ts"
import { type E621InvalidInput, invalidInput } from "../E621Error.ts"

/** e621's largest `limit` (`max_per_page`). @internal */
export const maxLimit = 320

/** e621's last numbered page (`max_numbered_pages`). @internal */
export const maxPage = 750

/** PostgreSQL `integer` maximum; e621 rejects larger ids and cursors. @internal */
export const maxId = 2_147_483_647

// ---------------------------------------------------------------------------------------------------------
// What was given, and which keys are known
// ---------------------------------------------------------------------------------------------------------

/**
 * Every key of `T`, each `true`: the run-time list of an options interface's keys. The compiler checks it
 * against the interface both ways (a missing or an extra key is a type error), so a key added to the
 * interface cannot be forgotten here.
 *
 * @internal
 */
export type Keys<T> = E621Error.OptionKeys<T>

/**
 * The keys of an options interface (see {@link Keys}), for {@link options}.
 *
 * @internal
 */
export const keys: <T>(keys: Keys<T>) => ReadonlyArray<string> = E621Error.optionKeys

/**
 * Refuses options that are not a plain object, or that hold a key not in `known` (see
 * `E621Error.checkOptions`).
 *
 * @internal
 */
export const options = E621Error.checkOptions

/** How a value reads in an error message (see `E621Error.describeValue`). @internal */
export const got = E621Error.describeValue

/** The error for an unknown key (see `E621Error.unknownOption`). @internal */
export const unknownKey = E621Error.unknownOption

/** The paging keys of a one-page `search`. @internal */
export const searchPagingKeys: ReadonlyArray<string> = keys<Endpoint.PageParams>({ limit: true, page: true })

/** The paging keys of a `stream`. @internal */
export const streamPagingKeys: ReadonlyArray<string> = keys<Endpoint.StreamParams>({ pageSize: true, onPageLimit: true, prefetch: true })

/**
 * Refuses the paging keys of the other kind of list call — `pageSize` given to a `search`, `limit` or `page`
 * to a `stream` — saying where they belong (a plain "unknown option" would suggest `page` for `pageSize`).
 *
 * @internal
 */
export const pagingOf = (params: unknown, kind: "search" | "stream"): Effect.Effect<void, E621InvalidInput> => {
  if (typeof params !== "object" || params === null) return Effect.void
  const misplaced = Object.keys(params).find((key) => (kind === "search" ? streamPagingKeys : searchPagingKeys).includes(key))
  if (misplaced === undefined) return Effect.void
  return Effect.fail(invalidInput(
    misplaced,
    kind === "search"
      ? `\`${misplaced}\` is an option of stream; a one-page search takes limit and page`
      : `\`${misplaced}\` is an option of search; a stream takes pageSize (and pages by itself)`
  ))
}

/**
 * The keys an object schema accepts (a union's: all members'), or `undefined` for a schema that is not an
 * object.
 *
 * @internal
 */
export const keysOf = (ast: SchemaAST.AST): ReadonlyArray<string> | undefined => {
  const encoded = SchemaAST.toEncoded(ast)
  switch (encoded._tag) {
    case "Objects":
      return encoded.propertySignatures.map((signature) => String(signature.name))
    case "Union": {
      const all = encoded.types.flatMap((member) => keysOf(member) ?? [])
      return all.length === 0 ? undefined : [...new Set(all)]
    }
    case "Suspend":
      return keysOf(encoded.thunk())
    default:
      return undefined
  }
}

/** The schema found at `path` inside `ast` (object fields, array items, union members), if any. */
const astAt = (ast: SchemaAST.AST, path: ReadonlyArray<PropertyKey>): SchemaAST.AST | undefined => {
  if (path.length === 0) return ast
  const [head, ...rest] = path
  const encoded = SchemaAST.toEncoded(ast)
  switch (encoded._tag) {
    case "Objects": {
      const signature = encoded.propertySignatures.find((signature) => signature.name === head)
      return signature === undefined ? undefined : astAt(signature.type, rest)
    }
    case "Arrays": {
      const item = encoded.elements[Number(head)] ?? encoded.rest[0]
      return item === undefined ? undefined : astAt(item, rest)
    }
    case "Union":
      for (const member of encoded.types) {
        const found = astAt(member, path)
        if (found !== undefined && keysOf(found) !== undefined) return found
      }
      return undefined
    case "Suspend":
      return astAt(encoded.thunk(), path)
    default:
      return undefined
  }
}

/**
 * A list where a list is expected: a string or a single value given instead is refused (iterating a string
 * would send each character). `item` says what the list holds (`"post ids"`).
 *
 * @internal
 */
export const list = <A>(field: string, value: ReadonlyArray<A>, item: string): Effect.Effect<ReadonlyArray<A>, E621InvalidInput> =>
  Array.isArray(value)
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, `must be a list of ${item}, got ${got(value)}${typeof value === "string" ? `; wrap it: [${JSON.stringify(value)}]` : ""}`))

/**
 * A patch that changes something: at least one field with a value (`undefined` fields are not sent), or
 * `E621InvalidInput` "nothing to change" on `field` — e621 would answer an empty edit with a no-op that still
 * spends a write. Every `update` checks its patch with this one rule.
 *
 * @internal
 */
export const changes = <A extends object>(field: string, patch: A): Effect.Effect<A, E621InvalidInput> =>
  Object.values(patch).some((value) => value !== undefined)
    ? Effect.succeed(patch)
    : Effect.fail(invalidInput(field, "nothing to change"))

/**
 * An options argument that is an object, before it is destructured (`null`, a string or a list given instead
 * is refused; the keys are checked later).
 *
 * @internal
 */
export const object = <A>(value: A, field = "options"): Effect.Effect<A, E621InvalidInput> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, `must be an object, got ${got(value)}`))

const durationObjectKeys: ReadonlyArray<string> = /* @__PURE__ */ keys<Duration.DurationObject>({
  weeks: true,
  days: true,
  hours: true,
  minutes: true,
  seconds: true,
  milliseconds: true,
  microseconds: true,
  nanoseconds: true
})

/**
 * Refuses a duration written as an object with a key `Duration` does not know (`{ minute: 5 }` would read as
 * zero); other inputs (strings, numbers, `Duration`s, `Schedule`s) are left to the caller's own checks.
 *
 * @internal
 */
export const durationKeys = (value: unknown, field: string): Effect.Effect<void, E621InvalidInput> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype
    ? options(value, durationObjectKeys, field)
    : Effect.void

/** A hint for a number given as a string: `; pass the number 904`. */
/** For a number given as a string: the hint to pass the number. @internal */
export const asNumber = (value: unknown): string =>
  typeof value === "string" && /^\s*\d+\s*$/.test(value) ? `; pass the number ${Number(value)}, not a string` : ""

/** Whether a number a server sent is an e621 id (an integer 1..{@link maxId}). @internal */
export const isId = (id: unknown): id is number => Number.isInteger(id) && (id as number) >= 1 && (id as number) <= maxId

/** A positive database id. @internal */
export const id = (field: string, value: number): Effect.Effect<number, E621InvalidInput> =>
  Number.isInteger(value) && value >= 1 && value <= maxId
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(field, `must be a positive integer id (1 to ${maxId}), got ${got(value)}${asNumber(value)}`))

/** `limit`: an integer in `min..max` (e621: 0..320, some routes less). @internal */
export const limit = (
  value: number | undefined,
  options: { readonly field?: string; readonly min?: number; readonly max?: number } = {}
): Effect.Effect<number | undefined, E621InvalidInput> => {
  if (value === undefined) return Effect.succeed(undefined)
  const min = options.min ?? 0
  const max = options.max ?? maxLimit
  const field = options.field ?? "limit"
  if (Number.isInteger(value) && value >= min && value <= max) return Effect.succeed(value)
  const more = field === "limit" && typeof value === "number" && value > max
    ? `; e621 sends at most ${max} per request: read further with \`page\`, or use the family's \`stream\`, which pages for you`
    : asNumber(value)
  return Effect.fail(invalidInput(field, `must be an integer from ${min} to ${max}, got ${got(value)}${more}`))
}

/** A page (public in `Paging.ts`). @internal */
export type Page = Paging.Page

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
      : Effect.fail(
        invalidInput(
          "page",
          `numbered pages go from 1 to ${max}, got ${got(value)}; to go further use a "b<id>" cursor (ids below <id>), or the family's \`stream\`, which has no page cap`
        )
      )
  }
  const match = /^([ab])(\d{1,10})$/.exec(String(value))
  if (match !== null && match[1] === "b" && Number(match[2]) === 0) {
    return Effect.fail(invalidInput("page", `"b0" asks for ids below 0, which is always empty; the first page is "b${maxId}" or no page at all`))
  }
  return match !== null && Number(match[2]) <= maxId
    ? Effect.succeed(`${match[1]}${Number(match[2])}`)
    : Effect.fail(
      invalidInput("page", `must be a page number 1 to ${max} or a cursor like "b12345" / "a12345", got ${got(value)}`)
    )
}

/** A non-empty string of at most `max` characters (trimmed). @internal */
export const text = (
  field: string,
  value: string,
  options: { readonly max?: number; readonly allowEmpty?: boolean } = {}
): Effect.Effect<string, E621InvalidInput> => {
  if (typeof value !== "string") return Effect.fail(invalidInput(field, `must be a string, got ${got(value)}`))
  if (!options.allowEmpty && value.trim() === "") {
    return Effect.fail(invalidInput(field, `must not be empty or blank, got ${got(value)}`))
  }
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
    : Effect.fail(invalidInput(field, `must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, got ${got(value)}`))

/** `nameMatches` → `name_matches`. @internal */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

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

// The schemas below are built in closures called under `/* @__PURE__ */`: a bundle keeps only those its
// searches use (a plain top-level call might have side effects, so bundlers would keep every one).
const rangePattern = /^\s*(?:[<>]=?\s*-?\d+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\s*\.\.\s*(?:-?\d+(?:\.\d+)?)?)?|\.\.\s*-?\d+(?:\.\d+)?|-?\d+(?:\s*,\s*-?\d+)+)\s*$/

/**
 * An e621 numeric filter: a number, a list of ids (≤ 320), or the range grammar as a string
 * (`">5"`, `"5..10"`, `"..10"`, `"1,2,3"`).
 *
 * @internal
 */
export const Range = /* @__PURE__ */ (() =>
  Schema.Union([
    Schema.Finite,
    Schema.Array(Schema.Int).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit)),
    Schema.String.check(Schema.isPattern(rangePattern, { expected: "a number or a range like \">5\", \"1..10\", \"1,2,3\"" }))
  ]))()

/**
 * A positive id.
 *
 * @internal
 */
export const Id = /* @__PURE__ */ (() =>
  Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: maxId }, { expected: `a positive integer id (1 to ${maxId})` })))()

/**
 * One id or a list of ids (≤ 320), for search keys that e621 splits on commas but does not read as ranges.
 *
 * @internal
 */
export const Ids = /* @__PURE__ */ (() =>
  Schema.Union([Id, Schema.Array(Id).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit))]))()

/**
 * A non-empty single-line-or-more text value.
 *
 * @internal
 */
export const Text = /* @__PURE__ */ (() => Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100_000)))()

/**
 * One text value or a non-empty list of them (≤ 320, e621's cap; sent comma-joined): exact-name filters
 * such as `search[name]`, `search[antecedent_name]`.
 *
 * @internal
 */
export const Texts = /* @__PURE__ */ (() =>
  Schema.Union([
    Text,
    Schema.Array(Text).check(Schema.isMinLength(1), Schema.isMaxLength(maxLimit))
  ]))()

/**
 * A time filter: a `Date`, or e621's date grammar as a string (`"2024-01-01"`, `">2024-01-01"`, ranges).
 *
 * @internal
 */
export const Time = /* @__PURE__ */ (() =>
  Schema.Union([Schema.Date, Text]).annotate({
    expected: "a Date or a date string like \"2024-01-31\", \">2024-01-01\" or \"2024-01-01..2024-02-01\""
  }))()

const formatter = /* @__PURE__ */ SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * "Expected …" from the `expected` annotation of the first union on the failing path (such as {@link Time}'s),
 * which the standard formatter replaces with the first member's complaint.
 */
const unionExpected = (issue: SchemaIssue.Issue): string | undefined => {
  switch (issue._tag) {
    case "Pointer":
      return unionExpected(issue.issue)
    case "Composite":
      return issue.issues[0] === undefined ? undefined : unionExpected(issue.issues[0])
    case "AnyOf": {
      const expected = issue.ast.annotations?.expected
      return typeof expected === "string" ? `Expected ${expected}` : undefined
    }
    default:
      return undefined
  }
}

/**
 * Checks `value` against a parameter schema and names the first bad field with what it got: unknown keys are
 * refused with the nearest known one (`also` adds keys the caller takes out before the check, such as
 * `limit` and `page`), a value that is not an object is refused as a whole.
 *
 * @internal
 */
export const check = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  value: unknown,
  prefix: string,
  options: { readonly also?: ReadonlyArray<string> | undefined } = {}
): Effect.Effect<S["Type"], E621InvalidInput> => {
  const known = keysOf(schema.ast)
  return Effect.andThen(
    known === undefined ? Effect.void : E621Error.checkOptions(value, [...known, ...(options.also ?? [])], prefix),
    Effect.suspend(() => decodeParams(schema, value, prefix))
  )
}

const decodeParams = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  value: unknown,
  prefix: string
): Effect.Effect<S["Type"], E621InvalidInput> => {
  const result = Schema.decodeUnknownExit(schema, { onExcessProperty: "error", errors: "first" })(value)
  if (result._tag === "Success") return Effect.succeed(result.value)
  const failure = result.cause.reasons.find((reason) => reason._tag === "Fail")
  const raw = failure?._tag === "Fail" ? (failure.error as Schema.SchemaError).issue : undefined
  const issue = raw === undefined ? undefined : formatter(raw).issues[0]
  const path = (issue?.path ?? []).map((segment) =>
    typeof segment === "object" && segment !== null && "key" in segment ? segment.key : segment
  ) as ReadonlyArray<PropertyKey>
  const field = [prefix, ...path.map(String)].join(".")
  const message = (raw === undefined ? undefined : unionExpected(raw)) ?? issue?.message ?? "invalid value"
  if (message === "Expected no excess property" && path.length > 0) {
    const parent = astAt(schema.ast, path.slice(0, -1))
    return Effect.fail(unknownKey(field, String(path[path.length - 1]), parent === undefined ? [] : keysOf(parent) ?? []))
  }
  if (message === "Missing key") {
    return Effect.fail(invalidInput(field, "is required, got nothing"))
  }
  let actual: unknown = value
  for (const segment of path) {
    actual = typeof actual === "object" && actual !== null ? (actual as Record<PropertyKey, unknown>)[segment] : undefined
  }
  return Effect.fail(invalidInput(field, `${message.replace(/ \| undefined$/, "")}, got ${got(actual)}`))
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
      return yield* invalidInput("prefetch", `must be an integer from 1 to 16, got ${got(prefetch)}`)
    }
    return { pageSize, onPageLimit, prefetch }
  })
