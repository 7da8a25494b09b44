/**
 * The fake's Pools family: `GET /pools.json` and `GET /pools/:id.json`.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./FakeContext.ts"
import type * as FakeData from "./FakeData.ts"
import * as FakeHttp from "./FakeHttp.ts"
import * as FakeTable from "./FakeTable.ts"

const byDesc = <A>(get: (a: A) => string | number) => (a: A, b: A) => {
  const x = get(a)
  const y = get(b)
  return x < y ? 1 : x > y ? -1 : 0
}

const index: FakeContext.Handler = (ctx) =>
  FakeTable.index<FakeData.Pool>(ctx, ctx.store.pools, {
    filters: {
      name_matches: (pool, value) => FakeTable.text<FakeData.Pool>((p) => p.name)(pool, `*${value.replace(/\s+/g, "_")}*`, ctx),
      description_matches: FakeTable.text((pool) => pool.description),
      creator_id: FakeTable.numeric((pool) => pool.creator_id),
      creator_name: FakeTable.userName((pool) => pool.creator_id),
      category: FakeTable.exact((pool) => pool.category),
      is_active: FakeTable.bool((pool) => pool.is_active)
    },
    orders: {
      name: (a, b) => a.name.localeCompare(b.name),
      created_at: byDesc((pool) => pool.created_at),
      updated_at: byDesc((pool) => pool.updated_at),
      post_count: byDesc((pool) => pool.post_ids.length)
    },
    defaultOrder: byDesc((pool) => pool.updated_at)
  })

const show: FakeContext.Handler = (ctx, match) => {
  const pool = ctx.store.pools.find((p) => p.id === Number(match[1]))
  return pool === undefined ? FakeTable.notFound() : FakeHttp.json(200, pool)
}

/**
 * The routes of the Pools family.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/pools$/, auth: "none", throttled: false, handler: index },
  { method: "GET", pattern: /^\/pools\/(\d+)$/, auth: "none", throttled: false, handler: show }
]
