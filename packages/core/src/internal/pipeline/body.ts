/**
 * The body stage: every body has a bound and every attempt a deadline.
 *
 * - **API answers** are read whole, within the per-attempt `timeout` (headers and body): a `Content-Length`
 *   over 64 MiB fails at once, a body without one is counted while read and fails as soon as it passes the cap
 *   (a hostile or broken server streaming without end must not fill the memory before the timeout).
 * - **Files** (gigabytes, possibly) get the `timeout` for their headers only; a 2xx body is handed on as a
 *   stream bounded by the idle and overall deadlines of `internal/bounded.ts`, an error body is read up to
 *   64 KiB to classify it, a redirect not at all.
 *
 * The HTTP layer's own failures become `E621TransportError` (`internal/classify.ts`).
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { HttpClientError } from "effect/http/HttpClientError"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Stream from "effect/Stream"
import { E621DecodeError, type E621Error, E621TransportError } from "../../E621Error.ts"
import * as Bounded from "../bounded.ts"
import * as Classify from "../classify.ts"
import type * as Scrub from "../scrub.ts"

/** Largest answer the client reads (64 MiB); e621's biggest JSON pages are a few MiB. */
export const maxBodyBytes = 64 * 1024 * 1024

/** Largest error body of a file request that is read to classify it (e621's error pages are a few KiB). */
export const maxFileErrorBytes = 64 * 1024

/** A response and the bytes of it one attempt read. */
export interface Read {
  readonly response: HttpClientResponse.HttpClientResponse
  readonly bytes: Uint8Array
}

/** Reads what an attempt reads of an answer: all of an API answer, the error body of a file. */
export type Reader = (
  response: HttpClientResponse.HttpClientResponse,
  context: Classify.Context
) => Effect.Effect<Read, E621DecodeError | HttpClientError>

/** An API answer, whole and capped. With a `Content-Length` the HTTP framing bounds the body; without one, it is counted. */
export const api: Reader = (response, context) => {
  const header = response.headers["content-length"]
  const declared = header === undefined ? Number.NaN : Number(header)
  if (declared > maxBodyBytes) return Effect.fail(tooLarge(context, response.status, declared))
  return Number.isFinite(declared)
    ? Effect.map(response.arrayBuffer, (bytes) => ({ response, bytes: new Uint8Array(bytes) }))
    : Effect.map(readCapped(response, context), (bytes) => ({ response, bytes }))
}

/** A file's headers; its error body (at most 64 KiB) when it is neither a success nor a redirect. */
export const file: Reader = (response, context) =>
  isSuccess(response.status) || Classify.isRedirect(response.status)
    ? Effect.succeed({ response, bytes: new Uint8Array(0) })
    : Effect.map(
      readCapped(response, context, maxFileErrorBytes).pipe(Effect.orElseSucceed(() => new Uint8Array(0))),
      (bytes) => ({ response, bytes })
    )

/**
 * One attempt's time limit around sending and reading, and what the HTTP layer's failures mean for e621
 * callers.
 */
export const timed = (context: Classify.Context, timeout: Duration.Duration) =>
<A>(attempt: Effect.Effect<A, HttpClientError | E621DecodeError>): Effect.Effect<A, E621TransportError | E621DecodeError> =>
  attempt.pipe(
    Effect.timeoutOrElse({
      duration: timeout,
      orElse: () =>
        Effect.fail(
          new E621TransportError({
            ...context,
            kind: "timeout",
            sent: true,
            message: `${context.method} ${context.url}: no answer within ${Duration.format(timeout)}`
          })
        )
    }),
    Effect.catchTag("HttpClientError", (error: HttpClientError) => Effect.fail(Classify.transport(context, error)))
  )

/** The deadlines of a file body, in milliseconds (`overall` left out: proportional to its length). */
export interface Deadlines {
  readonly idle: number
  readonly overall: number | undefined
}

/** A file's body as a stream: cut connections fail it with kind `"body"`, missed deadlines with `"timeout"`. */
export const fileBody = (
  response: HttpClientResponse.HttpClientResponse,
  context: Classify.Context,
  deadlines: Deadlines,
  scrub: Scrub.Scrubber
): { readonly contentLength: number | undefined; readonly body: Stream.Stream<Uint8Array, E621Error> } => {
  const length = Number(response.headers["content-length"] ?? Number.NaN)
  const contentLength = Number.isFinite(length) && length >= 0 ? length : undefined
  const body = response.stream.pipe(
    Stream.mapError((error): E621Error => bodyError(context, scrub.text(error.message)))
  )
  return {
    contentLength,
    body: Bounded.withDeadlines(body, {
      idle: deadlines.idle,
      overall: deadlines.overall ?? Bounded.proportional(contentLength)
    }, (what, limit) =>
      bodyError(
        context,
        what === "idle"
          ? `the body stalled: no bytes for ${Duration.format(limit)}`
          : `the body did not arrive within ${Duration.format(limit)} (overall deadline)`,
        "timeout"
      ))
  }
}

/** A failure of a file's body (or an unexpected status of a file). */
export const bodyError = (context: Classify.Context, message: string, kind: "body" | "timeout" = "body") =>
  new E621TransportError({ ...context, kind, sent: true, message: `${context.method} ${context.url}: ${message}` })

/** Whether a status is a success (2xx). */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300

const tooLarge = (context: Classify.Context, status: number, size: number, max: number = maxBodyBytes) =>
  new E621DecodeError({
    ...context,
    status,
    issue: `the body is ${size} bytes, over the ${max}-byte cap`,
    excerpt: "",
    message: `${context.method} ${context.url}: answer too large (${size} bytes)`
  })

/** Reads a body of unknown length, failing as soon as it passes `max` bytes. */
const readCapped = (
  response: HttpClientResponse.HttpClientResponse,
  context: Classify.Context,
  max: number = maxBodyBytes
): Effect.Effect<Uint8Array, E621DecodeError | HttpClientError> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.runForEachArray((array) => {
        for (const chunk of array) {
          size += chunk.byteLength
          if (size > max) return Effect.fail(tooLarge(context, response.status, size, max))
          chunks.push(chunk)
        }
        return Effect.void
      }),
      Effect.map(() => {
        if (chunks.length === 1) return chunks[0]!
        const bytes = new Uint8Array(size)
        let offset = 0
        for (const chunk of chunks) {
          bytes.set(chunk, offset)
          offset += chunk.byteLength
        }
        return bytes
      }),
      // a web `Response` without a body (204) has no stream at all
      Effect.catchIf(
        (error) => error._tag === "HttpClientError" && error.reason._tag === "EmptyBodyError",
        () => Effect.succeed(new Uint8Array(0))
      )
    )
  })
