/**
 * The fake's bulk update requests (`/bulk_update_requests`): e621's search semantics
 * (`BulkUpdateRequest.search`), script checks, and writes by their creator while pending.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/BulkUpdateRequests.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { type BurRow, type Kind, nowIso, relationshipError, stateOf, tableOf } from "./TagRelationships.ts"
import { byDesc } from "./Common.ts"

const scriptLine = /^(create alias|aliasing|alias|create implication|implicating|implicate|imply|remove alias|unaliasing|unalias|remove implication|unimplicating|unimplicate|unimply|mass update|updating|update|change|category) (\S+) -> (\S+)( #.*)?$|^(nuke tag|nuke) (\S+)( #.*)?$/i

/** Validates and annotates a script (`BulkUpdateRequestImporter`): errors, or the annotated script. */
const checkScript = (store: FakeData.Store, raw: string): { readonly errors: Array<string>; readonly script: string } => {
  const errors: Array<string> = []
  const out: Array<string> = []
  for (const rawLine of raw.toLowerCase().split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/\s+/g, " ").trim()
    if (line === "") continue
    const m = scriptLine.exec(line)
    if (m === null) return { errors: [`Unparseable line: ${line}`], script: raw }
    const verb = (m[1] ?? "").toLowerCase()
    const kind: Kind | undefined = /alias/.test(verb) && !/remove|un/.test(verb)
      ? "alias"
      : /impl/.test(verb) && !/remove|un/.test(verb)
      ? "implication"
      : undefined
    if (kind === undefined) {
      out.push(line)
      continue
    }
    const [a, c] = [m[2]!, m[3]!]
    const duplicate = tableOf(store, kind).rows.find((row) =>
      row.antecedent_name === a && row.consequent_name === c &&
      ["active", "processing", "queued", "pending"].includes(row.status)
    )
    if (duplicate !== undefined) {
      out.push(`${kind === "alias" ? "alias" : "implicate"} ${a} -> ${c} # duplicate of ${kind} #${duplicate.id}`)
      continue
    }
    const error = relationshipError(store, kind, a, c)
    if (error !== undefined) errors.push(`Error: ${error} (create ${kind} ${a} -> ${c})`)
    out.push(`${kind === "alias" ? "alias" : "implicate"} ${a} -> ${c}`)
  }
  if (out.length === 0) errors.push("Script can't be blank")
  return { errors, script: out.join("\n") }
}

const burIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, stateOf(ctx.store).burs.rows, {
    users: { user: (row) => row.user_id, approver: (row) => row.approver_id },
    filters: {
      forumTopicId: (row, value) => value.split(",").map(Number).includes(row.forum_topic_id ?? -1),
      forumPostId: (row, value) => value.split(",").map(Number).includes(row.forum_post_id ?? -1),
      status: (row, value) => value.split(",").includes(row.status),
      titleMatches: FakeTable.text((row) => row.title),
      scriptMatches: FakeTable.text((row) => row.script)
    },
    orders: {
      updated_at_desc: byDesc((row) => row.updated_at),
      updated_at_asc: (a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : 0)
    },
    defaultOrder: (a, b) => {
      const rank = (row: BurRow) => row.status === "pending" ? 0 : row.status === "approved" ? 1 : 2
      return rank(a) - rank(b) || b.id - a.id
    }
  })

const burShow: FakeContext.Handler = (ctx, match) => {
  const row = stateOf(ctx.store).burs.get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, row)
}

/** `POST /bulk_update_requests` (member): 201 + the BUR, or 422 with e621's messages. */
const burCreate: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, "bulk_update_request")
  const errors: Record<string, Array<string>> = {}
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  const raw = fields.script ?? ""
  if (raw.trim() === "") add("script", "can't be blank")
  const topicId = fields.forum_topic_id === undefined || fields.forum_topic_id === "" ? null : Number(fields.forum_topic_id)
  if ((fields.title ?? "").trim() === "" && topicId === null) add("title", "can't be blank")
  if ((fields.reason ?? "").length < 5) add("reason", "is too short (minimum is 5 characters)")
  const checked = raw.trim() === "" ? { errors: [], script: "" } : checkScript(ctx.store, raw)
  for (const error of checked.errors) add("base", error)
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  const state = stateOf(ctx.store)
  const at = nowIso(ctx)
  const row = state.burs.insert((id) => ({
    id,
    user_id: user.id,
    forum_topic_id: topicId ?? ++state.forum.topic,
    script: checked.script,
    status: "pending",
    created_at: at,
    updated_at: at,
    approver_id: null,
    forum_post_id: ++state.forum.post,
    title: topicId === null ? fields.title!.trim() : null
  }))
  return FakeHttp.json(201, row, { location: `/bulk_update_requests/${row.id}` })
}

/** The BUR `match[1]` names, if it is pending and the viewer created it or is an admin: else 404 / 403. */
const pendingOwnBur = (ctx: FakeContext.Context, match: ReadonlyArray<string>): BurRow | FakeHttp.FakeResponse => {
  const row = stateOf(ctx.store).burs.get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  const user = ctx.viewer.user!
  return row.status !== "pending" || (row.user_id !== user.id && !FakeContext.atLeast(user, "Admin")) ? FakeHttp.accessDenied() : row
}

/** `PATCH /bulk_update_requests/:id` (member): the creator or an admin, while pending; 204 or 422. */
const burUpdate: FakeContext.Handler = (ctx, match) => {
  const table = stateOf(ctx.store).burs
  const row = pendingOwnBur(ctx, match)
  if (FakeContext.isResponse(row)) return row
  const fields = FakeTable.fields(ctx.params, "bulk_update_request")
  if (fields.script !== undefined) {
    if (fields.script.trim() === "") return FakeTable.invalid({ script: ["can't be blank"] })
    const checked = checkScript(ctx.store, fields.script)
    if (checked.errors.length > 0) return FakeTable.invalid({ base: checked.errors })
    table.update(row.id, (r) => ({ ...r, script: checked.script, updated_at: nowIso(ctx) }))
  }
  return FakeHttp.noContent()
}

/** `DELETE /bulk_update_requests/:id` (member): the creator or an admin rejects a pending BUR; 204. */
const burDestroy: FakeContext.Handler = (ctx, match) => {
  const table = stateOf(ctx.store).burs
  const row = pendingOwnBur(ctx, match)
  if (FakeContext.isResponse(row)) return row
  table.update(row.id, (r) => ({ ...r, status: "rejected", updated_at: nowIso(ctx) }))
  return FakeHttp.noContent()
}

/**
 * The routes of `/bulk_update_requests` (declared in `api/BulkUpdateRequests.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: burIndex,
  get: burShow,
  create: burCreate,
  update: burUpdate,
  delete: burDestroy
})
