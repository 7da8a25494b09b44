/**
 * The fake's artists: index with embedded `urls`, show by id or name with `urls` and `domains`, create / update /
 * revert with versions (listed by `ArtistVersions.ts`; URLs by `ArtistUrls.ts`) and notes kept in the wiki, e621's
 * lock, avoid-posting and per-level field rules.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Artists.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeThrottle from "./Throttle.ts"
import * as Vocabulary from "./Vocabulary.ts"
import * as W from "./WikiData.ts"

type Row = W.ArtistRow

/** An artist's columns as e621 renders them, with `urls` and `domains`. @internal */
export const columns = (state: W.State, artist: Row) => ({
  id: artist.id,
  name: artist.name,
  updated_at: artist.updated_at,
  is_active: artist.is_active,
  other_names: artist.other_names,
  group_name: artist.group_name,
  linked_user_id: artist.linked_user_id,
  created_at: artist.created_at,
  creator_id: artist.creator_id,
  is_locked: artist.is_locked,
  notes: W.pageTitled(state, artist.name)?.body ?? null
})

const withUrls = (state: W.State, artist: Row) => ({ ...columns(state, artist), urls: W.urlsOf(state, artist.id) })

/** Source files e621 does not count as a domain (`Artist#domains`). */
const directFile = /\.(png|jpeg|jpg|webm|mp4)$/m
const uncounted = new Set(["twimg.com", "wixmp.com", "ngfiles.com"])

const domainOf = (url: string): string | undefined => {
  try {
    const labels = new URL(url).hostname.split(".").filter((l) => l !== "")
    return labels.length < 2 ? undefined : labels.slice(-2).join(".")
  } catch {
    return undefined
  }
}

/** `Artist#domains`: domain counts over the newest 100 non-deleted posts tagged with the artist. */
const domains = (ctx: FakeContext.Context, name: string): Array<readonly [string, number]> => {
  const counted = new Map<string, number>()
  let seen = 0
  for (let i = ctx.store.size - 1, scanned = 0; i >= 0 && seen < 100 && scanned < 50_000; i--, scanned++) {
    const post = ctx.store.at(i)
    if (post.flags.deleted || !post.tags.artist.includes(name)) continue
    seen++
    const found = new Set<string>()
    for (const source of post.sources) {
      if (directFile.test(source)) continue
      const domain = domainOf(source)
      if (domain !== undefined && !uncounted.has(domain)) found.add(domain)
    }
    for (const domain of found) counted.set(domain, (counted.get(domain) ?? 0) + 1)
  }
  return [...counted].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

const anyNameMatches = (artist: Row, query: string): boolean => {
  const normalized = W.normalizeName(query)
  const pattern = W.wildcard(normalized.includes("*") ? normalized : `*${normalized}*`, "i")
  return pattern.test(artist.name) || artist.other_names.some((n) => pattern.test(n)) || pattern.test(artist.group_name)
}

/** `Artist.find_artists`: URL prefix matches, walking up the path, never matching a whole site. */
const findByUrl = (state: W.State, url: string): Set<number> => {
  let current = W.normalizeUrl(url)
  const found = new Set<number>()
  while (found.size === 0 && current.length > 10) {
    const prefix = current.replace(/\/+$/, "") + "/"
    if (/^https?:\/\/[^/]+\/$/i.test(prefix)) break
    for (const row of state.artistUrls.rows) {
      if (row.normalized_url.toLowerCase().startsWith(prefix.toLowerCase())) found.add(row.artist_id)
    }
    current = prefix.replace(/[^/]+\/$/, "")
  }
  return found
}

/** A `*_matches` filter on a URL: a substring, or a wildcard pattern. @internal */
export const urlSubstring = (get: (row: W.ArtistUrlRow) => string) => (row: W.ArtistUrlRow, value: string): boolean =>
  W.wildcard(value.includes("*") ? value : `*${value}*`, "i").test(get(row))

const urlMatches = (state: W.State, artist: Row, value: string): boolean =>
  /^https?:\/\//i.test(value)
    ? findByUrl(state, value).has(artist.id)
    : W.urlsOf(state, artist.id).some((u) => urlSubstring((r) => r.url)(u, value))

const hasTag = (ctx: FakeContext.Context, name: string): boolean =>
  Vocabulary.categoryOf.has(name) || ctx.store.tagCategories.has(name)

/** `GET /artists.json`: permissive keys, `urls` embedded. @since 0.1.0 */
export const search: FakeContext.Handler = (ctx) => {
  const state = W.stateOf(ctx.store)
  return FakeTable.search(Api.routes.search)(ctx, state.artists.rows, {
    users: { creator: (a) => a.creator_id, linkedUser: (a) => a.linked_user_id },
    filters: {
      name: FakeTable.text((a) => a.name),
      groupName: FakeTable.text((a) => a.group_name),
      anyOtherNameLike: (a, value) => a.other_names.some((n) => W.wildcard(value).test(n)),
      anyOtherNameMatches: (a, value) => a.other_names.some((n) => W.regexTest(value, n)),
      anyNameMatches,
      anyNameOrUrlMatches: (a, value) => (/^https?:\/\//i.test(value) ? urlMatches(state, a, value) : anyNameMatches(a, value)),
      urlMatches: (a, value) => urlMatches(state, a, value),
      hasTag: (a, value) => (FakeContext.truthy(value) ? hasTag(ctx, a.name) : !hasTag(ctx, a.name)),
      isLinked: (a, value) => (FakeContext.truthy(value) ? a.linked_user_id !== null : a.linked_user_id === null)
    },
    orders: {
      name: (a, b) => a.name.localeCompare(b.name),
      updated_at: (a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0)
    },
    render: (artist) => withUrls(state, artist)
  })
}

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const load = (ctx: FakeContext.Context, segment: string): Row | undefined => {
  const state = W.stateOf(ctx.store)
  const key = decodeSegment(segment)
  if (key === undefined) return undefined
  if (/^\d+$/.test(key)) return state.artists.get(Number(key))
  const name = W.normalizeName(key)
  return state.artists.rows.find((a) => a.name === name)
}

/** `GET /artists/:id_or_name.json`: with `urls` and `domains`. @since 0.1.0 */
export const get: FakeContext.Handler = (ctx, match) => {
  const artist = load(ctx, match[1]!)
  if (artist === undefined) return FakeTable.notFound()
  return FakeHttp.json(200, { ...withUrls(W.stateOf(ctx.store), artist), domains: domains(ctx, artist.name) })
}

/**
 * `GET /artists/show_or_new`: a 302 to the artist's HTML page (`/artists/:id`) when the name has one, else an
 * unsaved artist (`id` null) with the normalised name.
 */
const showOrNew: FakeContext.Handler = (ctx) => {
  const name = W.normalizeName(ctx.params.name ?? "")
  const artist = W.stateOf(ctx.store).artists.rows.find((a) => a.name === name)
  if (artist !== undefined) return FakeHttp.redirect(`/artists/${artist.id}`)
  return FakeHttp.json(200, {
    id: null, name, created_at: null, updated_at: null, creator_id: null, is_active: true, group_name: "",
    other_names: [], linked_user_id: null, is_locked: false, notes: null
  })
}

const allowedFields = (ctx: FakeContext.Context): Array<string> => {
  const allowed = ["name", "other_names", "other_names_string", "group_name", "url_string", "notes"]
  if (W.isStaff(ctx)) allowed.push("linked_user_id", "is_locked")
  return allowed
}

interface Changes {
  readonly _tag: "Ok"
  readonly artist: Row
  readonly urls: ReadonlyArray<string> | undefined
  readonly notes: string | undefined
}

/** Applies the submitted `artist[...]` fields; 422 errors or the changed artist. */
const apply = (
  ctx: FakeContext.Context,
  artist: Row,
  fields: Readonly<Record<string, string>>,
  isNew: boolean
): Changes | { readonly _tag: "Invalid"; readonly errors: Record<string, Array<string>> } => {
  const state = W.stateOf(ctx.store)
  const errors: Record<string, Array<string>> = {}
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  let next = artist
  if (fields.name !== undefined) {
    const name = W.normalizeName(fields.name)
    const error = W.tagNameError(name, state.artists.rows.some((a) => a.id !== artist.id && a.name === name))
    if (error !== undefined) add("name", error)
    next = { ...next, name }
  }
  if (fields.group_name !== undefined) {
    if (fields.group_name.length > 100) add("group_name", "is too long (maximum is 100 characters)")
    next = { ...next, group_name: fields.group_name }
  }
  const otherNames = fields.other_names_string ?? fields.other_names
  if (otherNames !== undefined) {
    const names = [...new Set(otherNames.split(/\s+/).filter((n) => n !== "").map(W.normalizeName))]
      .filter((n) => n !== next.name)
      .slice(0, 25)
      .map((n) => n.slice(0, 100))
    next = { ...next, other_names: names }
  }
  if (fields.linked_user_id !== undefined) {
    next = { ...next, linked_user_id: fields.linked_user_id === "" ? null : Number(fields.linked_user_id) }
  }
  if (fields.is_locked !== undefined) next = { ...next, is_locked: FakeContext.truthy(fields.is_locked) }
  let urls: Array<string> | undefined
  if (fields.url_string !== undefined) {
    urls = fields.url_string.split(/\s+/).filter((u) => u !== "")
    for (const line of urls) {
      const url = line.replace(/^-/, "")
      if (!/^https?:\/\//i.test(url)) add("urls.url", `'${url}' must begin with http:// or https:// `)
    }
  }
  if (!isNew && activeDnp(ctx, artist) && !FakeContext.atLeast(ctx.viewer.user, "Admin")) {
    if (next.name !== artist.name) add("name", "cannot be changed while the artist is on the avoid posting list")
    if (next.group_name !== artist.group_name) add("group_name", "cannot be changed while the artist is on the avoid posting list")
    if (next.other_names.join(" ") !== artist.other_names.join(" ")) {
      add("other_names", "cannot be changed while the artist is on the avoid posting list")
    }
  }
  // `Artist#user_not_limited` (every save): the user's artist versions this hour
  const user = ctx.viewer.user!
  const mine = state.artistVersions.rows.filter((v) => v.updater_id === user.id).map((v) => v.created_at)
  const limited = FakeThrottle.refusal(FakeThrottle.artistEdit, user, ctx.now, mine)
  if (limited !== undefined) (errors.base ??= []).push(`User ${limited}.`)
  if (Object.keys(errors).length > 0) return { _tag: "Invalid", errors }
  return { _tag: "Ok", artist: next, urls, notes: fields.notes }
}

const activeDnp = (ctx: FakeContext.Context, artist: Row): boolean => W.activeDnp(W.stateOf(ctx.store), artist.id) !== undefined

/** Saves an applied change: URLs, notes (the wiki page), a version when something versioned changed. */
const save = (ctx: FakeContext.Context, before: Row | undefined, changes: Changes, at: string): Row => {
  const state = W.stateOf(ctx.store)
  const user = ctx.viewer.user!
  const urlsBefore = before === undefined ? [] : W.urlStrings(state, before.id)
  const artist = before === undefined
    ? state.artists.insert((id) => ({ ...changes.artist, id, created_at: at, updated_at: at }))
    : state.artists.update(before.id, () => ({ ...changes.artist, updated_at: at }))!
  if (changes.urls !== undefined) W.setUrls(state, artist.id, changes.urls, at)
  const urlsChanged = urlsBefore.join("\n") !== W.urlStrings(state, artist.id).join("\n")
  const notesChanged = W.setNotes(state, artist.name, changes.notes, before?.name, user.id, at)
  const changed = before === undefined || urlsChanged || notesChanged || before.name !== artist.name ||
    before.group_name !== artist.group_name || before.other_names.join(" ") !== artist.other_names.join(" ")
  if (changed) W.recordArtistVersion(state, artist, user.id, notesChanged)
  return artist
}

/** `POST /artists.json`: 201 + the artist's columns (no `urls`), 422 on validation errors. @since 0.1.0 */
export const create: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, "artist")
  const refused = W.unpermitted(fields, allowedFields(ctx))
  if (refused !== undefined) return FakeHttp.reasonError(403, `found unpermitted parameter: :${refused}`)
  const draft: Row = {
    id: 0,
    name: "",
    creator_id: user.id,
    is_active: true,
    group_name: "",
    created_at: "",
    updated_at: "",
    other_names: [],
    linked_user_id: null,
    is_locked: false
  }
  const changes = apply(ctx, draft, { name: "", ...fields }, true)
  if (changes._tag === "Invalid") return FakeTable.invalid(changes.errors)
  const artist = save(ctx, undefined, changes, new Date(ctx.now).toISOString())
  return FakeHttp.json(201, columns(W.stateOf(ctx.store), artist), { location: `/artists/${artist.id}` })
}

const lockedFor = (ctx: FakeContext.Context, artist: Row): FakeHttp.FakeResponse | undefined =>
  artist.is_locked && !W.isStaff(ctx) ? FakeHttp.accessDenied("Artist is locked.") : undefined

/** `PATCH /artists/:id_or_name.json`: 204; locked artists are staff-only. @since 0.1.0 */
export const update: FakeContext.Handler = (ctx, match) => {
  const artist = load(ctx, match[1]!)
  if (artist === undefined) return FakeTable.notFound()
  const locked = lockedFor(ctx, artist)
  if (locked !== undefined) return locked
  const fields = FakeTable.fields(ctx.params, "artist")
  const refused = W.unpermitted(fields, allowedFields(ctx))
  if (refused !== undefined) return FakeHttp.reasonError(403, `found unpermitted parameter: :${refused}`)
  const changes = apply(ctx, artist, fields, false)
  if (changes._tag === "Invalid") return FakeTable.invalid(changes.errors)
  save(ctx, artist, changes, new Date(ctx.now).toISOString())
  return FakeHttp.noContent()
}

/** `PUT /artists/:id/revert.json`: name, URLs, other names and group from a version of this artist. @since 0.1.0 */
export const revert: FakeContext.Handler = (ctx, match) => {
  const state = W.stateOf(ctx.store)
  const artist = load(ctx, match[1]!)
  if (artist === undefined) return FakeTable.notFound()
  const locked = lockedFor(ctx, artist)
  if (locked !== undefined) return locked
  const version = state.artistVersions.get(Number(ctx.params.version_id))
  if (version === undefined || version.artist_id !== artist.id) return FakeTable.notFound()
  const changes = apply(ctx, artist, {
    name: version.name,
    group_name: version.group_name,
    other_names_string: version.other_names.join(" "),
    url_string: version.urls.join("\n")
  }, false)
  if (changes._tag === "Invalid") return FakeTable.invalid(changes.errors)
  save(ctx, artist, changes, new Date(ctx.now).toISOString())
  return FakeHttp.noContent()
}

/**
 * The routes of `/artists` (declared in `api/Artists.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, create, update, revert, showOrNew
})
