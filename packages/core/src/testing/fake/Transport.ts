/**
 * Where the fake meets HTTP: injected faults (planned by `Faults.ts`) and the request log around the engine's
 * answer, and the adapter that serves it as an effect `HttpClient` without sockets (`NodeE621Fake.serve` serves
 * the same `handle` on loopback).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as FakeCors from "./Edge.ts"
import * as FakeEngine from "./Engine.ts"
import * as FakeFaults from "./Faults.ts"
import * as FakeHttp from "./Http.ts"

const record = (
  engine: FakeEngine.Engine,
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
 * Answers one request, with the faults planned for it: the transport-neutral core behind the fake's
 * `HttpClient` and its Node server, which carries the body faults out on the socket.
 *
 * @since 0.1.0
 */
export const handle = (engine: FakeEngine.Engine) => (request: FakeHttp.FakeRequest): Effect.Effect<FakeHttp.FakeResponse> =>
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
    const { body, response: answered, user } = yield* FakeEngine.answer(engine, request, now)
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

const toWeb = (response: FakeHttp.FakeResponse, sleep: (millis: number) => Promise<void>): Response => {
  const empty = response.status === 204 || response.status === 304
  const bytes = FakeHttp.bodyBytes(response)
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
export const toHttpClient = (handle: (request: FakeHttp.FakeRequest) => Effect.Effect<FakeHttp.FakeResponse>): HttpClient.HttpClient =>
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
