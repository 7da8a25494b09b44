/**
 * The fake's routes for the site group: users, the moderation-visible families (feedback, bans, moderator
 * actions, takedowns, tickets) and site information (news, help, mascots, stats, search trends, DText
 * preview, database exports). See FakeRoutes.ts.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import * as FakeModeration from "./Moderation.ts"
import * as FakeSiteInfo from "./SiteInfo.ts"
import * as FakeUsers from "./Users.ts"

/**
 * The routes of this group.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  ...FakeUsers.routes,
  ...FakeModeration.routes,
  ...FakeSiteInfo.routes
]
