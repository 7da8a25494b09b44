/**
 * The retry stage: transient failures get more attempts, each of which goes through the limiter again.
 *
 * Exponential from `retry.base` with jitter, each delay capped at `retry.maxDelay` (1 minute) but never sooner
 * than the server's `Retry-After` (on a 429, 503 or any 5xx that carries one); a `Retry-After` beyond `maxServerWait` is not waited for (the error goes to
 * the caller). What is retried is {@link isRetryable}: reads (and idempotent writes) on 5xx, 429/503, network
 * errors, timeouts and cut bodies; other writes only when e621 provably did not process them.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { Retry } from "../../E621Client.ts"
import type { E621Error } from "../../E621Error.ts"
import * as Classify from "../classify.ts"

/**
 * Whether a failure is worth another attempt. Reads (and idempotent writes): 5xx, 429/503, network errors,
 * timeouts and cut bodies. Other writes only when e621 provably did not process them: 429/503 (a limiter
 * answered) or a connection that never reached the server.
 */
export const isRetryable = (error: E621Error, read: boolean): boolean => {
  switch (error._tag) {
    case "E621RateLimited":
      return true
    case "E621ServerError":
      return read
    case "E621TransportError":
      return read || !error.sent
    default:
      return false
  }
}

/** The stage: `attempt` retried under the policy (`undefined` or 0 times: as it is). */
export const stage = (retry: Retry | undefined, maxServerWait: number) => {
  if (retry === undefined || retry.times === 0) return (_read: boolean) => <A>(attempt: Effect.Effect<A, E621Error>) => attempt
  const reads = schedule(retry, true, maxServerWait)
  const writes = schedule(retry, false, maxServerWait)
  return (read: boolean) => <A>(attempt: Effect.Effect<A, E621Error>): Effect.Effect<A, E621Error> =>
    Effect.retry(attempt, read ? reads : writes)
}

const schedule = (retry: Retry, read: boolean, maxServerWait: number) => {
  const cap = Duration.fromInputUnsafe(retry.maxDelay ?? "1 minute")
  return Schedule.exponential(retry.base).pipe(
    Schedule.jittered,
    Schedule.setInputType<E621Error>(),
    Schedule.modifyDelay(({ duration, input }) => {
      const retryAfter = Classify.serverWait(input)
      const delay = Duration.min(duration, cap)
      return Effect.succeed(retryAfter === undefined ? delay : Duration.max(delay, Duration.millis(retryAfter)))
    }),
    Schedule.while(({ input }) => isRetryable(input, read) && !beyond(input, maxServerWait)),
    Schedule.upTo({ times: retry.times })
  )
}

/** A `Retry-After` longer than the client will wait: the error goes to the caller as it is. */
const beyond = (error: E621Error, maxServerWait: number): boolean => {
  const wait = Classify.serverWait(error)
  return wait !== undefined && wait > maxServerWait
}
