/**
 * Test helpers of effect-e621 (`@effect-e621/core/testing`).
 *
 * @module @effect-e621/core/testing
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as E621Fake from "./E621Fake.ts"
