/**
 * The fake's moderation-visible families: user feedback, bans, moderator actions, takedowns, tickets and appeals,
 * with e621's visibility rules (deleted feedback and protected actions for staff only, hidden takedown
 * fields, tickets visible to their creator or to staff by type) and strict search keys where e621 has them.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"

const DAY = 86_400_000
const BASE = Date.UTC(2024, 0, 1)
const iso = (ms: number): string => new Date(ms).toISOString()
const staffIds = (store: FakeData.Store): ReadonlyArray<number> =>
  store.users.filter((u) => FakeData.levels[u.level_string] >= FakeData.levels.Janitor).map((u) => u.id)
const isStaff = (ctx: FakeContext.Context): boolean => FakeContext.atLeast(ctx.viewer.user, "Staff")
const unpermitted = (key: string): FakeHttp.FakeResponse => FakeHttp.reasonError(403, `found unpermitted parameter: :${key}`)

// ----- user feedback --------------------------------------------------------------------------------------

interface Feedback {
  readonly id: number
  readonly user_id: number
  readonly creator_id: number
  readonly category: "positive" | "neutral" | "negative"
  readonly body: string
  readonly created_at: string
  readonly updated_at: string
  readonly updater_id: number | null
  readonly is_deleted: boolean
}

const feedbacks = (store: FakeData.Store) =>
  FakeTable.tableOf<Feedback>(store, "moderation.feedbacks", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0xfeed))
    const staff = staffIds(s)
    const rows: Array<Feedback> = []
    for (let id = 1; id <= 30; id++) {
      const at = BASE + id * 3 * DAY
      const category = rng.pick(["positive", "neutral", "negative"] as const)
      const user = s.users[id === 1 ? 3 : rng.int(s.users.length)]!
      rows.push({
        id,
        user_id: user.id,
        creator_id: rng.pick(staff),
        category,
        body: `${category === "positive" ? "Thanks for" : category === "neutral" ? "A note about" : "Warning for"} tagging work on post #${1000 + id}.`,
        created_at: iso(at),
        updated_at: iso(at),
        updater_id: null,
        is_deleted: id % 7 === 0
      })
    }
    return new FakeTable.Table(rows)
  })

const feedbackIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const staff = isStaff(ctx)
  if (search.deleted !== undefined && !staff) return unpermitted("deleted")
  const mode = staff ? (search.deleted ?? "excluded").toLowerCase() : "excluded"
  return FakeTable.index<Feedback>(ctx, feedbacks(ctx.store).rows, {
    strict: true,
    visible: (row) => mode === "only" ? row.is_deleted : mode === "excluded" ? !row.is_deleted : true,
    filters: {
      body_matches: FakeTable.text((row) => row.body),
      user_id: FakeTable.numeric((row) => row.user_id),
      user_name: FakeTable.userName((row) => row.user_id),
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
      category: FakeTable.exact((row) => row.category),
      deleted: () => true
    }
  })
}

const feedbackShow: FakeContext.Handler = (ctx, match) => {
  const row = feedbacks(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return row.is_deleted && !isStaff(ctx) ? FakeHttp.accessDenied() : FakeHttp.json(200, row)
}

// ----- bans -----------------------------------------------------------------------------------------------

interface Ban {
  readonly id: number
  readonly user_id: number
  readonly banner_id: number
  readonly reason: string
  readonly expires_at: string | null
  readonly created_at: string
  readonly updated_at: string
}

const bans = (store: FakeData.Store) =>
  FakeTable.tableOf<Ban>(store, "moderation.bans", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0xba2))
    const staff = staffIds(s)
    const banned = s.users.find((u) => u.level_string === "Blocked")
    const rows: Array<Ban> = []
    for (let id = 1; id <= 12; id++) {
      const at = BASE + id * 20 * DAY
      const user = id === 12 && banned !== undefined ? banned : s.users[5 + rng.int(Math.max(1, s.users.length - 5))] ?? s.users[0]!
      rows.push({
        id,
        user_id: user.id,
        banner_id: rng.pick(staff),
        reason: rng.pick(["Spam", "Harassment in comments", "Uploading paysite content", "Ban evasion"]),
        expires_at: id === 12 || rng.chance(0.2) ? null : iso(at + (3 + rng.int(60)) * DAY),
        created_at: iso(at),
        updated_at: iso(at)
      })
    }
    return new FakeTable.Table(rows)
  })

const banIndex: FakeContext.Handler = (ctx) => {
  const expired = (row: Ban) => row.expires_at !== null && Date.parse(row.expires_at) < ctx.now
  return FakeTable.index<Ban>(ctx, bans(ctx.store).rows, {
    filters: {
      user_id: FakeTable.numeric((row) => row.user_id),
      user_name: FakeTable.userName((row) => row.user_id),
      banner_id: FakeTable.numeric((row) => row.banner_id),
      banner_name: FakeTable.userName((row) => row.banner_id),
      reason_matches: FakeTable.text((row) => row.reason),
      expired: (row, value) => FakeContext.truthy(value) ? expired(row) : /^(false|f|no|n|off|0)$/i.test(value) ? !expired(row) : true
    },
    orders: {
      expires_at_desc: (a, b) => (b.expires_at ?? "").localeCompare(a.expires_at ?? "")
    }
  })
}

const banShow: FakeContext.Handler = (ctx, match) => {
  const row = bans(ctx.store).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, row)
}

// ----- moderator actions ----------------------------------------------------------------------------------

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

const modActions = (store: FakeData.Store) =>
  FakeTable.tableOf<ModAction>(store, "moderation.mod_actions", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0x40d))
    const staff = staffIds(s)
    const names = Object.keys(knownActions)
    const rows: Array<ModAction> = []
    for (let id = 1; id <= 60; id++) {
      const action = names[id % names.length]!
      const user = rng.pick(s.users)
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
      rows.push({ id, creator_id: rng.pick(staff), created_at: iso(at), updated_at: iso(at), action, values })
    }
    return new FakeTable.Table(rows)
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
  return FakeTable.index<ModAction>(ctx, rows, {
    visible: (row) => isStaff(ctx) || !protectedActions.has(row.action),
    filters: {
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
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

// ----- takedowns ------------------------------------------------------------------------------------------

interface Takedown {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly approver_id: number | null
  readonly status: string
  readonly reason_hidden: boolean
  readonly post_count: number
  // hidden from every JSON answer:
  readonly creator_id: number | null
  readonly source: string
  readonly reason: string
  readonly instructions: string
  readonly post_ids: ReadonlyArray<number>
  readonly notes: string
  readonly email: string
  readonly vericode: string
}

const takedowns = (store: FakeData.Store) =>
  FakeTable.tableOf<Takedown>(store, "moderation.takedowns", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0x7a4e))
    const staff = staffIds(s)
    const rows: Array<Takedown> = []
    for (let id = 1; id <= 15; id++) {
      const at = BASE + id * 11 * DAY
      const status = id > 12 ? "pending" : rng.pick(["approved", "denied", "partial"])
      const postIds = s.ids.length === 0 ? [] : rng.sample(Array.from(s.ids.subarray(0, 200)), 1 + rng.int(4))
      rows.push({
        id,
        created_at: iso(at),
        updated_at: iso(at + DAY),
        approver_id: status === "pending" ? null : rng.pick(staff),
        status,
        reason_hidden: rng.chance(0.3),
        post_count: postIds.length,
        creator_id: rng.chance(0.5) ? rng.pick(s.users).id : null,
        source: `https://art.example.com/artist_${id}`,
        reason: "I am the artist and want these removed.",
        instructions: "",
        post_ids: postIds,
        notes: "none",
        email: `artist${id}@example.com`,
        vericode: `code-${id}-${rng.int(1_000_000)}`
      })
    }
    return new FakeTable.Table(rows)
  })

const takedownJson = (row: Takedown) => ({
  id: row.id,
  created_at: row.created_at,
  updated_at: row.updated_at,
  approver_id: row.approver_id,
  status: row.status,
  reason_hidden: row.reason_hidden,
  post_count: row.post_count
})

const takedownIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const handler = FakeContext.atLeast(user, "Moderator") || (user !== undefined && FakeContext.atLeast(user, "Janitor"))
  const admin = FakeContext.atLeast(user, "Admin")
  const modKeys = ["source", "reason", "creator_id", "creator_name", "creator_logged_in", "reason_hidden", "instructions", "post_id", "notes"]
  const adminKeys = ["ip_addr", "email", "vericode", "order"]
  for (const key of Object.keys(search)) {
    if (modKeys.includes(key) && !handler) return unpermitted(key)
    if (adminKeys.includes(key) && !admin) return unpermitted(key)
  }
  return FakeTable.index<Takedown>(ctx, takedowns(ctx.store).rows, {
    strict: true,
    filters: {
      status: FakeTable.exact((row) => row.status),
      source: FakeTable.text((row) => row.source),
      reason: FakeTable.text((row) => row.reason),
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
      creator_logged_in: FakeTable.bool((row) => row.creator_id !== null),
      reason_hidden: FakeTable.bool((row) => row.reason_hidden),
      instructions: FakeTable.text((row) => row.instructions),
      post_id: (row, value) => row.post_ids.includes(Number(value)),
      notes: FakeTable.text((row) => row.notes),
      ip_addr: () => false,
      email: FakeTable.text((row) => row.email),
      vericode: (row, value) => row.vericode === value
    },
    orders: {
      status: (a, b) => a.status.localeCompare(b.status),
      post_count: (a, b) => b.post_count - a.post_count
    },
    render: takedownJson
  })
}

/** e621 renders `respond_with(@takedown, @show_instructions)`: the boolean, not the takedown. */
const takedownShow: FakeContext.Handler = (ctx, match) => {
  const row = takedowns(ctx.store).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, ctx.params.code === row.vericode)
}

// ----- tickets --------------------------------------------------------------------------------------------

interface Ticket {
  readonly id: number
  readonly creator_id: number
  readonly disp_id: number
  readonly qtype: string
  readonly status: "pending" | "partial" | "approved"
  readonly reason: string
  readonly report_reason: string | null
  readonly response: string
  readonly handler_id: number
  readonly claimant_id: number | null
  readonly created_at: string
  readonly updated_at: string
  readonly accused_id: number | null
}

const tickets = (store: FakeData.Store) =>
  FakeTable.tableOf<Ticket>(store, "moderation.tickets", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0x71c))
    const staff = staffIds(s)
    const tester = s.users.find((u) => u.name === "tester") ?? s.users[0]!
    const qtypes = ["post", "comment", "user", "forum", "wiki", "pool", "blip", "dmail"] as const
    const rows: Array<Ticket> = []
    for (let id = 1; id <= 25; id++) {
      const qtype = qtypes[id % qtypes.length]!
      const status = rng.pick(["pending", "pending", "partial", "approved"] as const)
      const claimed = status !== "pending" || rng.chance(0.3)
      const at = BASE + id * 5 * DAY
      rows.push({
        id,
        creator_id: id % 3 === 0 ? tester.id : rng.pick(s.users).id,
        disp_id: 1 + rng.int(5000),
        qtype,
        status,
        reason: `Reported ${qtype}: please review.`,
        report_reason: qtype === "post" ? "rule_violation" : null,
        response: status === "pending" ? "" : "Handled, thank you.",
        handler_id: claimed ? rng.pick(staff) : 0,
        claimant_id: claimed ? rng.pick(staff) : null,
        created_at: iso(at),
        updated_at: iso(at + DAY),
        accused_id: qtype === "user" || qtype === "comment" ? rng.pick(s.users).id : null
      })
    }
    return new FakeTable.Table(rows)
  })

const canView = (user: FakeData.User | undefined, row: Ticket): boolean => {
  if (user === undefined) return false
  if (user.id === row.creator_id || FakeContext.atLeast(user, "Admin")) return true
  return row.qtype === "user" || row.qtype === "dmail" ? FakeContext.atLeast(user, "Moderator") : FakeContext.atLeast(user, "Staff")
}

const ticketJson = (row: Ticket, ctx: FakeContext.Context): Record<string, unknown> => {
  const { accused_id, claimant_id, creator_id, reason, report_reason, response, ...rest } = row
  if (!canView(ctx.viewer.user, row)) return rest
  const shown: Record<string, unknown> = { ...rest, creator_id, accused_id, reason, report_reason, response }
  if (isStaff(ctx)) shown.claimant_id = claimant_id
  return shown
}

const statusRank = (row: Ticket): number => row.status === "pending" ? 0 : row.status === "partial" ? 1 : 2

const ticketIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const staff = isStaff(ctx)
  const staffKeys = ["disp_id", "creator_name", "accused_name", "accused_id", "claimant_id", "claimant_name", "reason"]
  for (const key of Object.keys(search)) {
    if (staffKeys.includes(key) && !staff) return unpermitted(key)
    if (key === "creator_id" && !staff && Number.parseInt(search.creator_id!, 10) !== user?.id) return unpermitted(key)
  }
  return FakeTable.index<Ticket>(ctx, tickets(ctx.store).rows, {
    strict: true,
    visible: (row) =>
      FakeContext.atLeast(user, "Moderator") ||
      (user !== undefined && row.creator_id === user.id) ||
      (staff && row.qtype !== "dmail" && row.qtype !== "user"),
    filters: {
      qtype: FakeTable.exact((row) => row.qtype),
      status: (row, value) =>
        value === "pending_claimed"
          ? row.status === "pending" && row.claimant_id !== null
          : value === "pending_unclaimed"
          ? row.status === "pending" && row.claimant_id === null
          : row.status === value,
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
      disp_id: FakeTable.numeric((row) => row.disp_id),
      accused_id: FakeTable.numeric((row) => row.accused_id),
      accused_name: FakeTable.userName((row) => row.accused_id),
      claimant_id: FakeTable.numeric((row) => row.claimant_id),
      claimant_name: FakeTable.userName((row) => row.claimant_id),
      reason: FakeTable.text((row) => row.reason)
    },
    defaultOrder: (a, b) => statusRank(a) - statusRank(b),
    render: ticketJson
  })
}

const ticketShow: FakeContext.Handler = (ctx, match) => {
  const row = tickets(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return canView(ctx.viewer.user, row) ? FakeHttp.json(200, ticketJson(row, ctx)) : FakeHttp.accessDenied()
}

// ----- appeals --------------------------------------------------------------------------------------------

interface Appeal {
  readonly id: number
  readonly creator_id: number
  readonly disp_id: number
  readonly qtype: "flag"
  readonly status: "pending" | "partial" | "approved" | "rejected"
  readonly reason: string
  readonly response: string
  readonly claimant_id: number | null
  readonly handler_id: number | null
  readonly accused_id: number | null
  readonly created_at: string
  readonly updated_at: string
}

const appeals = (store: FakeData.Store) =>
  FakeTable.tableOf<Appeal>(store, "moderation.appeals", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0xa99ea1))
    const staff = staffIds(s)
    const tester = s.users.find((u) => u.name === "tester") ?? s.users[0]!
    const rows: Array<Appeal> = []
    for (let id = 1; id <= 20; id++) {
      const status = rng.pick(["pending", "pending", "partial", "approved", "rejected"] as const)
      const claimed = status !== "pending" || rng.chance(0.3)
      const at = BASE + id * 4 * DAY
      rows.push({
        id,
        creator_id: id % 4 === 0 ? tester.id : rng.pick(s.users).id,
        disp_id: 1 + rng.int(3000),
        qtype: "flag",
        status,
        reason: `Please restore post: the flag reason does not apply (${id}).`,
        response: status === "pending" ? "" : "Reviewed.",
        claimant_id: claimed ? rng.pick(staff) : null,
        handler_id: status === "approved" || status === "rejected" ? rng.pick(staff) : null,
        accused_id: rng.pick(staff),
        created_at: iso(at),
        updated_at: iso(at + DAY)
      })
    }
    return new FakeTable.Table(rows)
  })

/** `Appeal#can_view?` for flag appeals: the creator, or staff. */
const canViewAppeal = (ctx: FakeContext.Context, row: Appeal): boolean =>
  ctx.viewer.user !== undefined && (ctx.viewer.user.id === row.creator_id || isStaff(ctx))

const appealJson = (row: Appeal, ctx: FakeContext.Context): Record<string, unknown> => {
  const { accused_id, claimant_id, creator_id, reason, response, ...rest } = row
  if (!canViewAppeal(ctx, row)) return rest
  const shown: Record<string, unknown> = { ...rest, creator_id, accused_id, reason, response }
  if (isStaff(ctx)) shown.claimant_id = claimant_id
  return shown
}

const appealRank = (row: Appeal): number => row.status === "pending" ? 0 : row.status === "partial" ? 1 : 2

const appealIndex: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const user = ctx.viewer.user
  const staff = isStaff(ctx)
  const staffKeys = ["disp_id", "creator_name", "accused_name", "accused_id", "claimant_id", "claimant_name", "reason"]
  for (const key of Object.keys(search)) {
    if (staffKeys.includes(key) && !staff) return unpermitted(key)
    if (key === "creator_id" && !staff && Number.parseInt(search.creator_id!, 10) !== user?.id) return unpermitted(key)
  }
  return FakeTable.index<Appeal>(ctx, appeals(ctx.store).rows, {
    strict: true,
    visible: (row) => staff || (user !== undefined && row.creator_id === user.id),
    filters: {
      qtype: FakeTable.exact((row) => row.qtype),
      status: (row, value) =>
        value === "pending_claimed"
          ? row.status === "pending" && row.claimant_id !== null
          : value === "pending_unclaimed"
          ? row.status === "pending" && row.claimant_id === null
          : value === "handled"
          ? (row.status === "approved" || row.status === "rejected") && row.claimant_id !== null
          : row.status === value,
      creator_id: FakeTable.numeric((row) => row.creator_id),
      creator_name: FakeTable.userName((row) => row.creator_id),
      disp_id: FakeTable.numeric((row) => row.disp_id),
      accused_id: FakeTable.numeric((row) => row.accused_id),
      accused_name: FakeTable.userName((row) => row.accused_id),
      claimant_id: FakeTable.numeric((row) => row.claimant_id),
      claimant_name: FakeTable.userName((row) => row.claimant_id),
      reason: FakeTable.text((row) => row.reason)
    },
    defaultOrder: (a, b) => appealRank(a) - appealRank(b),
    render: appealJson
  })
}

const appealShow: FakeContext.Handler = (ctx, match) => {
  const row = appeals(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return canViewAppeal(ctx, row) ? FakeHttp.json(200, appealJson(row, ctx)) : FakeHttp.accessDenied()
}

/**
 * The routes of the moderation-visible families.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/user_feedbacks$/, auth: "none", throttled: false, handler: feedbackIndex },
  { method: "GET", pattern: /^\/user_feedbacks\/(\d+)$/, auth: "none", throttled: false, handler: feedbackShow },
  { method: "GET", pattern: /^\/bans$/, auth: "none", throttled: false, handler: banIndex },
  { method: "GET", pattern: /^\/bans\/(\d+)$/, auth: "none", throttled: false, handler: banShow },
  { method: "GET", pattern: /^\/mod_actions$/, auth: "none", throttled: false, handler: modActionIndex },
  { method: "GET", pattern: /^\/mod_actions\/(\d+)$/, auth: "none", throttled: false, handler: modActionShow },
  { method: "GET", pattern: /^\/takedowns$/, auth: "none", throttled: false, handler: takedownIndex },
  { method: "GET", pattern: /^\/takedowns\/(\d+)$/, auth: "none", throttled: false, handler: takedownShow },
  { method: "GET", pattern: /^\/tickets$/, auth: "none", throttled: false, handler: ticketIndex },
  { method: "GET", pattern: /^\/tickets\/(\d+)$/, auth: "member", throttled: false, handler: ticketShow },
  { method: "GET", pattern: /^\/appeals$/, auth: "none", throttled: false, handler: appealIndex },
  { method: "GET", pattern: /^\/appeals\/(\d+)$/, auth: "member", throttled: false, handler: appealShow }
]
