/**
 * The fake's transport-neutral HTTP model ({@link FakeRequest} → {@link FakeResponse}), the canned bodies
 * e621 and its edge answer with, request-body parsing, and the adapter to an effect `HttpClient`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import type * as E621Fake from "../../testing/E621Fake.ts"

/** Public as `E621Fake.FakeRequest`. @internal */
export type FakeRequest = E621Fake.FakeRequest

/** Public as `E621Fake.FakeResponse`. @internal */
export type FakeResponse = E621Fake.FakeResponse

/** Public as `E621Fake.BodyFault`. @internal */
export type BodyFault = E621Fake.BodyFault

/**
 * The bytes of an answer's body: `bytes` when set, `body` in UTF-8 otherwise.
 *
 * @since 0.1.0
 */
export const bodyBytes = (response: FakeResponse): Uint8Array =>
  response.bytes ?? new TextEncoder().encode(response.body)

const JSON_TYPE = "application/json; charset=utf-8"
const HTML_TYPE = "text/html; charset=utf-8"

/**
 * A JSON answer.
 *
 * @since 0.1.0
 */
export const json = (status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): FakeResponse => ({
  status,
  headers: { "content-type": JSON_TYPE, ...headers },
  body: JSON.stringify(value)
})

/**
 * An HTML answer.
 *
 * @since 0.1.0
 */
export const html = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): FakeResponse => ({
  status,
  headers: { "content-type": HTML_TYPE, ...headers },
  body
})

/**
 * Rails' `redirect_to`: a 302 with `Location` and its small HTML body.
 *
 * @since 0.1.0
 */
export const redirect = (location: string): FakeResponse =>
  html(302, `<html><body>You are being <a href="${location}">redirected</a>.</body></html>`, { location })

/**
 * 204 No Content (PUT/PATCH/DELETE successes under Rails' responders).
 *
 * @since 0.1.0
 */
export const noContent = (headers: Readonly<Record<string, string>> = {}): FakeResponse => ({ status: 204, headers, body: "" })

/**
 * e621's `render_expected_error` body: `{"success":false,"message":…,"code":null}`.
 *
 * @since 0.1.0
 */
export const expectedError = (status: number, message: string, headers?: Readonly<Record<string, string>>): FakeResponse =>
  json(status, { success: false, message, code: null }, headers)

/**
 * e621's `access_denied` / `render_404` body: `{"success":false,"reason":…}`.
 *
 * @since 0.1.0
 */
export const reasonError = (status: number, reason: string): FakeResponse => json(status, { success: false, reason })

/** 404 `{"success":false,"reason":"not found"}` (a record that does not exist). @since 0.1.0 */
export const notFound = (): FakeResponse => reasonError(404, "not found")

/** 403 `{"success":false,"reason":"Access Denied"}` (member-only actions, too low a level). @since 0.1.0 */
export const accessDenied = (detail?: string): FakeResponse =>
  reasonError(403, detail === undefined ? "Access Denied" : `Access Denied: ${detail}`)

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>\n<body>${body}</body></html>\n`

/**
 * e621's HTML 404 page for a path that matches no route (`static#not_found`), even for `.json`.
 *
 * @since 0.1.0
 */
export const routeNotFound = (path: string): FakeResponse =>
  html(404, page("Not Found - e621", `<div id="page"><h1>Not Found</h1><p>The page <code>${escapeHtml(path)}</code> you requested was not found.</p></div>`))

/**
 * The edge's HTML 403 for a missing, browser-like or library-default User-Agent.
 *
 * @since 0.1.0
 */
export const blockedUserAgent = (): FakeResponse =>
  html(403, page("403 Forbidden", "<center><h1>403 Forbidden</h1></center><p>Please use a descriptive User-Agent, such as <code>MyProject/1.0 (by username on e621)</code>.</p><hr><center>nginx</center>"))

/**
 * The edge's HTML 503 for reads faster than 2 per second.
 *
 * @since 0.1.0
 */
export const readRateLimited = (headers: Readonly<Record<string, string>> = {}): FakeResponse =>
  html(503, page("503 Service Temporarily Unavailable", "<center><h1>503 Service Temporarily Unavailable</h1></center><p>Rate limit exceeded. Please slow down to at most 2 requests per second.</p><hr><center>nginx</center>"), headers)

/**
 * An nginx error page (500, 502, 503).
 *
 * @since 0.1.0
 */
export const nginxPage = (status: number, text: string, headers: Readonly<Record<string, string>> = {}): FakeResponse =>
  html(status, page(`${status} ${text}`, `<center><h1>${status} ${text}</h1></center><hr><center>nginx</center>`), headers)

/**
 * Cloudflare's 522 "Connection timed out" page.
 *
 * @since 0.1.0
 */
export const cloudflare522 = (): FakeResponse =>
  html(522, page("e621.net | 522: Connection timed out", `<div id="cf-wrapper"><div id="cf-error-details"><h1><span class="cf-error-type">Error</span> <span class="cf-error-code">522</span></h1><h2 class="cf-subheadline">Connection timed out</h2><p>Cloudflare Ray ID: <strong>8f3a1c2b9d0e4f51</strong></p></div></div>`))

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/**
 * Flattens a JSON body the way Rails reads it: `{"post":{"tag_string":"a"}}` → `post[tag_string]=a`.
 * Arrays become `key[]` entries joined by spaces (enough for the fake), `null` becomes `""`.
 *
 * @since 0.1.0
 */
export const flattenJson = (value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> => {
  if (value === null || value === undefined) {
    if (prefix !== "") out[prefix] = ""
  } else if (Array.isArray(value)) {
    out[`${prefix}[]`] = value.map(String).join(" ")
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flattenJson(v, prefix === "" ? k : `${prefix}[${k}]`, out)
  } else if (prefix !== "") {
    out[prefix] = String(value)
  }
  return out
}

/**
 * The parameters of a request body: form-encoded, JSON (flattened Rails-style) or multipart (text fields).
 * A JSON body that does not parse is `"invalid-json"` (e621 answers 400 before Rails).
 *
 * @since 0.1.0
 */
export const parseBody = (request: FakeRequest): Effect.Effect<Record<string, string> | "invalid-json"> => {
  const body = request.body
  if (body === undefined || body.length === 0) return Effect.succeed({})
  const rawType = request.headers["content-type"] ?? ""
  const type = rawType.toLowerCase()
  if (type.startsWith("application/json")) {
    return Effect.sync(() => {
      try {
        return flattenJson(JSON.parse(new TextDecoder().decode(body)))
      } catch {
        return "invalid-json" as const
      }
    })
  }
  if (type.startsWith("multipart/form-data")) {
    return Effect.promise(async () => {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": rawType } }).formData()
      const out: Record<string, string> = {}
      for (const [k, v] of form.entries()) {
        out[k] = typeof v === "string" ? v : fileParam(v.name, new Uint8Array(await v.arrayBuffer()))
      }
      return out
    }).pipe(Effect.orElseSucceed(() => ({})))
  }
  return Effect.succeed(formFields(new URLSearchParams(new TextDecoder().decode(body))))
}

/** Form fields by name; repeated `key[]` entries (Rails arrays) are joined by spaces, as {@link flattenJson} does. */
const formFields = (form: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of form) {
    out[key] = key.endsWith("[]") && out[key] !== undefined ? `${out[key]} ${value}` : value
  }
  return out
}

/**
 * How a multipart file field appears among the parameters: `file:<name>:<size>:<digest>`, the digest being 32
 * hex digits derived from the bytes (the fake's stand-in for the file's MD5: same bytes, same digest).
 *
 * @since 0.1.0
 */
export const fileParam = (name: string, bytes: Uint8Array): string => {
  let digest = ""
  for (let lane = 0; lane < 4; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0
    digest += ((h ^ (h >>> 13)) >>> 0).toString(16).padStart(8, "0")
  }
  return `file:${name.replace(/:/g, "_")}:${bytes.length}:${digest}`
}

const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<{ readonly bytes: Uint8Array | undefined; readonly contentType: string | undefined }> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed({ bytes: undefined, contentType: undefined })
    case "Uint8Array":
      return Effect.succeed({ bytes: body.body, contentType: body.contentType })
    case "Raw": {
      const raw = body.body
      const bytes = typeof raw === "string"
        ? new TextEncoder().encode(raw)
        : raw instanceof Uint8Array
        ? raw
        : new TextEncoder().encode(String(raw))
      return Effect.succeed({ bytes, contentType: body.contentType })
    }
    case "FormData":
      return Effect.promise(async () => {
        const response = new Response(body.formData)
        return {
          bytes: new Uint8Array(await response.arrayBuffer()),
          contentType: response.headers.get("content-type") ?? undefined
        }
      })
    case "Stream":
      return Stream.runCollect(body.stream).pipe(
        Effect.map((chunks) => {
          const total = chunks.reduce((n, c) => n + c.length, 0)
          const bytes = new Uint8Array(total)
          let offset = 0
          for (const c of chunks) {
            bytes.set(c, offset)
            offset += c.length
          }
          return { bytes, contentType: body.contentType }
        }),
        Effect.orElseSucceed(() => ({ bytes: undefined, contentType: body.contentType }))
      )
  }
}

const toWeb = (response: FakeResponse, sleep: (millis: number) => Promise<void>): Response => {
  const empty = response.status === 204 || response.status === 304
  const bytes = bodyBytes(response)
  const fault = response.fault
  if (empty) return new Response(null, { status: response.status, headers: response.headers })
  if (fault !== undefined && fault !== "drop") {
    const prefix = (n: number) => bytes.slice(0, Math.max(0, Math.min(bytes.length, n)))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>(
      "truncateAt" in fault
        ? {
          start(controller) {
            const cut = prefix(fault.truncateAt)
            if (cut.length > 0) controller.enqueue(cut)
            controller.error(new TypeError("terminated: the fake e621 closed the connection mid-body"))
          }
        }
        : "stallAt" in fault
        ? {
          start(controller) {
            const head = prefix(fault.stallAt)
            if (head.length > 0) controller.enqueue(head)
            // then nothing: the connection stays open, the body never ends
          }
        }
        : {
          async pull(controller) {
            if (sent >= bytes.length) return controller.close()
            await sleep(fault.trickle)
            controller.enqueue(bytes.slice(sent, sent + 1))
            sent++
          }
        },
      { highWaterMark: 0 }
    )
    return new Response(stream, {
      status: response.status,
      headers: { ...response.headers, "content-length": String(bytes.length) }
    })
  }
  return new Response(new Uint8Array(bytes), { status: response.status, headers: response.headers })
}

/**
 * An effect `HttpClient` answered by `handle`, without sockets: the request body (bytes, URL-encoded form,
 * `FormData`, stream) is turned into bytes; a `"drop"` fault fails with a `TransportError`; a truncated
 * body errors while it is read, as a connection closed mid-body does.
 *
 * @since 0.1.0
 */
export const toHttpClient = (handle: (request: FakeRequest) => Effect.Effect<FakeResponse>): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const context = yield* Effect.context<never>()
      const sleep = (millis: number) => Effect.runPromiseWith(context)(Effect.sleep(millis))
      const { bytes, contentType } = yield* bodyOf(request)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v
      if (contentType !== undefined && headers["content-type"] === undefined) headers["content-type"] = contentType
      const response = yield* handle({ method: request.method, url, headers, body: bytes })
      if (response.fault === "drop") {
        return yield* Effect.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({
              request,
              description: "connection reset by peer (fake e621 dropped the connection)"
            })
          })
        )
      }
      return HttpClientResponse.fromWeb(request, toWeb(response, sleep))
    })
  )
