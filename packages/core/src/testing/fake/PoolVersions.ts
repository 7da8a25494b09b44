/**
 * The fake's pool versions listing (`/pool_versions`, members): the versions `Pools.ts` records, strict search
 * keys.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PoolVersions.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeTable from "./Table.ts"
import { versions } from "./Pools.ts"
import * as Serve from "./Serve.ts"
import { byDesc } from "./Common.ts"

const versionIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, versions(ctx.store).rows, {
    users: { updater: (row) => row.updater_id },
    filters: {
      poolId: (row, value) => value.split(",").map((s) => Number.parseInt(s, 10)).includes(row.pool_id)
    },
    defaultOrder: byDesc((row) => row.updated_at)
  })

/**
 * The routes of `/pool_versions` (declared in `api/PoolVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: versionIndex })
