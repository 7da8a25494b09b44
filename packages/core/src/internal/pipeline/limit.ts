/**
 * The limit stage: no attempt goes out without room in every budget it falls under.
 *
 * Before each attempt: a pause left on the bucket by a `Retry-After` and, for writes, pacing from e621's
 * `X-Api-Limit`; then a token from `internal/budget.ts` for every rule of the request — its bucket's (per host)
 * and, on e621's own sites, the edge's 2 per second (files excepted). Windows are stretched by 5 % for network
 * jitter. The budget never fails open: a store that stays unavailable fails the attempt with
 * `E621BudgetUnavailable`. A 429/503 with a `Retry-After` the client will wait for pauses the whole bucket (every
 * fiber using the client), not only the request that saw it. `rateLimit: false` (other base URLs only) lifts
 * every budget but that of files from e621's own hosts.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Headers from "effect/http/Headers"
import type * as BudgetStore from "../../BudgetStore.ts"
import type { Bucket, RateLimit } from "../../E621Client.ts"
import { E621BudgetUnavailable, type E621Error } from "../../E621Error.ts"
import * as Budget from "../budget.ts"
import * as Classify from "../classify.ts"

/**
 * Write pacing from e621's `X-Api-Limit` (writes left in its sliding minute): below this many, each write
 * first waits a minute divided by (writes left + 1) — 10 s with 5 left, a full minute with none — so a busy
 * client (or several sharing an account) slows down before e621 answers 429.
 */
const writePacingThreshold = 6
const writeWindowMillis = 60_000

/** What the limiter needs to know of a request. */
export interface Call {
  readonly context: Classify.Context
  readonly bucket: Bucket
  /** The host whose budget it draws from (`host:port`). */
  readonly host: string
  /** In a browser, a preflighted request is two requests at e621's edge: the `OPTIONS` draws a read token. */
  readonly preflighted: boolean
}

/** The limiter's configuration: the budget of each bucket, whether they are lifted, the site, the store. */
export interface Config {
  readonly budgets: (bucket: Bucket) => RateLimit
  /** `rateLimit: false` (other base URLs only): no budget, except for files from e621's own hosts. */
  readonly unlimited: boolean
  /** e621's site (`e621`, `e926`, `e6ai`) for the edge budget, if the base URL is one of them. */
  readonly site: string | undefined
  readonly maxServerWait: number
  readonly unavailable: Budget.Unavailable
}

/** One client's limiter, shared by its API and file requests. */
export interface Limiter {
  /** The stage: waits for the budget, runs the attempt, pauses the bucket on a `Retry-After`. */
  readonly around: (call: Call) => <A>(attempt: Effect.Effect<A, E621Error>) => Effect.Effect<A, E621Error>
  /** Notes e621's `X-Api-Limit` of a write's answer (write pacing). */
  readonly observe: (bucket: Bucket, headers: Headers.Headers) => void
}

/** A limiter over `store`. */
export const make = (store: BudgetStore.BudgetStore["Service"], config: Config): Effect.Effect<Limiter> =>
  Effect.map(Budget.make(store, config.unavailable), (budget) => {
    const { budgets, maxServerWait, site, unlimited } = config
    const pausedUntil = new Map<Bucket, number>()
    // Writes left in e621's sliding minute, from the X-Api-Limit header of the last write.
    let writesLeft: number | undefined

    /** The rules a request of `bucket` to `host` must all have room in: its bucket's, and on e621 the edge's. */
    const rulesOf = (bucket: Bucket, host: string): ReadonlyArray<BudgetStore.Rule> | undefined => {
      // `rateLimit: false` (allowed for other base URLs) never lifts the budget of files from e621's own hosts
      const e621Files = bucket === "files" && Budget.isPublicHost(new URL(`http://${host}`).hostname)
      if (unlimited && !e621Files) return undefined
      const own = budgets(bucket)
      const rules: Array<BudgetStore.Rule> = [{ key: `e621:${host}:${bucket}`, limit: own.limit, windowMillis: windowOf(own) }]
      if (site !== undefined && bucket !== "files") {
        rules.push({ key: `e621:${site}:edge`, limit: Budget.edge.limit, windowMillis: Budget.edge.perMillis * Budget.margin })
      }
      return rules
    }

    const waitForPause = (bucket: Bucket): Effect.Effect<void> =>
      Effect.clockWith((clock) => {
        const until = pausedUntil.get(bucket) ?? 0
        const wait = until - clock.currentTimeMillisUnsafe()
        const pacing = bucket === "write" && writesLeft !== undefined && writesLeft < writePacingThreshold
          ? Math.round(writeWindowMillis / (writesLeft + 1))
          : 0
        const total = Math.min(Math.max(wait, 0) + pacing, maxServerWait)
        return total > 0 ? Effect.sleep(total) : Effect.void
      })

    // Never fails open: without a token no request goes out (see internal/budget.ts).
    const waitForBudget = (bucket: Bucket, host: string): Effect.Effect<void, E621BudgetUnavailable> => {
      const rules = rulesOf(bucket, host)
      return rules === undefined ? waitForPause(bucket) : Effect.andThen(waitForPause(bucket), budget.acquire(rules))
    }

    // A Retry-After (on a 429, 503 or other 5xx) pauses the whole bucket; one beyond `maxServerWait` is not waited
    // for (the error goes to the caller) and pauses nothing.
    const pauseOn = (bucket: Bucket, error: E621Error): Effect.Effect<void> => {
      const wait = Classify.serverWait(error)
      return wait !== undefined && wait <= maxServerWait
        ? Effect.clockWith((clock) =>
          Effect.sync(() => {
            const until = clock.currentTimeMillisUnsafe() + wait
            if (until > (pausedUntil.get(bucket) ?? 0)) pausedUntil.set(bucket, until)
          })
        )
        : Effect.void
    }

    const around = (call: Call) => {
      const tokens = call.preflighted
        ? Effect.andThen(waitForBudget("read", call.host), waitForBudget(call.bucket, call.host))
        : waitForBudget(call.bucket, call.host)
      const acquire = Effect.mapError(tokens, (error) => withContext(error, call.context))
      return <A>(attempt: Effect.Effect<A, E621Error>): Effect.Effect<A, E621Error> =>
        acquire.pipe(Effect.andThen(attempt), Effect.tapError((error) => pauseOn(call.bucket, error)))
    }

    const observe = (bucket: Bucket, headers: Headers.Headers): void => {
      const limit = bucket === "write" ? headers["x-api-limit"] : undefined
      if (limit !== undefined && /^\d+$/.test(limit)) writesLeft = Math.max(0, Number(limit) - 1)
    }

    return { around, observe }
  })

const windowOf = (rate: RateLimit) => Duration.toMillis(Duration.fromInputUnsafe(rate.window)) * Budget.margin

const withContext = (error: E621BudgetUnavailable, context: Classify.Context): E621BudgetUnavailable =>
  new E621BudgetUnavailable({ ...context, waited: error.waited, message: `${context.method} ${context.url}: ${error.message}` })
