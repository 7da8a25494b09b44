/**
 * The fake's tags (`/tags`, `/tags/:id_or_name`, `PATCH /tags/:id`), the autocomplete service and related tags;
 * the tag type versions tag updates record are listed by `TagTypeVersions.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Tags.ts"
import * as Tag from "../../schemas/Tag.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeTagRelationships from "./TagRelationships.ts"
import * as FakeTagTable from "./TagTable.ts"

type TagRow = FakeTagTable.TagRow

/**
 * A stored tag type version.
 *
 * @since 0.1.0
 */
export interface TypeVersionRow {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly old_type: number
  readonly new_type: number
  readonly is_locked: boolean
  readonly tag_id: number
  readonly creator_id: number
}

/** A tag name as e621 normalises it. @internal */
export const normalize = (name: string): string => Tag.normalizeName(name)

const isFalsy = (raw: string) => /^(false|f|no|n|off|0)$/i.test(raw)

/** `Tag.search`: filters and orders of `GET /tags.json`. */
const index: FakeContext.Handler = (ctx) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const search = FakeTable.searchParams(ctx.params)
  const fuzzy = search.fuzzy_name_matches
  const hideEmpty = search.hide_empty === undefined || FakeContext.truthy(search.hide_empty)
  const similarity = (row: TagRow) => fuzzy === undefined ? 0 : Math.trunc(3 * FakeTagTable.similarity(row.name, fuzzy))
  return FakeTable.search(Api.routes.search)(ctx, tags.rows, {
    filters: {
      name: (row, value) => normalize(value).split(",").includes(row.name),
      nameMatches: (row, value) => FakeTagTable.like(normalize(value))(row.name),
      fuzzyNameMatches: (row, value) => FakeTagTable.similarity(row.name, value) >= 0.3,
      category: (row, value) => value.split(",").slice(0, 320).filter((s) => /^\d+$/.test(s)).map(Number).includes(row.category),
      hideEmpty: () => true,
      isLocked: FakeTable.bool((row) => row.is_locked),
      // has_wiki / has_artist join other families' tables; the fake keeps every tag for `false` and none for `true`
      hasWiki: (_row, value) => isFalsy(value),
      hasArtist: (_row, value) => isFalsy(value)
    },
    visible: (row) => !hideEmpty || row.post_count > 0,
    orders: {
      name: (a, b) => (a.name < b.name ? -1 : 1),
      date: (a, b) => b.id - a.id,
      ...(fuzzy === undefined ? {} : {
        similarity: (a: TagRow, b: TagRow) =>
          similarity(b) - similarity(a) || b.post_count - a.post_count || (a.name < b.name ? 1 : -1)
      })
    },
    defaultOrder: (a, b) => b.post_count - a.post_count || (a.name < b.name ? -1 : 1)
  })
}

/** `GET /tags/:id_or_name`: all digits is an id, anything else a name. */
const show: FakeContext.Handler = (ctx, match) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const key = decodeURIComponent(match[1]!)
  const row = /^\d+$/.test(key) ? tags.get(Number(key)) : tags.byName(key)
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, row)
}

/** The tag type versions of a store (seeded on first use). @internal */
export const typeVersions = (store: FakeData.Store): FakeTable.Table<TypeVersionRow> =>
  FakeTable.tableOf(store, "tag_type_versions", (s) => {
    const rng = Random.make(Random.hash(s.seed, 0x7e5))
    const staff = s.users.filter((u) => u.level_string !== "Blocked" && u.level_string !== "Member")
    const rows = FakeTagTable.tagsOf(s).rows
      .filter((row) => row.category !== 0 && rng.chance(0.25))
      .map((row) => ({ row, at: new Date(Date.parse(row.created_at) + rng.int(30 * 86_400_000)).toISOString() }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.row.id - b.row.id))
    let id = 2_000
    return new FakeTable.Table(rows.map(({ at, row }) => ({
      id: (id += 1 + rng.int(5)),
      created_at: at,
      updated_at: at,
      old_type: 0,
      new_type: row.category,
      is_locked: false,
      tag_id: row.id,
      creator_id: rng.pick(staff).id
    })))
  })

/**
 * `PATCH /tags/:id` (member): `category_editable_by?` (admin, or unlocked, not invalid/meta/lore, < 100
 * posts) else 403; `tag[is_locked]` from a non-admin is an unpermitted parameter (403); category validations
 * → 422; a change is logged as a tag type version. 204.
 */
const update: FakeContext.Handler = (ctx, match) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const row = tags.get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  const user = ctx.viewer.user!
  const admin = FakeContext.atLeast(user, "Admin")
  const currentName = Tag.categoryName(row.category)
  const editable = admin ||
    (!row.is_locked && !(currentName !== undefined && Tag.adminOnlyCategories.includes(currentName)) && row.post_count < 100)
  if (!editable) return FakeHttp.accessDenied()
  const fields = FakeTable.fields(ctx.params, "tag")
  if (fields.is_locked !== undefined && !admin) {
    return FakeHttp.reasonError(403, "found unpermitted parameter: :is_locked")
  }
  let next = row
  if (fields.category !== undefined && fields.category !== "") {
    const category = Number(fields.category)
    const name = Number.isInteger(category) ? Tag.categoryName(category) : undefined
    if (name === undefined) return FakeTable.invalid({ category: ["is not included in the list"] })
    if (category !== row.category) {
      if (!admin && Tag.adminOnlyCategories.includes(name)) return FakeTable.invalid({ category: ["can only used by admins"] })
      if (name === "lore" && !/_\(lore\)$/.test(row.name)) {
        return FakeTable.invalid({ category: ["can only be applied to tags that end with '_(lore)'"] })
      }
      next = { ...next, category }
    }
  }
  if (fields.is_locked !== undefined) next = { ...next, is_locked: FakeContext.truthy(fields.is_locked) }
  if (next === row) return FakeHttp.noContent()
  const at = new Date(ctx.now).toISOString()
  tags.update(row.id, () => ({ ...next, updated_at: at }))
  if (next.category !== row.category) {
    const versions = typeVersions(ctx.store)
    versions.insert((id) => ({
      id,
      created_at: at,
      updated_at: at,
      old_type: row.category,
      new_type: next.category,
      is_locked: next.is_locked,
      tag_id: row.id,
      creator_id: user.id
    }))
    const name = Tag.categoryName(next.category)
    if (name !== undefined) ctx.store.tagCategories.set(row.name, name)
  }
  return FakeHttp.noContent()
}

/** `GET /tags/autocomplete` — e621's `autocompleted` service (`fetch_tags_a.sql`, `fetch_tags_b.sql`). */
const autocomplete: FakeContext.Handler = (ctx) => {
  const raw = FakeTable.param(Api.routes.autocomplete, ctx, "nameMatches")
  const badRequest = FakeHttp.json(400, { error: "bad request" })
  if (raw === undefined || [...raw].length > 100) return badRequest
  const prefix = raw.normalize("NFC").toLowerCase().replace(/[*%\0]/g, "").replace(/\s/g, "")
  if ([...prefix].length < 3 || [...prefix].length > 100) return badRequest
  const tags = FakeTagTable.tagsOf(ctx.store)
  const used = tags.rows.filter((row) => row.post_count > 0)
  const direct = used.filter((row) => row.name.startsWith(prefix))
    .sort((a, b) => b.post_count - a.post_count).slice(0, 10)
    .map((row) => ({ row, antecedent: null as string | null, length: row.name.length }))
  const seen = new Set<string>()
  const viaAlias = FakeTagRelationships.activeAliases(ctx.store)
    .filter((alias) => alias.antecedent_name.startsWith(prefix) && (alias.post_count ?? 0) > 0 && !alias.consequent_name.startsWith(prefix))
    .flatMap((alias) => {
      const row = tags.byName(alias.consequent_name)
      if (row === undefined || seen.has(row.name)) return []
      seen.add(row.name)
      return [{ row, antecedent: alias.antecedent_name as string | null, length: alias.antecedent_name.length }]
    })
    .sort((a, b) => b.row.post_count - a.row.post_count).slice(0, 10)
  let results = [...direct, ...viaAlias].sort((a, b) => a.length - b.length || b.row.post_count - a.row.post_count).slice(0, 10)
  if (results.length === 0) {
    results = used.map((row) => ({ row, antecedent: null, length: 0, score: FakeTagTable.similarity(row.name, prefix) }))
      .filter((x) => x.score >= 0.3)
      .sort((a, b) =>
        Math.trunc(3 * b.score) - Math.trunc(3 * a.score) || b.row.post_count - a.row.post_count || (a.row.name < b.row.name ? 1 : -1)
      )
      .slice(0, 10)
  }
  return FakeHttp.json(
    200,
    results.map(({ antecedent, row }) => ({
      id: row.id,
      name: row.name,
      post_count: row.post_count,
      category: row.category,
      antecedent_name: antecedent
    })),
    { "cache-control": "public, max-age=604800" }
  )
}

/** The names of the newest ≤ 300 posts carrying every tag of `query`, counted per tag of `category`. */
const sampleByCategory = (store: FakeData.Store, query: ReadonlyArray<string>, category: number): Array<[string, number]> => {
  const tags = FakeTagTable.tagsOf(store)
  const counts = new Map<string, number>()
  let found = 0
  for (let index = store.size - 1; index >= 0 && found < 300; index--) {
    const post = store.at(index)
    const all = Object.values(post.tags).flatMap((names) => Array.isArray(names) ? names : [])
    if (!query.every((tag) => all.includes(tag))) continue
    found++
    for (const name of all) {
      if (tags.byName(name)?.category === category) counts.set(name, (counts.get(name) ?? 0) + 1)
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 25)
}

const tooManyTags = (): FakeHttp.FakeResponse => FakeHttp.expectedError(422, "You cannot search for more than 40 tags at a time")

/** `GET /related_tag` (member): `RelatedTagQuery`. */
const related: FakeContext.Handler = (ctx) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const query = (FakeTable.param(Api.routes.related, ctx, "query") ?? "").toLowerCase().split(/\s+/).filter((s) => s !== "")
  if (query.length > 40) return tooManyTags()
  const categoryRaw = FakeTable.param(Api.routes.related, ctx, "categoryId")
  const joined = query.join(" ")
  let names: Array<string>
  if (joined.includes("*")) {
    const test = FakeTagTable.like(joined)
    names = tags.rows.filter((row) => row.post_count > 0 && test(row.name))
      .sort((a, b) => b.post_count - a.post_count).slice(0, 50).map((row) => row.name).sort()
  } else if (categoryRaw !== undefined && categoryRaw !== "") {
    names = sampleByCategory(ctx.store, query, Number(categoryRaw)).map(([name]) => name)
  } else if (joined !== "") {
    names = Tag.parseRelatedTags(tags.byName(joined)?.related_tags).map((entry) => entry.name)
  } else {
    names = []
  }
  return FakeHttp.json(
    200,
    names.flatMap((name) => {
      const row = tags.byName(name)
      return row === undefined ? [] : [{ name, category_id: row.category }]
    })
  )
}

/** `GET /related_tag/bulk` (member): `BulkRelatedTagQuery`. */
const relatedBulk: FakeContext.Handler = (ctx) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const query = (ctx.params.query ?? "").toLowerCase().split(/\s+/).filter((s) => s !== "").slice(0, 25)
  const categoryRaw = ctx.params.category_id
  const out: Record<string, Array<{ name: string; count: number; category_id: number }>> = {}
  const entry = ([name, count]: readonly [string, number]) => ({ name, count, category_id: tags.byName(name)?.category ?? -1 })
  for (const name of query) {
    if (categoryRaw !== undefined && categoryRaw !== "") {
      out[name] = sampleByCategory(ctx.store, [name], Number(categoryRaw)).map(entry)
      continue
    }
    const row = tags.byName(name)
    if (row === undefined) continue
    out[row.name] = Tag.parseRelatedTags(row.related_tags).map((r) => entry([r.name, r.count]))
  }
  return FakeHttp.json(200, out)
}

/** `TagCategory::MAPPING`: category prefixes a tag string may carry (`artist:name`). */
const categoryPrefixes: Readonly<Record<string, number>> = {
  general: 0, gen: 0, artist: 1, art: 1, contributor: 2, contrib: 2, cont: 2, copyright: 3, copy: 3, co: 3,
  character: 4, char: 4, ch: 4, oc: 4, species: 5, spec: 5, invalid: 6, inv: 6, meta: 7, lore: 8, lor: 8
}
const prefixed = new RegExp(`^(${Object.keys(categoryPrefixes).sort((a, b) => b.length - a.length).join("|")}):(.+)$`, "s")

/**
 * `POST /tags/preview` (member, `app/logical/tags_preview.rb`): each tag of `tags` with its id, category and
 * count, the alias it resolves to and what it implies, then the aliased and implied tags themselves; keys
 * without a value are left out.
 */
const preview: FakeContext.Handler = (ctx) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const raw = [...new Set((ctx.params.tags ?? "").split(/\s+/).map((t) => t.toLowerCase()).filter((t) => t !== ""))]
  const resolvedNames = new Map<string, string>()
  const nameCategories = new Map<string, number>()
  const names = [...new Set(raw.map((name) => {
    const m = prefixed.exec(name)
    if (m === null) {
      resolvedNames.set(name, name)
      return name
    }
    const resolved = normalize(m[2]!)
    resolvedNames.set(name, resolved)
    nameCategories.set(resolved, categoryPrefixes[m[1]!]!)
    return resolved
  }))]
  const aliases = FakeTagRelationships.aliased(ctx.store, names)
  const implications = FakeTagRelationships.descendants(ctx.store, [...new Set(aliases.values())])
  const implied = [...new Set([...implications.values()].flatMap((set) => [...set]))]
  for (const [name, set] of FakeTagRelationships.descendants(ctx.store, implied)) implications.set(name, set)
  const seen = new Set<string>()
  const out: Array<Record<string, unknown>> = []
  for (const rawName of new Set([...raw, ...aliases.values(), ...[...implications.values()].flatMap((set) => [...set])])) {
    const resolved = resolvedNames.get(rawName) ?? rawName
    if (seen.has(resolved)) continue
    seen.add(resolved)
    const canonical = aliases.get(resolved) ?? resolved
    const tag = tags.byName(canonical)
    const entry: Record<string, unknown> = { name: rawName }
    if (tag !== undefined) entry.id = tag.id
    if (resolved !== rawName) entry.resolved = resolved
    const category = tag?.category ?? nameCategories.get(resolved)
    if (category !== undefined) entry.category = category
    if (tag !== undefined) entry.post_count = tag.post_count
    if (canonical !== resolved) entry.alias = canonical
    const implies = implications.get(canonical)
    if (implies !== undefined) entry.implies = [...implies]
    out.push(entry)
  }
  return FakeHttp.json(200, out)
}

/** `GET /tags/:tag_id/correction` (`app/logical/tag_correction.rb`): a tag's stored and counted post counts. */
const correction: FakeContext.Handler = (ctx, match) => {
  const tags = FakeTagTable.tagsOf(ctx.store)
  const key = match[1]!
  const row = /^\d+$/.test(key) ? tags.get(Number(key)) : undefined
  if (row === undefined) return FakeTable.notFound()
  return FakeHttp.json(200, {
    post_count: row.post_count,
    real_post_count: row.post_count,
    category: row.category,
    category_cache: row.category,
    tag: row
  })
}

/**
 * The routes of `/tags` and `/related_tag` (declared in `api/Tags.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search: index,
  get: show,
  update,
  autocomplete,
  related,
  relatedBulk,
  preview,
  correction
})
