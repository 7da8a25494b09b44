/**
 * e621 from a web page, a userscript or an extension: what changes when the runtime is a browser.
 *
 * - A page cannot usefully set `User-Agent` (Chromium drops the header; Firefox sends it, but only behind a CORS
 *   preflight for every request), so e621's edge reads the client's identification from the `_client` query
 *   parameter instead.
 * - e621 answers cross-origin requests (`Access-Control-Allow-Origin: *`, any method and header) but exposes
 *   no response header, so `Retry-After`, `X-Api-Limit` and `Location` cannot be read: retries fall back to
 *   the retry schedule and pacing to the budgets.
 * - A request with `Authorization` (Basic auth, the only login that passes e621's CSRF check from another
 *   origin) or a method other than GET/HEAD/POST is preceded by a CORS preflight (`OPTIONS`), one more request
 *   at e621's edge.
 *
 * @since 0.1.0
 */

/**
 * The query parameter e621's edge reads the identification from when the `User-Agent` is a browser's.
 *
 * @since 0.1.0
 */
export const clientParam = "_client"

/**
 * Whether a `User-Agent` is a browser's (or imitates one), which e621's edge blocks as an identification.
 *
 * @since 0.1.0
 */
export const browserLike = (agent: string): boolean => /^(mozilla|opera)\/|chrome\/|safari\/|applewebkit|gecko\//i.test(agent)

/**
 * A library's default `User-Agent` (`node-fetch/1.0`, `python-requests/2.31`, `curl/8.0`, …), which e621's edge
 * blocks like a browser's: the client refuses it and the fake's edge blocks it, from this one list.
 *
 * @internal
 */
export const libraryDefault = (agent: string): boolean =>
  /^(node|node-fetch|undici|axios|got|python-requests|python-urllib|curl|wget|okhttp|go-http-client|java)\b/i.test(agent.trim())

/**
 * Whether this runtime is a browser, by what it can do rather than by its name:
 *
 * - its `Request` drops a `User-Agent` set by the page (Chromium and every engine that still treats the header
 *   as forbidden), so only `_client` can carry the identification; or
 * - its own `User-Agent` (`navigator.userAgent`, what its fetch sends when we set none) is a browser's, which
 *   e621 blocks as an identification, and its fetch is not Node's: Firefox lets a page replace the header, but
 *   only at the cost of a CORS preflight before every request, so `_client` is the better carrier there too,
 *   while a DOM emulation in Node (jsdom, as in a `jsdom` test environment) keeps Node's fetch, which is not
 *   under CORS and sends our `User-Agent`.
 *
 * Pages, Web Workers, service workers and extensions (which have no `window`) are browsers by both rules. Node
 * (`Node.js/22` since Node 21), Bun, Deno and Cloudflare Workers (`Cloudflare-Workers`) have a `navigator` too,
 * but keep the header and name themselves, so they are not, whatever their next version is called.
 *
 * @since 0.1.0
 */
export const detect = (): boolean => {
  const scope = globalThis as {
    readonly navigator?: { readonly userAgent?: unknown }
    readonly process?: { readonly versions?: { readonly node?: unknown } }
  }
  const agent = scope.navigator?.userAgent
  const nodeFetch = typeof scope.process?.versions?.node === "string"
  return (typeof agent === "string" && browserLike(agent) && !nodeFetch) || dropsUserAgent()
}

const dropsUserAgent = (): boolean => {
  try {
    return new Request("http://127.0.0.1/", { headers: { "user-agent": "probe" } }).headers.get("user-agent") !== "probe"
  } catch {
    // no fetch API: the platform's own HTTP client, which is not a browser's
    return false
  }
}

const simpleMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "POST"])

/**
 * Whether a browser sends a CORS preflight before this request: for a method other than GET, HEAD and POST, or
 * with an `Authorization` header. The client's other headers (`Accept: application/json`, form and multipart
 * content types) are CORS-safelisted, and tracing headers are not sent in browser mode.
 *
 * @since 0.1.0
 */
export const preflighted = (method: string, authorized: boolean): boolean =>
  authorized || !simpleMethods.has(method.toUpperCase())
