/**
 * The fake's wiki group (see FakeRoutes.ts): WikiPages, WikiPageVersions, Artists, ArtistUrls,
 * ArtistVersions, AvoidPostings (with their versions). Data and seed: FakeWikiData.ts.
 *
 * @since 0.1.0
 */
import * as FakeArtists from "./Artists.ts"
import * as FakeAvoidPostings from "./AvoidPostings.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeWikiPages from "./WikiPages.ts"

/**
 * The routes of this group.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  ...FakeWikiPages.routes,
  ...FakeArtists.routes,
  ...FakeAvoidPostings.routes
]
