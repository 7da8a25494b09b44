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
  /** The total waiting allowed, given the bytes received so far. */
  readonly overall: (received: number) => number
}

/**
 * The default overall deadline: a grace of 10 minutes plus the size at 64 KiB/s — about 12.5 minutes for a
 * 10 MB image, 13.7 hours for a 3 GB export. The size is the announced `Content-Length`, or, when the server
 * announced none, the bytes received so far (a body of unknown length must keep an average of 64 KiB/s).
 *
 * @internal
 */
export const proportional = (announced: number | undefined) => (received: number): number =>
  graceMillis + Math.max(announced ?? 0, received) / minBytesPerSecond * 1000

const graceMillis = 10 * 60 * 1000
const minBytesPerSecond = 64 * 1024

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
        let received = 0
        return Effect.suspend(() => {
          const left = deadlines.overall(received) - waited
          const what = left < deadlines.idle ? "overall" as const : "idle" as const
          const limit = Duration.millis(what === "idle" ? deadlines.idle : deadlines.overall(received))
          const start = clock.currentTimeMillisUnsafe()
          return pull.pipe(
            Effect.timeoutOrElse({
              duration: Duration.millis(Math.max(0, Math.min(left, deadlines.idle))),
              orElse: () => Effect.fail(onTimeout(what, limit))
            }),
            Effect.tap((chunks) =>
              Effect.sync(() => {
                for (const chunk of chunks) received += chunk.byteLength
              })
            ),
            Effect.ensuring(Effect.sync(() => {
              waited += clock.currentTimeMillisUnsafe() - start
            }))
          )
        })
      })
    ))
