/**
 * Import cost, the README's canonical import: `NodeE621` from the platform-node index plus `Posts` from the
 * core index — and exits (`importCost.ts` times the process and reads its RSS).
 *
 * @since 0.1.0
 */
import "@effect-e621/platform-node"
import "@effect-e621/core"
