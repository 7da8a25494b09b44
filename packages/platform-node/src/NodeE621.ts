/**
 * `E621Client` for Node.js: the core client over Node's `http`/`https` modules (`NodeHttpClient`, which keeps
 * memory low when streaming many pages), with keep-alive agents: every page of a stream reuses one connection
 * instead of paying a new TCP (and TLS) handshake per request.
 *
 * Many processes, one account: with the `redis` option the rate-limit budgets live in Redis
 * (`BudgetStore.layerRedis`), so every process and host using the same Redis and host shares them — three
 * workers together stay within e621's limits as one client would. A Redis that goes down, restarts or stalls
 * never lets a request out without a token (see the `budgetStore` option). (Pauses after a `Retry-After` and
 * the `X-Api-Limit` write pacing stay per process.)
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Posts } from "@effect-e621/core"
 * import { NodeE621 } from "@effect-e621/platform-node"
 *
 * Posts.search({ tags: "canine rating:s", limit: 5 }).pipe(
 *   Effect.provide(NodeE621.layer({
 *     userAgent: "my-bot/1.0 (by some_user on e621)",
 *     redis: { url: "redis://127.0.0.1:6379" }        // optional: share the budget between processes
 *   })),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as BudgetStore from "@effect-e621/core/BudgetStore"
import * as E621Client from "@effect-e621/core/E621Client"
import { checkOptions, type E621InvalidInput, optionKeys } from "@effect-e621/core/E621Error"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { ConfigError } from "effect/Config"
import type * as Redis from "effect/persistence/Redis"

/**
 * Where to keep a shared rate-limit budget: a Redis URL and an optional key prefix (default `"e621:rl:"`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface RedisOptions {
  /** The Redis server, e.g. `"redis://127.0.0.1:6379"`. */
  readonly url: string
  /** Prefix of the limiter keys (default `"e621:rl:"`): processes share a budget only with the same prefix. */
  readonly prefix?: string
}

/**
 * `E621Client` options, plus `redis` to share the budget between processes.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options extends E621Client.Options {
  /** Keep the rate-limit budget in Redis, shared by every process using the same server and prefix. */
  readonly redis?: RedisOptions | undefined
}

// `NodeRedis` (and with it the optional `redis` package) is loaded only when the option is used: programs
// without Redis neither need the package installed nor pay for loading it.
const store = (redis: RedisOptions | undefined): Layer.Layer<BudgetStore.BudgetStore, Redis.RedisError | E621InvalidInput> =>
  redis === undefined
    ? BudgetStore.layerMemory
    : Layer.unwrap(
      Effect.tryPromise({
        try: () => import("@effect/platform-node/NodeRedis"),
        catch: (cause) => new Error(`the redis option needs the "redis" package (npm install redis): ${String(cause)}`)
      }).pipe(
        Effect.orDie,
        Effect.map((NodeRedis) =>
          BudgetStore.layerRedis({ prefix: redis.prefix ?? "e621:rl:" }).pipe(
            Layer.provide(NodeRedis.layer({ url: redis.url }))
          )
        )
      )
    )

/** Node's HTTP client over keep-alive agents (Node's own default agents only keep the global agent alive). */
const httpClient = NodeHttpClient.layerNodeHttpOptions({ keepAlive: true })

/**
 * `E621Client` from options over Node's HTTP client; the rate-limit budget is per process, or shared through
 * Redis with the `redis` option.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<E621Client.E621Client, E621InvalidInput | Redis.RedisError> => {
  // every option is checked before the Redis store connects (options that are not an object fail there too)
  const given = typeof options === "object" && options !== null
  const { redis, ...client } = (given ? options : {}) as Options
  const checked = given
    ? Effect.andThen(checkOptions(redis, redisKeys, "redis"), () => E621Client.validateOptions(client))
    : E621Client.validateOptions(options)
  return Layer.unwrap(Effect.as(
    checked,
    E621Client.layerWithoutStore(client).pipe(
      Layer.provide(store(redis)),
      Layer.provide(httpClient)
    )
  ))
}

const redisKeys = optionKeys<RedisOptions>({ url: true, prefix: true })

/**
 * `E621Client` from the environment (`E621_HOST`, `E621_USER_AGENT`, `E621_USERNAME`, `E621_API_KEY`) over
 * Node's HTTP client; `overrides` fill in the rest.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: Partial<E621Client.Options> = {}
): Layer.Layer<E621Client.E621Client, E621InvalidInput | ConfigError> =>
  E621Client.layerConfig(overrides).pipe(Layer.provide(httpClient))
