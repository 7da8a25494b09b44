/**
 * The route table of the fake (paths without `.json`): every family module exports its `routes`, and this table
 * assembles them, in this order (first match wins).
 *
 * @since 0.1.0
 */
import * as Artists from "./Artists.ts"
import * as ArtistUrls from "./ArtistUrls.ts"
import * as ArtistVersions from "./ArtistVersions.ts"
import * as AvoidPostings from "./AvoidPostings.ts"
import * as Blips from "./Blips.ts"
import * as Comments from "./Comments.ts"
import * as DbExports from "./DbExports.ts"
import * as Dmails from "./Dmails.ts"
import * as Favorites from "./Favorites.ts"
import * as Popular from "./Popular.ts"
import * as Files from "./Files.ts"
import * as ForumPosts from "./ForumPosts.ts"
import * as ForumTopics from "./ForumTopics.ts"
import * as Appeals from "./Appeals.ts"
import * as Bans from "./Bans.ts"
import * as ModActions from "./ModActions.ts"
import * as Takedowns from "./Takedowns.ts"
import * as Tickets from "./Tickets.ts"
import * as UserFeedbacks from "./UserFeedbacks.ts"
import * as Notes from "./Notes.ts"
import * as NoteVersions from "./NoteVersions.ts"
import * as Pools from "./Pools.ts"
import * as PoolVersions from "./PoolVersions.ts"
import * as PostApprovals from "./PostApprovals.ts"
import * as PostEvents from "./PostEvents.ts"
import * as PostFlags from "./PostFlags.ts"
import * as PostVersions from "./PostVersions.ts"
import * as PostVotes from "./PostVotes.ts"
import * as PostSets from "./PostSets.ts"
import * as Posts from "./Posts.ts"
import * as DText from "./DText.ts"
import * as HelpPages from "./HelpPages.ts"
import * as Mascots from "./Mascots.ts"
import * as NewsUpdates from "./NewsUpdates.ts"
import * as SearchTrends from "./SearchTrends.ts"
import * as Stats from "./Stats.ts"
import * as BulkUpdateRequests from "./BulkUpdateRequests.ts"
import * as TagAliases from "./TagAliases.ts"
import * as TagImplications from "./TagImplications.ts"
import * as Tags from "./Tags.ts"
import * as TagTypeVersions from "./TagTypeVersions.ts"
import * as Iqdb from "./Iqdb.ts"
import * as PostReplacements from "./PostReplacements.ts"
import * as Uploads from "./Uploads.ts"
import * as UploadWhitelists from "./UploadWhitelists.ts"
import * as Users from "./Users.ts"
import * as WikiPages from "./WikiPages.ts"
import * as WikiPageVersions from "./WikiPageVersions.ts"
import type * as FakeContext from "./Handler.ts"

/**
 * Every family's routes, in this order.
 */
const declared: ReadonlyArray<FakeContext.Route> = [
  ...Posts.routes,
  ...Favorites.routes,
  ...Popular.routes,
  ...PostVotes.routes,
  ...PostFlags.routes,
  ...PostApprovals.routes,
  ...PostEvents.routes,
  ...PostVersions.routes,
  ...Uploads.routes,
  ...PostReplacements.routes,
  ...Iqdb.routes,
  ...UploadWhitelists.routes,
  ...Pools.routes,
  ...PoolVersions.routes,
  ...PostSets.routes,
  ...Tags.routes,
  ...TagTypeVersions.routes,
  ...TagAliases.routes,
  ...TagImplications.routes,
  ...BulkUpdateRequests.routes,
  ...Comments.routes,
  ...Notes.routes,
  ...NoteVersions.routes,
  ...Blips.routes,
  ...ForumTopics.routes,
  ...ForumPosts.routes,
  ...Dmails.routes,
  ...WikiPages.routes,
  ...WikiPageVersions.routes,
  ...Artists.routes,
  ...ArtistUrls.routes,
  ...ArtistVersions.routes,
  ...AvoidPostings.routes,
  ...Users.routes,
  ...UserFeedbacks.routes,
  ...Bans.routes,
  ...ModActions.routes,
  ...Takedowns.routes,
  ...Tickets.routes,
  ...Appeals.routes,
  ...NewsUpdates.routes,
  ...HelpPages.routes,
  ...Mascots.routes,
  ...Stats.routes,
  ...SearchTrends.routes,
  ...DText.routes,
  ...Files.routes,
  ...DbExports.routes
]

const captures = (route: FakeContext.Route): number => new RegExp(`${route.pattern.source}|`).exec("")!.length - 1

/**
 * Every route the fake serves: a route with fewer path parameters first (`/tags/autocomplete` before
 * `/tags/:name`), in declaration order otherwise.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = declared
  .map((route, order) => ({ route, order, captures: captures(route) }))
  .sort((a, b) => a.captures - b.captures || a.order - b.order)
  .map(({ route }) => route)

/**
 * The route for a method and path (without `.json`), with the path's captures.
 *
 * @since 0.1.0
 */
export const find = (
  method: string,
  path: string
): { readonly route: FakeContext.Route; readonly match: ReadonlyArray<string> } | undefined => {
  for (const route of routes) {
    if (route.method !== method) continue
    const match = route.pattern.exec(path)
    if (match) return { route, match }
  }
  return undefined
}
