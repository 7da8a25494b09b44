/**
 * e621 from a web page, a userscript or an extension: what changes when the runtime is a browser.
 *
 * - A browser never sends a `User-Agent` of the page's choosing (Chromium drops the header), so e621's edge reads
 *   the client's identification from the `_client` query parameter instead.
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
 * Whether this runtime is a browser: its fetch drops a `User-Agent` set by the page (Chromium, and every
 * browser under the Fetch standard's old forbidden-header list), or its `navigator` names a browser (Firefox
 * and Safari let the header through but still send cookies, `Origin` and preflights as browsers do).
 * Node, Bun, Deno and Cloudflare Workers keep the header and name themselves (`Node.js/22`, `Bun/1.4`,
 * `Deno/2.9`, `Cloudflare-Workers`).
 *
 * @since 0.1.0
 */
export const detect = (): boolean => {
  const agent = (globalThis as { readonly navigator?: { readonly userAgent?: unknown } }).navigator?.userAgent
  if (typeof agent === "string" && /^Mozilla\//.test(agent)) return true
  try {
    return new Request("http://127.0.0.1/", { headers: { "user-agent": "probe" } }).headers.get("user-agent") !== "probe"
  } catch {
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
