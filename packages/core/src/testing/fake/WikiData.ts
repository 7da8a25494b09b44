/**
 * The fake's wiki, artist and avoid-posting data: row shapes (e621's columns), a deterministic seed built
 * from the store's seed, users and posts, and the shared helpers of their handlers (versions, names, URLs).
 *
 * Seeded: wiki pages for species, copyrights, characters, lore, some general and meta tags (including the
 * all-digit title `2020`), redirect pages, a locked and a deleted page; an artist entry with URLs for every
 * vocabulary artist (some with notes = the wiki page of their name, one locked, two in a group, some linked
 * to users); three avoid-posting entries (one lifted). Every row has at least one version.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"
import * as Vocabulary from "./Vocabulary.ts"

/** @since 0.1.0 */
export interface WikiPageRow {
  readonly id: number
  readonly creator_id: number
  readonly title: string
  readonly body: string
  readonly is_locked: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly updater_id: number
  readonly other_names: ReadonlyArray<string>
  readonly is_deleted: boolean
  readonly parent: string | null
  readonly featured_posts: ReadonlyArray<number>
}

/** @since 0.1.0 */
export interface WikiPageVersionRow {
  readonly id: number
  readonly wiki_page_id: number
  readonly updater_id: number
  readonly title: string
  readonly body: string
  readonly is_locked: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly other_names: ReadonlyArray<string>
  readonly is_deleted: boolean
  readonly reason: string | null
  readonly parent: string | null
  readonly featured_posts: ReadonlyArray<number>
}

/** @since 0.1.0 */
export interface ArtistRow {
  readonly id: number
  readonly name: string
  readonly creator_id: number
  readonly is_active: boolean
  readonly group_name: string
  readonly created_at: string
  readonly updated_at: string
  readonly other_names: ReadonlyArray<string>
  readonly linked_user_id: number | null
  readonly is_locked: boolean
}

/** @since 0.1.0 */
export interface ArtistUrlRow {
  readonly id: number
  readonly artist_id: number
  readonly url: string
  readonly normalized_url: string
  readonly created_at: string
  readonly updated_at: string
  readonly is_active: boolean
}

/** @since 0.1.0 */
export interface ArtistVersionRow {
  readonly id: number
  readonly artist_id: number
  readonly name: string
  readonly updater_id: number
  readonly is_active: boolean
  readonly group_name: string
  readonly created_at: string
  readonly updated_at: string
  readonly other_names: ReadonlyArray<string>
  readonly urls: ReadonlyArray<string>
  readonly notes_changed: boolean
}

/** @since 0.1.0 */
export interface AvoidPostingRow {
  readonly id: number
  readonly creator_id: number
  readonly updater_id: number
  readonly artist_id: number
  readonly details: string
  readonly staff_notes: string
  readonly is_active: boolean
  readonly created_at: string
  readonly updated_at: string
}

/** @since 0.1.0 */
export interface AvoidPostingVersionRow {
  readonly id: number
  readonly updater_id: number
  readonly avoid_posting_id: number
  readonly details: string
  readonly staff_notes: string
  readonly is_active: boolean
  readonly updated_at: string
}

/**
 * Every table of the group.
 *
 * @since 0.1.0
 */
export interface State {
  readonly wikiPages: FakeTable.Table<WikiPageRow>
  readonly wikiPageVersions: FakeTable.Table<WikiPageVersionRow>
  readonly artists: FakeTable.Table<ArtistRow>
  readonly artistUrls: FakeTable.Table<ArtistUrlRow>
  readonly artistVersions: FakeTable.Table<ArtistVersionRow>
  readonly avoidPostings: FakeTable.Table<AvoidPostingRow>
  readonly avoidPostingVersions: FakeTable.Table<AvoidPostingVersionRow>
}

const KEY = "wiki:state"

/**
 * The group's tables of a store, seeded on first use.
 *
 * @since 0.1.0
 */
export const stateOf = (store: FakeData.Store): State => {
  let state = store.tables.get(KEY) as State | undefined
  if (state === undefined) {
    state = seed(store)
    store.tables.set(KEY, state)
  }
  return state
}

// ---------------------------------------------------------------------------------------------------------
// Helpers shared by the handlers
// ---------------------------------------------------------------------------------------------------------

/**
 * e621's title / name normalisation: lower case, trimmed, spaces → underscores.
 *
 * @since 0.1.0
 */
export const normalizeName = (name: string): string => name.trim().toLowerCase().replace(/ /g, "_")

/**
 * e621's checks of a (normalised) tag name used as an artist name or wiki title, in its order: blank, too
 * long, not a tag name, `taken` by another record. The 422 message, or `undefined` when it is fine.
 *
 * @since 0.1.0
 */
export const tagNameError = (name: string, taken: boolean): string | undefined => {
  if (name === "") return "can't be blank"
  if (name.length > 100) return "is too long (maximum is 100 characters)"
  if (/\s|,/.test(name) || /^[-~]/.test(name)) return `'${name}' is not a valid tag name`
  return taken ? "has already been taken" : undefined
}

/**
 * `ArtistUrl.normalize`: `https` → `http`, lower-case host, one trailing `/`.
 *
 * @since 0.1.0
 */
export const normalizeUrl = (url: string): string =>
  url.replace(/^https:\/\//, "http://").replace(/^http:\/\/([^/]+)/i, (host) => host.toLowerCase()).replace(/\/+$/, "") + "/"

/**
 * A user's name by id (`"Anonymous"` when unknown, as e621 prints it).
 *
 * @since 0.1.0
 */
export const userName = (store: FakeData.Store, id: number | null): string =>
  store.users.find((u) => u.id === id)?.name ?? "Anonymous"

/**
 * Whether the viewer is staff (level ≥ Staff).
 *
 * @since 0.1.0
 */
export const isStaff = (ctx: FakeContext.Context): boolean => FakeContext.atLeast(ctx.viewer.user, "Staff")

/**
 * Rails' `permit` under `action_on_unpermitted_parameters = :raise`: the 403 for the first form field
 * (`root[key]`) not in `allowed`, or `undefined`.
 *
 * @since 0.1.0
 */
export const unpermitted = (
  fields: Readonly<Record<string, string>>,
  allowed: ReadonlyArray<string>
): string | undefined => Object.keys(fields).find((key) => !allowed.includes(key))

/**
 * A wildcard (`*`) pattern as a whole-value regular expression.
 *
 * @since 0.1.0
 */
export const wildcard = (pattern: string, flags = ""): RegExp =>
  new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, `s${flags}`)

/**
 * A PostgreSQL-style regular expression test; an invalid pattern matches nothing.
 *
 * @since 0.1.0
 */
export const regexTest = (pattern: string, subject: string): boolean => {
  try {
    return new RegExp(pattern).test(subject)
  } catch {
    return false
  }
}

/**
 * The URL list of an artist as `url_string` / versions write it (`-` prefix for inactive), sorted.
 *
 * @since 0.1.0
 */
export const urlStrings = (state: State, artistId: number): Array<string> =>
  urlsOf(state, artistId).map((u) => (u.is_active ? u.url : `-${u.url}`)).sort()

/**
 * The URLs of an artist, by id.
 *
 * @since 0.1.0
 */
export const urlsOf = (state: State, artistId: number): ReadonlyArray<ArtistUrlRow> =>
  state.artistUrls.rows.filter((u) => u.artist_id === artistId)

/**
 * Replaces an artist's URLs with the parsed lines of `url_string` (first 25 distinct URLs; existing rows kept).
 *
 * @since 0.1.0
 */
export const setUrls = (state: State, artistId: number, lines: ReadonlyArray<string>, at: string): void => {
  const wanted: Array<{ readonly url: string; readonly is_active: boolean }> = []
  for (const line of lines) {
    const is_active = !line.startsWith("-")
    const url = is_active ? line : line.slice(1)
    if (!wanted.some((w) => w.url === url)) wanted.push({ url, is_active })
  }
  const keep = wanted.slice(0, 25)
  const existing = urlsOf(state, artistId)
  for (const row of existing) {
    if (!keep.some((w) => w.url === row.url && w.is_active === row.is_active)) state.artistUrls.delete(row.id)
  }
  for (const w of keep) {
    if (existing.some((row) => row.url === w.url && row.is_active === w.is_active)) continue
    state.artistUrls.insert((id) => ({
      id,
      artist_id: artistId,
      url: w.url,
      normalized_url: normalizeUrl(w.url),
      created_at: at,
      updated_at: at,
      is_active: w.is_active
    }))
  }
}

/**
 * The wiki page with a title (normalised), if any.
 *
 * @since 0.1.0
 */
export const pageTitled = (state: State, title: string): WikiPageRow | undefined => {
  const wanted = normalizeName(title)
  return state.wikiPages.rows.find((p) => p.title === wanted)
}

const pageChanged = (a: WikiPageRow, b: WikiPageRow): boolean =>
  a.title !== b.title || a.body !== b.body || a.is_locked !== b.is_locked || a.is_deleted !== b.is_deleted ||
  a.parent !== b.parent || a.other_names.join(" ") !== b.other_names.join(" ") ||
  a.featured_posts.join(" ") !== b.featured_posts.join(" ")

/**
 * Records a wiki page version of `page` (e621's `after_save :create_version`) when it differs from `before`
 * (always for a new page).
 *
 * @since 0.1.0
 */
export const recordWikiVersion = (
  state: State,
  before: WikiPageRow | undefined,
  page: WikiPageRow,
  updaterId: number,
  reason: string | null
): void => {
  if (before !== undefined && !pageChanged(before, page)) return
  state.wikiPageVersions.insert((id) => ({
    id,
    wiki_page_id: page.id,
    updater_id: updaterId,
    title: page.title,
    body: page.body,
    is_locked: page.is_locked,
    created_at: page.updated_at,
    updated_at: page.updated_at,
    other_names: page.other_names,
    is_deleted: page.is_deleted,
    reason,
    parent: page.parent,
    featured_posts: page.featured_posts
  }))
}

/**
 * Records an artist version (e621's `Artist#create_new_version`).
 *
 * @since 0.1.0
 */
export const recordArtistVersion = (
  state: State,
  artist: ArtistRow,
  updaterId: number,
  notesChanged: boolean
): void => {
  state.artistVersions.insert((id) => ({
    id,
    artist_id: artist.id,
    name: artist.name,
    updater_id: updaterId,
    is_active: artist.is_active,
    group_name: artist.group_name,
    created_at: artist.updated_at,
    updated_at: artist.updated_at,
    other_names: artist.other_names,
    urls: urlStrings(state, artist.id),
    notes_changed: notesChanged
  }))
}

/**
 * Sets the artist notes: creates, updates or renames the wiki page titled like the artist (e621's
 * `Artist#update_wiki`). Returns whether the text changed.
 *
 * @since 0.1.0
 */
export const setNotes = (
  state: State,
  artistName: string,
  notes: string | undefined,
  oldName: string | undefined,
  userId: number,
  at: string
): boolean => {
  let page = pageTitled(state, artistName)
  if (page === undefined && oldName !== undefined && oldName !== artistName) {
    const old = pageTitled(state, oldName)
    if (old !== undefined) {
      const renamed = state.wikiPages.update(old.id, (p) => ({ ...p, title: artistName, updated_at: at, updater_id: userId }))!
      recordWikiVersion(state, old, renamed, userId, null)
      page = renamed
    }
  }
  if (notes === undefined) return false
  if (page === undefined) {
    if (notes === "") return false
    const created = state.wikiPages.insert((id) => ({
      id,
      creator_id: userId,
      title: artistName,
      body: notes,
      is_locked: false,
      created_at: at,
      updated_at: at,
      updater_id: userId,
      other_names: [],
      is_deleted: false,
      parent: null,
      featured_posts: []
    }))
    recordWikiVersion(state, undefined, created, userId, null)
    return true
  }
  if (page.body === notes) return false
  const before = page
  const after = state.wikiPages.update(page.id, (p) => ({ ...p, body: notes, updated_at: at, updater_id: userId }))!
  recordWikiVersion(state, before, after, userId, null)
  return true
}

/**
 * The active avoid-posting entry of an artist, if any.
 *
 * @since 0.1.0
 */
export const activeDnp = (state: State, artistId: number): AvoidPostingRow | undefined =>
  state.avoidPostings.rows.find((a) => a.artist_id === artistId && a.is_active)

// ---------------------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------------------

const START = Date.UTC(2016, 0, 1)
const END = Date.UTC(2026, 0, 1)

const OTHER_NAMES: Readonly<Record<string, ReadonlyArray<string>>> = {
  wolf: ["canis_lupus", "lupine"],
  fox: ["vulpine"],
  domestic_cat: ["house_cat"],
  domestic_dog: ["canis_familiaris"],
  pokemon: ["pocket_monsters", "ポケモン"],
  nick_wilde: ["nicholas_wilde"],
  lucario: ["ルカリオ"]
}

const REDIRECTS: ReadonlyArray<readonly [string, string]> = [["dog", "domestic_dog"], ["cat", "domestic_cat"], ["lupine", "wolf"]]

const pretty = (tag: string) => tag.replace(/_/g, " ")

const bodyFor = (title: string, category: Vocabulary.Category, rng: Random.Random): string => {
  const related = rng.sample(Vocabulary.species.filter((t) => t !== title), 2)
  switch (category) {
    case "species":
      return `The ${pretty(title)} tag is for characters that are ${pretty(title)}s.\n\nh4. Related tags\n* [[${related[0]}]]\n* [[${related[1]}]]`
    case "copyright":
      return `${pretty(title)} is a media franchise.\n\nh4. Characters\n* [[${rng.pick(Vocabulary.characters)}]]`
    case "character":
      return `${pretty(title)} is a character from [[${rng.pick(Vocabulary.copyrights)}]].`
    case "lore":
      return `Use [[${title}]] when the character's ${pretty(title.replace(/_\(lore\)$/, ""))} status is confirmed by canon.`
    case "meta":
      return `Meta tag: ${pretty(title)}. See [[tag_what_not_to_tag]].`
    default:
      return `Use this tag for images with ${pretty(title)}.\n\nSee also: [[${related[0]}]].`
  }
}

const seed = (store: FakeData.Store): State => {
  const rng = Random.make(Random.hash(store.seed, 0x3141))
  const users = store.users.filter((u) => u.level_string !== "Blocked")
  const member = () => rng.pick(users).id
  const postIds = store.ids
  const somePosts = (n: number): Array<number> => {
    const out = new Set<number>()
    for (let i = 0; i < n && postIds.length > 0; i++) out.add(postIds[rng.int(postIds.length)]!)
    return [...out]
  }
  const time = (fraction: number) => new Date(START + Math.floor((END - START) * Math.min(1, fraction))).toISOString()

  // Artists first (their notes are wiki pages).
  const artistRows: Array<ArtistRow> = []
  const urlRows: Array<ArtistUrlRow> = []
  const artistVersionRows: Array<ArtistVersionRow> = []
  const notes = new Map<string, string>()
  const generated = store.users.filter((u) => u.id >= 1000)
  Vocabulary.artists.forEach((name, i) => {
    const id = 201 + i
    const created = time(i / Vocabulary.artists.length * 0.6 + rng.next() * 0.01)
    const updated = time(0.62 + rng.next() * 0.35)
    const group = name === "lumen_fox" || name === "umbra_ink" ? "ink_and_light" : ""
    const otherNames = rng.chance(0.3) ? [name.replace(/_/g, "")] : []
    const linked = generated.length > 0 && rng.chance(0.25) ? rng.pick(generated).id : null
    artistRows.push({
      id,
      name,
      creator_id: member(),
      is_active: true,
      group_name: group,
      created_at: created,
      updated_at: updated,
      other_names: otherNames,
      linked_user_id: linked,
      is_locked: name === "nightpaw"
    })
    const urls: Array<readonly [string, boolean]> = [
      [`https://www.furaffinity.net/user/${name}/`, true],
      [`https://x.com/${name}`, true]
    ]
    if (rng.chance(0.4)) urls.push([`https://${name.replace(/_/g, "")}.tumblr.com/`, true])
    if (rng.chance(0.3)) urls.push([`https://www.deviantart.com/${name.replace(/_/g, "-")}`, false])
    for (const [url, active] of urls) {
      urlRows.push({
        id: 0,
        artist_id: id,
        url,
        normalized_url: normalizeUrl(url),
        created_at: created,
        updated_at: updated,
        is_active: active
      })
    }
    if (rng.chance(0.5)) notes.set(name, `${pretty(name)} is an artist. Commissions: ${rng.pick(["open", "closed"])}.`)
    const urlList = urls.map(([url, active]) => (active ? url : `-${url}`)).sort()
    artistVersionRows.push({
      id: 0,
      artist_id: id,
      name,
      updater_id: artistRows[i]!.creator_id,
      is_active: true,
      group_name: group,
      created_at: created,
      updated_at: created,
      other_names: otherNames,
      urls: urlList,
      notes_changed: notes.has(name)
    })
  })

  // Wiki pages: tags of the vocabulary, artist notes, redirects.
  const titles: Array<readonly [string, Vocabulary.Category]> = [
    ...Vocabulary.species.map((t) => [t, "species"] as const),
    ...Vocabulary.copyrights.map((t) => [t, "copyright"] as const),
    ...Vocabulary.characters.map((t) => [t, "character"] as const),
    ...Vocabulary.lore.map((t) => [t, "lore"] as const),
    ...Vocabulary.general.slice(0, 20).map((t) => [t, "general"] as const),
    ...Vocabulary.meta.slice(0, 5).map((t) => [t, "meta"] as const),
    ...Vocabulary.invalid.map((t) => [t, "invalid"] as const),
    ["2020", "meta"],
    ...[...notes.keys()].map((t) => [t, "artist"] as const)
  ]
  const order = titles.map((entry) => ({ entry, key: rng.next() })).sort((a, b) => a.key - b.key).map((x) => x.entry)
  const pages: Array<WikiPageRow> = []
  const wikiVersions: Array<WikiPageVersionRow> = []
  const addPage = (title: string, body: string, extra: Partial<WikiPageRow>, index: number, total: number) => {
    const creator = member()
    const created = time(index / total * 0.7)
    const edited = rng.chance(0.4)
    const updated = edited ? time(0.72 + rng.next() * 0.27) : created
    const editor = edited ? member() : creator
    const page: WikiPageRow = {
      id: 101 + pages.length,
      creator_id: creator,
      title,
      body,
      is_locked: false,
      created_at: created,
      updated_at: updated,
      updater_id: editor,
      other_names: OTHER_NAMES[title] ?? [],
      is_deleted: false,
      parent: null,
      featured_posts: [],
      ...extra
    }
    pages.push(page)
    const first = { ...page, body: edited ? body.split("\n")[0]! : body, updated_at: created }
    const version = (p: WikiPageRow, updater: number, reason: string | null): WikiPageVersionRow => ({
      id: 0,
      wiki_page_id: p.id,
      updater_id: updater,
      title: p.title,
      body: p.body,
      is_locked: p.is_locked,
      created_at: p.updated_at,
      updated_at: p.updated_at,
      other_names: p.other_names,
      is_deleted: p.is_deleted,
      reason,
      parent: p.parent,
      featured_posts: p.featured_posts
    })
    wikiVersions.push(version(first, creator, null))
    if (edited) wikiVersions.push(version(page, editor, rng.pick(["expanded", "formatting", "added related tags"])))
  }
  const total = order.length + REDIRECTS.length
  order.forEach(([title, category], i) => {
    const extra: Partial<WikiPageRow> = {
      is_locked: title === "pokemon" || title === "mammal",
      is_deleted: title === "unknown_character_(invalid)",
      featured_posts: (category === "character" || category === "copyright") && rng.chance(0.5) ? somePosts(1 + rng.int(3)) : []
    }
    addPage(title, notes.get(title) ?? bodyFor(title, category, rng), extra, i, total)
  })
  REDIRECTS.forEach(([title, parent], i) => addPage(title, "", { parent }, order.length + i, total))

  // Avoid-posting entries.
  const dnp: Array<readonly [string, string, boolean]> = [
    ["conditional_dnp", "Only the artist may post their work; edits by others are not allowed.", true],
    ["velvet_vixen", "", true],
    ["rustfang", "Paywalled content only.", false]
  ]
  const avoidRows: Array<AvoidPostingRow> = []
  const avoidVersions: Array<AvoidPostingVersionRow> = []
  dnp.forEach(([name, details, active], i) => {
    const artist = artistRows.find((a) => a.name === name)
    if (artist === undefined) return
    const created = time(0.8 + i * 0.05)
    const updated = active ? created : time(0.97)
    const staff = 1
    avoidRows.push({
      id: 1 + i,
      creator_id: staff,
      updater_id: staff,
      artist_id: artist.id,
      details,
      staff_notes: `Requested by the artist (ticket #${4000 + i}).`,
      is_active: active,
      created_at: created,
      updated_at: updated
    })
    const base = { updater_id: staff, avoid_posting_id: 1 + i, details, staff_notes: `Requested by the artist (ticket #${4000 + i}).` }
    avoidVersions.push({ id: 0, ...base, is_active: true, updated_at: created })
    if (!active) avoidVersions.push({ id: 0, ...base, is_active: false, updated_at: updated })
  })

  const numbered = <A extends { readonly id: number }>(rows: ReadonlyArray<A>, first: number, by: (a: A) => string): Array<A> =>
    [...rows].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0)).map((row, i) => ({ ...row, id: first + i }))

  return {
    wikiPages: new FakeTable.Table(pages),
    wikiPageVersions: new FakeTable.Table(numbered(wikiVersions, 5001, (v) => v.updated_at)),
    artists: new FakeTable.Table(artistRows),
    artistUrls: new FakeTable.Table(urlRows.map((row, i) => ({ ...row, id: 301 + i }))),
    artistVersions: new FakeTable.Table(numbered(artistVersionRows, 7001, (v) => v.created_at)),
    avoidPostings: new FakeTable.Table(avoidRows),
    avoidPostingVersions: new FakeTable.Table(numbered(avoidVersions, 1, (v) => v.updated_at))
  }
}
