/**
 * What the fake's site-information families share: the day and the epoch their tables are seeded from.
 *
 * @since 0.1.0
 */

/** A day in milliseconds. @internal */
export const DAY = 86_400_000

/** The epoch the site-information tables are seeded from. @internal */
export const BASE = Date.UTC(2025, 0, 1)
