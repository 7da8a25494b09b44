/**
 * Dmails: the caller's private messages (`app/controllers/dmails_controller.rb`). Member only.
 *
 * e621 keeps one copy of each message per participant; every call here works on the caller's own copies
 * (`owner_id`): others' messages are `E621Forbidden`, and searches only list the caller's mailbox, without
 * the messages the caller deleted. **Sending is not possible through the JSON API** — e621 answers
 * `POST /dmails.json` with 406 — so {@link create} fails before any request.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Dmails } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   // your own messages: needs credentials
 *   const inbox = yield* Dmails.search({ titleMatches: "*commission*", limit: 10 })
 *   const dmail = yield* Dmails.get(1)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, type E621InvalidInput, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { Dmail } from "../schemas/Dmail.ts"

/**
 * Search fields of `GET /dmails.json` (the caller's mailbox, received and sent). `messageMatches` searches
 * the body.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const DmailSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  titleMatches: Schema.optionalKey(Params.Text),
  messageMatches: Schema.optionalKey(Params.Text),
  toId: Schema.optionalKey(Params.Range),
  toName: Schema.optionalKey(Params.Text),
  fromId: Schema.optionalKey(Params.Range),
  fromName: Schema.optionalKey(Params.Text),
  isRead: Schema.optionalKey(Schema.Boolean)
})

/**
 * Search fields of `GET /dmails.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface DmailSearch extends Schema.Schema.Type<typeof DmailSearch> {}

/**
 * The routes of the caller's dmails, each keyed by the function that calls it (all member-only). `create`
 * sends nothing: e621's `POST /dmails.json` answers only HTML.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/dmails.json", auth: "member", search: DmailSearch, item: Dmail }),
  get: Route.make({ method: "GET", path: "/dmails/:id.json", auth: "member", item: Dmail }),
  delete: Route.make({ method: "DELETE", path: "/dmails/:id.json", auth: "member", idempotent: true }),
  markAsRead: Route.make({ method: "PUT", path: "/dmails/:id/mark_as_read.json", auth: "member", idempotent: true }),
  markAsUnread: Route.make({ method: "PUT", path: "/dmails/:id/mark_as_unread.json", auth: "member", idempotent: true }),
  markAllAsRead: Route.make({ method: "PUT", path: "/dmails/mark_all_as_read.json", auth: "member", idempotent: true })
} as const

/**
 * One page of the caller's mailbox (`GET /dmails.json`, member), newest first.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<DmailSearch, Dmail> = Endpoint.search(routes.search)

/**
 * The caller's whole mailbox matching a search, as a `Stream` (`b<id>` cursors).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<DmailSearch, Dmail> = Endpoint.stream(routes.search)

/**
 * One of the caller's dmails (`GET /dmails/:id.json`). Reading it through the API does not mark it read
 * (use {@link markAsRead}); someone else's message is `E621Forbidden`.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  id: number
) => Effect.Effect<Dmail, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.get)

/**
 * Deletes the caller's copy of a dmail (`DELETE /dmails/:id.json`; 204); it is marked read and leaves the
 * mailbox. The other participant's copy stays.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
const delete_: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.delete)

export { delete_ as delete }

/**
 * Marks one of the caller's dmails read (`PUT /dmails/:id/mark_as_read.json`; 204).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const markAsRead: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> =
  Endpoint.action(routes.markAsRead)

/**
 * Marks one of the caller's dmails unread (`PUT /dmails/:id/mark_as_unread.json`; 204).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const markAsUnread: (id: number) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.action(
  routes.markAsUnread
)

/**
 * Marks every message of the caller's mailbox read (`PUT /dmails/mark_all_as_read.json`; 204).
 *
 * @category Write
 * @since 0.1.0
 */
export const markAllAsRead = (): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Endpoint.send(routes.markAllAsRead)

/**
 * What sending a dmail would take (recipient by name or id, title, body).
 *
 * @category Types
 * @since 0.1.0
 */
export interface DmailCreate {
  readonly toName?: string | undefined
  readonly toId?: number | undefined
  readonly title: string
  readonly body: string
}

const createKeys = Params.keys<DmailCreate>({ toName: true, toId: true, title: true, body: true })

/**
 * Sending dmails is **not available** through e621's JSON API: `POST /dmails.json` answers 406 (the action
 * only renders HTML forms). This function fails with `E621InvalidInput` (field `dmail`) without sending
 * anything; send messages from the website.
 *
 * @category Write
 * @since 0.1.0
 */
export const create = (input: DmailCreate): Effect.Effect<never, E621InvalidInput> =>
  Effect.andThen(
    Params.options(input, createKeys, "dmail"),
    () => Effect.fail(invalidInput(
      "dmail",
      "e621 does not offer sending dmails through its JSON API (POST /dmails.json answers 406 Not Acceptable); send it from the website"
    ))
  )
