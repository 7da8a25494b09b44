/**
 * What the fake's moderation families share: their seeding epoch and seeded tables, the staff accounts, the
 * staff check, and e621's answer to a search key only staff may use.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"

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

/** What one row of a moderation table is seeded from. @internal */
export interface Seed {
  /** The row's id: 1, 2, … */
  readonly id: number
  /** The table's random source (rows are seeded in id order). */
  readonly rng: Random.Random
  readonly store: FakeData.Store
  /** {@link staffIds} of the store. */
  readonly staff: ReadonlyArray<number>
}

/**
 * A moderation table of `count` rows (ids 1..`count`), seeded on first use from the store's seed and the
 * table's `salt`. @internal
 */
export const seeded = <A extends FakeTable.Row>(name: string, salt: number, count: number, row: (seed: Seed) => A) =>
(store: FakeData.Store): FakeTable.Table<A> =>
  FakeTable.tableOf<A>(store, name, (s) => {
    const rng = Random.make(Random.hash(s.seed, salt))
    const staff = staffIds(s)
    return new FakeTable.Table(Array.from({ length: count }, (_, i) => row({ id: i + 1, rng, store: s, staff })))
  })
