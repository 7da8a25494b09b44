/**
 * Help pages (`app/controllers/help_controller.rb`, routes under `/help`). Writing them is admin-only and
 * not wrapped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { HelpPages } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const pages = yield* HelpPages.list
 *   const api = yield* HelpPages.get("api")
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as E621Client from "../E621Client.ts"
import { type E621Error, E621NotFound } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Route from "../Route.ts"
import { HelpPage } from "../schemas/HelpPage.ts"

const maybePage = Schema.NullOr(HelpPage)

/**
 * The routes of help pages, each keyed by the function that calls it (`list` first: `/help/list.json` is not
 * the page named "list").
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  list: Route.make({ method: "GET", path: "/help/list.json", auth: "none", item: HelpPage, envelope: Route.none }),
  get: Route.make({ method: "GET", path: "/help/:nameOrId.json", auth: "none", item: maybePage })
} as const

/**
 * Every help page, sorted by title (`GET /help/list.json`; e621 caches it for 12 hours).
 *
 * @category Read
 * @since 0.1.0
 */
export const list: Effect.Effect<ReadonlyArray<HelpPage>, E621Error, E621Client.E621Client> = Endpoint.callList(routes.list)

/**
 * One help page by id or name (`GET /help/:name_or_id.json`). An unknown id is a 404; for an unknown name
 * e621 answers `200 null`, which is turned into `E621NotFound` too.
 *
 * @category Read
 * @since 0.1.0
 */
export const get = (nameOrId: string | number): Effect.Effect<HelpPage, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const key = typeof nameOrId === "number"
      ? String(yield* Params.id("nameOrId", nameOrId))
      : yield* Params.segment("nameOrId", (yield* Params.text("nameOrId", nameOrId, { max: 200 })).trim())
    const response = yield* E621Client.execute(Endpoint.request(routes.get, { path: { nameOrId: key } }))
    const page = yield* Endpoint.decode(routes.get.item, response, routes.get.method, response.body)
    if (page !== null) return page
    return yield* Effect.fail(
      new E621NotFound({
        method: routes.get.method,
        url: response.url,
        status: response.status,
        reason: "not found",
        message: `GET ${response.url}: no help page named ${JSON.stringify(String(nameOrId))}`
      })
    )
  })
