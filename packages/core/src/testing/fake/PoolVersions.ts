/**
 * The fake's pool versions listing (`/pool_versions`, members): the versions `Pools.ts` records, strict search
 * keys.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeTable from "./Table.ts"
import { type PoolVersion, versions } from "./Pools.ts"
import { byDesc } from "./Common.ts"

const versionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index<PoolVersion>(ctx, versions(ctx.store).rows, {
    strict: true,
    filters: {
      updater_id: FakeTable.numeric((row) => row.updater_id),
      updater_name: FakeTable.userName((row) => row.updater_id),
      pool_id: (row, value) => value.split(",").map((s) => Number.parseInt(s, 10)).includes(row.pool_id)
    },
    defaultOrder: byDesc((row) => row.updated_at)
  })

/**
 * The routes of `/pool_versions`.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/pool_versions$/, auth: "member", throttled: false, handler: versionIndex }
]
