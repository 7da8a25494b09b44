/**
 * `NodeE621Fake` as the package index offers it: the same functions, loading the fake (`./NodeE621Fake.ts`,
 * with the whole in-memory e621ng) only when one of them runs — an application that imports
 * `@effect-e621/platform-node` for `NodeE621` pays nothing for the fake. Tests may import
 * `@effect-e621/platform-node/testing` instead, which loads it at once.
 *
 * @since 0.1.0
 */
import type { E621Fake } from "@effect-e621/core/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type * as Real from "../NodeE621Fake.ts"
import { maxRequestBytes, NodeE621FakeServer, type Server } from "../NodeE621FakeServer.ts"

export { maxRequestBytes, NodeE621FakeServer, type Server }

/**
 * Options of {@link serve} and {@link layer}: the fake's options plus where to listen.
 *
 * @category Types
 * @since 0.1.0
 */
export type Options = Real.Options

/**
 * Where {@link serveFake} listens.
 *
 * @category Types
 * @since 0.1.0
 */
export type ServeOptions = Real.ServeOptions

const load = Effect.promise(() => import("../NodeE621Fake.ts"))

/**
 * Serves a new fake e621 on localhost for the scope (see `NodeE621Fake.serve`); loads the fake on first use.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const serve = (options: Options = {}): Effect.Effect<Server, Error, Scope.Scope> =>
  Effect.flatMap(load, (fake) => fake.serve(options))

/**
 * Serves an existing fake (see `NodeE621Fake.serveFake`); loads the server module on first use.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const serveFake = (
  fake: E621Fake.E621Fake["Service"],
  options: ServeOptions = {}
): Effect.Effect<Server, Error, Scope.Scope> => Effect.flatMap(load, (served) => served.serveFake(fake, options))

/**
 * The served fake as a layer (see `NodeE621Fake.layer`); loads the fake when the layer is built.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<NodeE621FakeServer | E621Fake.E621Fake, Error> =>
  Layer.unwrap(Effect.map(load, (fake) => fake.layer(options)))
