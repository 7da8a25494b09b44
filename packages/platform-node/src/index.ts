/**
 * Node.js support for effect-e621: the client over Node's HTTP stack and the fake e621 served on localhost.
 *
 * @module @effect-e621/platform-node
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as NodeE621 from "./NodeE621.ts"

/** @since 0.1.0 */
export * as NodeE621Fake from "./NodeE621Fake.ts"

/** @since 0.1.0 */
export * as Downloads from "./Downloads.ts"

/** @since 0.1.0 */
export * as NodeUploads from "./NodeUploads.ts"

/** @since 0.1.0 */
export * as NodeDbExports from "./NodeDbExports.ts"

/** @since 0.1.0 */
export * as ExportRows from "./ExportRows.ts"

/** @since 0.1.0 */
export * as CsvParser from "./CsvParser.ts"

/** @since 0.1.0 */
export * as Progress from "./Progress.ts"

/** @since 0.1.0 */
export * as Cli from "./Cli.ts"
