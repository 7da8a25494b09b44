/**
 * Test helpers of effect-e621 for Node (`@effect-e621/platform-node/testing`): the fake e621 served over real
 * HTTP on localhost. Kept out of the package index, so that an application never loads the fake.
 *
 * @module @effect-e621/platform-node/testing
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as NodeE621Fake from "./NodeE621Fake.ts"
