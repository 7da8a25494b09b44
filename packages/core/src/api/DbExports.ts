/**
 * Database exports: the daily CSV dumps of posts, tags, pools, wiki pages, … (`db_exports_controller.rb`,
 * the system since June 2026). Downloading the files is `NodeE621` work in platform-node.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { DbExports } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const exports = yield* DbExports.list // name, size, url of every daily dump
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Route from "../Route.ts"
import { DbExport } from "../schemas/DbExport.ts"

/**
 * The routes of database exports, each keyed by the function that calls it (the export files themselves are on
 * e621's static host, read with `E621Client.fetchFile`).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  list: Route.make({ method: "GET", path: "/db_exports.json", auth: "none", item: DbExport, envelope: Route.none })
} as const

/**
 * The current exports (`GET /db_exports.json`, anonymous): a bare array ordered by name, with each file's
 * exact size, SHA-256 checksum and URL. A site with exports disabled answers 404 → `E621NotFound`; older
 * deployments only had the dated `/db_export/` directory listing.
 *
 * @category Read
 * @since 0.1.0
 */
export const list: Effect.Effect<ReadonlyArray<DbExport>, E621Error, E621Client.E621Client> = Endpoint.callList(routes.list)
