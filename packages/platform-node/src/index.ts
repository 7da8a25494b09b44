/**
 * Node.js support for effect-e621: the client over Node's HTTP stack, downloads, uploads from disk and the
 * database exports.
 *
 * What this index loads is what these need. The fake e621 served on localhost and the command line have their
 * own entry points, so an application pays for neither: `@effect-e621/platform-node/testing` (`NodeE621Fake`)
 * and `@effect-e621/platform-node/Cli`. `CsvParser`, `ExportRows` and `Progress` live in `@effect-e621/core`
 * (they need no Node API) and are re-exported here.
 *
 * @module @effect-e621/platform-node
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as NodeE621 from "./NodeE621.ts"

/** @since 0.1.0 */
export * as Downloads from "./Downloads.ts"

/** @since 0.1.0 */
export * as NodeUploads from "./NodeUploads.ts"

/** @since 0.1.0 */
export * as NodeDbExports from "./NodeDbExports.ts"

/** @since 0.1.0 */
export * as ExportRows from "@effect-e621/core/ExportRows"

/** @since 0.1.0 */
export * as CsvParser from "@effect-e621/core/CsvParser"

/** @since 0.1.0 */
export * as Progress from "@effect-e621/core/Progress"

/**
 * The fake e621 served on localhost, loaded on first use (also `@effect-e621/platform-node/testing`).
 *
 * @since 0.1.0
 */
export * as NodeE621Fake from "./onDemand/NodeE621Fake.ts"

/**
 * The `e621` command line's `run`, loaded on first use (the whole command: `@effect-e621/platform-node/Cli`).
 *
 * @since 0.1.0
 */
export * as Cli from "./onDemand/Cli.ts"
