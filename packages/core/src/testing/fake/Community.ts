/**
 * The fake's community group: Comments, Notes and NoteVersions, Blips, ForumTopics and ForumPosts, Dmails
 * (e621-api.md §4.4). Each family lives in its own module; their seeded tables are created on first use
 * from the store's seed, users and posts.
 *
 * @since 0.1.0
 */
import * as FakeBlips from "./Blips.ts"
import * as FakeComments from "./Comments.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeDmails from "./Dmails.ts"
import * as FakeForum from "./Forum.ts"
import * as FakeNotes from "./Notes.ts"

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
