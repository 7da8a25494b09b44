/**
 * The fake's community group: Comments, Notes and NoteVersions, Blips, ForumTopics and ForumPosts, Dmails
 * (e621-api.md §4.4). Each family lives in its own module; their seeded tables are created on first use
 * from the store's seed, users and posts.
 *
 * @since 0.1.0
 */
import * as FakeBlips from "./FakeBlips.ts"
import * as FakeComments from "./FakeComments.ts"
import type * as FakeContext from "./FakeContext.ts"
import * as FakeDmails from "./FakeDmails.ts"
import * as FakeForum from "./FakeForum.ts"
import * as FakeNotes from "./FakeNotes.ts"

/**
 * The routes of this group.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  ...FakeComments.routes,
  ...FakeNotes.routes,
  ...FakeBlips.routes,
  ...FakeForum.routes,
  ...FakeDmails.routes
]
