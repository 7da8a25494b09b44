/**
 * What the fake's moderation families share: their seeding epoch, the staff accounts, the staff check, and
 * e621's answer to a search key only staff may use.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"

/** A day in milliseconds. @internal */
export const DAY = 86_400_000

/** The epoch the moderation tables are seeded from. @internal */
export const BASE = Date.UTC(2024, 0, 1)

/** The ids of the staff accounts (Janitor and above). @internal */
export const staffIds = (store: FakeData.Store): ReadonlyArray<number> =>
  store.users.filter((u) => FakeData.levels[u.level_string] >= FakeData.levels.Janitor).map((u) => u.id)

/** Whether the viewer is staff. @internal */
export const isStaff = (ctx: FakeContext.Context): boolean => FakeContext.atLeast(ctx.viewer.user, "Staff")

/** e621's 403 for a search key only staff may use. @internal */
export const unpermitted = (key: string): FakeHttp.FakeResponse => FakeHttp.reasonError(403, `found unpermitted parameter: :${key}`)
