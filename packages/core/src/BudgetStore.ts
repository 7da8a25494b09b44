/**
 * Where the client keeps its rate-limit budgets: in memory (one process) or in Redis (every process using the
 * same Redis and prefix shares them).
 *
 * A budget is a **sliding log of send times**: a rule `{ limit, window }` grants a request only while fewer than
 * `limit` requests were granted in the last `window` — so no interval of length `window` ever holds more than
 * `limit` sends, which is what e621 counts (its edge counts arrivals; its application throttles are fixed
 * windows, which a sliding log never exceeds). A token is taken **at the moment it is granted**, never reserved
 * for later, so a store that loses its data cannot hand out a slot that a sleeping request already holds.
 *
 * Each `take` is atomic and also keeps waiters in turn: while several clients wait for the same budget, only
 * the one that has waited longest is granted the next free slot.
 *
 * Redis specifics: times come from the Redis server (`TIME`), not from each process's clock; and a rule whose
 * log Redis has never seen — first use, or Redis restarted and lost its data — starts **full** (as if `limit`
 * requests had just been sent), so a restarted Redis cannot grant a burst on top of what went out just before.
 * The price is one window of waiting per rule on a brand-new Redis.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redis from "effect/persistence/Redis"
import { checkOptions, type E621InvalidInput, optionKeys } from "./E621Error.ts"

/**
 * At most `limit` grants in any `windowMillis` for the log stored under `key`.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Rule {
  /** Names the log (per host and bucket, e.g. `"e621:e621.net:read"`). */
  readonly key: string
  /** Grants allowed in any window. */
  readonly limit: number
  /** The window, in milliseconds. */
  readonly windowMillis: number
}

/**
 * One request for a token: every rule must have room (the first rule's key also names the queue of waiters),
 * and `waiter` identifies who asks, to keep turns.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Take {
  /** Every rule must have room; the first one's key names the queue of waiters. */
  readonly rules: ReadonlyArray<Rule>
  /** Who asks (one per client and bucket), to keep turns. */
  readonly waiter: string
  /**
   * How long after the store's answer the request will be sent, as the client estimates it (the way back of a
   * remote store): a grant is recorded that much later, never earlier than the previous one (default 0).
   */
  readonly ahead?: number | undefined
}

/**
 * The answer of a store: `Granted` (send now), or wait `millis` and ask again.
 *
 * @category Types
 * @since 0.1.0
 */
export type Decision =
  | { readonly _tag: "Granted" }
  | { readonly _tag: "Wait"; readonly millis: number }

/**
 * The store could not answer (Redis down, restarting, or refusing the script).
 *
 * @category Errors
 * @since 0.1.0
 */
export class BudgetStoreError extends Data.TaggedError("BudgetStoreError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/**
 * The service: one atomic `take`.
 *
 * @category Errors
 * @since 0.1.0
 */
export class BudgetStore extends Context.Service<BudgetStore, {
  /** Atomically grants a token of every rule of `take` (recording the send now), or says how long to wait. */
  readonly take: (take: Take) => Effect.Effect<Decision, BudgetStoreError>
}>()("@effect-e621/core/BudgetStore") {}

/** How long before the next ask when the slot is free but another waiter has the turn. */
const turnMillis = 20

/** A waiter that has not asked for this long is gone (interrupted, crashed) and loses its turn. */
const staleMillis = (rules: ReadonlyArray<Rule>): number => Math.max(...rules.map((rule) => rule.windowMillis)) + 2_000

const granted: Decision = { _tag: "Granted" }

/**
 * A store in memory, on the effect `Clock` (so `TestClock` drives it). One per layer: share the layer to share
 * the budgets.
 *
 * @category Constants
 * @since 0.1.0
 */
export const makeMemory: Effect.Effect<BudgetStore["Service"]> = Effect.sync(() => {
  const logs = new Map<string, Array<number>>()
  const queues = new Map<string, Map<string, { readonly since: number; seen: number }>>()
  const take = ({ ahead = 0, rules, waiter }: Take): Effect.Effect<Decision> =>
    Clock.currentTimeMillis.pipe(Effect.map((now) => {
      let wait = 0
      for (const rule of rules) {
        const log = (logs.get(rule.key) ?? []).filter((at) => at > now - rule.windowMillis)
        logs.set(rule.key, log)
        if (log.length >= rule.limit) wait = Math.max(wait, log[log.length - rule.limit]! + rule.windowMillis - now)
      }
      const queueKey = rules[0]!.key
      const queue = queues.get(queueKey) ?? new Map<string, { readonly since: number; seen: number }>()
      queues.set(queueKey, queue)
      const stale = staleMillis(rules)
      for (const [id, entry] of queue) if (entry.seen <= now - stale) queue.delete(id)
      const mine = queue.get(waiter) ?? { since: now, seen: now }
      mine.seen = now
      queue.set(waiter, mine)
      if (wait > 0) return { _tag: "Wait", millis: wait } as const
      let first: string | undefined
      let firstSince = Number.POSITIVE_INFINITY
      for (const [id, entry] of queue) {
        if (entry.since < firstSince) {
          first = id
          firstSince = entry.since
        }
      }
      if (first !== waiter) return { _tag: "Wait", millis: turnMillis } as const
      queue.delete(waiter)
      for (const rule of rules) {
        const log = logs.get(rule.key)!
        log.push(Math.max(now + ahead, log[log.length - 1] ?? 0))
      }
      return granted
    }))
  return BudgetStore.of({ take })
})

/**
 * The in-memory store as a layer.
 *
 * @category Constants
 * @since 0.1.0
 */
export const layerMemory: Layer.Layer<BudgetStore> = Layer.effect(BudgetStore, makeMemory)

// KEYS: waiters, alive, then per rule its log and its "seen" marker. ARGV: waiter, stale ms, turn ms, ahead ms,
// then per rule its limit and window (ms). Returns 0 (granted) or the milliseconds to wait.
// (`@__PURE__`: a bundle that never uses `layerRedis` drops the script, ≈ 2 KiB minified.)
const takeScript = /* @__PURE__ */ Redis.script(
  (keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) => [...keys, ...args],
  {
    numberOfKeys: (keys) => keys.length,
    lua: `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local waiters, alive = KEYS[1], KEYS[2]
local waiter, stale, turn, ahead = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local n = (#KEYS - 2) / 2
local wait = 0
for i = 1, n do
  local log, seen = KEYS[1 + 2 * i], KEYS[2 + 2 * i]
  local limit, window = tonumber(ARGV[3 + 2 * i]), tonumber(ARGV[4 + 2 * i])
  if redis.call("EXISTS", seen) == 0 then
    -- never seen, or Redis lost its data: assume a full window was just spent
    redis.call("DEL", log)
    for _ = 1, limit do redis.call("RPUSH", log, now) end
    redis.call("PEXPIRE", log, window)
    redis.call("SET", seen, now)
  end
  while true do
    local first = redis.call("LINDEX", log, 0)
    if not first or tonumber(first) > now - window then break end
    redis.call("LPOP", log)
  end
  local count = redis.call("LLEN", log)
  if count >= limit then
    local edge = tonumber(redis.call("LINDEX", log, count - limit)) + window - now
    if edge > wait then wait = edge end
  end
end
redis.call("ZREMRANGEBYSCORE", alive, "-inf", now - stale)
for _, id in ipairs(redis.call("ZRANGE", waiters, 0, -1)) do
  if not redis.call("ZSCORE", alive, id) then redis.call("ZREM", waiters, id) end
end
redis.call("ZADD", waiters, "NX", now, waiter)
redis.call("ZADD", alive, now, waiter)
redis.call("PEXPIRE", waiters, stale)
redis.call("PEXPIRE", alive, stale)
if wait > 0 then return wait end
if redis.call("ZRANGE", waiters, 0, 0)[1] ~= waiter then return turn end
redis.call("ZREM", waiters, waiter)
redis.call("ZREM", alive, waiter)
for i = 1, n do
  local log = KEYS[1 + 2 * i]
  local limit, window = tonumber(ARGV[3 + 2 * i]), tonumber(ARGV[4 + 2 * i])
  local last = tonumber(redis.call("LINDEX", log, -1) or "0")
  redis.call("RPUSH", log, math.max(now + ahead, last))
  redis.call("LTRIM", log, -limit, -1)
  redis.call("PEXPIRE", log, window)
end
return 0
`
  }
).withReturnType<number>()

/**
 * Options of {@link makeRedis} and {@link layerRedis}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RedisOptions {
  /** Prefix of every key the budgets use in Redis (default `"e621:rl:"`). */
  readonly prefix?: string | undefined
}

const redisKeys = /* @__PURE__ */ optionKeys<RedisOptions>({ prefix: true })

/**
 * A store in Redis (any `Redis` service, e.g. `NodeRedis.layer`), keys under `prefix` (default `"e621:rl:"`).
 *
 * @category Constructors
 * @since 0.1.0
 */
export const makeRedis = (options: RedisOptions = {}): Effect.Effect<BudgetStore["Service"], E621InvalidInput, Redis.Redis> =>
  Effect.gen(function*() {
    yield* checkOptions(options, redisKeys, undefined)
    const prefix = options.prefix ?? "e621:rl:"
    const run = (yield* Redis.Redis).eval(takeScript)
    const take = ({ ahead = 0, rules, waiter }: Take): Effect.Effect<Decision, BudgetStoreError> => {
      const queue = `${prefix}${rules[0]!.key}:queue`
      const keys = [`${queue}:waiters`, `${queue}:alive`, ...rules.flatMap((rule) => [`${prefix}${rule.key}`, `${prefix}${rule.key}:seen`])]
      const args = [waiter, staleMillis(rules), turnMillis, Math.ceil(ahead), ...rules.flatMap((rule) => [rule.limit, Math.ceil(rule.windowMillis)])]
      return run(keys, args).pipe(
        Effect.map((wait): Decision => Number(wait) <= 0 ? granted : { _tag: "Wait", millis: Number(wait) }),
        Effect.mapError((error) => new BudgetStoreError({ message: `Redis: ${String(error.cause ?? error.message)}`, cause: error }))
      )
    }
    return BudgetStore.of({ take })
  })

/**
 * The Redis store as a layer over a `Redis` service.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerRedis = (options: RedisOptions = {}): Layer.Layer<BudgetStore, E621InvalidInput, Redis.Redis> =>
  Layer.effect(BudgetStore, makeRedis(options))
