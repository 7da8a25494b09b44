/**
 * Import cost, the baseline: loads what any effect program over Node's HTTP stack loads — effect's own
 * `NodeHttpClient`, `Schema` and `Stream` — and exits (`importCost.ts` times the process and reads its RSS).
 *
 * @since 0.1.0
 */
import "@effect/platform-node/NodeHttpClient"
import "effect/Schema"
import "effect/Stream"
