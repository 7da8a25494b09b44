/**
 * The fake's Blips family (`blips_controller.rb`, `blip.rb`): search, show, create, and update by the
 * creator within 5 minutes of posting (admins any time), measured on the effect `Clock`. Deleted blips are
 * visible to staff and their creator only.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Blips.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as FakeSocial from "./Common.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"

/**
 * A stored blip (`blips` columns without the IP address).
 *
 * @since 0.1.0
 */
export interface StoredBlip {
  readonly id: number
  readonly creator_id: number
  readonly body: string
  readonly response_to: number | null
  readonly is_deleted: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly warning_type: string | null
  readonly warning_user_id: number | null
  readonly updater_id: number | null
}

/**
 * How long the creator may edit a blip (`BlipsController#ensure_can_edit`): 5 minutes.
 *
 * @since 0.1.0
 */
export const editWindowMillis = 5 * 60 * 1000

const seed = (store: FakeData.Store): FakeTable.Table<StoredBlip> => {
  const rng = FakeSocial.rngOf(store, 0xb119)
  const table = new FakeTable.Table<StoredBlip>([], 300)
  const writers = FakeSocial.authors(store)
  const tester = FakeSocial.fixed(store, "tester")
  for (let i = 0; i < 60; i++) {
    const creator = i % 7 === 0 ? tester : rng.pick(writers)
    const at = FakeSocial.seededTime(i, rng, 13)
    const parent = i > 3 && rng.chance(0.3) ? table.rows[rng.int(table.rows.length)]!.id : null
    table.insert((id) => ({
      id,
      creator_id: creator.id,
      body: `${rng.pick(FakeSocial.phrases)} ${rng.pick(FakeSocial.phrases)}`,
      response_to: parent,
      is_deleted: rng.chance(0.08),
      created_at: at,
      updated_at: at,
      warning_type: null,
      warning_user_id: null,
      updater_id: null
    }))
  }
  return table
}

/**
 * The blips of a store (seeded on first use).
 *
 * @since 0.1.0
 */
export const blips = (store: FakeData.Store): FakeTable.Table<StoredBlip> => FakeTable.tableOf(store, "blips", seed)

const render = (ctx: FakeContext.Context, blip: StoredBlip) => ({ ...blip, creator_name: FakeSocial.nameOf(ctx.store, blip.creator_id) })

/** `Blip#can_access?`: staff, the creator, or not deleted. */
const canAccess = (ctx: FakeContext.Context, blip: StoredBlip): boolean =>
  !blip.is_deleted || FakeRender.isStaff(ctx.viewer.user) || blip.creator_id === FakeSocial.viewerId(ctx)

const updatedDesc = (a: StoredBlip, b: StoredBlip) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0)

const index: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, blips(ctx.store).rows, {
    users: { creator: (b) => b.creator_id },
    filters: {
      bodyMatches: FakeTable.text((b) => b.body),
      responseTo: (b, value) => b.response_to === Math.trunc(Number(value))
    },
    orders: { updated_at: updatedDesc, updated_at_desc: updatedDesc },
    visible: (b) => !b.is_deleted || FakeRender.isStaff(ctx.viewer.user),
    render: (b) => render(ctx, b)
  })

const show: FakeContext.Handler = (ctx, match) => {
  const blip = blips(ctx.store).get(Number(match[1]))
  if (blip === undefined) return FakeTable.notFound()
  return canAccess(ctx, blip) ? FakeHttp.json(200, render(ctx, blip)) : FakeHttp.accessDenied()
}

const bodyErrors = (body: string): Record<string, Array<string>> =>
  body.trim() === ""
    ? { body: ["can't be blank", "is too short (minimum is 5 characters)"] }
    : body.length < 5
    ? { body: ["is too short (minimum is 5 characters)"] }
    : body.length > 1000
    ? { body: ["is too long (maximum is 1000 characters)"] }
    : {}

const create: FakeContext.Handler = (ctx) => {
  const fields = FakeTable.fields(ctx.params, "blip")
  if (Object.keys(fields).length === 0) return FakeHttp.expectedError(400, "param is missing or the value is empty: blip")
  const extra = FakeSocial.unpermitted(fields, ["body", "response_to"])
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const table = blips(ctx.store)
  const body = fields.body ?? ""
  const parent = fields.response_to === undefined || fields.response_to === "" ? null : Number(fields.response_to)
  const errors: Record<string, Array<string>> = { ...bodyErrors(body) }
  if (parent !== null && table.get(parent) === undefined) errors.response_to = ["must exist"]
  const user = ctx.viewer.user!
  const mine = table.rows.filter((b) => b.creator_id === user.id).map((b) => b.created_at)
  const limited = FakeThrottle.refusal(FakeThrottle.blip, user, ctx.now, mine)
  if (limited !== undefined) errors.creator = [limited]
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const at = FakeSocial.nowIso(ctx)
  const blip = table.insert((id) => ({
    id,
    creator_id: user.id,
    body,
    response_to: parent,
    is_deleted: false,
    created_at: at,
    updated_at: at,
    warning_type: null,
    warning_user_id: null,
    updater_id: null
  }))
  return FakeHttp.json(201, render(ctx, blip))
}

const update: FakeContext.Handler = (ctx, match) => {
  const table = blips(ctx.store)
  const blip = table.get(Number(match[1]))
  if (blip === undefined) return FakeTable.notFound()
  if (!canAccess(ctx, blip)) return FakeHttp.accessDenied()
  const admin = FakeSocial.is(ctx, "Admin")
  if (!admin && Date.parse(blip.created_at) < ctx.now - editWindowMillis) {
    return FakeHttp.expectedError(422, "You cannot edit blips more than 5 minutes old")
  }
  if (!admin && (blip.warning_type !== null || blip.creator_id !== FakeSocial.viewerId(ctx))) return FakeHttp.accessDenied()
  const fields = FakeTable.fields(ctx.params, "blip")
  if (Object.keys(fields).length === 0) return FakeHttp.expectedError(400, "param is missing or the value is empty: blip")
  const extra = FakeSocial.unpermitted(fields, ["body"])
  if (extra !== undefined) return FakeHttp.accessDenied(`found unpermitted parameter: :${extra}`)
  const body = fields.body ?? blip.body
  const errors = bodyErrors(body)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  table.update(blip.id, (b) => ({ ...b, body, updated_at: FakeSocial.nowIso(ctx), updater_id: ctx.viewer.user!.id }))
  return FakeHttp.noContent()
}

/**
 * The routes of the Blips family (declared in `api/Blips.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: index, get: show, create, update })
