/**
 * The fake's request pipeline, in the order e621 and its edge apply them: injected faults, the edge's
 * User-Agent block and read limit, body parsing, authentication, routing, member-only checks, the write
 * throttle, then the handler. Every request is logged without credentials.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as E621Fake from "../../testing/E621Fake.ts"
import * as FakeContext from "./FakeContext.ts"
import * as FakeCors from "./FakeCors.ts"
import * as FakeData from "./FakeData.ts"
import * as FakeFaults from "./FakeFaults.ts"
import * as FakeHttp from "./FakeHttp.ts"
import * as FakeLimits from "./FakeLimits.ts"
import * as Random from "./FakeRandom.ts"
import * as FakeRoutes from "./FakeRoutes.ts"

/** Public as `E621Fake.RecordedRequest`. @internal */
export type RecordedRequest = E621Fake.RecordedRequest

/**
 * Everything one fake holds.
 *
 * @since 0.1.0
 */
export interface Engine {
  readonly store: FakeData.Store
  readonly limits: FakeLimits.Limits
  readonly faults: FakeFaults.Faults
  readonly log: Array<RecordedRequest>
  readonly random: Random.Random
  readonly safeMode: boolean
}

/**
 * Whether the edge would block this User-Agent: missing, browser-like, or a library's default.
 *
 * @since 0.1.0
 */
export const blockedUserAgent = (userAgent: string | undefined): boolean => FakeCors.blockedIdentification(userAgent)

type Auth =
  | { readonly _tag: "Anonymous" }
  | { readonly _tag: "User"; readonly user: FakeData.User }
  | { readonly _tag: "Refused"; readonly name: string; readonly message: string }

const decodeBase64 = (s: string): string | undefined => {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/** `SessionLoader#load`: HTTP Basic first, then `login` + `api_key` parameters. */
const authenticate = (
  store: FakeData.Store,
  headers: Readonly<Record<string, string>>,
  params: Readonly<Record<string, string>>
): Auth => {
  let name: string | undefined
  let key: string | undefined
  const header = headers.authorization
  if (header !== undefined) {
    const basic = /^basic\s+(.+)$/i.exec(header.trim())
    const decoded = basic ? decodeBase64(basic[1]!) : undefined
    const colon = decoded?.indexOf(":") ?? -1
    if (decoded === undefined || colon < 0) {
      return { _tag: "Refused", name: "anonymous", message: "SessionLoader::AuthenticationFailure" }
    }
    name = decoded.slice(0, colon)
    key = decoded.slice(colon + 1)
  } else if (params.login !== undefined && params.api_key !== undefined) {
    name = params.login
    key = params.api_key
  }
  if (name === undefined || key === undefined) return { _tag: "Anonymous" }
  const user = store.userByName(name)
  if (user === undefined || user.apiKey !== key) {
    return { _tag: "Refused", name, message: "SessionLoader::AuthenticationFailure" }
  }
  if (user.level_string === "Blocked") return { _tag: "Refused", name: user.name, message: "Account is banned: forever" }
  return { _tag: "User", user }
}

const wantsJson = (url: URL, headers: Readonly<Record<string, string>>): boolean =>
  url.pathname.endsWith(".json") || url.searchParams.get("format") === "json" ||
  (headers.accept ?? "").trim().toLowerCase() === "application/json"

const isRead = (method: string): boolean => method === "GET" || method === "HEAD"

/** What the edge limits to 2 per second: reads, and (assumed, failing closed) the preflights before other requests. */
const edgeLimited = (method: string, headers: Readonly<Record<string, string>>): boolean =>
  isRead(method) || FakeCors.isPreflight(method, headers)

interface Outcome {
  readonly response: FakeHttp.FakeResponse
  readonly user: string
  readonly body?: Readonly<Record<string, string>> | undefined
}

const secretParams = new Set(["api_key", "login", "password"])

const withoutSecrets = (params: Readonly<Record<string, string>>): Record<string, string> => {
  const clean: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) if (!secretParams.has(key)) clean[key] = value
  return clean
}

/** Everything after faults: the edge, e621's before-actions, the route. */
const process = (engine: Engine, request: FakeHttp.FakeRequest, now: number): Effect.Effect<Outcome> =>
  Effect.gen(function*() {
    const { url, headers } = request
    const method = request.method.toUpperCase()
    const identified = FakeCors.identified(url, headers)
    const file = FakeRoutes.find(method === "HEAD" || method === "OPTIONS" ? "GET" : method, url.pathname)
    // The static host serves browsers as they are (a page's <img>); the API wants an identification.
    if (!identified && !(file?.route.raw === true && FakeCors.isBrowser(headers["user-agent"]))) {
      return { response: FakeHttp.blockedUserAgent(), user: "anonymous" }
    }
    // The static host is not behind Rack::Cors: no preflight answer, no CORS header.
    if (method === "OPTIONS" && file?.route.raw === true) {
      return { response: FakeHttp.nginxPage(405, "Not Allowed"), user: "anonymous" }
    }
    if (file !== undefined && file.route.raw === true) {
      const params = Object.fromEntries(url.searchParams)
      const viewer = { user: undefined, safeMode: engine.safeMode }
      const response = file.route.handler({ store: engine.store, params, viewer, now, random: engine.random }, file.match)
      return { response: method === "HEAD" ? { ...response, body: "", bytes: new Uint8Array(0) } : response, user: "anonymous" }
    }
    if (edgeLimited(method, headers) && !engine.limits.read(now)) {
      return { response: FakeHttp.readRateLimited(), user: "anonymous" }
    }
    // Past the edge, Rack::Cors wraps e621's application: it answers preflights and adds CORS headers.
    if (FakeCors.isPreflight(method, headers)) return { response: FakeCors.preflight(headers), user: "anonymous" }
    const outcome = yield* application(engine, request, method, now)
    return { ...outcome, response: FakeCors.actual(headers, outcome.response) }
  })

/** e621's application behind Rack::Cors: body parsing, routing, CSRF, authentication, the route. */
const application = (
  engine: Engine,
  request: FakeHttp.FakeRequest,
  method: string,
  now: number
): Effect.Effect<Outcome> =>
  Effect.gen(function*() {
    const { url, headers } = request
    const body = yield* FakeHttp.parseBody(request)
    if (body === "invalid-json") return { response: FakeHttp.expectedError(400, "Invalid JSON body"), user: "anonymous" }
    const params: Record<string, string> = { ...Object.fromEntries(url.searchParams), ...body }
    const recorded = Object.keys(body).length === 0 ? undefined : withoutSecrets(body)
    const path = url.pathname.replace(/\.json$/, "")
    const found = wantsJson(url, headers) ? FakeRoutes.find(method === "HEAD" ? "GET" : method, path) : undefined
    // Rails checks the authenticity token before it loads the user: only the presence of credentials counts.
    const forged = found !== undefined && !isRead(method) && found.route.csrf !== false
      ? FakeCors.csrf(url, headers, params)
      : undefined
    if (forged !== undefined) return { response: forged, user: "anonymous" }
    const auth = authenticate(engine.store, headers, params)
    if (auth._tag === "Refused") return { response: FakeHttp.expectedError(401, auth.message), user: auth.name }
    const user = auth._tag === "User" ? auth.user : undefined
    const userName = user?.name ?? "anonymous"
    if (found === undefined) return { response: FakeHttp.routeNotFound(url.pathname), user: userName }
    const { match, route } = found
    if (route.auth === "member" && !FakeContext.atLeast(user, "Member")) {
      return { response: FakeHttp.accessDenied(), user: userName }
    }
    const iqdb = path === "/iqdb_queries" ? FakeLimits.iqdbKind(params) : undefined
    if (iqdb !== undefined && !engine.limits.iqdb(iqdb, user, now)) {
      return { response: FakeHttp.expectedError(429, "Throttled: Too many requests"), user: userName }
    }
    let limitHeaders: Record<string, string> = {}
    if (user !== undefined && !isRead(method) && route.throttled) {
      const { allowed, remaining } = engine.limits.write(user, now)
      limitHeaders = { "x-api-limit": String(remaining) }
      if (!allowed) {
        return { response: FakeHttp.expectedError(429, "Throttled: Too many requests", limitHeaders), user: userName }
      }
    }
    const response = route.handler({
      store: engine.store,
      params,
      viewer: { user, safeMode: engine.safeMode || FakeContext.truthy(params.safe_mode) },
      now,
      random: engine.random
    }, match)
    const withLimit = Object.keys(limitHeaders).length === 0
      ? response
      : { ...response, headers: { ...response.headers, ...limitHeaders } }
    return { response: method === "HEAD" ? { ...withLimit, body: "" } : withLimit, user: userName, body: recorded }
  })

const record = (
  engine: Engine,
  request: FakeHttp.FakeRequest,
  at: number,
  status: number,
  user: string,
  fault: FakeFaults.FaultKind | undefined,
  body?: Readonly<Record<string, string>> | undefined
): void => {
  const clean = new URL(request.url.href)
  clean.searchParams.delete("api_key")
  const query = Object.fromEntries(clean.searchParams)
  engine.log.push({
    method: request.method.toUpperCase(),
    path: request.url.pathname,
    query,
    url: clean.href,
    status,
    at,
    user,
    ...(fault !== undefined ? { fault } : {}),
    ...(body !== undefined ? { body } : {})
  })
}

/**
 * Answers one request: the transport-neutral core behind the fake's `HttpClient` and its Node server.
 *
 * @since 0.1.0
 */
export const handle = (engine: Engine) => (request: FakeHttp.FakeRequest): Effect.Effect<FakeHttp.FakeResponse> =>
  Effect.gen(function*() {
    const at = yield* Clock.currentTimeMillis
    const fault = engine.faults.next()
    if (fault !== undefined) {
      const replaced = FakeFaults.replacement(fault, engine.faults.retryAfter)
      if (replaced !== undefined) {
        record(engine, request, at, replaced.status, "anonymous", fault)
        // e621's own 429 passes Rack::Cors; the edge's and Cloudflare's pages do not
        return fault === "429" ? FakeCors.actual(request.headers, replaced) : replaced
      }
      if (fault === "slow") yield* Effect.sleep(engine.faults.latency)
    }
    const now = fault === "slow" ? yield* Clock.currentTimeMillis : at
    const { body, response: answered, user } = yield* process(engine, request, now)
    const response = engine.faults.rewrite(answered)
    record(engine, request, at, response.status, user, fault, body)
    if (fault === "drop-after") return { ...response, fault: "drop" as const }
    if (fault === "truncate" || fault === "stall") {
      const half = Math.floor(FakeHttp.bodyBytes(response).length / 2)
      return { ...response, fault: fault === "truncate" ? { truncateAt: half } : { stallAt: half } }
    }
    if (fault === "trickle") return { ...response, fault: { trickle: 1000 } }
    return response
  })
