/**
 * The route table of the fake (paths without `.json`), one line per e621 route.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import * as FakeCommunity from "./Community.ts"
import * as FakeExports from "./DbExports.ts"
import * as FakeFiles from "./Files.ts"
import * as FakePools from "./Pools.ts"
import * as FakePostFamilies from "./PostFamilies.ts"
import * as FakePosts from "./Posts.ts"
import * as FakePostWrites from "./PostWrites.ts"
import * as FakeSite from "./Site.ts"
import * as FakeTags from "./Tags.ts"
import * as FakeWiki from "./Wiki.ts"

/**
 * Every route the fake serves, first match wins.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/posts$/, auth: "none", throttled: false, handler: FakePosts.index },
  { method: "GET", pattern: /^\/posts\/random$/, auth: "none", throttled: false, handler: FakePosts.random },
  { method: "GET", pattern: /^\/posts\/count$/, auth: "none", throttled: false, handler: FakePosts.count },
  { method: "GET", pattern: /^\/posts\/(\d+)$/, auth: "none", throttled: false, handler: FakePosts.show },
  { method: "PATCH", pattern: /^\/posts\/(\d+)$/, auth: "member", throttled: true, handler: FakePostWrites.update },
  { method: "PUT", pattern: /^\/posts\/(\d+)$/, auth: "member", throttled: true, handler: FakePostWrites.update },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/revert$/, auth: "member", throttled: true, handler: FakePostWrites.revert },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/copy_notes$/, auth: "member", throttled: true, handler: FakePostWrites.copyNotes },
  { method: "PUT", pattern: /^\/posts\/(\d+)\/mark_as_translated$/, auth: "member", throttled: true, handler: FakePostWrites.markAsTranslated },
  { method: "POST", pattern: /^\/posts\/(\d+)\/votes$/, auth: "member", throttled: false, handler: FakePostWrites.vote },
  { method: "DELETE", pattern: /^\/posts\/(\d+)\/votes$/, auth: "member", throttled: false, handler: FakePostWrites.unvote },
  { method: "GET", pattern: /^\/posts\/(\d+)\/favorites$/, auth: "none", throttled: false, handler: FakePosts.favorites },
  { method: "GET", pattern: /^\/posts\/(\d+)\/similar\/(artist|tags)$/, auth: "none", throttled: false, handler: FakePosts.similar },
  ...FakePostFamilies.routes,
  ...FakePools.routes,
  ...FakeTags.routes,
  ...FakeCommunity.routes,
  ...FakeWiki.routes,
  ...FakeSite.routes,
  ...FakeFiles.routes, ...FakeExports.routes
]

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
