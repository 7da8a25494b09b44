/**
 * What e621 tells browsers, as its edge and `Rack::Cors` 3 (`config/initializers/cors.rb`: origins `*`, every
 * path, any header, methods GET POST PUT PATCH DELETE OPTIONS HEAD, no credentials mode, nothing exposed) answer,
 * and the edge's identification rule with `_client`; plus Rails' CSRF check as `ApplicationController` skips it.
 *
 * @since 0.1.0
 */
import * as Browser from "../../internal/browser.ts"
import * as FakeHttp from "./Http.ts"

const methods = "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD"


/**
 * Whether an identification is one the edge blocks: missing, browser-like, or a library's default.
 *
 * @since 0.1.0
 */
export const blockedIdentification = (value: string | null | undefined): boolean =>
  value === undefined || value === null || value.trim() === "" || Browser.browserLike(value) ||
  Browser.libraryDefault(value)

/**
 * Whether the `User-Agent` is a browser's (pages, userscripts, extensions).
 *
 * @since 0.1.0
 */
export const isBrowser = (userAgent: string | undefined): boolean => userAgent !== undefined && Browser.browserLike(userAgent)

/**
 * The edge's rule: a request is identified by a descriptive `User-Agent`, or — for browsers, which cannot set
 * the header — by a descriptive `_client` query parameter.
 *
 * @since 0.1.0
 */
export const identified = (url: URL, headers: Readonly<Record<string, string>>): boolean =>
  !blockedIdentification(headers["user-agent"]) || !blockedIdentification(url.searchParams.get("_client"))

/**
 * Whether this is a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
 *
 * @since 0.1.0
 */
export const isPreflight = (method: string, headers: Readonly<Record<string, string>>): boolean =>
  method === "OPTIONS" && headers.origin !== undefined && headers["access-control-request-method"] !== undefined

/**
 * Rack::Cors' preflight answer: 200, no body; the CORS headers when the requested method is one of the allowed
 * (any requested header is echoed back as allowed), none otherwise.
 *
 * @since 0.1.0
 */
export const preflight = (headers: Readonly<Record<string, string>>): FakeHttp.FakeResponse => {
  const requested = (headers["access-control-request-method"] ?? "").toUpperCase()
  if (!methods.split(", ").includes(requested)) return { status: 200, headers: {}, body: "" }
  const allowHeaders = headers["access-control-request-headers"]
  return {
    status: 200,
    headers: {
      ...corsHeaders,
      ...(allowHeaders !== undefined ? { "access-control-allow-headers": allowHeaders } : {})
    },
    body: ""
  }
}

const corsHeaders: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": methods,
  "access-control-expose-headers": "",
  "access-control-max-age": "7200"
}

/**
 * An answer of e621's application as Rack::Cors passes it on: the CORS headers when the request had an
 * `Origin` (the application's own headers win), and `Vary: Origin` always. The edge's own answers (its 403 and
 * 503 pages, Cloudflare's) and the static host's files do not go through it and carry none.
 *
 * @since 0.1.0
 */
export const actual = (
  headers: Readonly<Record<string, string>>,
  response: FakeHttp.FakeResponse
): FakeHttp.FakeResponse => {
  const vary = response.headers.vary
  return {
    ...response,
    headers: {
      ...(headers.origin !== undefined ? corsHeaders : {}),
      ...response.headers,
      vary: vary === undefined || vary === "" ? "Origin" : `${vary}, Origin`
    }
  }
}

/**
 * e621's CSRF rule for a write (`ApplicationController#skip_forgery_protection`): the check is skipped for
 * `Authorization: Basic` (or Bearer), or for `login` + `api_key` parameters when the request has no `Origin`
 * or a same-origin one. Otherwise an API client, which has no authenticity token, gets the 403 returned here.
 *
 * @since 0.1.0
 */
export const csrf = (
  url: URL,
  headers: Readonly<Record<string, string>>,
  params: Readonly<Record<string, string>>
): FakeHttp.FakeResponse | undefined => {
  const authorization = headers.authorization ?? ""
  if (authorization.startsWith("Basic ") || authorization.startsWith("Bearer ")) return undefined
  const paramAuth = (params.login ?? "") !== "" && (params.api_key ?? "") !== ""
  const origin = headers.origin
  if (paramAuth && (origin === undefined || origin === url.origin)) return undefined
  return FakeHttp.expectedError(403, "ActionController::InvalidAuthenticityToken. Did you properly authorize your request?")
}
