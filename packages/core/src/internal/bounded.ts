/**
 * Deadlines of a body being received: what keeps a stalled or trickling answer from holding a fiber (and a
 * connection) forever.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/**
 * The deadlines of one body, in milliseconds: the longest wait for the next chunk (`idle`), and the most
 * time spent waiting in total (`overall`). Only time spent waiting for the network counts: a consumer that
 * writes slowly to disk (back-pressure) never makes a transfer time out.
 *
 * @internal
 */
export interface Deadlines {
  readonly idle: number
  readonly overall: number
}

/**
 * The default overall deadline: a grace of 10 minutes plus the size at 64 KiB/s — about 12.5 minutes for a
 * 10 MB image, 13.7 hours for a 3 GB export. The size is the announced `Content-Length`; a body without one
 * (e621's static host always sends it) is given the time of 4 GiB, about 18.4 hours: a deadline still.
 *
 * @internal
 */
export const proportional = (announced: number | undefined): number =>
  graceMillis + (announced ?? unknownSize) / minBytesPerSecond * 1000

const graceMillis = 10 * 60 * 1000
const minBytesPerSecond = 64 * 1024
const unknownSize = 4 * 1024 * 1024 * 1024

/**
 * Fails a body stream with `onTimeout(what, limit)` when the next chunk takes longer than `idle`, or when the
 * total waiting passes `overall`.
 *
 * @internal
 */
export const withDeadlines = <E, R, E2>(
  body: Stream.Stream<Uint8Array, E, R>,
  deadlines: Deadlines,
  onTimeout: (what: "idle" | "overall", limit: Duration.Duration) => E2
): Stream.Stream<Uint8Array, E | E2, R> =>
  Stream.transformPull(body, (pull) =>
    Effect.clockWith((clock) =>
      Effect.sync(() => {
        let waited = 0
        return Effect.suspend(() => {
          const left = deadlines.overall - waited
          const what = left < deadlines.idle ? "overall" as const : "idle" as const
          const start = clock.currentTimeMillisUnsafe()
          return pull.pipe(
            Effect.timeoutOrElse({
              duration: Duration.millis(Math.max(0, Math.min(left, deadlines.idle))),
              orElse: () => Effect.fail(onTimeout(what, Duration.millis(what === "idle" ? deadlines.idle : deadlines.overall)))
            }),
            Effect.ensuring(Effect.sync(() => {
              waited += clock.currentTimeMillisUnsafe() - start
            }))
          )
        })
      })
    ))
