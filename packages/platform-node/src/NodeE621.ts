/**
 * `E621Client` for Node.js: the core client over Node's `http`/`https` modules (`NodeHttpClient.layerNodeHttp`,
 * which keeps memory low when streaming many pages).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Posts } from "@effect-e621/core"
 * import { NodeE621 } from "@effect-e621/platform-node"
 *
 * Posts.search({ tags: "canine rating:s", limit: 5 }).pipe(
 *   Effect.provide(NodeE621.layer({ userAgent: "my-bot/1.0 (by some_user on e621)" })),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 */
import { E621Client } from "@effect-e621/core"
import type { E621InvalidInput } from "@effect-e621/core/E621Error"
import { NodeHttpClient } from "@effect/platform-node"
import { Layer } from "effect"
import type { ConfigError } from "effect/Config"

/**
 * `E621Client` from options over Node's HTTP client, with an in-memory rate limiter per process.
 *
 * @since 0.1.0
 */
export const layer = (options: E621Client.Options): Layer.Layer<E621Client.E621Client, E621InvalidInput> =>
  E621Client.layer(options).pipe(Layer.provide(NodeHttpClient.layerNodeHttp))

/**
 * `E621Client` from the environment (`E621_HOST`, `E621_USER_AGENT`, `E621_USERNAME`, `E621_API_KEY`) over
 * Node's HTTP client; `overrides` fill in the rest.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: Partial<E621Client.Options> = {}
): Layer.Layer<E621Client.E621Client, E621InvalidInput | ConfigError> =>
  E621Client.layerConfig(overrides).pipe(Layer.provide(NodeHttpClient.layerNodeHttp))
