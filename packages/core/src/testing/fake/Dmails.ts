/**
 * The fake's Dmails family (`dmails_controller.rb`, `dmail.rb`): the caller's own mailbox only (one copy
 * per participant, `owner_id`), show/delete/mark read for the owner (others 403), and mark all read. Sending
 * (`POST /dmails.json`, HTML-only on e621) is not served: the client never sends it.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Dmails.ts"
import type * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"

/**
 * A stored dmail copy (`dmails` columns without the IP address).
 *
 * @since 0.1.0
 */
export interface StoredDmail {
  readonly id: number
  readonly owner_id: number
  readonly from_id: number
  readonly to_id: number
  readonly title: string
  readonly body: string
  readonly is_read: boolean
  readonly is_deleted: boolean
  readonly created_at: string
  readonly updated_at: string
}

const titles: ReadonlyArray<string> = ["Commission question", "About your upload", "Tagging help", "Thanks!", "Pool order", "Hello"]

const seed = (store: FakeData.Store): FakeTable.Table<StoredDmail> => {
  const rng = FakeSocial.rngOf(store, 0xd3a1)
  const table = new FakeTable.Table<StoredDmail>([], 100)
  const tester = FakeSocial.fixed(store, "tester")
  const privileged = FakeSocial.fixed(store, "privileged")
  const others = FakeSocial.authors(store).filter((u) => u.id !== tester.id)
  for (let i = 0; i < 30; i++) {
    // tester takes part in two of three conversations; the rest are between others (privileged first)
    const withTester = i % 3 !== 2
    const a = withTester ? tester : privileged
    const b = withTester ? rng.pick(others) : rng.pick(others.filter((u) => u.id !== privileged.id))
    const [from, to] = rng.chance(0.5) ? [a, b] : [b, a]
    const at = FakeSocial.seededTime(i, rng, 17)
    const message = { from_id: from.id, to_id: to.id, title: rng.pick(titles), body: rng.pick(FakeSocial.phrases), created_at: at, updated_at: at }
    table.insert((id) => ({ id, owner_id: from.id, is_read: true, is_deleted: false, ...message }))
    table.insert((id) => ({ id, owner_id: to.id, is_read: rng.chance(0.5), is_deleted: false, ...message }))
  }
  return table
}

/**
 * The dmail copies of a store (seeded on first use).
 *
 * @since 0.1.0
 */
export const dmails = (store: FakeData.Store): FakeTable.Table<StoredDmail> => FakeTable.tableOf(store, "dmails", seed)

const render = (ctx: FakeContext.Context, dmail: StoredDmail) => ({
  ...dmail,
  to_name: FakeSocial.nameOf(ctx.store, dmail.to_id),
  from_name: FakeSocial.nameOf(ctx.store, dmail.from_id)
})

const index: FakeContext.Handler = (ctx) => {
  const owner = FakeSocial.viewerId(ctx)
  return FakeTable.search(Api.routes.search)(ctx, dmails(ctx.store).rows, {
    users: { to: (d) => d.to_id, from: (d) => d.from_id },
    filters: {
      titleMatches: FakeTable.text((d) => d.title),
      messageMatches: FakeTable.text((d) => d.body),
      isRead: FakeTable.bool((d) => d.is_read)
    },
    visible: (d) => d.owner_id === owner && !d.is_deleted,
    render: (d) => render(ctx, d)
  })
}

/** `check_privilege` + `check_is_owner`: 404 for a missing record, 403 for someone else's copy. */
const owned = (
  ctx: FakeContext.Context,
  match: ReadonlyArray<string>,
  then: (dmail: StoredDmail) => FakeHttp.FakeResponse
): FakeHttp.FakeResponse => FakeTable.found(dmails(ctx.store), match, (dmail) => dmail.owner_id === FakeSocial.viewerId(ctx), then)

const show: FakeContext.Handler = (ctx, match) => owned(ctx, match, (d) => FakeHttp.json(200, render(ctx, d)))

const change = (patch: Partial<StoredDmail>): FakeContext.Handler => (ctx, match) =>
  owned(ctx, match, (d) => {
    dmails(ctx.store).update(d.id, (row) => ({ ...row, ...patch }))
    return FakeHttp.noContent()
  })

const markAllAsRead: FakeContext.Handler = (ctx) => {
  const owner = FakeSocial.viewerId(ctx)
  const table = dmails(ctx.store)
  for (const d of table.rows) {
    if (d.owner_id === owner && !d.is_read && !d.is_deleted) table.update(d.id, (row) => ({ ...row, is_read: true }))
  }
  return FakeHttp.noContent()
}

/**
 * The routes of the Dmails family (declared in `api/Dmails.ts`; all member-only).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: index,
  get: show,
  delete: change({ is_read: true, is_deleted: true }),
  markAsRead: change({ is_read: true }),
  markAsUnread: change({ is_read: false }),
  markAllAsRead
})
