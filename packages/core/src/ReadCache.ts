/**
 * A cache of read answers that saves the request budget: an opt-in layer over `E621Client` that keeps GET
 * answers in an effect `KeyValueStore` ({@link layerMemory}, bounded, for one process; `layerFileSystem` or
 * `layerSql` for one machine; {@link layerStoreRedis} for many) and answers repeated reads from it — no request
 * sent, no rate-limit token spent, the `Response` marked `cached: true`.
 *
 * - **Freshness per family** (the first path segment: `tags`, `wiki_pages`, `posts`, …): tags, aliases,
 *   implications, wiki and help pages change rarely (an hour); single posts, pools and users change often (a
 *   minute); post lists, favourites and everything private (`users/me`, dmails) are not cached unless you say
 *   so. {@link Options} overrides any family; {@link withPolicy} overrides one call (`maxAge`, `noStore`).
 * - **The client's own writes invalidate**: a write to `/<family>/<id>…` (or naming a `post_id`), whatever
 *   its outcome, drops the cached reads of that resource and of its family's lists, for every user — a vote or edit on
 *   post N drops the cached `GET /posts/N.json`; and a read that overlapped one of this client's writes is
 *   not stored (its answer may predate the write).
 * - **Per user**: keys hold the client's `identity` (a digest of the user name and API key, never the key),
 *   so one user's answers are never served to another; the key never appears in a cache key or value.
 * - A failing store never fails a read, and a slow one never holds it for more than a second
 *   ({@link storeDeadline}): the error is logged and the request goes to e621.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { ReadCache } from "@effect-e621/core"
 * import { NodeE621 } from "@effect-e621/platform-node"
 *
 * const client = ReadCache.layer({ ttl: { posts: "30 seconds" } }).pipe(
 *   Layer.provide(NodeE621.layer({ userAgent: "my-bot/1.0 (by me on e621)" })),
 *   Layer.provide(ReadCache.layerMemory(10_000))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Headers from "effect/http/Headers"
import * as Layer from "effect/Layer"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import * as Redis from "effect/persistence/Redis"
import * as E621Client from "./E621Client.ts"
import { type E621Error, type E621InvalidInput, invalidInput } from "./E621Error.ts"
import * as Params from "./internal/params.ts"

/**
 * How long answers of each family stay fresh, by the first segment of their path (`"tags"` for
 * `/tags/autocomplete.json`, `"posts"` for `/posts/1.json`); `"posts.json"`-style keys name a family's list
 * route alone. `0` (or absent) is not cached.
 *
 * @category Types
 * @since 0.1.0
 */
export type Ttl = Readonly<Record<string, Duration.Input>>

/**
 * The defaults: long for what changes rarely, short for single posts, pools and users, nothing for post
 * lists (new uploads, changing scores) and private answers.
 *
 * @category Constants
 * @since 0.1.0
 */
export const defaultTtl: Ttl = {
  tags: "1 hour",
  tag_aliases: "1 hour",
  tag_implications: "1 hour",
  tag_type_versions: "1 hour",
  wiki_pages: "1 hour",
  help: "1 hour",
  artists: "1 hour",
  artist_urls: "1 hour",
  avoid_postings: "1 hour",
  mascots: "1 hour",
  news_updates: "10 minutes",
  posts: "1 minute",
  "posts.json": "0 millis",
  pools: "1 minute",
  post_sets: "1 minute",
  users: "1 minute",
  comments: "1 minute",
  notes: "1 minute"
}

/**
 * Options of {@link layer}: per-family freshness merged over {@link defaultTtl}, the largest answer kept
 * (default 1 MiB; bigger ones are not cached), and the key prefix (default `"e621-cache:v1:"`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** Freshness per family, merged over {@link defaultTtl}. */
  readonly ttl?: Ttl | undefined
  /** The largest answer kept, in bytes of its stored JSON (default 1 MiB). */
  readonly maxEntryBytes?: number | undefined
  /** Prefix of every key in the store (default `"e621-cache:v1:"`). */
  readonly prefix?: string | undefined
}

/**
 * A per-call policy, as `Cache-Control` would say it: `maxAge` (accept a cached answer this old; `0`: always
 * ask e621, still storing the answer) and `noStore` (neither read nor write the cache).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Policy {
  readonly maxAge?: Duration.Input | undefined
  readonly noStore?: boolean | undefined
}

/**
 * The policy in force (default: none, the family's freshness applies).
 *
 * @category Constants
 * @since 0.1.0
 */
export const CurrentPolicy = Context.Reference<Policy | undefined>("@effect-e621/core/ReadCache/CurrentPolicy", {
  defaultValue: () => undefined
})

const policyKeys = Params.keys<Policy>({ maxAge: true, noStore: true })

/** A policy's `maxAge` in milliseconds (`undefined`: none), refusing unknown keys and what is not a duration. */
const checkPolicy = (policy: Policy | undefined): Effect.Effect<number | undefined, E621InvalidInput> =>
  Effect.gen(function*() {
    yield* Params.options(policy, policyKeys)
    if (policy?.maxAge === undefined) return undefined
    yield* Params.durationKeys(policy.maxAge, "maxAge")
    const maxAge = Duration.fromInput(policy.maxAge)
    if (maxAge._tag === "None" || Duration.toMillis(maxAge.value) < 0) {
      return yield* invalidInput("maxAge", `must be a duration, got ${String(policy.maxAge)}`)
    }
    return Duration.toMillis(maxAge.value)
  })

/**
 * Runs an effect under a cache policy: `ReadCache.withPolicy(Tags.autocomplete("fox"), { maxAge: "1 day" })`.
 * For a stream, `Stream.provideService(stream, ReadCache.CurrentPolicy, policy)`. A policy with an unknown key
 * or a `maxAge` that is not a duration fails with `E621InvalidInput` before the effect runs.
 *
 * @category Functions
 * @function
 * @since 0.1.0
 */
export const withPolicy: {
  (policy: Policy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | E621InvalidInput, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E | E621InvalidInput, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E | E621InvalidInput, R> =>
    Effect.andThen(checkPolicy(policy), Effect.provideService(self, CurrentPolicy, policy))
)

/**
 * What the cache did so far: answers served (`hits`, each a request not sent), reads sent to e621 (`misses`),
 * answers stored, and invalidations by writes.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Stats {
  readonly hits: number
  readonly misses: number
  readonly stores: number
  readonly invalidations: number
}

/**
 * The cache's service: its counters, and dropping entries by hand.
 *
 * @category Services
 * @since 0.1.0
 */
export class ReadCache extends Context.Service<ReadCache, {
  readonly stats: Effect.Effect<Stats>
  /** Drops the cached reads of a path prefix (`"/posts/1"`, `"/tags"`) for every user; all of them without. */
  readonly invalidate: (pathPrefix?: string) => Effect.Effect<void>
}>()("@effect-e621/core/ReadCache") {}

/**
 * The counters of the {@link ReadCache} in context.
 *
 * @category Constants
 * @since 0.1.0
 */
export const stats: Effect.Effect<Stats, never, ReadCache> = ReadCache.use((cache) => cache.stats)

interface Entry {
  /** Stored at (ms). */
  readonly t: number
  readonly s: number
  readonly u: string
  readonly b: unknown
}

/** A stored entry, or `undefined` for anything else (another program's value, a truncated write). */
const readEntry = (text: string): Entry | undefined => {
  try {
    const entry: unknown = JSON.parse(text)
    if (typeof entry !== "object" || entry === null) return undefined
    const { b, s, t, u } = entry as Record<string, unknown>
    return typeof t === "number" && typeof s === "number" && typeof u === "string" ? { t, s, u, b } : undefined
  } catch {
    return undefined
  }
}

const familyOf = (path: string): string => path.split("/")[1] ?? ""

/** Private answers: never cached by default, whatever the family's freshness. */
const privatePaths = [/^\/users\/me\.json$/, /^\/dmails/, /^\/favorites/]

const queryText = (query: E621Client.Query | undefined): string => {
  if (query === undefined) return ""
  const parts: Array<string> = []
  for (const key of Object.keys(query).sort()) {
    const value = query[key]
    if (value === undefined) continue
    const values = Array.isArray(value) ? value : [value]
    for (const v of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`)
  }
  return parts.join("&")
}

/** Form and query fields that name the resource a write changes, by their last name (`note[post_id]`). */
const namedBy: Readonly<Record<string, string>> = {
  post_id: "posts",
  post_ids: "posts",
  other_post_id: "posts",
  parent_id: "posts",
  pool_id: "pools",
  pool_name: "pools",
  set_id: "post_sets"
}

/** Route families whose `/<family>/<id>` id is another family's (`DELETE /favorites/<post_id>.json`). */
const idOf: Readonly<Record<string, string>> = { favorites: "posts" }

/**
 * The cached paths a write makes stale, as key prefixes: its own resource `/<family>/<id>` (`.json` and every
 * sub-route), the posts, pools and sets its fields name (`post_id`, `note[post_id]`, `post_ids[]`, `pool_id`,
 * …; all of a family's for a name such as `pool_name`), and the lists of those families.
 */
const touched = (request: E621Client.Request): ReadonlyArray<string> => {
  const resources: Array<readonly [string, string]> = []
  const own = /^\/([a-z_]+)\/(\d+)(?:[./]|$)/.exec(request.path)
  if (own !== null) {
    resources.push([own[1]!, own[2]!])
    const other = idOf[own[1]!]
    if (other !== undefined) resources.push([other, own[2]!])
  }
  const fields = { ...request.query, ...(request.body?._tag === "Form" ? request.body.fields : undefined) }
  for (const [name, value] of Object.entries(fields)) {
    const family = namedBy[/([a-z_]+)\]?(?:\[\])?$/.exec(name)?.[1] ?? ""]
    if (family === undefined) continue
    for (const id of Array.isArray(value) ? value : [value]) {
      // a resource named by name, not id: every cached one of its family
      if (typeof id === "string" || typeof id === "number") resources.push([family, /^\d+$/.test(String(id)) ? String(id) : ""])
    }
  }
  const families = new Set([familyOf(request.path).replace(/\.json$/, ""), ...resources.map(([family]) => family)])
  return [
    ...resources.flatMap(([family, id]) => id === "" ? [`/${family}/`] : [`/${family}/${id}.json?`, `/${family}/${id}/`]),
    ...[...families].filter((family) => family !== "").map((family) => `/${family}.json?`)
  ]
}

/**
 * The longest the cache waits for its store (a get, a set, an invalidation): past it the read goes on as if
 * the store had failed.
 *
 * @category Constants
 * @since 0.1.0
 */
export const storeDeadline: Duration.Input = "1 second"

const optionKeys = Params.keys<Options>({ ttl: true, maxEntryBytes: true, prefix: true })

const checkOptions = (options: Options | undefined): Effect.Effect<{
  readonly ttl: ReadonlyMap<string, number>
  readonly maxEntryBytes: number
  readonly prefix: string
}, E621InvalidInput> =>
  Effect.gen(function*() {
    yield* Params.options(options, optionKeys)
    if (options?.ttl !== undefined) yield* Params.object(options.ttl, "ttl")
    const ttl = new Map<string, number>()
    for (const [family, input] of Object.entries({ ...defaultTtl, ...options?.ttl })) {
      yield* Params.durationKeys(input, `ttl.${family}`)
      const duration = Duration.fromInput(input)
      if (duration._tag === "None" || !Duration.isFinite(duration.value)) {
        return yield* invalidInput(`ttl.${family}`, `must be a finite duration, got ${String(input)}`)
      }
      ttl.set(family, Duration.toMillis(duration.value))
    }
    const maxEntryBytes = options?.maxEntryBytes ?? 1024 * 1024
    if (!Number.isSafeInteger(maxEntryBytes) || maxEntryBytes < 0) {
      return yield* invalidInput("maxEntryBytes", `must be an integer ≥ 0, got ${String(maxEntryBytes)}`)
    }
    const prefix = options?.prefix ?? "e621-cache:v1:"
    return { ttl, maxEntryBytes, prefix }
  })

/**
 * A bounded in-memory `KeyValueStore` for the cache: at most `capacity` entries (default 10,000), the least
 * recently used dropped first — unlike `KeyValueStore.layerMemory`, whose map only grows.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerMemory = (capacity = 10_000): Layer.Layer<KeyValueStore.KeyValueStore, E621InvalidInput> =>
  Layer.effect(KeyValueStore.KeyValueStore)(Effect.gen(function*() {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      return yield* invalidInput("capacity", `must be a positive integer, got ${String(capacity)}`)
    }
    // a Map iterates in insertion order: re-inserting on use keeps the least recently used first
    const entries = new Map<string, string>()
    return KeyValueStore.makeStringOnly({
      get: (key) =>
        Effect.sync(() => {
          const value = entries.get(key)
          if (value !== undefined) {
            entries.delete(key)
            entries.set(key, value)
          }
          return value
        }),
      set: (key, value) =>
        Effect.sync(() => {
          entries.delete(key)
          entries.set(key, value)
          if (entries.size > capacity) entries.delete(entries.keys().next().value!)
        }),
      remove: (key) => Effect.sync(() => void entries.delete(key)),
      clear: Effect.sync(() => entries.clear()),
      size: Effect.sync(() => entries.size),
      keys: Effect.sync(() => [...entries.keys()])
    })
  }))

/** A Redis `SCAN … MATCH` pattern matching `prefix` literally, then anything. */
const matchPrefix = (prefix: string) => `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`

/**
 * Options of {@link layerStoreRedis}: the key prefix (default `"e621-cache:"`) and every entry's expiry in
 * Redis (default 1 day).
 *
 * @category Types
 * @since 0.1.0
 */
export interface RedisOptions {
  /** Prefix of every Redis key (default `"e621-cache:"`). */
  readonly prefix?: string | undefined
  /** Every entry's expiry in Redis (default 1 day), so the store stays bounded. */
  readonly expire?: Duration.Input | undefined
}

const redisKeys = Params.keys<RedisOptions>({ prefix: true, expire: true })

/**
 * A `KeyValueStore` in Redis (effect's `Redis` service, e.g. `NodeRedis.layer({ url })`), for caches shared by
 * many processes and machines. Every entry is written with an expiry (`expire`, default 1 day, longer than any
 * freshness you would give it), so Redis drops what nobody reads and the store stays bounded; keys are
 * `prefix` (default `"e621-cache:"`) followed by the cache's own key.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerStoreRedis = (
  options: RedisOptions = {}
): Layer.Layer<KeyValueStore.KeyValueStore, E621InvalidInput, Redis.Redis> =>
  Layer.effect(KeyValueStore.KeyValueStore)(Effect.gen(function*() {
    yield* Params.options(options, redisKeys)
    yield* Params.durationKeys(options.expire, "expire")
    const expire = Duration.fromInput(options.expire ?? "1 day")
    if (expire._tag === "None" || !Duration.isFinite(expire.value) || Duration.toMillis(expire.value) < 1) {
      return yield* invalidInput("expire", `must be a finite positive duration, got ${String(options.expire)}`)
    }
    const px = String(Math.ceil(Duration.toMillis(expire.value)))
    const prefix = options.prefix ?? "e621-cache:"
    const redis = yield* Redis.Redis
    const send = <A>(method: string, command: string, ...args: ReadonlyArray<string>) =>
      Effect.mapError(
        redis.send<A>(command, ...args),
        (error) => new KeyValueStore.KeyValueStoreError({ method, message: `Redis ${command} failed`, cause: error })
      )
    const scan = (pattern: string): Effect.Effect<ReadonlyArray<string>, KeyValueStore.KeyValueStoreError> =>
      Effect.gen(function*() {
        const found: Array<string> = []
        let cursor = "0"
        do {
          const [next, keys] = yield* send<readonly [string, ReadonlyArray<string>]>("keys", "SCAN", cursor, "MATCH", pattern, "COUNT", "1000")
          found.push(...keys)
          cursor = next
        } while (cursor !== "0")
        return found
      })
    const removeAll = (keys: ReadonlyArray<string>) =>
      Effect.forEach(
        Array.from({ length: Math.ceil(keys.length / 500) }, (_, i) => keys.slice(i * 500, i * 500 + 500)),
        (batch) => send("remove", "DEL", ...batch),
        { discard: true }
      )
    return KeyValueStore.makeStringOnly({
      get: (key) => Effect.map(send<string | null>("get", "GET", prefix + key), (value) => value ?? undefined),
      set: (key, value) => Effect.asVoid(send("set", "SET", prefix + key, value, "PX", px)),
      remove: (key) => Effect.asVoid(send("remove", "DEL", prefix + key)),
      clear: Effect.flatMap(scan(matchPrefix(prefix)), removeAll),
      clearPrefix: (start) => Effect.flatMap(scan(matchPrefix(prefix + start)), removeAll),
      size: Effect.map(scan(matchPrefix(prefix)), (keys) => keys.length),
      keys: Effect.map(scan(matchPrefix(prefix)), (keys) => keys.map((key) => key.slice(prefix.length)))
    })
  }))

/**
 * The `E621Client` in context with a read cache in front of it (and the {@link ReadCache} service), over the
 * `KeyValueStore` in context ({@link layerMemory} for one process). Fails with `E621InvalidInput` for a bad or unknown option.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (
  options: Options = {}
): Layer.Layer<E621Client.E621Client | ReadCache, E621InvalidInput, E621Client.E621Client | KeyValueStore.KeyValueStore> =>
  Layer.effectContext(Effect.gen(function*() {
    const { maxEntryBytes, prefix, ttl } = yield* checkOptions(options)
    const inner = yield* E621Client.E621Client
    const store = yield* KeyValueStore.KeyValueStore
    const counts = { hits: 0, misses: 0, stores: 0, invalidations: 0 }
    /** Writes started and finished by this client: a read that overlaps one does not store its answer. */
    let writes = 0
    const host = new URL(inner.settings.baseUrl).host
    const identity = inner.settings.identity ?? "anonymous"
    const base = `${prefix}${host}:`
    const encoder = new TextEncoder()

    const freshness = (path: string): number => {
      if (privatePaths.some((p) => p.test(path))) return 0
      const family = familyOf(path)
      return ttl.get(family) ?? ttl.get(family.replace(/\.json$/, "")) ?? 0
    }

    // a store that fails, dies or hangs costs a read at most `storeDeadline`: the cache goes on without it
    const quietly = <A>(effect: Effect.Effect<A, KeyValueStore.KeyValueStoreError>, fallback: A) =>
      effect.pipe(
        Effect.timeout(storeDeadline),
        Effect.catchCause((cause) =>
          Cause.hasInterruptsOnly(cause)
            ? Effect.interrupt
            : Effect.as(Effect.logWarning("ReadCache: the store failed or was too slow", Cause.pretty(cause)), fallback)
        )
      )

    const drop = (pathPrefix: string): Effect.Effect<void> =>
      quietly(store.clearPrefix(`${base}${pathPrefix}`), undefined).pipe(Effect.andThen(Effect.sync(() => {
        counts.invalidations++
      })))

    const execute = (request: E621Client.Request): Effect.Effect<E621Client.Response, E621Error> =>
      Effect.gen(function*() {
        if (request.method !== "GET") {
          // stale whether or not the write went through: a timed-out write may have been applied
          writes++
          return yield* inner.execute(request).pipe(Effect.ensuring(
            Effect.andThen(Effect.forEach(touched(request), drop, { discard: true }), Effect.sync(() => writes++))
          ))
        }
        if (request.bucket !== undefined && request.bucket !== "read") return yield* inner.execute(request)
        const policy = yield* CurrentPolicy
        const maxAge = yield* checkPolicy(policy)
        const ttlMillis = maxAge ?? freshness(request.path)
        const storeIt = policy?.noStore !== true && (ttlMillis > 0 || maxAge !== undefined)
        if (!storeIt) return yield* inner.execute(request)
        const key = `${base}${request.path}?${queryText(request.query)}#${identity}`
        const now = yield* Effect.clockWith((clock) => Effect.succeed(clock.currentTimeMillisUnsafe()))
        const text = yield* quietly(store.get(key), undefined)
        const entry = text === undefined ? undefined : readEntry(text)
        if (entry !== undefined) {
          if (now - entry.t < ttlMillis) {
            counts.hits++
            yield* Effect.annotateCurrentSpan("e621.cache", "hit")
            return { status: entry.s, headers: Headers.empty, body: entry.b, url: entry.u, cached: true }
          }
        }
        counts.misses++
        const writesBefore = writes
        const response = yield* inner.execute(request)
        const value = JSON.stringify({ t: now, s: response.status, u: response.url, b: response.body } satisfies Entry)
        // a write that ran meanwhile may have dropped this key already: an answer read before it is not kept
        if (writes === writesBefore && encoder.encode(value).byteLength <= maxEntryBytes) {
          yield* quietly(store.set(key, value), undefined)
          counts.stores++
        }
        return response
      })

    const client = E621Client.E621Client.of({ ...inner, execute })
    const cache = ReadCache.of({
      stats: Effect.sync(() => ({ ...counts })),
      invalidate: (pathPrefix) => drop(pathPrefix ?? "")
    })
    return Context.make(E621Client.E621Client, client).pipe(Context.add(ReadCache, cache))
  }))
