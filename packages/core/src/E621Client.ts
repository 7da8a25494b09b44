/**
 * The `E621Client` service: one configured connection to an e621ng site (e621, e926, e6ai or any base URL).
 *
 * Every endpoint of the library is an `Effect` that needs this service. It owns what every request shares:
 *
 * - the **base URL** (host presets `"e621"`, `"e926"`, `"e6ai"` or a URL);
 * - the **User-Agent**, which e621 requires and checks at its edge: empty, default-library or browser-like
 *   values get an HTML 403, so they are refused here, before any request. In a browser, which cannot set the
 *   header, the same identification goes in e621's `_client` query parameter (**browser mode**);
 * - **HTTP Basic auth** from `Redacted` credentials (half-set credentials are an error, not silent
 *   anonymity; credentials are refused over plain `http://` to anything but a loopback address, and scrubbed
 *   from whatever a server echoes back);
 * - **rate-limit budgets** (sliding logs of send times in a `BudgetStore`; default at most 2 reads per 2 s —
 *   bursts of 2, 1 request/s sustained, as e621 asks; the edge answers 503 above 2/s, counted on arrival).
 *   Reads, writes, IQDB by post/hash, IQDB by file/URL and files have separate buckets per host, and on
 *   e621's own sites every API request also counts against the edge's 2 per second. The budget never fails
 *   open: no request is sent without a token. Provide `BudgetStore.layerRedis` to share budgets between
 *   processes;
 * - **no redirects**: a 3xx is never followed nor retried (it is an `E621DecodeError` naming its sanitised
 *   `location`); `fetch`, which would follow it, is given `redirect: "manual"`;
 * - **deadlines on file bodies** (`transfer`: idle and overall) and size caps on every body read into memory;
 * - a **timeout** per attempt and a **retry schedule** for transient failures — 5xx, 429/503 (waiting at least
 *   `Retry-After`, up to `maxServerWait`), network errors and timeouts for reads; writes are retried only when
 *   e621 provably did not process them (429/503 from a limiter, a connection that was refused);
 * - **status classification**: every e621 error body shape and HTML pages become the tagged errors of
 *   `E621Error`;
 * - an optional stage of your own (`transformClient`: logging, metrics, headers) over the `HttpClient` it sends
 *   through, as effect's own clients take.
 *
 * These are named stages of one request path, shared by API and file requests (see ARCHITECTURE.md).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type { ConfigError } from "effect/Config"
import * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import * as BudgetStore from "./BudgetStore.ts"
import {
  checkOptions,
  describeType,
  describeValue,
  E621InvalidInput,
  type E621Error,
  invalidInput,
  optionKeys,
  sanitizeUrl
} from "./E621Error.ts"
import type * as Blacklist from "./Blacklist.ts"
import type * as Decoding from "./Decoding.ts"
import * as Budget from "./internal/budget.ts"
import * as Browser from "./internal/browser.ts"
import * as Loopback from "./internal/loopback.ts"
import * as Pipeline from "./internal/pipeline/pipeline.ts"
import * as RetryStage from "./internal/pipeline/retry.ts"
import * as Transport from "./internal/pipeline/transport.ts"
import * as Sha256 from "./internal/sha256.ts"

/**
 * The e621ng sites the client knows by name. e926 is e621's safe-mode mirror (only `rating:s` posts),
 * e6ai its sister site for AI-generated art.
 *
 * @category Constants
 * @since 0.1.0
 */
export const hosts = {
  e621: "https://e621.net",
  e926: "https://e926.net",
  e6ai: "https://e6ai.net"
} as const

/**
 * A host preset or any base URL of an e621ng deployment (`"http://127.0.0.1:3000"` for a local fake).
 *
 * @category Types
 * @since 0.1.0
 */
export type Host = keyof typeof hosts | (string & {})

/**
 * An e621 account: the user name and an API key (Account → Manage API Access on the site). Keep the key in a
 * `Redacted` so it never prints.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Credentials {
  /** The e621 user name (case as on the site). */
  readonly username: string
  /** The API key; a `Redacted` keeps it out of logs (the client never prints it either way). */
  readonly apiKey: Redacted.Redacted<string> | string
}

/**
 * A budget: at most `limit` requests in any interval of length `window` (a sliding log of send times;
 * `{ limit: 2, window: "2 seconds" }` is bursts of 2 and 1 request/s sustained). Windows are stretched by 5 %
 * for network jitter. In any interval of length `t` a budget lets through at most `limit × ⌈t / window⌉`
 * requests; on e621's own sites (e621, e926, e6ai) a budget above e621's limit for its bucket is refused
 * (2 per second for every API request; IQDB has its own, see {@link Options}).
 *
 * @category Types
 * @since 0.1.0
 */
export interface RateLimit {
  /** Requests per `window`, and the largest burst (a positive integer). */
  readonly limit: number
  /** The sliding window: at most `limit` sends in any interval this long (`"2 seconds"`, `Duration.seconds(2)`, …). */
  readonly window: Duration.Input
}

/**
 * Retry policy for transient failures: up to `times` retries, exponential from `base` with jitter, never
 * less than the server's `Retry-After`, each delay capped at `maxDelay` (default 1 minute).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Retry {
  /** Retries after the first attempt, 0..20. */
  readonly times: number
  /** Delay before the first retry; doubled for each next one, with jitter. */
  readonly base: Duration.Input
  /** Upper bound of the exponential delay (default 1 minute); a longer `Retry-After` still wins. */
  readonly maxDelay?: Duration.Input
}

/**
 * Deadlines of a file body once its headers arrived (files can be gigabytes, so the per-attempt `timeout`
 * does not apply to them). Only time spent waiting for the network counts: a consumer writing slowly to disk
 * never makes a transfer time out. A body that misses a deadline fails with `E621TransportError` of kind
 * `"timeout"` and its connection is closed.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Transfer {
  /** Longest wait for the next bytes of a body (default 30 seconds): a stalled body fails after this. */
  readonly idle?: Duration.Input
  /**
   * Most time, in total, a body may spend waiting for the network. Default: 10 minutes plus the
   * `Content-Length` at 64 KiB/s — about 12.5 minutes for a 10 MB image, 13.7 hours for a 3 GB export (4 GiB,
   * 18.4 hours, when the server announced no length) — so a body trickling just fast enough to beat `idle`
   * still ends.
   */
  readonly overall?: Duration.Input
}

/**
 * Options of {@link layer}. Only `userAgent` is required.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** `"e621"` (default), `"e926"`, `"e6ai"`, or a base URL. */
  readonly host?: Host
  /**
   * Descriptive User-Agent, e.g. `"my-bot/1.0 (by some_user on e621)"`. Required by e621. At most 512
   * characters of printable ASCII or Latin-1 (what an HTTP header can carry).
   */
  readonly userAgent: string
  /** Log in with HTTP Basic auth. Both fields or neither. */
  readonly credentials?: Credentials | undefined
  /**
   * Read budget per host (default `{ limit: 2, window: "2 seconds" }`). `false` disables every limiter — only
   * for tests and benchmarks against a local server: refused for e621's own sites.
   */
  readonly rateLimit?: RateLimit | false
  /** Budget for writes (default `{ limit: 1, window: "1 second" }`, within e621's 60/min for Members). */
  readonly writeRateLimit?: RateLimit
  /**
   * Budget for IQDB look-ups by post id or hash (default `{ limit: 10, window: "10 seconds" }`, e621's limit
   * since 2026-08-21).
   */
  readonly iqdbRateLimit?: RateLimit
  /**
   * Budget for IQDB look-ups by file or URL (default e621's limit since 2026-08-21: anonymous
   * `{ limit: 1, window: "1 minute" }`, logged in `{ limit: 6, window: "10 seconds" }`).
   */
  readonly iqdbImageRateLimit?: RateLimit
  /**
   * Budget for file downloads from the static host (default `{ limit: 4, window: "1 second" }`), a bucket of
   * its own per file host: files do not count against the API's 2 requests/s.
   */
  readonly filesRateLimit?: RateLimit
  /** Retries for transient failures (default `{ times: 4, base: "500 millis" }`); `false` disables them. */
  readonly retry?: Retry | false
  /**
   * Time allowed for one attempt (default 30 seconds): the headers and the whole body of an API answer; the
   * headers of a file, whose body has the {@link Transfer} deadlines instead.
   */
  readonly timeout?: Duration.Input
  /** Deadlines of file bodies (`fetchFile`: downloads, DB exports); see {@link Transfer}. */
  readonly transfer?: Transfer
  /**
   * Longest wait the server may impose (`Retry-After`, `X-Api-Limit` pacing; default 10 minutes). A longer
   * `Retry-After` is not waited for: the request fails with `E621RateLimited` carrying the server's value, and
   * the bucket is not paused.
   */
  readonly maxServerWait?: Duration.Input
  /**
   * What to do while the budget store (Redis) is unavailable. By default requests wait (never sending without
   * a token) and fail with `E621BudgetUnavailable` once it has been unavailable for `maxWait` (default
   * 1 minute). `fallback: "local"` opts in to drawing from a per-process budget with the same rules meanwhile
   * (each process then keeps the limits alone, not together).
   */
  readonly budgetStore?: BudgetStoreOptions
  /** Post format to request: `"legacy"` (default) or `"v2"` (`v2=true&mode=extended`). Both decode to `Post`. */
  readonly postFormat?: "legacy" | "v2"
  /**
   * A blacklist applied to every post search, stream, watch and download (e621 itself never applies one to
   * the API): blacklist text (`"rating:e\nsolo"`), its lines, a parsed `Blacklist`, or `{ account: true }`
   * for the logged-in user's own (`/users/me.json`, loaded once; without credentials: `E621InvalidInput`). Hidden posts are counted
   * (`Blacklist.hidden`) and logged at debug level; `blacklist: false` on a call or `Blacklist.unfiltered`
   * turns it off. See `Blacklist.inForce`.
   */
  readonly blacklist?: Blacklist.Source | undefined
  /**
   * What a list does with an item its schema rejects (see `Decoding`): `"lenient"` (default) delivers the
   * others and reports it, `"strict"` fails the call with `E621DecodeError`.
   */
  readonly decoding?: Decoding.Mode | undefined
  /** Called with each item a lenient list skipped (always also logged as a warning with its id). */
  readonly onRejected?: Decoding.OnRejected | undefined
  /**
   * Browser mode (default: on where the runtime cannot set `User-Agent`, i.e. in browsers): `userAgent` is sent
   * as e621's `_client` query parameter instead of the header, tracing headers are left out (so anonymous reads
   * need no CORS preflight), and a preflighted request (logged in, or PUT/PATCH/DELETE) also draws a read token
   * for its `OPTIONS`. e621 exposes no response header to other origins, so retries follow the schedule and
   * writes the write budget. Credentials still go in the `Authorization` header, which e621 accepts from any origin,
   * and fetch sends no cookies (`credentials: "omit"`, unless your `FetchHttpClient.RequestInit` asks for them).
   */
  readonly browser?: boolean | undefined
  /**
   * Adds your own stage to the request path (logging, metrics, caching, extra headers), as effect's own
   * clients do: a function from the `HttpClient` the client sends through to the one it should use, built
   * with effect's `HttpClient.tap`, `tapRequest`, `mapRequest`, `transform`, … It sees **every attempt**, API
   * and file, as it is sent — identified and, for API requests, with the `Authorization` header, which effect
   * redacts wherever a request or its headers are logged, inspected or serialised — and the raw response,
   * before the body cap, classification and retries. It runs inside the limiter: each attempt it sees has
   * spent a rate-limit token. Its failures are classified like the network's, and scrubbed of the
   * credentials. (To cache answers without spending tokens, use `ReadCache`.)
   */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * What the client does while its budget store is unavailable (see {@link Options}).
 *
 * @category Types
 * @since 0.1.0
 */
export interface BudgetStoreOptions {
  /** How long requests wait for an unavailable store before failing with `E621BudgetUnavailable` (default 1 minute). */
  readonly maxWait?: Duration.Input
  /** `"none"` (default): wait, fail closed. `"local"`: meanwhile use a per-process budget with the same rules. */
  readonly fallback?: "none" | "local"
}

/**
 * Which limiter bucket a request draws from: `"iqdb"` for look-ups by post or hash, `"iqdbImage"` for look-ups
 * by file or URL.
 *
 * @category Types
 * @since 0.1.0
 */
export type Bucket = "read" | "write" | "iqdb" | "iqdbImage" | "files"

/**
 * Query parameters: `undefined` values are dropped, arrays repeat the key.
 *
 * @category Types
 * @since 0.1.0
 */
export type Query = Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number> | undefined>>

/**
 * A request body: form fields (`post[tag_string]=…`) or multipart form data (uploads).
 *
 * @category Types
 * @since 0.1.0
 */
export type Body =
  | { readonly _tag: "Form"; readonly fields: Query }
  | { readonly _tag: "Multipart"; readonly data: FormData }

/**
 * One API call as the endpoint modules describe it.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Request {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  /** Path with extension, e.g. `/posts.json`. */
  readonly path: string
  readonly query?: Query | undefined
  readonly body?: Body | undefined
  /** Defaults to `"read"` for GET and `"write"` otherwise. */
  readonly bucket?: Bucket | undefined
  /** Set for writes that are safe to repeat (e.g. a vote with `no_unvote`): retried like reads. */
  readonly idempotent?: boolean | undefined
}

/**
 * A successful answer: its status, headers, and the parsed JSON body (`undefined` for an empty body, as
 * in e621's 204 answers).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Response {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: unknown
  /** The URL that was requested, without credentials. */
  readonly url: string
  /** `true` when a `ReadCache` answered instead of e621 (no request was sent, no rate-limit token spent). */
  readonly cached?: boolean | undefined
}

/**
 * The resolved configuration of a client (no secrets: the API key stays inside the HTTP layer).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Settings {
  readonly baseUrl: string
  readonly userAgent: string
  /** The logged-in user name, if any. */
  readonly username: string | undefined
  /** Safe mode is on for e926: non-safe posts come back without URLs. */
  readonly safeMode: boolean
  readonly postFormat: "legacy" | "v2"
  /** The `blacklist` option as given (resolved by `Blacklist.inForce`). */
  readonly blacklist?: Blacklist.Source | undefined
  /**
   * Who the answers are for, without the secret: `"anonymous"`, or a SHA-256 digest of the user name and API
   * key (hex, 32 characters) — what a `ReadCache` keys a user's answers by, so one user's are never served
   * to another (nor to someone holding only the name).
   */
  readonly identity?: string | undefined
  /** What lists do with an item the schema rejects (see `Decoding`). */
  readonly decoding: Decoding.Mode
  readonly onRejected: Decoding.OnRejected | undefined
  /** Browser mode: the identification travels as `_client`, not as `User-Agent` (see {@link Options.browser}). */
  readonly browser: boolean
}

/**
 * The service: the resolved settings and `execute`, which sends one request through the limiter, the
 * timeout, the classification and the retry schedule.
 *
 * @category Errors
 * @since 0.1.0
 */
export class E621Client extends Context.Service<E621Client, {
  /** The options, validated and resolved (base URL, User-Agent, user name, safe mode, post format). */
  readonly settings: Settings
  /**
   * Sends one API request (relative `path`, query, body) with the User-Agent and credentials, under the
   * rate limiter of its bucket, the timeout, status classification and the retry schedule; answers the
   * status, headers and body, or fails with the classified {@link E621Error}.
   */
  readonly execute: (request: Request) => Effect.Effect<Response, E621Error>
  /**
   * Opens a static file: an absolute URL (`https://static1.e621.net/data/…`) or a path relative to the site,
   * sent with the User-Agent and **never with credentials** (whatever the host), under the `"files"` bucket
   * of that host; retried like a read until the headers arrive, the body then bounded by the `transfer`
   * deadlines. Redirects are never followed.
   */
  readonly fetchFile: (url: string) => Effect.Effect<FileResponse, E621Error>
}>()("@effect-e621/core/E621Client") {}

/**
 * A file being downloaded: its URL, the announced `Content-Length` (if any), and the body as a stream of
 * bytes (a connection cut mid-body fails it with `E621TransportError` of kind `"body"`; a body that misses a
 * {@link Transfer} deadline, with kind `"timeout"`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface FileResponse {
  readonly url: string
  readonly contentLength: number | undefined
  readonly body: Stream.Stream<Uint8Array, E621Error>
}

const clientKeys = optionKeys<Options>({
  host: true,
  userAgent: true,
  credentials: true,
  rateLimit: true,
  writeRateLimit: true,
  iqdbRateLimit: true,
  filesRateLimit: true,
  retry: true,
  timeout: true,
  transfer: true,
  postFormat: true,
  decoding: true,
  onRejected: true,
  browser: true,
  iqdbImageRateLimit: true,
  maxServerWait: true,
  budgetStore: true,
  blacklist: true,
  transformClient: true
})
const budgetStoreKeys = optionKeys<BudgetStoreOptions>({ maxWait: true, fallback: true })
const transferKeys = optionKeys<Transfer>({ idle: true, overall: true })
const credentialKeys = optionKeys<Credentials>({ username: true, apiKey: true })
const rateLimitKeys = optionKeys<RateLimit>({ limit: true, window: true })
const retryKeys = optionKeys<Retry>({ times: true, base: true, maxDelay: true })

/**
 * Checks the options and resolves the base URL; every rule of e621's that can be checked locally fails here
 * with `E621InvalidInput` naming the option.
 *
 * @category Functions
 * @since 0.1.0
 */
export const validateOptions = (options: Options): Effect.Effect<Settings, E621InvalidInput> => validate(options, false)

/** {@link validateOptions}; `inMemory` (a transport that never leaves the process) waives e621's limits. */
const validate = (options: Options, inMemory: boolean): Effect.Effect<Settings, E621InvalidInput> =>
  Effect.gen(function*() {
    yield* checkOptions(options, clientKeys, undefined, { required: true })
    for (const field of Object.values(budgetOptions)) {
      const budget = options[field]
      if (budget !== false) yield* checkOptions(budget, rateLimitKeys, field)
    }
    yield* checkOptions(options.budgetStore, budgetStoreKeys, "budgetStore")
    if (options.retry !== false) yield* checkOptions(options.retry, retryKeys, "retry")
    yield* checkOptions(options.transfer, transferKeys, "transfer")
    yield* checkOptions(options.credentials, credentialKeys, "credentials", { secret: true })
    if (options.userAgent !== undefined && typeof options.userAgent !== "string") {
      return yield* invalidInput("userAgent", `must be a string like "my-app/1.0 (by name on e621)", got ${describeValue(options.userAgent)}`)
    }
    if (options.browser !== undefined && typeof options.browser !== "boolean") {
      return yield* invalidInput("browser", `must be true, false or left out (detected), got ${describeValue(options.browser)}`)
    }
    const browser = options.browser ?? Browser.detect()
    const userAgent = (options.userAgent ?? "").trim()
    if (userAgent === "") {
      return yield* invalidInput(
        "userAgent",
        browser
          ? `e621 requires your project's identification, sent as the _client parameter in a browser, like "my-app/1.0 (by name on e621)", got ${describeValue(options.userAgent)}`
          : `e621 requires a descriptive User-Agent like "my-app/1.0 (by name on e621)", got ${describeValue(options.userAgent)}`
      )
    }
    if (Browser.browserLike(userAgent) || Browser.libraryDefault(userAgent)) {
      return yield* invalidInput(
        "userAgent",
        `browser-like and default library User-Agents are blocked by e621, got ${describeValue(userAgent)}; describe your project, e.g. "my-app/1.0 (by name on e621)"`
      )
    }
    if (userAgent.length > 512) {
      return yield* invalidInput("userAgent", `must be at most 512 characters, got ${userAgent.length}; keep it to a name, version and contact`)
    }
    const unsendable = notHeaderText(userAgent)
    if (unsendable !== undefined) {
      return yield* invalidInput(
        "userAgent",
        `${unsendable} cannot be sent in an HTTP header; use printable ASCII or Latin-1 (e.g. transliterate or percent-encode it)`
      )
    }
    const host = options.host ?? "e621"
    const raw = host in hosts ? hosts[host as keyof typeof hosts] : host
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return yield* invalidInput(
        "host",
        `must be "e621", "e926", "e6ai" or a base URL like "https://e621.net", got ${String(host).includes("@") ? describeType(host) : describeValue(host)}`
      )
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return yield* invalidInput("host", `must be an https:// (or http://) URL, got ${describeValue(sanitizeUrl(url))}`)
    }
    if (url.username !== "" || url.password !== "") {
      return yield* invalidInput("host", "put credentials in the credentials option, not in the URL")
    }
    if (/[?#]/.test(url.href)) {
      // routes are appended to the base URL: after a `?` or `#` they would end up in its query or fragment
      return yield* invalidInput("host", `must be a base URL without ?query or #fragment, got ${describeValue(sanitizeUrl(url))}`)
    }
    const credentials = options.credentials
    if (credentials !== undefined) {
      if (credentials.username !== undefined && typeof credentials.username !== "string") {
        return yield* invalidInput("credentials.username", `must be your e621 user name as a string, got ${describeType(credentials.username)}`)
      }
      if (credentials.apiKey !== undefined && typeof credentials.apiKey !== "string" && !Redacted.isRedacted(credentials.apiKey)) {
        return yield* invalidInput("credentials.apiKey", `must be a string or a Redacted string, got ${describeType(credentials.apiKey)}`)
      }
      const username = credentials.username?.trim() ?? ""
      const apiKey = credentials.apiKey === undefined
        ? ""
        : Redacted.isRedacted(credentials.apiKey)
        ? Redacted.value(credentials.apiKey)
        : credentials.apiKey
      if (username === "" && apiKey === "") {
        return yield* invalidInput(
          "credentials",
          "both username and apiKey are empty; give { username, apiKey } (the key from Account → Manage API Access on e621), or omit credentials to stay anonymous"
        )
      }
      if (username === "") {
        return yield* invalidInput("credentials.username", "apiKey is set but username is empty; give the e621 user name the key belongs to")
      }
      if (apiKey === "") {
        return yield* invalidInput(
          "credentials.apiKey",
          "username is set but apiKey is empty; give the API key from Account → Manage API Access on e621 (not the password)"
        )
      }
      // Basic auth sends base64(`username:apiKey`) and e621 splits it at the first ":"
      // (and it is sent as UTF-8: a lone surrogate would become U+FFFD; invisible format characters and line
      // separators are pasting accidents no e621 name or key contains)
      if (username.includes(":") || /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(username)) {
        return yield* invalidInput(
          "credentials.username",
          `must not contain ":", control, invisible or unpaired surrogate characters, got ${describeValue(username)}`
        )
      }
      if (/[\p{Cc}\p{Cf}\p{Cs}\s]/u.test(apiKey)) {
        return yield* invalidInput(
          "credentials.apiKey",
          "contains whitespace, a control or invisible character or an unpaired surrogate (a pasted line break?); e621 keys are letters and digits"
        )
      }
      // e621 names are at most 20 characters and keys 24; far longer values are a mistake (a pasted file), and
      // every answer is scrubbed of the key's encodings, which must stay small
      if (username.length > 64) {
        return yield* invalidInput("credentials.username", `is ${username.length} characters long; e621 user names have at most 20 (64 accepted)`)
      }
      if (apiKey.length > 128) {
        return yield* invalidInput("credentials.apiKey", `is ${apiKey.length} characters long; e621 API keys are 24 letters and digits (128 accepted)`)
      }
      if (url.protocol === "http:" && !Loopback.isLoopback(url)) {
        return yield* invalidInput("host", "credentials are only sent over https (or http to loopback)")
      }
    }
    for (const field of Object.values(budgetOptions)) {
      const limit = options[field]
      if (limit === undefined || limit === false) continue
      if (!Number.isInteger(limit.limit) || limit.limit < 1) {
        return yield* invalidInput(`${field}.limit`, `must be a positive integer (requests per window), got ${describeValue(limit.limit)}`)
      }
      yield* checkDuration(`${field}.window`, limit.window, "1 second", true)
    }
    if (Budget.isPublicHost(url.hostname) && !inMemory) {
      yield* keepsE621Limits(url.hostname, options)
    }
    yield* checkDuration("maxServerWait", options.maxServerWait, "1 minute")
    yield* checkDuration("budgetStore.maxWait", options.budgetStore?.maxWait, "1 minute")
    const fallback = options.budgetStore?.fallback
    if (fallback !== undefined && fallback !== "none" && fallback !== "local") {
      return yield* invalidInput("budgetStore.fallback", `must be "none" or "local", got ${JSON.stringify(fallback)}`)
    }
    if (options.retry !== undefined && options.retry !== false) {
      if (!Number.isInteger(options.retry.times) || options.retry.times < 0 || options.retry.times > 20) {
        return yield* invalidInput("retry.times", `must be an integer from 0 to 20, got ${describeValue(options.retry.times)}`)
      }
      yield* checkDuration("retry.base", options.retry.base, "500 millis", true)
      yield* checkDuration("retry.maxDelay", options.retry.maxDelay, "1 minute")
    }
    yield* checkDuration("timeout", options.timeout, "30 seconds")
    yield* checkDuration("transfer.idle", options.transfer?.idle, "30 seconds")
    yield* checkDuration("transfer.overall", options.transfer?.overall, "30 seconds")
    if (options.postFormat !== undefined && options.postFormat !== "legacy" && options.postFormat !== "v2") {
      return yield* invalidInput("postFormat", `must be "legacy" or "v2", got ${describeValue(options.postFormat)}`)
    }
    const blacklist = options.blacklist
    if (
      blacklist !== undefined && typeof blacklist !== "string" &&
      !(Array.isArray(blacklist) && blacklist.every((line) => typeof line === "string")) &&
      !(typeof blacklist === "object" && blacklist !== null && ("rules" in blacklist ? Array.isArray(blacklist.rules) : "account" in blacklist && blacklist.account === true))
    ) {
      return yield* invalidInput("blacklist", "must be blacklist text, its lines, a Blacklist or { account: true }")
    }
    if (blacklist !== undefined && typeof blacklist === "object" && "account" in blacklist && credentials === undefined) {
      return yield* invalidInput(
        "blacklist",
        "{ account: true } is the logged-in user's blacklist and needs credentials; give them, or the blacklist text itself"
      )
    }
    if (options.decoding !== undefined && options.decoding !== "lenient" && options.decoding !== "strict") {
      return yield* invalidInput("decoding", `must be "lenient" or "strict", got ${JSON.stringify(options.decoding)}`)
    }
    if (options.onRejected !== undefined && typeof options.onRejected !== "function") {
      return yield* invalidInput("onRejected", "must be a function")
    }
    if (options.transformClient !== undefined && typeof options.transformClient !== "function") {
      return yield* invalidInput("transformClient", `must be a function from HttpClient to HttpClient, got ${describeType(options.transformClient)}`)
    }
    return {
      ...(blacklist === undefined ? {} : { blacklist }),
      baseUrl: url.toString().replace(/\/+$/, ""),
      userAgent,
      username: credentials?.username.trim(),
      safeMode: Budget.siteOf(url.hostname) === "e926.net",
      postFormat: options.postFormat ?? "legacy",
      decoding: options.decoding ?? "lenient",
      onRejected: options.onRejected,
      browser
    }
  })

/** The default budget of each bucket (IQDB by file/URL depends on being logged in, as e621's limit does). */
const defaultBudget = (bucket: Bucket, anonymous: boolean): RateLimit => {
  switch (bucket) {
    case "read":
      return { limit: 2, window: "2 seconds" }
    case "write":
      return { limit: 1, window: "1 second" }
    case "iqdb":
      return { limit: 10, window: "10 seconds" }
    case "iqdbImage":
      return anonymous ? { limit: 1, window: "1 minute" } : { limit: 6, window: "10 seconds" }
    case "files":
      return { limit: 4, window: "1 second" }
  }
}

/** The option that sets each bucket's budget. */
const budgetOptions = {
  read: "rateLimit",
  write: "writeRateLimit",
  iqdb: "iqdbRateLimit",
  iqdbImage: "iqdbImageRateLimit",
  files: "filesRateLimit"
} as const satisfies Record<Bucket, keyof Options>

const budgetOf = (options: Options, bucket: Bucket): RateLimit => {
  const given = options[budgetOptions[bucket]]
  return given === undefined || given === false ? defaultBudget(bucket, options.credentials === undefined) : given
}

const showBudget = (budget: RateLimit): string =>
  `{ limit: ${budget.limit}, window: ${
    typeof budget.window === "string" ? JSON.stringify(budget.window) : `"${Duration.toMillis(Duration.fromInputUnsafe(budget.window))} millis"`
  } }`

/**
 * On e621's own sites every budget must keep e621's limits: `rateLimit: false` and budgets that could let more
 * through than e621 allows (in any interval of e621's period) are refused, naming the option.
 */
const keepsE621Limits = (hostname: string, options: Options): Effect.Effect<void, E621InvalidInput> =>
  Effect.gen(function*() {
    if (options.rateLimit === false) {
      return yield* invalidInput(
        "rateLimit",
        `got false, but ${hostname} is one of e621's sites, which allow at most 2 requests per second: give a budget within that (or omit the option for the default { limit: 2, window: "2 seconds" }); false is only for other base URLs`
      )
    }
    for (const bucket of Object.keys(budgetOptions) as Array<Bucket>) {
      const budget = budgetOf(options, bucket)
      const windowMillis = Duration.toMillis(Duration.fromInputUnsafe(budget.window))
      for (const limit of Budget.e621Limits(bucket, options.credentials === undefined)) {
        const most = Budget.mostIn(budget.limit, windowMillis, limit.perMillis)
        if (most > limit.limit) {
          return yield* invalidInput(
            budgetOptions[bucket],
            `got ${showBudget(budget)}, which lets up to ${most} requests through in ${Duration.format(Duration.millis(limit.perMillis))}; ${hostname} allows ${limit.label}: use a budget with limit × ⌈${Duration.format(Duration.millis(limit.perMillis))} / window⌉ ≤ ${limit.limit} (default ${showBudget(defaultBudget(bucket, options.credentials === undefined))})`
          )
        }
      }
    }
  })

/**
 * The first character of `text` that an HTTP header value cannot carry (outside printable ASCII and Latin-1:
 * controls, DEL, C1 controls, anything above U+00FF — Node's HTTP stack throws a `TypeError` on those), described
 * for an error message; `undefined` when every character can be sent.
 */
const notHeaderText = (text: string): string | undefined => {
  const match = /[^\x20-\x7e\xa0-\xff]/u.exec(text)
  if (match === null) return undefined
  const code = match[0].codePointAt(0)!
  return `the character ${JSON.stringify(match[0])} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) at position ${match.index}`
}

/**
 * Fails with `E621InvalidInput` naming `field` unless `value` is a positive, finite duration (`undefined` passes
 * unless `required`).
 */
const checkDuration = (
  field: string,
  value: Duration.Input | undefined,
  example: string,
  required = false
): Effect.Effect<void, E621InvalidInput> =>
  value === undefined && !required || validDuration(value!)
    ? Effect.void
    : Effect.fail(invalidInput(field, `must be a positive, finite duration like "${example}", got ${describeValue(value)}`))

/** A positive, finite duration: an infinite one would be no window, no deadline or no bound at all. */
const validDuration = (input: Duration.Input): boolean => {
  const duration = Duration.fromInput(input)
  if (Option.isNone(duration)) return false
  const millis = Duration.toMillis(duration.value)
  return millis > 0 && Number.isFinite(millis)
}

/** {@link Settings.identity}: a digest of the credentials, computed synchronously (see `internal/sha256.ts`). */
const identityOf = (credentials: Credentials | undefined): string => {
  if (credentials === undefined) return "anonymous"
  const key = Redacted.isRedacted(credentials.apiKey) ? Redacted.value(credentials.apiKey) : credentials.apiKey
  const data = new TextEncoder().encode(`effect-e621 identity\u0000${credentials.username.trim()}\u0000${key}`)
  return Array.from(Sha256.digest(data).subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")
}

/**
 * Builds the service from options over the `HttpClient` and `BudgetStore` in context.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (
  options: Options
): Effect.Effect<E621Client["Service"], E621InvalidInput, HttpClient.HttpClient | BudgetStore.BudgetStore> =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const settings = { ...yield* validate(options, Budget.isInMemory(http)), identity: identityOf(options.credentials) }
    const credentials = options.credentials
    const pipeline = yield* Pipeline.make(Transport.make(http, settings.browser), yield* BudgetStore.BudgetStore, {
      baseUrl: settings.baseUrl,
      identity: {
        userAgent: settings.userAgent,
        browser: settings.browser,
        credentials: credentials === undefined ? undefined : {
          username: credentials.username.trim(),
          apiKey: Redacted.isRedacted(credentials.apiKey) ? credentials.apiKey : Redacted.make(credentials.apiKey)
        }
      },
      timeout: Duration.fromInputUnsafe(options.timeout ?? "30 seconds"),
      deadlines: {
        idle: Duration.toMillis(Duration.fromInputUnsafe(options.transfer?.idle ?? "30 seconds")),
        overall: options.transfer?.overall === undefined ? undefined : Duration.toMillis(Duration.fromInputUnsafe(options.transfer.overall))
      },
      retry: options.retry === false ? undefined : options.retry ?? { times: 4, base: "500 millis" },
      limit: {
        budgets: (bucket) => budgetOf(options, bucket),
        unlimited: options.rateLimit === false,
        site: Budget.siteOf(new URL(settings.baseUrl).hostname),
        maxServerWait: Duration.toMillis(Duration.fromInputUnsafe(options.maxServerWait ?? "10 minutes")),
        unavailable: {
          maxWaitMillis: Duration.toMillis(Duration.fromInputUnsafe(options.budgetStore?.maxWait ?? "1 minute")),
          fallback: options.budgetStore?.fallback ?? "none"
        }
      },
      transformClient: options.transformClient
    })
    return E621Client.of({ settings, ...pipeline })
  })

/**
 * Whether a failure is worth another attempt. Reads (and idempotent writes): 5xx, 429/503, network errors,
 * timeouts and cut bodies. Other writes only when e621 provably did not process them: 429/503 (a limiter
 * answered) or a connection that never reached the server.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const isRetryable: (error: E621Error, read: boolean) => boolean = RetryStage.isRetryable

/**
 * `E621Client` from options, over the `HttpClient` in context, with an in-memory rate-limiter store. Fails with
 * `E621InvalidInput` when an option breaks one of e621's rules.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<E621Client, E621InvalidInput, HttpClient.HttpClient> =>
  layerWithoutStore(options).pipe(Layer.provide(BudgetStore.layerMemory))

/**
 * `E621Client` from options, leaving the `BudgetStore` open — provide `BudgetStore.layerRedis` (over any
 * `Redis` layer) to share the budgets between processes.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerWithoutStore = (
  options: Options
): Layer.Layer<E621Client, E621InvalidInput, HttpClient.HttpClient | BudgetStore.BudgetStore> =>
  Layer.effect(E621Client, make(options))

/**
 * `E621Client` from the environment: `E621_HOST` (default e621), `E621_USER_AGENT` (required),
 * `E621_USERNAME` and `E621_API_KEY` (both or neither; the key is read as `Redacted`). `overrides` fill in
 * anything else (rate limit, retry, timeout, format).
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: Partial<Options> = {}
): Layer.Layer<E621Client, E621InvalidInput | ConfigError, HttpClient.HttpClient> =>
  Layer.unwrap(Effect.gen(function*() {
    yield* checkOptions(overrides, clientKeys)
    const host = yield* Config.option(Config.String("E621_HOST"))
    const userAgent = yield* Config.option(Config.String("E621_USER_AGENT"))
    const username = yield* Config.option(Config.String("E621_USERNAME"))
    const apiKey = yield* Config.option(Config.Redacted("E621_API_KEY"))
    if (Option.isSome(username) !== Option.isSome(apiKey)) {
      return yield* invalidInput(
        Option.isSome(username) ? "E621_API_KEY" : "E621_USERNAME",
        "E621_USERNAME and E621_API_KEY must be set together"
      )
    }
    const resolved = Option.getOrUndefined(userAgent) ?? overrides.userAgent
    if (resolved === undefined) {
      return yield* invalidInput(
        "E621_USER_AGENT",
        `is not set: e621 requires a descriptive User-Agent like "my-app/1.0 (by name on e621)"; set E621_USER_AGENT, or pass userAgent`
      )
    }
    return layer({
      ...overrides,
      userAgent: resolved,
      ...(Option.isSome(host) ? { host: host.value } : {}),
      ...(Option.isSome(username) && Option.isSome(apiKey)
        ? { credentials: { username: username.value, apiKey: apiKey.value } }
        : {})
    })
  }))

/**
 * Sends one request with the client in context.
 *
 * @category Functions
 * @since 0.1.0
 */
export const execute = (request: Request): Effect.Effect<Response, E621Error, E621Client> =>
  Effect.andThen(checkOptions(request, requestKeys, "request", { required: true }), E621Client.use((client) => client.execute(request)))

const requestKeys = optionKeys<Request>({ method: true, path: true, query: true, body: true, bucket: true, idempotent: true })

/**
 * The resolved settings of the client in context.
 *
 * @category Constants
 * @since 0.1.0
 */
export const settings: Effect.Effect<Settings, never, E621Client> = E621Client.use((client) => Effect.succeed(client.settings))

/**
 * Opens a static file with the client in context (no credentials, `"files"` bucket; see `E621Client`).
 *
 * @category Functions
 * @since 0.1.0
 */
export const fetchFile = (url: string): Effect.Effect<FileResponse, E621Error, E621Client> =>
  E621Client.use((client) => client.fetchFile(url))
