/**
 * The fake's routes for the post-related families besides Posts itself: Uploads, Favorites, PostVotes,
 * PostFlags, PostApprovals, PostEvents, PostVersions, PostReplacements, Iqdb, Popular (see FakeRoutes.ts).
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import * as FakeFavorites from "./Favorites.ts"
import * as FakePostRecords from "./PostRecords.ts"
import * as FakeUploads from "./Uploads.ts"

/**
 * The routes of this group.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  ...FakeFavorites.routes,
  ...FakePostRecords.routes,
  ...FakeUploads.routes
]
