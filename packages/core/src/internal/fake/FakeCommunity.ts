/**
 * The fake's routes for one group of endpoint families (see FakeRoutes.ts).
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./FakeContext.ts"

/**
 * The routes of this group.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = []
