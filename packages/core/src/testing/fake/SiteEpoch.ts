/**
 * What the fake's site-information families share: the day and the epoch their tables are seeded from, and
 * their tables of fixed rows.
 *
 * @since 0.1.0
 */
import type * as FakeData from "./Data.ts"
import * as FakeTable from "./Table.ts"

/** A day in milliseconds. @internal */
export const DAY = 86_400_000

/** The epoch the site-information tables are seeded from. @internal */
export const BASE = Date.UTC(2025, 0, 1)

/** Where one fixed row stands: its index, its id (index + 1), its time, and the store. @internal */
export interface Place {
  readonly index: number
  readonly id: number
  /** The epoch plus `index` times the table's spacing, as an ISO string. */
  readonly at: string
  readonly store: FakeData.Store
}

/**
 * A site-information table of one row per item (ids from 1, `spacingDays` days apart from the epoch),
 * seeded on first use. @internal
 */
export const fixed = <T, A extends FakeTable.Row>(
  name: string,
  items: ReadonlyArray<T>,
  spacingDays: number,
  row: (item: T, place: Place) => A
) =>
(store: FakeData.Store): FakeTable.Table<A> =>
  FakeTable.tableOf<A>(store, name, (s) =>
    new FakeTable.Table(
      items.map((item, index) => row(item, { index, id: index + 1, at: new Date(BASE + index * spacingDays * DAY).toISOString(), store: s }))
    ))
