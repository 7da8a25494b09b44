/**
 * The errors of effect-e621: one tagged class per way an e621 request can go wrong, and their union
 * `E621Error`.
 *
 * Every error carries what a caller needs to act on it — the HTTP `method`, the `url` (query included,
 * credentials never: the client authenticates with a header and {@link sanitizeUrl} strips `login` /
 * `api_key` anyway), the `status` where there was a response, and a readable `message`. They are
 * `Schema.TaggedError`s, so they are yieldable, matchable with `Effect.catchTag`, and serialise to JSON
 * without leaking anything: no error keeps the request headers, the raw response, or the API key.
 *
 * Which error happens when, and what to do about it: the table of the README's Errors section (in the API
 * reference, below).
 *
 * e621 answers errors in several body shapes (`{success:false, reason}`, `{success:false, message, code}`,
 * `{errors:{field:[…]}}`, `{reasons:[…]}`, `{error}`) and sometimes with an HTML page (unknown routes, edge
 * blocks, Cloudflare, outages). The client reads all of them into the `reason` of these errors.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const request = {
  /** HTTP method of the failed request, when one was (about to be) sent. */
  method: Schema.optional(Schema.String),
  /** URL of the failed request, without credentials. */
  url: Schema.optional(Schema.String)
}

const response = {
  ...request,
  /** HTTP status e621 answered with. */
  status: Schema.Int,
  /** e621's own explanation (`reason`, `message`, …) or an excerpt of an HTML page. */
  reason: Schema.String,
  message: Schema.String
}

/**
 * The input was rejected before any request was sent: an out-of-range `limit` or `page`, a tag query over
 * e621's 40-tag limit, a missing User-Agent, half-set credentials, … `field` names what was wrong.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621InvalidInput extends Schema.TaggedError<E621InvalidInput>()("E621InvalidInput", {
  ...request,
  /** The parameter or option that was rejected (`limit`, `tags`, `userAgent`, …). */
  field: Schema.String,
  message: Schema.String
}) {}

/**
 * 404: the record does not exist (`{"success":false,"reason":"not found"}`) or the route is unknown (an HTML
 * page).
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621NotFound extends Schema.TaggedError<E621NotFound>()("E621NotFound", response) {}

/**
 * 401: the credentials were refused. e621 answers 401 for a wrong or expired API key **even on public GET
 * routes** (it never falls back to anonymous), and for banned accounts.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621Unauthorized extends Schema.TaggedError<E621Unauthorized>()("E621Unauthorized", response) {}

/**
 * 403: not allowed. Anonymous calls to member-only routes, too low a user level, an unpermitted search key,
 * a feature in lockdown, hidden favourites… `blocked` is `true` when the answer was an HTML page — the edge
 * blocking a missing or browser-like User-Agent, or a Cloudflare challenge — rather than e621's JSON.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621Forbidden extends Schema.TaggedError<E621Forbidden>()("E621Forbidden", {
  ...response,
  blocked: Schema.Boolean
}) {}

/**
 * 410: e621 refused the pagination — `page` beyond 750 (fewer for post versions), an invalid page or
 * limit. Streams that walk numbered pages raise it when asked to fail at the cap.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621PageLimit extends Schema.TaggedError<E621PageLimit>()("E621PageLimit", response) {}

/**
 * 422 (and the 400/412 answers, and 200 answers that carry a failed validation): e621 rejected the input. `errors` holds
 * the per-field messages of a `{"errors":{…}}` body (`base` for record-level ones).
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621ValidationFailed extends Schema.TaggedError<E621ValidationFailed>()("E621ValidationFailed", {
  ...response,
  errors: Schema.Record(Schema.String, Schema.Array(Schema.String))
}) {}

/**
 * 429 (write throttle, IQDB throttle) or a 503 from the read limiter, once the retry schedule is spent.
 * `retryAfter` is the server's `Retry-After` in milliseconds when it sent one.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621RateLimited extends Schema.TaggedError<E621RateLimited>()("E621RateLimited", {
  ...response,
  retryAfter: Schema.optional(Schema.Number)
}) {}

/**
 * 5xx (and other unexpected statuses): e621 or its edge failed. `code` is e621's error log UUID when the
 * body had one. `html` tells that the answer was an HTML page (outage, maintenance, Cloudflare 52x).
 * `retryAfter` is the server's `Retry-After` in milliseconds when it sent one (waited for like a 429's, up to
 * `maxServerWait`).
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621ServerError extends Schema.TaggedError<E621ServerError>()("E621ServerError", {
  ...response,
  code: Schema.optional(Schema.String),
  html: Schema.Boolean,
  retryAfter: Schema.optional(Schema.Number)
}) {}

/**
 * No usable HTTP answer: DNS, refused or reset connections, a body cut short, or the request `timeout`.
 * `kind` says which; `sent` is `false` only when the request provably never reached the server (then a write
 * may safely be retried).
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621TransportError extends Schema.TaggedError<E621TransportError>()("E621TransportError", {
  ...request,
  kind: Schema.Literals(["network", "timeout", "body"]),
  sent: Schema.Boolean,
  message: Schema.String
}) {}

/**
 * The answer was not what the endpoint promises: not JSON, JSON of another shape, a body over the size cap, or
 * a **redirect**. `issue` is the schema issue with its path, `excerpt` the start of the body. For one item of a
 * list that the schema rejects (see `Decoding`), `index`, `id` and `path` name it and `excerpt` is the item's start.
 *
 * Redirects (every 3xx, and a browser's opaque redirect, status 0) are never followed and never retried: e621
 * redirects only requests this client does not send (empty search values, HTML flows), and following one could
 * carry the credentials to another host. `status` is the 3xx and `location` where it pointed (resolved against
 * the request, without user info or credential parameters; absent when the answer named none).
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621DecodeError extends Schema.TaggedError<E621DecodeError>()("E621DecodeError", {
  ...request,
  status: Schema.optional(Schema.Int),
  issue: Schema.String,
  excerpt: Schema.String,
  /** Where a redirect pointed (sanitised); only on redirects. */
  location: Schema.optional(Schema.String),
  /** For one item of a list: its position in the answer. */
  index: Schema.optional(Schema.Int),
  /** For one item of a list: its id, when it has a numeric one. */
  id: Schema.optional(Schema.Number),
  /** Where in the item (or answer) the schema failed, e.g. `["flags"]["deleted"]`. */
  path: Schema.optional(Schema.String),
  message: Schema.String
}) {}

/**
 * No request was sent: the shared rate-limit store (Redis) stayed unavailable — down, restarting, or too slow
 * to answer — for longer than the client's `budgetStore.maxWait`. The client never sends without a token, so
 * it waited instead, up to that bound. `waited` is how long the store had been unavailable, in milliseconds.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621BudgetUnavailable extends Schema.TaggedError<E621BudgetUnavailable>()("E621BudgetUnavailable", {
  ...request,
  waited: Schema.Number,
  message: Schema.String
}) {}

/**
 * Every error an endpoint can fail with.
 *
 * @category Types
 * @since 0.1.0
 */
export type E621Error =
  | E621InvalidInput
  | E621NotFound
  | E621Unauthorized
  | E621Forbidden
  | E621PageLimit
  | E621ValidationFailed
  | E621RateLimited
  | E621ServerError
  | E621TransportError
  | E621DecodeError
  | E621BudgetUnavailable

// (`@__PURE__`: a bundle that never persists errors drops the union.)
/**
 * The schema of {@link E621Error}, to persist or send errors across process boundaries.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const E621Error = /* @__PURE__ */ Schema.Union([
  E621InvalidInput,
  E621NotFound,
  E621Unauthorized,
  E621Forbidden,
  E621PageLimit,
  E621ValidationFailed,
  E621RateLimited,
  E621ServerError,
  E621TransportError,
  E621DecodeError,
  E621BudgetUnavailable
])

/**
 * Fails with {@link E621InvalidInput} for `field`; the helper every input check uses.
 *
 * @category Functions
 * @since 0.1.0
 */
export const invalidInput = (field: string, message: string): E621InvalidInput =>
  new E621InvalidInput({ field, message: `${field}: ${message}` })

const article = (noun: string) => (/^[aeio]|^u(?!int|ni|s)/i.test(noun) ? `an ${noun}` : `a ${noun}`)

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * How a value reads in an error message, with its type: `"904" (a string)`, `1.5 (a number)`,
 * `["a","b"] (an array)`, `null`, `undefined`, `a Uint8Array`. Every {@link E621InvalidInput} says what it got
 * this way.
 *
 * @category Functions
 * @since 0.1.0
 */
export const describeValue = (value: unknown): string => {
  if (value === null || value === undefined) return String(value)
  switch (typeof value) {
    case "string":
      return `${shorten(JSON.stringify(value))} (a string)`
    case "number":
    case "bigint":
    case "boolean":
      return `${String(value)} (${article(typeof value)})`
    case "function":
      return "a function"
    case "symbol":
      return `${String(value)} (a symbol)`
  }
  if (Array.isArray(value)) {
    let text: string
    try {
      text = JSON.stringify(value) ?? "[…]"
    } catch {
      text = "[…]"
    }
    return `${shorten(text)} (an array)`
  }
  if (value instanceof Date) return `${Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()} (a Date)`
  const name = Object.getPrototypeOf(value)?.constructor?.name
  if (typeof name === "string" && name !== "" && name !== "Object") return article(name)
  const keys = Object.keys(value)
  return keys.length === 0 ? "{} (an object)" : `an object with ${shorten(keys.join(", "))}`
}

/**
 * The type of a value without its contents, for values that may be secret (credentials): `a string`,
 * `an array of 2 items`, `null`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const describeType = (value: unknown): string => {
  if (value === null || value === undefined) return String(value)
  if (typeof value !== "object") return article(typeof value)
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`
  const name = Object.getPrototypeOf(value)?.constructor?.name
  return typeof name === "string" && name !== "" && name !== "Object" ? article(name) : "an object"
}

/** `tag_string_diff` → `tagStringDiff`. */
const camelCase = (key: string): string => key.replace(/[_-]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase())

const distance = (a: string, b: string): number => {
  // Damerau–Levenshtein (optimal string alignment): a swap of two neighbours counts once
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The known key nearest to `key`, or `undefined` when none is close. Case is ignored and snake_case is read as
 * camelCase (`post_id` is `postId`); a key that starts another (`user` → `username`, `tag_string` → `tags`)
 * wins, the longest such; otherwise the smallest edit distance, within about half the key's length.
 */
const nearest = (key: string, known: Iterable<string>): string | undefined => {
  const wanted = camelCase(key).toLowerCase()
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const lower = candidate.toLowerCase()
    const shorter = Math.min(lower.length, wanted.length)
    const prefix = shorter >= 3 && (lower.startsWith(wanted) || wanted.startsWith(lower))
    // prefixes rank before every edit distance, the closest in length first
    const score = prefix ? Math.abs(lower.length - wanted.length) - 1000 : distance(wanted, lower)
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return bestScore <= Math.max(1, Math.floor(wanted.length * 0.6)) ? best : undefined
}

/**
 * {@link E621InvalidInput} for a key that `known` does not hold, naming the nearest known key:
 * "unknown option `tag`; did you mean `tags`? (known options: tags, limit, page)".
 *
 * @category Functions
 * @since 0.1.0
 */
export const unknownOption = (field: string, key: string, known: ReadonlyArray<string>): E621InvalidInput =>
  invalidInput(field, unknownKeyMessage(key, known))

/**
 * The message of {@link unknownOption}; `what` names what the keys are (default `"option"`).
 *
 * @category Functions
 * @since 0.1.0
 */
export const unknownKeyMessage = (key: string, known: ReadonlyArray<string>, what = "option"): string => {
  const suggestion = nearest(key, known)
  const list = known.length === 0 ? "none are known" : `known ${what}s: ${known.join(", ")}`
  return suggestion === undefined
    ? `unknown ${what} \`${key}\`; ${list}`
    : `unknown ${what} \`${key}\`; did you mean \`${suggestion}\`? (${list})`
}

const notAnObject = (field: string, value: unknown, known: ReadonlyArray<string>, secret: boolean): E621InvalidInput => {
  const shape = known.length === 0 ? "{}" : `{ ${known.slice(0, 3).join(", ")}${known.length > 3 ? ", …" : ""} }`
  return invalidInput(field, `must be an object like ${shape}, got ${secret ? describeType(value) : describeValue(value)}`)
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Every key of an options interface `T`, each `true`: its run-time list. The compiler checks the list against
 * the interface both ways (a missing or an extra key is a type error), so a key added to the interface cannot
 * be forgotten by {@link checkOptions}.
 *
 * @category Types
 * @since 0.1.0
 */
export type OptionKeys<T> = { readonly [K in T extends unknown ? keyof T : never]-?: true }

/**
 * The keys of an options interface as a list, from an {@link OptionKeys} record the compiler checks against it.
 *
 * @category Functions
 * @since 0.1.0
 */
export const optionKeys = <T>(keys: OptionKeys<T>): ReadonlyArray<string> => Object.keys(keys)

/**
 * Refuses options that are not a plain object, or that hold a key not in `known` (an array, or an
 * {@link OptionKeys} record), with {@link E621InvalidInput}: "unknown option `tag`; did you mean `tags`?".
 * `undefined` passes (options are optional) unless `required`. `field` names nested options (`credentials`);
 * top-level keys are named by themselves. With `secret` (credentials), a value that is not an object is
 * described by its type only. Every function of this library that takes options checks them so, before any
 * request: a misspelt key would otherwise be dropped without a word.
 *
 * @category Functions
 * @since 0.1.0
 */
export const checkOptions = (
  value: unknown,
  known: ReadonlyArray<string> | Readonly<Record<string, true>>,
  field?: string,
  options?: { readonly secret?: boolean | undefined; readonly required?: boolean | undefined }
): Effect.Effect<void, E621InvalidInput> => {
  const keys = Array.isArray(known) ? known as ReadonlyArray<string> : Object.keys(known)
  if (value === undefined && options?.required !== true) return Effect.void
  if (!isPlainObject(value)) return Effect.fail(notAnObject(field ?? "options", value, keys, options?.secret === true))
  // every own key: symbols and non-enumerable ones too (a getter defined with `defineProperty` is still a key)
  for (const own of Reflect.ownKeys(value)) {
    const key = typeof own === "symbol" ? own.toString() : own
    if (typeof own === "symbol" || !keys.includes(key)) {
      return Effect.fail(unknownOption(field === undefined ? key : `${field}.${key}`, key, keys))
    }
  }
  return Effect.void
}

const secretParams = new Set(["api_key", "login", "password", "session[password]"])

/**
 * A URL with user info and credential query parameters (`login`, `api_key`) removed; what errors keep.
 *
 * @category Functions
 * @since 0.1.0
 */
export const sanitizeUrl = (url: string | URL): string => {
  try {
    const parsed = new URL(url)
    parsed.username = ""
    parsed.password = ""
    for (const key of [...parsed.searchParams.keys()]) {
      if (secretParams.has(key)) parsed.searchParams.set(key, "<redacted>")
    }
    return parsed.toString()
  } catch {
    return String(url).replace(/(api_key|login)=[^&]*/g, "$1=<redacted>")
  }
}
