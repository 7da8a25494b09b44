/**
 * Node.js support for effect-e621: the client over Node's HTTP stack and the fake e621 served on localhost.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as NodeE621 from "./NodeE621.ts"

/** @since 0.1.0 */
export * as NodeE621Fake from "./NodeE621Fake.ts"
