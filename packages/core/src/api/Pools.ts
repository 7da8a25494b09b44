/**
 * Pools: search, stream and read e621 pools (`app/controllers/pools_controller.rb`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import { Pool } from "../schemas/Pool.ts"

/**
 * Search fields of `GET /pools.json`. `nameMatches` is wrapped in `*…*` by e621 (spaces become underscores);
 * the default order is last updated first.
 *
 * @since 0.1.0
 */
export const PoolSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  nameMatches: Schema.optionalKey(Params.Text),
  descriptionMatches: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  category: Schema.optionalKey(Schema.Literals(["series", "collection"])),
  isActive: Schema.optionalKey(Schema.Boolean),
  order: Schema.optionalKey(Schema.Literals(["name", "created_at", "post_count", "updated_at", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /pools.json` as a type.
 *
 * @since 0.1.0
 */
export interface PoolSearch extends Schema.Schema.Type<typeof PoolSearch> {}

const list = { path: "/pools.json", search: PoolSearch, item: Pool } as const

/**
 * One page of pools (`GET /pools.json`).
 *
 * @since 0.1.0
 */
export const search = Endpoint.search(list)

/**
 * Every pool matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @since 0.1.0
 */
export const stream = Endpoint.stream(list)

/**
 * One pool by id (`GET /pools/:id.json`); `post_ids` in reading order.
 *
 * @since 0.1.0
 */
export const get = Endpoint.get({ path: (id) => `/pools/${id}.json`, item: Pool })
