/**
 * Helpers shared by the reliability tests: counting requests per window, and running an effect with a logger
 * and a tracer that record everything (to look for secrets in them).
 */
import { Cause, Effect, Logger, References, Tracer } from "effect"

/** The most requests in any window of `width` ms. */
export const busiest = (times: ReadonlyArray<number>, width: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= width) j++
    best = Math.max(best, i - j + 1)
  }
  return best
}

/** Runs `effect` recording every log line (with annotations and causes; a failure is logged too) and every span. */
export const observed = <A, E, R>(effect: Effect.Effect<A, E, R>) => {
  const logs: Array<string> = []
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span(options) {
      const span = Tracer.nativeTracer.span(options)
      spans.push(span)
      return span
    }
  })
  const logger = Logger.make((options) => {
    const annotations = options.fiber.getRef(References.CurrentLogAnnotations)
    logs.push(`${JSON.stringify(options.message)} ${JSON.stringify(annotations)} ${Cause.pretty(options.cause)}`)
  })
  return effect.pipe(
    Effect.tapCause((cause) => Effect.logError("request failed", cause)),
    Effect.provide(Logger.layer([logger])),
    Effect.provideService(References.MinimumLogLevel, "All"),
    Effect.provideService(Tracer.Tracer, tracer),
    Effect.exit,
    Effect.map((exit) => ({ exit, logs, spans }))
  )
}
