/**
 * Turns what came back from e621 — a status, headers and bytes, or a transport failure — into either the
 * parsed JSON body or one of the tagged errors of `E621Error`. Reads every error body shape e621 has and
 * recognises HTML pages (unknown routes, edge blocks, Cloudflare, outages).
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Headers from "effect/http/Headers"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as UrlParams from "effect/http/UrlParams"
import type { HttpClientError } from "effect/http/HttpClientError"
import {
  E621DecodeError,
  type E621Error,
  E621Forbidden,
  E621NotFound,
  E621PageLimit,
  E621RateLimited,
  E621ServerError,
  E621TransportError,
  E621Unauthorized,
  E621ValidationFailed,
  sanitizeUrl
} from "../E621Error.ts"
import * as Scrub from "./scrub.ts"

/** @internal */
export interface Context {
  readonly method: string
  readonly url: string
}

/** @internal */
export interface Success {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: unknown
  readonly url: string
}

/** Longest excerpt of a body kept in an error. @internal */
export const excerptLength = 300

const decoder = new TextDecoder("utf-8", { fatal: false })

/** The start of a body, one line, for error messages. @internal */
export const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > excerptLength ? flat.slice(0, excerptLength) + "…" : flat
}

const looksLikeHtml = (contentType: string, text: string): boolean =>
  contentType.includes("html") || /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text)

/** The text of an HTML page that explains it: its title, or its first heading. @internal */
export const htmlSummary = (text: string, scrub: Scrub.Scrubber = Scrub.none): string => {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1]
  const raw = title ?? text.replace(/<[^>]*>/g, " ")
  // entities decoded in one pass, then scrubbed again (an entity can spell a secret out), then cut
  return excerpt(scrub.text(decodeEntities(raw.replace(/<[^>]*>/g, " "))))
}

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" }

const decodeEntities = (text: string): string =>
  text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return namedEntities[name.toLowerCase()] ?? entity
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })

interface Explained {
  readonly reason: string
  readonly code?: string | undefined
  readonly errors?: Record<string, ReadonlyArray<string>> | undefined
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * e621's explanation inside a JSON error body: `{success:false, reason}`, `{success:false, message, code}`,
 * `{errors:{field:[…]}}`, `{reasons:[…]}` or `{error}`.
 *
 * @internal
 */
export const explain = (body: unknown): Explained | undefined => {
  if (!isRecord(body)) return typeof body === "string" && body !== "" ? { reason: excerpt(body) } : undefined
  const code = typeof body.code === "string" ? body.code : undefined
  if (isRecord(body.errors)) {
    const errors: Record<string, ReadonlyArray<string>> = {}
    const parts: Array<string> = []
    for (const [field, value] of Object.entries(body.errors)) {
      const messages = Array.isArray(value) ? value.map(String) : [String(value)]
      errors[field] = messages
      for (const message of messages) parts.push(field === "base" ? message : `${field} ${message}`)
    }
    return { reason: parts.join("; ") || "validation failed", errors, code }
  }
  if (Array.isArray(body.reasons)) {
    const reasons = body.reasons.map(String)
    return { reason: reasons.join("; "), errors: { base: reasons }, code }
  }
  // uploads' 412: `{"reason":"invalid","message":"…"}` keeps both; `{"reason":"duplicate","post_id":N}` names the post
  if (typeof body.reason === "string" && body.reason !== "" && typeof body.message === "string" && body.message !== "") {
    return { reason: `${body.reason}: ${body.message}`, errors: { base: [body.message], reason: [body.reason] }, code }
  }
  if (typeof body.reason === "string" && body.reason !== "" && typeof body.post_id === "number") {
    const reason = `${body.reason} of post #${body.post_id}`
    return { reason, errors: { base: [reason], reason: [body.reason], post_id: [String(body.post_id)] }, code }
  }
  for (const key of ["reason", "message", "error"] as const) {
    const value = body[key]
    if (typeof value === "string" && value !== "") return { reason: value, code }
  }
  return undefined
}

/**
 * The server's `Retry-After` in milliseconds: delta-seconds (a fraction or an exponent is read as what it says,
 * rounded up — never a shorter wait than asked) or an HTTP date (0 when past). Anything else (negative, garbage)
 * is `undefined`: the retry schedule's own backoff applies.
 */
const retryAfterMillis = (headers: Headers.Headers, now: number): number | undefined => {
  const raw = headers["retry-after"]?.trim()
  if (raw === undefined || raw === "") return undefined
  if (/^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return Math.ceil(Number(raw) * 1000)
  const parsed = Headers.parseRetryAfter(raw)
  return Result.isSuccess(parsed)
    ? Math.max(0, Math.ceil(Duration.toMillis(Headers.retryAfterDelay(parsed.success, now))))
    : undefined
}

/**
 * The error for a non-2xx answer, or for a 2xx answer that is not JSON.
 *
 * @internal
 */
export const statusError = (
  context: Context,
  status: number,
  headers: Headers.Headers,
  text: string,
  now: number,
  scrub: Scrub.Scrubber = Scrub.none
): E621Error => {
  const contentType = headers["content-type"] ?? ""
  const html = text !== "" && looksLikeHtml(contentType, text)
  let body: unknown = undefined
  if (!html && text !== "") {
    try {
      // JSON escapes can spell a secret out once parsed: scrubbed again before any excerpt cuts it
      body = JSON.parse(text)
      if (text.includes("\\")) body = scrub.value(body)
    } catch {
      body = text
    }
  }
  if (isRedirect(status)) return redirect(context, status, headers)
  const explained = html ? { reason: htmlSummary(text, scrub) } : explain(body)
  const reason = explained?.reason || statusText(status)
  const base = { ...context, status, reason, message: `${context.method} ${context.url}: ${status} ${reason}` }
  switch (status) {
    case 401:
      return new E621Unauthorized(base)
    case 403:
      return new E621Forbidden({ ...base, blocked: html })
    case 404:
      return new E621NotFound(base)
    case 410:
      return new E621PageLimit(base)
    case 400:
    case 412:
    case 422:
      return new E621ValidationFailed({ ...base, errors: explained?.errors ?? { base: [reason] } })
    case 429:
      return new E621RateLimited(withRetryAfter(base, retryAfterMillis(headers, now)))
    case 503:
      // e621's own 503s (database unavailable) carry a JSON message; the edge limiter's and outage pages do not.
      return !html && explained?.code !== undefined
        ? new E621ServerError(withRetryAfter({ ...base, html, code: explained.code }, retryAfterMillis(headers, now)))
        : new E621RateLimited(withRetryAfter(base, retryAfterMillis(headers, now)))
    default:
      // A Retry-After on any other status (a 500/502 from an edge in maintenance) is a wait the server imposes too.
      return new E621ServerError(withRetryAfter(
        explained?.code === undefined ? { ...base, html } : { ...base, html, code: explained.code },
        retryAfterMillis(headers, now)
      ))
  }
}

/**
 * What a 401 — or a 403 "Access Denied" (e621's `access_denied`, the answer of `member_only` and level checks)
 * or "ActionController::InvalidAuthenticityToken" (Rails' CSRF check, which refuses a write without header
 * credentials before anything else) — means for a request sent **without credentials**: the route needs an
 * account. The reason and message say so and how to log in, instead of the bare answer. Other errors (blocked
 * edges, hidden favourites, …) are returned as they are.
 *
 * @internal
 */
export const withoutCredentials = (error: E621Error): E621Error => {
  const denied = error._tag === "E621Unauthorized" ||
    (error._tag === "E621Forbidden" && !error.blocked &&
      /^(access denied\b|ActionController::InvalidAuthenticityToken\b)/i.test(error.reason))
  if (!denied) return error
  const reason = `${error.reason}: this needs an e621 account and no credentials are set; ${credentialsHint}`
  const fields = { method: error.method, url: error.url, status: error.status, reason, message: `${error.method} ${error.url}: ${error.status} ${reason}` }
  return error._tag === "E621Unauthorized" ? new E621Unauthorized(fields) : new E621Forbidden({ ...fields, blocked: false })
}

/** How to log in, for messages about missing credentials. @internal */
export const credentialsHint =
  "pass credentials: { username, apiKey } to E621Client.layer / NodeE621.layer (or set E621_USERNAME and E621_API_KEY for layerConfig); the API key is under Account → Manage API Access on e621"

/**
 * The wait a server imposed with `Retry-After` (429, 503 and any 5xx that carries one), in milliseconds: what
 * the retry schedule waits at least and what pauses a bucket.
 *
 * @internal
 */
export const serverWait = (error: E621Error): number | undefined =>
  error._tag === "E621RateLimited" || error._tag === "E621ServerError" ? error.retryAfter : undefined

/**
 * Whether a status is a redirect: every 3xx, and 0 — what `fetch` answers for a redirect in `"manual"` mode
 * in browsers (an opaque redirect that hides its `Location`).
 *
 * @internal
 */
export const isRedirect = (status: number): boolean => status === 0 || (status >= 300 && status < 400)

/**
 * The error for a redirect. The client never follows one (nor retries it): e621 redirects only requests this
 * client does not send (empty search values, HTML form flows, http → https), and following one could carry the
 * credentials to another host. The `Location` is resolved against the request and sanitised (no user info, no
 * credential parameters).
 *
 * @internal
 */
export const redirect = (context: Context, status: number, headers: Headers.Headers): E621DecodeError => {
  const raw = headers["location"]
  let location: string | undefined
  if (raw !== undefined && raw !== "") {
    try {
      location = sanitizeUrl(new URL(raw, context.url))
    } catch {
      location = sanitizeUrl(raw)
    }
  }
  const where = location === undefined
    ? status === 0 ? "an opaque redirect (the runtime hid its Location)" : "a redirect without a Location"
    : `a redirect to ${location}`
  const issue = `${status} ${where}; redirects are never followed (credentials never leave the configured host)`
  return new E621DecodeError({
    ...context,
    status,
    issue,
    excerpt: "",
    ...(location === undefined ? {} : { location }),
    message: `${context.method} ${context.url}: ${issue}`
  })
}

const withRetryAfter = <A extends object>(base: A, retryAfter: number | undefined) =>
  retryAfter === undefined ? base : { ...base, retryAfter }

const statusText = (status: number): string =>
  ({
    400: "bad request",
    401: "unauthorized",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    406: "not acceptable",
    410: "gone",
    412: "precondition failed",
    422: "unprocessable",
    423: "locked",
    429: "too many requests",
    500: "internal server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
    520: "web server returned an unknown error",
    521: "web server is down",
    522: "connection timed out",
    523: "origin is unreachable",
    524: "a timeout occurred"
  } as Record<number, string>)[status] ?? "unexpected status"

/**
 * Classifies one answer: 2xx JSON (or an empty body) succeeds with the parsed value; everything else fails.
 * A 2xx body that is not JSON is a cut body when it looks like JSON (retryable), an HTML page otherwise.
 *
 * @internal
 */
export const response = (
  context: Context,
  status: number,
  answerHeaders: Headers.Headers,
  bytes: Uint8Array,
  scrub: Scrub.Scrubber = Scrub.none
): Effect.Effect<Success, E621Error> =>
  Effect.suspend(() => {
    // Everything built from the answer — errors, excerpts, the headers and body handed on — is built from the
    // scrubbed text: a server echoing the credentials back never puts them into an error or a log.
    const raw = decoder.decode(bytes)
    const text = scrub.text(raw)
    const headers = scrubHeaders(answerHeaders, scrub)
    if (status < 200 || status >= 300) {
      return Effect.flatMap(
        Effect.clockWith((clock) => Effect.succeed(clock.currentTimeMillisUnsafe())),
        (now) => Effect.fail(statusError(context, status, headers, text, now, scrub))
      )
    }
    if (text.trim() === "") return Effect.succeed({ status, headers, body: undefined, url: context.url })
    const contentType = headers["content-type"] ?? ""
    if (looksLikeHtml(contentType, text)) {
      return Effect.fail(
        new E621DecodeError({
          ...context,
          status,
          issue: "expected JSON, got an HTML page",
          excerpt: htmlSummary(text, scrub),
          message: `${context.method} ${context.url}: ${status} answered with an HTML page (${htmlSummary(text, scrub)})`
        })
      )
    }
    try {
      // parsed from the raw text (a secret replaced inside the JSON text could break it), then scrubbed value by
      // value — also when the text has escapes (`\u0032` for a `2` spells the key out once parsed)
      const body: unknown = JSON.parse(raw)
      const clean = text === raw && !raw.includes("\\")
      return Effect.succeed({ status, headers, body: clean ? body : scrub.value(body), url: context.url })
    } catch (cause) {
      const head = text.trimStart()[0]
      const truncated = (head === "{" || head === "[") && !/[}\]]\s*$/.test(text)
      return Effect.fail(
        truncated
          ? new E621TransportError({
            ...context,
            kind: "body",
            sent: true,
            message: `${context.method} ${context.url}: the JSON body was cut short after ${bytes.length} bytes`
          })
          : new E621DecodeError({
            ...context,
            status,
            issue: `invalid JSON: ${scrub.text(cause instanceof Error ? cause.message : String(cause))}`,
            excerpt: excerpt(text),
            message: `${context.method} ${context.url}: the body is not JSON (${excerpt(text).slice(0, 80)})`
          })
      )
    }
  })

const scrubHeaders = (headers: Headers.Headers, scrub: Scrub.Scrubber): Headers.Headers => {
  const entries = Object.entries(headers)
  return entries.some(([, value]) => scrub.test(value))
    ? Headers.fromInput(entries.map(([name, value]) => [name, scrub.text(value)] as const))
    : headers
}

const refusedCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ERR_INVALID_URL"])

const causeCode = (cause: unknown, depth = 0): string | undefined => {
  if (depth > 4 || typeof cause !== "object" || cause === null) return undefined
  const code = (cause as { readonly code?: unknown }).code
  if (typeof code === "string") return code
  return causeCode((cause as { readonly cause?: unknown }).cause, depth + 1)
}

/**
 * A failure of the HTTP layer as an `E621TransportError`. `sent` is false only when the connection was never
 * made (refused, unknown host), so that writes can be retried safely.
 *
 * @internal
 */
export const transport = (context: Context, error: HttpClientError): E621TransportError => {
  const reason = error.reason
  const code = causeCode("cause" in reason ? reason.cause : undefined)
  const description = "description" in reason && typeof reason.description === "string" ? reason.description : undefined
  const sent = reason._tag === "TransportError" ? !(code !== undefined && refusedCodes.has(code)) : reason._tag !== "EncodeError" && reason._tag !== "InvalidUrlError"
  const detail = code ?? description ?? reason._tag
  return new E621TransportError({
    ...context,
    kind: reason._tag === "DecodeError" || reason._tag === "EmptyBodyError" ? "body" : "network",
    sent,
    message: `${context.method} ${context.url}: ${reason._tag === "TransportError" ? "network error" : reason._tag} (${detail})`
  })
}

/** Drops `undefined` values and joins arrays with commas-free repetition, for `UrlParams`. @internal */
export const urlParams = (query: Readonly<Record<string, unknown>> | undefined): UrlParams.UrlParams => {
  const entries: Array<[string, string]> = []
  if (query !== undefined) {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue
      if (Array.isArray(value)) for (const item of value) entries.push([key, String(item)])
      else entries.push([key, String(value)])
    }
  }
  return UrlParams.fromInput(entries)
}

/** The full URL a request goes to, query included. @internal */
export const fullUrl = (request: HttpClientRequest.HttpClientRequest): string => {
  try {
    const url = new URL(request.url)
    for (const [key, value] of request.urlParams.params) url.searchParams.append(key, String(value))
    return url.toString()
  } catch {
    return request.url
  }
}
