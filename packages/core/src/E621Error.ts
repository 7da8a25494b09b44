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
 * @since 0.1.0
 */
export class E621NotFound extends Schema.TaggedError<E621NotFound>()("E621NotFound", response) {}

/**
 * 401: the credentials were refused. e621 answers 401 for a wrong or expired API key **even on public GET
 * routes** (it never falls back to anonymous), and for banned accounts.
 *
 * @since 0.1.0
 */
export class E621Unauthorized extends Schema.TaggedError<E621Unauthorized>()("E621Unauthorized", response) {}

/**
 * 403: not allowed. Anonymous calls to member-only routes, too low a user level, an unpermitted search key,
 * a feature in lockdown, hidden favourites… `blocked` is `true` when the answer was an HTML page — the edge
 * blocking a missing or browser-like User-Agent, or a Cloudflare challenge — rather than e621's JSON.
 *
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
 * @since 0.1.0
 */
export class E621PageLimit extends Schema.TaggedError<E621PageLimit>()("E621PageLimit", response) {}

/**
 * 422 (and the 400/412 answers, and 200 answers that carry a failed validation): e621 rejected the input. `errors` holds
 * the per-field messages of a `{"errors":{…}}` body (`base` for record-level ones).
 *
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
 * @since 0.1.0
 */
export class E621RateLimited extends Schema.TaggedError<E621RateLimited>()("E621RateLimited", {
  ...response,
  retryAfter: Schema.optional(Schema.Number)
}) {}

/**
 * 5xx (and other unexpected statuses): e621 or its edge failed. `code` is e621's error log UUID when the
 * body had one. `html` tells that the answer was an HTML page (outage, maintenance, Cloudflare 52x).
 *
 * @since 0.1.0
 */
export class E621ServerError extends Schema.TaggedError<E621ServerError>()("E621ServerError", {
  ...response,
  code: Schema.optional(Schema.String),
  html: Schema.Boolean
}) {}

/**
 * No usable HTTP answer: DNS, refused or reset connections, a body cut short, or the request `timeout`.
 * `kind` says which; `sent` is `false` only when the request provably never reached the server (then a write
 * may safely be retried).
 *
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

/**
 * The schema of {@link E621Error}, to persist or send errors across process boundaries.
 *
 * @since 0.1.0
 */
export const E621Error = Schema.Union([
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
 * @since 0.1.0
 */
export const invalidInput = (field: string, message: string): E621InvalidInput =>
  new E621InvalidInput({ field, message: `${field}: ${message}` })

const secretParams = new Set(["api_key", "login", "password", "session[password]"])

/**
 * A URL with user info and credential query parameters (`login`, `api_key`) removed; what errors keep.
 *
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
