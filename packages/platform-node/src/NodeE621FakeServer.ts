/**
 * The service and limits of a served fake e621 (`NodeE621Fake`), in a module of their own: the package index
 * offers `NodeE621Fake` on demand and needs these without loading the fake.
 *
 * @since 0.1.0
 */
import type { E621Fake } from "@effect-e621/core/testing"
import * as Context from "effect/Context"

/**
 * A running fake: its base URL (pass it as the client's `host`), port, and the fake's service (request log,
 * faults, data).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Server {
  readonly url: string
  readonly port: number
  readonly fake: E621Fake.E621Fake["Service"]
  /** Open client connections right now (to check that interrupted clients closed their sockets). */
  readonly connections: () => number
}

/**
 * The running server as a service, for programs built from layers.
 *
 * @category Services
 * @since 0.1.0
 */
export class NodeE621FakeServer extends Context.Service<NodeE621FakeServer, Server>()(
  "@effect-e621/platform-node/NodeE621Fake/Server"
) {}

/**
 * Largest request body the server reads (128 MiB, above e621's upload limits), as nginx's `client_max_body_size`.
 *
 * @category Constants
 * @since 0.1.0
 */
export const maxRequestBytes = 128 * 1024 * 1024
