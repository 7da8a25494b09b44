/**
 * The client side of the rate-limit budget: e621's limits, the checks that keep public sites within them, and
 * `acquire`, which waits its turn for a token from the `BudgetStore` and never lets a request go without one.
 *
 * - Requests of one client wait in line per bucket (first come, first served); only the head of the line asks
 *   the store, which keeps turns between clients and processes.
 * - A store that fails, or does not answer within {@link storeTimeoutMillis}, is unavailable: the request waits
 *   with backoff (fail closed) and fails with `E621BudgetUnavailable` once the store has been unavailable for
 *   `maxWait`; or, only when the user opts in, draws from a local budget with the same rules meanwhile.
 * - The store records each grant at the time the request will go out: its answer time plus the client's
 *   estimate of the way back (a moving average of the store's round trips). A grant that comes back later
 *   than that estimate allows is not used (its slot may already be counted as past by others).
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Semaphore from "effect/Semaphore"
import * as BudgetStore from "../BudgetStore.ts"
import { E621BudgetUnavailable } from "../E621Error.ts"

/**
 * The e621 sites: their own domains and every subdomain (`www.e621.net`, `static1.e621.net`, …).
 */
const publicDomains = ["e621.net", "e926.net", "e6ai.net"] as const

/**
 * Whether a host name belongs to e621, e926 or e6ai (case, a trailing dot and subdomains do not matter).
 */
export const isPublicHost = (hostname: string): boolean => siteOf(hostname) !== undefined

/**
 * The e621 site a host name belongs to (`"e621.net"` for `www.e621.net`), or `undefined`: one edge budget per
 * site, however it is reached.
 */
export const siteOf = (hostname: string): string | undefined => {
  const name = hostname.toLowerCase().replace(/\.+$/, "")
  return publicDomains.find((domain) => name === domain || name.endsWith(`.${domain}`))
}

/**
 * A limit as e621 states it: at most `limit` requests per `perMillis`.
 */
export interface Limit {
  readonly limit: number
  readonly perMillis: number
  readonly label: string
}

/** e621's edge: 2 requests per second for every API request (503 beyond), counted on arrival. */
export const edge: Limit = { limit: 2, perMillis: 1_000, label: "2 requests per second (e621's hard limit)" }

/**
 * e621's limits per bucket, which a budget for a public site must keep (files are served by the static host,
 * which states none). IQDB: `app/controllers/iqdb_queries_controller.rb` (since 2026-08-21); its bursts are
 * kept within the edge's 2 per second by the edge rule every API request also draws from.
 */
export const e621Limits = (bucket: string, anonymous: boolean): ReadonlyArray<Limit> => {
  switch (bucket) {
    case "read":
    case "write":
      return [edge]
    case "iqdb":
      return [{ limit: 10, perMillis: 10_000, label: "10 look-ups by post or hash per 10 seconds" }]
    case "iqdbImage":
      return anonymous
        ? [{ limit: 1, perMillis: 60_000, label: "1 look-up by file or URL per minute (anonymous)" }]
        : [{ limit: 6, perMillis: 10_000, label: "6 look-ups by file or URL per 10 seconds (members)" }]
    default:
      return []
  }
}

/**
 * The most requests a budget of at most `limit` per `windowMillis` (a sliding log) lets through in any interval
 * of `periodMillis`.
 */
export const mostIn = (limit: number, windowMillis: number, periodMillis: number): number =>
  limit * Math.ceil(periodMillis / windowMillis)

/**
 * e621 counts arrivals; a request that waits for its connection arrives later than its send time. Windows are
 * stretched by 5 % for that jitter (the sliding log then never lets an arrival-measured window exceed the limit
 * for delays up to 5 % of the window).
 */
export const margin = 1.05

/** A store that does not answer within this is unavailable (Redis down, restarting, paused). */
export const storeTimeoutMillis = 2_000

const inMemory = new WeakSet<object>()

/**
 * Marks an `HttpClient` whose requests never leave the process (the in-memory fake): clients over it may use
 * budgets that e621's public sites would refuse.
 */
export const markInMemory = <A extends object>(transport: A): A => {
  inMemory.add(transport)
  return transport
}

/** Whether a transport was marked by {@link markInMemory}. */
export const isInMemory = (transport: object): boolean => inMemory.has(transport)

/**
 * What to do while the store is unavailable: wait up to `maxWaitMillis` (then fail), or use a local budget.
 */
export interface Unavailable {
  readonly maxWaitMillis: number
  readonly fallback: "none" | "local"
}

/**
 * A client's access to its budgets.
 */
export interface Budget {
  /** Waits for a token of every rule (the first one names the line), then returns: send at once. */
  readonly acquire: (rules: ReadonlyArray<BudgetStore.Rule>) => Effect.Effect<void, E621BudgetUnavailable>
}

const backoffMillis = (attempt: number): number => Math.min(2_000, 100 * 2 ** attempt)

/**
 * Builds a client's budget over a store.
 */
export const make = (store: BudgetStore.BudgetStore["Service"], unavailable: Unavailable): Effect.Effect<Budget> =>
  Effect.gen(function*() {
    const local = yield* BudgetStore.makeMemory
    const id = globalThis.crypto.randomUUID()
    const lines = new Map<string, Semaphore.Semaphore>()
    // Client-wide state of the store: unavailable since (or undefined), the last time anyone asked, and the end
    // of the local budget's last window (the shared one resumes only after it).
    let failingSince: number | undefined
    let lastAsked = Number.NEGATIVE_INFINITY
    let localUntil = Number.NEGATIVE_INFINITY
    let failures = 0
    let reason = ""
    // moving average of the store's round trips (0 for memory)
    let roundTrip = 0
    let trips = 0

    const unavailableError = (now: number, reason: string) =>
      new E621BudgetUnavailable({
        waited: now - (failingSince ?? now),
        message: `the rate-limit store is unavailable (${reason}) for ${
          Math.round((now - (failingSince ?? now)) / 1000)
        } s; no request is sent without a token`
      })

    const acquire = (rules: ReadonlyArray<BudgetStore.Rule>): Effect.Effect<void, E621BudgetUnavailable> => {
      const name = rules[0]!.key
      let line = lines.get(name)
      if (line === undefined) {
        line = Semaphore.makeUnsafe(1)
        lines.set(name, line)
      }
      const waiter = `${id}:${name}`
      const freshMillis = Math.min(...rules.map((rule) => rule.windowMillis)) * (1 - 1 / margin)
      const widest = Math.max(...rules.map((rule) => rule.windowMillis))

      /** A token of the local budget (the opt-in fallback), or how long to wait for one. */
      const fromLocal = (now: number) =>
        Effect.orDie(local.take({ rules, waiter })).pipe(
          Effect.map((decision) => {
            if (decision._tag === "Granted") localUntil = now + widest
            return decision
          })
        )

      const ask: Effect.Effect<void, E621BudgetUnavailable> = Effect.gen(function*() {
        while (true) {
          const started = yield* Clock.currentTimeMillis
          // while the store is known to be unavailable, ask it at most once a second (the others fail fast or,
          // with the fallback, go to the local budget)
          const askedLately = failingSince !== undefined && started - lastAsked < 1_000
          if (askedLately && unavailable.fallback === "local") {
            const decision = yield* fromLocal(started)
            if (decision._tag === "Granted") return
            yield* Effect.sleep(decision.millis)
            continue
          }
          if (askedLately && started - failingSince! >= unavailable.maxWaitMillis) {
            return yield* Effect.fail(unavailableError(started, reason))
          }
          lastAsked = started
          const ahead = Math.ceil(roundTrip)
          const answer = yield* store.take({ rules, waiter, ahead }).pipe(
            Effect.timeoutOrElse({
              duration: storeTimeoutMillis,
              orElse: () => Effect.fail(new BudgetStore.BudgetStoreError({ message: `no answer within ${storeTimeoutMillis / 1000} s` }))
            }),
            Effect.result
          )
          const now = yield* Clock.currentTimeMillis
          const late = answer._tag === "Success" && answer.success._tag === "Granted" && now - started > ahead + freshMillis
          if (answer._tag === "Success") roundTrip = trips++ === 0 ? now - started : roundTrip * 0.8 + (now - started) * 0.2
          if (answer._tag === "Success" && !late) {
            if (failingSince !== undefined) yield* Effect.logInfo("e621 rate-limit store available again")
            failingSince = undefined
            failures = 0
            if (now < localUntil) {
              // back from the local budget: its sends are unknown to the store, so let them age out first
              yield* Effect.sleep(localUntil - now)
              continue
            }
            if (answer.success._tag === "Granted") return
            yield* Effect.sleep(answer.success.millis)
            continue
          }
          reason = answer._tag === "Failure" ? answer.failure.message : `a grant came back after ${now - started} ms`
          if (failingSince === undefined) {
            failingSince = started
            yield* Effect.logWarning(`e621 rate-limit store unavailable (${reason}): waiting, not sending`)
          }
          if (unavailable.fallback === "local") {
            const decision = yield* fromLocal(now)
            if (decision._tag === "Granted") return
            yield* Effect.sleep(decision.millis)
            continue
          }
          if (now - failingSince >= unavailable.maxWaitMillis) return yield* Effect.fail(unavailableError(now, reason))
          yield* Effect.sleep(Math.min(backoffMillis(failures++), failingSince + unavailable.maxWaitMillis - now))
        }
      })
      return Semaphore.withPermits(line, 1)(ask)
    }
    return { acquire }
  })
