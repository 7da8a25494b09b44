/**
 * The fake's wiki pages: index (permissive keys), show by id or title, create, update and revert with
 * versions (listed by `WikiPageVersions.ts`), e621's permission rules (locked pages, per-level fields).
 *
 * @since 0.1.0
 */
import * as Api from "../../api/WikiPages.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"
import * as Vocabulary from "./Vocabulary.ts"
import * as W from "./WikiData.ts"
import { byDesc } from "./Common.ts"

type Row = W.WikiPageRow

/** The tag category number of a title, or `null` when no such tag exists. */
const categoryId = (ctx: FakeContext.Context, title: string): number | null => {
  const known = ctx.store.tagCategories.has(title) || Vocabulary.categoryOf.has(title)
  return known ? Vocabulary.categories.indexOf(ctx.store.categoryOf(title)) : null
}

const render = (ctx: FakeContext.Context) => (page: Row) => ({
  id: page.id,
  created_at: page.created_at,
  updated_at: page.updated_at,
  title: page.title,
  body: page.body,
  creator_id: page.creator_id,
  is_locked: page.is_locked,
  updater_id: page.updater_id,
  is_deleted: page.is_deleted,
  other_names: page.other_names,
  parent: page.parent,
  featured_posts: page.featured_posts,
  creator_name: W.userName(ctx.store, page.creator_id),
  category_id: categoryId(ctx, page.title)
})

const titleFilter: FakeTable.Filter<Row> = (page, value) => W.wildcard(W.normalizeName(value)).test(page.title)

const otherNamesMatch: FakeTable.Filter<Row> = (page, value) => {
  if (value.includes("*")) {
    const pattern = W.wildcard(W.normalizeName(value), "i")
    return page.other_names.some((name) => pattern.test(name))
  }
  const wanted = W.normalizeName(value)
  return page.other_names.some((name) => name.toLowerCase() === wanted)
}

/** `GET /wiki_pages.json`: permissive keys, default order `updated_at desc`. @since 0.1.0 */
export const search: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, W.stateOf(ctx.store).wikiPages.rows, {
    users: { creator: (page) => page.creator_id },
    filters: {
      title: titleFilter,
      bodyMatches: FakeTable.text((page) => page.body),
      otherNamesMatch,
      hideDeleted: (page, value) => !FakeContext.truthy(value) || !page.is_deleted,
      parent: FakeTable.text((page) => page.parent),
      otherNamesPresent: (page, value) =>
        FakeContext.truthy(value) ? page.other_names.length > 0 : page.other_names.length === 0,
      isLocked: FakeTable.bool((page) => page.is_locked),
      isDeleted: FakeTable.bool((page) => page.is_deleted)
    },
    orders: { title: (a, b) => a.title.localeCompare(b.title) },
    defaultOrder: byDesc((page) => page.updated_at),
    render: (page, ctx) => render(ctx)(page)
  })

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** `GET /wiki_pages/:id_or_title.json`: digits are an id, anything else a title (normalised). @since 0.1.0 */
export const get: FakeContext.Handler = (ctx, match) => {
  const state = W.stateOf(ctx.store)
  const key = decodeSegment(match[1]!)
  if (key === undefined) return FakeTable.notFound()
  const page = /^\d+$/.test(key) ? state.wikiPages.get(Number(key)) : W.pageTitled(state, key)
  return page === undefined ? FakeTable.notFound() : FakeHttp.json(200, render(ctx)(page))
}

/**
 * `GET /wiki_pages/show_or_new`: a 302 to the page's HTML (`/wiki_pages/:id`, no format) when the title has
 * one, else an unsaved page (`id` null) with the normalised title.
 */
const showOrNew: FakeContext.Handler = (ctx) => {
  const title = ctx.params.title ?? ""
  const page = W.pageTitled(W.stateOf(ctx.store), title)
  if (page !== undefined) return FakeHttp.redirect(`/wiki_pages/${page.id}`)
  return FakeHttp.json(200, {
    id: null, created_at: null, updated_at: null, title: W.normalizeName(title), body: "", creator_id: null,
    is_locked: false, updater_id: null, is_deleted: false, other_names: [], parent: null, category_id: null
  })
}

/** The `wiki_page[...]` keys this viewer may send (`wiki_pages_controller.rb#wiki_page_params`). */
const allowedFields = (ctx: FakeContext.Context, create: boolean): Array<string> => {
  const user = ctx.viewer.user
  const allowed = ["body", "category_id", "edit_reason", "featured_posts_string"]
  if (FakeContext.atLeast(user, "Privileged")) allowed.push("parent")
  if (FakeContext.atLeast(user, "Staff")) allowed.push("is_locked", "is_deleted", "skip_secondary_validations")
  if (FakeContext.atLeast(user, "Admin")) allowed.push("category_is_locked")
  if (create || FakeContext.atLeast(user, "Staff")) allowed.push("title")
  return allowed
}

const parseIds = (raw: string): Array<number> => (raw.match(/\d+/g) ?? []).map(Number)

type Applied =
  | { readonly _tag: "Ok"; readonly page: Row; readonly category: Vocabulary.Category | undefined }
  | { readonly _tag: "Invalid"; readonly errors: Record<string, Array<string>> }

/** Applies the submitted fields to a page; the 422 errors, if any. */
const apply = (
  ctx: FakeContext.Context,
  page: Row,
  fields: Readonly<Record<string, string>>
): Applied => {
  const state = W.stateOf(ctx.store)
  const errors: Record<string, Array<string>> = {}
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  let next: Row = page
  let category: Vocabulary.Category | undefined
  if (fields.title !== undefined) {
    let title = W.normalizeName(fields.title)
    const prefixed = /^([a-z]+):(.+)$/.exec(title)
    if (prefixed && (Vocabulary.categories as ReadonlyArray<string>).includes(prefixed[1]!)) {
      category = prefixed[1] as Vocabulary.Category
      title = prefixed[2]!
    }
    const error = W.tagNameError(title, state.wikiPages.rows.some((p) => p.id !== page.id && p.title === title))
    if (error !== undefined) add("title", error)
    next = { ...next, title }
  }
  if (fields.body !== undefined) {
    if (fields.body.length > 250_000) add("body", "is too long (maximum is 250000 characters)")
    next = { ...next, body: fields.body.replace(/\r\n/g, "\n") }
  }
  if (fields.featured_posts_string !== undefined) {
    const ids = parseIds(fields.featured_posts_string)
    const missing = ids.filter((id) => ctx.store.byId(id) === undefined)
    if (ids.length > 6) add("featured_posts", "cannot have more than 6 posts")
    else if (new Set(ids).size !== ids.length) add("featured_posts", "cannot contain duplicate posts")
    else if (missing.length > 0) add("featured_posts", `contains invalid post IDs: ${missing.join(", ")}`)
    next = { ...next, featured_posts: ids }
  }
  if (fields.parent !== undefined) {
    const parent = fields.parent === "" ? null : W.normalizeName(fields.parent)
    if (parent !== null && parent !== page.parent && W.pageTitled(state, parent) === undefined) add("parent", "does not exist")
    next = { ...next, parent }
  }
  if (fields.is_locked !== undefined) next = { ...next, is_locked: FakeContext.truthy(fields.is_locked) }
  if (fields.is_deleted !== undefined) next = { ...next, is_deleted: FakeContext.truthy(fields.is_deleted) }
  if (fields.category_id !== undefined && fields.category_id !== "") {
    const n = Number(fields.category_id)
    const name = Vocabulary.categories[n]
    if (!Number.isInteger(n) || name === undefined) add("category_id", "is invalid")
    else category = name
  }
  const limited = wikiLimit(ctx)
  if (limited !== undefined) (errors.base ??= []).push(limited)
  return Object.keys(errors).length > 0 ? { _tag: "Invalid", errors } : { _tag: "Ok", page: next, category }
}

/** `WikiPage#user_not_limited` (every save): the user's wiki page versions this hour. */
const wikiLimit = (ctx: FakeContext.Context): string | undefined => {
  const user = ctx.viewer.user!
  const mine = W.stateOf(ctx.store).wikiPageVersions.rows.filter((v) => v.updater_id === user.id).map((v) => v.updated_at)
  const why = FakeThrottle.refusal(FakeThrottle.wikiEdit, user, ctx.now, mine)
  return why === undefined ? undefined : `User ${why}.`
}

/** `POST /wiki_pages.json`: 201 + page, 422 on validation errors, 403 on fields above the caller's level. @since 0.1.0 */
export const create: FakeContext.Handler = (ctx) => {
  const state = W.stateOf(ctx.store)
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, "wiki_page")
  const refused = W.unpermitted(fields, allowedFields(ctx, true))
  if (refused !== undefined) return FakeHttp.reasonError(403, `found unpermitted parameter: :${refused}`)
  const at = new Date(ctx.now).toISOString()
  const draft: Row = {
    id: 0,
    creator_id: user.id,
    title: "",
    body: "",
    is_locked: false,
    created_at: at,
    updated_at: at,
    updater_id: user.id,
    other_names: [],
    is_deleted: false,
    parent: null,
    featured_posts: []
  }
  const result = apply(ctx, draft, { title: "", ...fields })
  if (result._tag === "Invalid") return FakeTable.invalid(result.errors)
  const page = state.wikiPages.insert((id) => ({ ...result.page, id }))
  if (result.category !== undefined) ctx.store.tagCategories.set(page.title, result.category)
  W.recordWikiVersion(state, undefined, page, user.id, fields.edit_reason ?? null)
  return FakeHttp.json(201, render(ctx)(page), { location: `/wiki_pages/${page.id}` })
}

/** The page `match[1]` names if the viewer may edit it: 404 when missing, 403 when locked to non-staff. */
const editable = (ctx: FakeContext.Context, match: ReadonlyArray<string>): Row | FakeHttp.FakeResponse => {
  const page = W.stateOf(ctx.store).wikiPages.get(Number(match[1]))
  if (page === undefined) return FakeTable.notFound()
  return page.is_locked && !W.isStaff(ctx) ? FakeHttp.accessDenied("Wiki page is locked.") : page
}

/** `PATCH /wiki_pages/:id.json`: 204; locked pages are staff-only; a version when something changed. @since 0.1.0 */
export const update: FakeContext.Handler = (ctx, match) => {
  const state = W.stateOf(ctx.store)
  const user = ctx.viewer.user!
  const page = editable(ctx, match)
  if (FakeContext.isResponse(page)) return page
  const fields = FakeTable.fields(ctx.params, "wiki_page")
  const refused = W.unpermitted(fields, allowedFields(ctx, false))
  if (refused !== undefined) return FakeHttp.reasonError(403, `found unpermitted parameter: :${refused}`)
  const result = apply(ctx, page, fields)
  if (result._tag === "Invalid") return FakeTable.invalid(result.errors)
  const at = new Date(ctx.now).toISOString()
  const next = state.wikiPages.update(page.id, () => ({ ...result.page, updated_at: at, updater_id: user.id }))!
  if (result.category !== undefined) ctx.store.tagCategories.set(next.title, result.category)
  W.recordWikiVersion(state, page, next, user.id, fields.edit_reason ?? null)
  return FakeHttp.noContent()
}

/** `PUT /wiki_pages/:id/revert.json`: restores a version of this page (404 for another page's). @since 0.1.0 */
export const revert: FakeContext.Handler = (ctx, match) => {
  const state = W.stateOf(ctx.store)
  const user = ctx.viewer.user!
  const page = editable(ctx, match)
  if (FakeContext.isResponse(page)) return page
  const version = state.wikiPageVersions.get(Number(ctx.params.version_id))
  if (version === undefined || version.wiki_page_id !== page.id) return FakeTable.notFound()
  const limited = wikiLimit(ctx)
  if (limited !== undefined) return FakeTable.invalid({ base: [limited] })
  const at = new Date(ctx.now).toISOString()
  const next = state.wikiPages.update(page.id, (p) => ({
    ...p,
    title: version.title,
    body: version.body,
    parent: version.parent,
    other_names: version.other_names,
    featured_posts: version.featured_posts,
    updated_at: at,
    updater_id: user.id
  }))!
  W.recordWikiVersion(state, page, next, user.id, null)
  return FakeHttp.noContent()
}

/**
 * The routes of `/wiki_pages` (declared in `api/WikiPages.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, revert, showOrNew
})
