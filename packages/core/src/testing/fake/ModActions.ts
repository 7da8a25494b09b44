/**
 * The fake's moderator actions (`/mod_actions`): known actions and their value types, protected actions for
 * staff only.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/ModActions.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { BASE, DAY, isStaff, seeded } from "./Staff.ts"
import { iso } from "./Common.ts"

type ValueType = "integer" | "string" | "boolean"

/** The actions the fake generates, with e621's `KnownActions` value keys. */
const knownActions: Readonly<Record<string, Readonly<Record<string, ValueType>>>> = {
  user_ban: { user_id: "integer", duration: "integer", reason: "string" },
  user_unban: { user_id: "integer" },
  pool_delete: { pool_id: "integer", pool_name: "string", user_id: "integer" },
  comment_hide: { comment_id: "integer", user_id: "integer" },
  wiki_page_lock: { wiki_page: "string" },
  user_uploads_toggle: { user_id: "integer", disabled: "boolean" },
  staff_note_create: { id: "integer", user_id: "integer", body: "string" },
  ip_ban_create: { ip_addr: "string", reason: "string" }
}

const protectedActions = new Set(["staff_note_create", "ip_ban_create"])

interface ModAction {
  readonly id: number
  readonly creator_id: number
  readonly created_at: string
  readonly updated_at: string
  readonly action: string
  readonly values: Readonly<Record<string, string | number | boolean>>
}

const actionNames = Object.keys(knownActions)

const modActions = seeded<ModAction>("moderation.mod_actions", 0x40d, 60, ({ id, rng, staff, store }) => {
  const action = actionNames[id % actionNames.length]!
  const user = rng.pick(store.users)
  const at = BASE + id * DAY
  const values: Record<string, string | number | boolean> = { internal_note: "raw value only admins see" }
  for (const [key, type] of Object.entries(knownActions[action]!)) {
    values[key] = key === "user_id"
      ? user.id
      : type === "integer"
      ? 1 + rng.int(5000)
      : type === "boolean"
      ? rng.chance(0.5)
      : key === "ip_addr"
      ? `10.0.${rng.int(255)}.${rng.int(255)}`
      : rng.pick(["Spam", "Rule 4", "requested by artist", "test_page"])
  }
  return { id, creator_id: rng.pick(staff), created_at: iso(at), updated_at: iso(at), action, values }
})

const sanitized = (ctx: FakeContext.Context, row: ModAction): ModAction => {
  if (FakeContext.atLeast(ctx.viewer.user, "Admin")) return row
  const keys = Object.keys(knownActions[row.action] ?? {})
  const values: Record<string, string | number | boolean> = {}
  if (row.action !== "ip_ban_create") {
    for (const key of keys) if (row.values[key] !== undefined) values[key] = row.values[key]
  }
  return { ...row, values }
}

const valueFilter = (type: ValueType, key: string): FakeTable.Filter<ModAction> => (row, value, ctx) => {
  const actual = row.values[key]
  if (type === "integer") return typeof actual === "number" && (FakeTable.range(value)?.(actual) ?? false)
  if (type === "boolean") return FakeTable.bool<ModAction>(() => actual === true)(row, value, ctx)
  return FakeTable.text<ModAction>(() => String(actual ?? ""))(row, value.includes("*") ? `*${value}*` : value, ctx)
}

const modActionIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const known = search.action === undefined ? undefined : knownActions[search.action]
  let rows: ReadonlyArray<ModAction> = modActions(ctx.store).rows
  if (known !== undefined) {
    for (const [key, type] of Object.entries(known)) {
      const value = search[key]
      if (value !== undefined) rows = rows.filter((row) => valueFilter(type, key)(row, value, ctx))
    }
  }
  return FakeTable.search(Api.routes.search)(ctx, rows, {
    visible: (row) => isStaff(ctx) || !protectedActions.has(row.action),
    users: { creator: (row) => row.creator_id },
    filters: {
      action: (row, value) => row.action === value
    },
    render: (row, c) => sanitized(c, row)
  })
}

const modActionShow: FakeContext.Handler = (ctx, match) => {
  const row = modActions(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  if (protectedActions.has(row.action) && !isStaff(ctx)) return FakeHttp.accessDenied()
  return FakeHttp.json(200, sanitized(ctx, row))
}

/**
 * The routes of `/mod_actions` (declared in `api/ModActions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: modActionIndex, get: modActionShow })
