/**
 * The paging options every list endpoint shares: {@link PageParams} for one page (`search`), {@link StreamParams}
 * for a `stream`, and {@link Page}, e621's `page` parameter (a number or a `b<id>` / `a<id>` cursor); and the
 * types of a family's `search` and `stream` functions ({@link SearchFunction}, {@link StreamFunction}).
 *
 * @example
 * ```ts
 * import { Pools } from "@effect-e621/core"
 * import type { Paging } from "@effect-e621/core"
 *
 * const second: Paging.PageParams = { limit: 20, page: 2 }
 * const page = Pools.search({ nameMatches: "comic", ...second })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as E621Client from "./E621Client.ts"
import type { E621Error } from "./E621Error.ts"

/**
 * A page: a number `1..750` (numbered pages) or a cursor `b<id>` (ids below) / `a<id>` (ids above).
 *
 * @category Types
 * @since 0.1.0
 */
export type Page = number | `a${number}` | `b${number}`

/**
 * Paging parameters of a one-page `search`.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PageParams {
  /** Items per page, 0..320 (e621's default 75). */
  readonly limit?: number | undefined
  /** Page number 1..750 or a cursor `"b<id>"` / `"a<id>"`. */
  readonly page?: Page | undefined
}

/**
 * Parameters of a `stream`.
 *
 * @category Types
 * @since 0.1.0
 */
export interface StreamParams {
  /** Items per request, 1..320 (default 320). */
  readonly pageSize?: number | undefined
  /** At the numbered-page cap (only for orders that are not by id): `"stop"` (default) or `"fail"`. */
  readonly onPageLimit?: "stop" | "fail" | undefined
  /** Pages fetched ahead of the consumer (default 1). */
  readonly prefetch?: number | undefined
}

/**
 * A family's `search`: one page of the items matching its search fields `P` (`limit`, `page`: see
 * {@link PageParams}).
 *
 * @category Types
 * @since 0.1.0
 */
export type SearchFunction<P, A> = (params?: P & PageParams) => Effect.Effect<ReadonlyArray<A>, E621Error, E621Client.E621Client>

/**
 * A family's `stream`: every item matching its search fields `P`, page after page (see {@link StreamParams}).
 *
 * @category Types
 * @since 0.1.0
 */
export type StreamFunction<P, A> = (params?: P & StreamParams) => Stream.Stream<A, E621Error, E621Client.E621Client>
