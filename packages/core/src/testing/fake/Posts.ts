/**
 * The read routes of the Posts family: search (`/posts.json`), show, random, count, md5 look-up, the
 * favouriters list and the recommendations.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type * as Post from "../../schemas/Post.ts"
import * as TagQuery from "../../TagQuery.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as FakeTagRelationships from "./TagRelationships.ts"

/** Posts count answers cap at 750 pages of 320 + 1 (`posts_controller.rb#count`). */
const COUNT_CAP = 750 * 320 + 1

/**
 * Reads the `tags` parameter as e621 does: 422 over 40 tags or 10 levels, 422 on a malformed query; plain tags
 * that are the antecedent of an active alias are read as its consequent.
 *
 * @since 0.1.0
 */
export const parseTags = (store: FakeData.Store, raw: string | undefined): TagQuery.TagQuery | FakeHttp.FakeResponse => {
  const parsed = TagQuery.parseResult(raw ?? "")
  if (Result.isFailure(parsed)) return FakeHttp.expectedError(422, parsed.failure.message)
  const q = parsed.success
  if (TagQuery.count(q) > TagQuery.tagLimit) {
    return FakeHttp.expectedError(422, `You cannot search for more than ${TagQuery.tagLimit} tags at a time`)
  }
  if (TagQuery.depth(q) > TagQuery.depthLimit) {
    return FakeHttp.expectedError(422, `You cannot have more than ${TagQuery.depthLimit} levels of grouping at a time`)
  }
  const aliases = new Map(FakeTagRelationships.activeAliases(store).map((row) => [row.antecedent_name, row.consequent_name]))
  return aliases.size === 0 ? q : { terms: aliased(q.terms, aliases) }
}

/** Plain tags (not wildcards) renamed by the active aliases, inside groups too. */
const aliased = (terms: ReadonlyArray<TagQuery.Term>, aliases: ReadonlyMap<string, string>): Array<TagQuery.Term> =>
  terms.map((term) => {
    if (term._tag === "Group") return { ...term, terms: aliased(term.terms, aliases) }
    const consequent = term._tag === "Tag" && !term.wildcard ? aliases.get(term.name) : undefined
    return consequent === undefined ? term : { ...term, name: consequent }
  })

/**
 * The evaluation context of a viewer: `fav:`, `user:`, `pool:` resolved against the fake's data (unknown
 * names match nothing, as on e621).
 *
 * @since 0.1.0
 */
export const evaluateContext = (store: FakeData.Store, viewer: FakeRender.Viewer): TagQuery.EvaluateContext => {
  const userId = (name: string): number => {
    const lower = name.toLowerCase()
    if (lower === "me") return viewer.user?.id ?? -1
    if (/^!\d+$/.test(lower)) return Number(lower.slice(1))
    return store.userByName(lower)?.id ?? -1
  }
  return {
    favoritedBy: (name) => store.favorites.get(userId(name)) ?? new Set(),
    resolveUser: userId,
    resolvePool: (name) => {
      const wanted = name.toLowerCase().replace(/ /g, "_")
      return store.pools.find((p) => p.name.toLowerCase() === wanted)?.id ?? -1
    }
  }
}

/**
 * A predicate over post indices for a query and viewer (safe mode forces `rating:s`). Posts are evaluated
 * with the viewer's own `vote` / `is_favorited`.
 *
 * @since 0.1.0
 */
export const matcherOf = (store: FakeData.Store, q: TagQuery.TagQuery, viewer: FakeRender.Viewer): (index: number) => boolean => {
  const matches = TagQuery.matcher(q, evaluateContext(store, viewer))
  const user = viewer.user
  return (index) => {
    const post = FakeRender.withViewerFields(store, store.at(index), user)
    return (!viewer.safeMode || post.rating === "s") && matches(post)
  }
}

/**
 * One page of a search, in e621's order: numbered pages follow `order:` (id descending by default); `b<id>`
 * pages are id-descending below the id; `a<id>` pages take the lowest ids above it and return them
 * descending.
 *
 * @since 0.1.0
 */
export const searchPage = (
  store: FakeData.Store,
  q: TagQuery.TagQuery,
  viewer: FakeRender.Viewer,
  page: FakeContext.Page,
  limit: number
): ReadonlyArray<Post.Post> => {
  if (limit === 0) return []
  const matches = matcherOf(store, q, viewer)
  const out: Array<number> = []
  const order = TagQuery.orderOf(q)
  const idOrdered = order === undefined || order.field === "id"
  if (page._tag === "Before" || (page._tag === "Numbered" && idOrdered && order?.direction !== "asc")) {
    const skip = page._tag === "Numbered" ? (page.page - 1) * limit : 0
    let skipped = 0
    const start = page._tag === "Before" ? store.upperBound(page.id - 1) - 1 : store.size - 1
    for (let i = start; i >= 0 && out.length < limit; i--) {
      if (!matches(i)) continue
      if (skipped < skip) skipped++
      else out.push(i)
    }
  } else if (page._tag === "After" || idOrdered) {
    const skip = page._tag === "Numbered" ? (page.page - 1) * limit : 0
    let skipped = 0
    const start = page._tag === "After" ? store.upperBound(page.id) : 0
    for (let i = start; i < store.size && out.length < limit; i++) {
      if (!matches(i)) continue
      if (skipped < skip) skipped++
      else out.push(i)
    }
    if (page._tag === "After") out.reverse()
  } else {
    const all: Array<Post.Post> = []
    for (let i = 0; i < store.size; i++) {
      if (matches(i)) all.push(FakeRender.withViewerFields(store, store.at(i), viewer.user))
    }
    all.sort(TagQuery.sort(q))
    const from = (page.page - 1) * limit
    return all.slice(from, from + limit).map((p) => FakeRender.project(store, p, viewer))
  }
  return out.map((i) => FakeRender.project(store, store.at(i), viewer))
}

/**
 * The output format asked by `v2` / `mode`, and whether `only` removes the wrapper.
 *
 * @since 0.1.0
 */
export const formatOf = (params: Readonly<Record<string, string>>): { readonly format: FakeRender.Format; readonly unwrapped: boolean } => {
  if (FakeContext.truthy(params.v2)) {
    const mode = params.mode
    const format = mode === "extended" ? "extended" : mode === "thumbnail" || mode === "thumbnails" ? "thumbnail" : "basic"
    return { format, unwrapped: true }
  }
  return { format: "legacy", unwrapped: params.only !== undefined && params.only !== "" }
}

/**
 * A list of posts in the requested format: `{"posts":[…]}`, or a bare array with `v2` / `only`.
 *
 * @since 0.1.0
 */
export const renderList = (params: Readonly<Record<string, string>>, posts: ReadonlyArray<Post.Post>): FakeHttp.FakeResponse => {
  const { format, unwrapped } = formatOf(params)
  const items = posts.map((p) => FakeRender.render(p, format))
  return FakeHttp.json(200, unwrapped ? items : { posts: items })
}

/**
 * One post in the requested format: `{"post":{…}}`, or the bare object with `v2` / `only`.
 *
 * @since 0.1.0
 */
export const renderOne = (
  params: Readonly<Record<string, string>>,
  post: Post.Post,
  status = 200,
  headers: Readonly<Record<string, string>> = {}
): FakeHttp.FakeResponse => {
  const { format, unwrapped } = formatOf(params)
  const item = FakeRender.render(post, format)
  return FakeHttp.json(status, unwrapped ? item : { post: item }, headers)
}

const limitMetatag = (q: TagQuery.TagQuery): string | undefined => {
  let value: string | undefined
  for (const t of q.terms) if (t._tag === "Metatag" && t.name === "limit") value = t.value
  return value
}

/**
 * `GET /posts.json`: search (`tags`, `limit`, `page`), or one post by `md5`.
 *
 * @since 0.1.0
 */
export const index: FakeContext.Handler = (ctx) => {
  const { params, store } = ctx
  const md5 = params.md5
  if (md5 !== undefined && md5 !== "") {
    const i = store.indexOfMd5(md5)
    return i < 0 ? FakeHttp.notFound() : renderOne(params, FakeRender.project(store, store.at(i), ctx.viewer))
  }
  const q = parseTags(store, params.tags ?? params["post[tags]"])
  if (FakeContext.isResponse(q)) return q
  const fallback = FakeContext.parseLimit(limitMetatag(q), 75)
  const limit = FakeContext.parseLimit(params.limit, FakeContext.isResponse(fallback) ? 75 : fallback)
  if (FakeContext.isResponse(limit)) return limit
  const page = FakeContext.parsePage(params.page)
  if (FakeContext.isResponse(page)) return page
  return renderList(params, searchPage(store, q, ctx.viewer, page, limit))
}

const postIdOf = (ctx: FakeContext.Context, raw: string | undefined): number => {
  if (raw === undefined || !/^\d+$/.test(raw)) return -1
  return ctx.store.indexOf(Number(raw))
}

/**
 * `GET /posts/:id.json`: `{"post":…}` (deleted posts too, without URLs), 404 when there is none.
 *
 * @since 0.1.0
 */
export const show: FakeContext.Handler = (ctx, match) => {
  const i = postIdOf(ctx, match[1])
  return i < 0 ? FakeHttp.notFound() : renderOne(ctx.params, FakeRender.project(ctx.store, ctx.store.at(i), ctx.viewer))
}

/**
 * `GET /posts/random.json`: one random post matching `tags` (the fake's seeded sequence), 404 when none.
 *
 * @since 0.1.0
 */
export const random: FakeContext.Handler = (ctx) => {
  const q = parseTags(ctx.store, ctx.params.tags)
  if (FakeContext.isResponse(q)) return q
  const matches = matcherOf(ctx.store, q, ctx.viewer)
  const hits: Array<number> = []
  for (let i = 0; i < ctx.store.size; i++) if (matches(i)) hits.push(i)
  if (hits.length === 0) return FakeHttp.notFound()
  const i = hits[ctx.random.int(hits.length)]!
  return renderOne(ctx.params, FakeRender.project(ctx.store, ctx.store.at(i), ctx.viewer))
}

/**
 * `GET /posts/count.json`: `{"count","capped"}`, capped at 240,001.
 *
 * @since 0.1.0
 */
export const count: FakeContext.Handler = (ctx) => {
  const q = parseTags(ctx.store, ctx.params.tags)
  if (FakeContext.isResponse(q)) return q
  const matches = matcherOf(ctx.store, q, ctx.viewer)
  let n = 0
  for (let i = 0; i < ctx.store.size && n < COUNT_CAP; i++) if (matches(i)) n++
  return FakeHttp.json(200, { count: n, capped: n >= COUNT_CAP })
}

/**
 * `GET /posts/:id/favorites.json`: the users who favourited the post, by name, as
 * `{id,name,level_string,favorite_count}` (limit clamped to 1..100).
 *
 * @since 0.1.0
 */
export const favorites: FakeContext.Handler = (ctx, match) => {
  const i = postIdOf(ctx, match[1])
  if (i < 0) return FakeHttp.notFound()
  const page = FakeContext.parsePage(ctx.params.page)
  if (FakeContext.isResponse(page)) return page
  const rawLimit = Number.parseInt(ctx.params.limit ?? "75", 10)
  const limit = Math.min(100, Math.max(1, Number.isNaN(rawLimit) ? 75 : rawLimit))
  const ids = ctx.store.favoriters.get(ctx.store.ids[i]!) ?? new Set<number>()
  const users = ctx.store.users.filter((u) => ids.has(u.id)).sort((a, b) => a.name.localeCompare(b.name))
  const slice = page._tag === "Numbered"
    ? users.slice((page.page - 1) * limit, page.page * limit)
    : page._tag === "Before"
    ? users.filter((u) => u.id < page.id).slice(0, limit)
    : users.filter((u) => u.id > page.id).slice(0, limit)
  return FakeHttp.json(200, slice.map((u) => ({
    id: u.id,
    name: u.name,
    level_string: u.level_string,
    favorite_count: ctx.store.favorites.get(u.id)?.size ?? 0
  })))
}

const artistTagsOf = (post: Post.Post): ReadonlyArray<string> =>
  post.tags.artist.filter((a) => a !== "unknown_artist" && a !== "conditional_dnp" && a !== "sound_warning")

/**
 * `GET /posts/:id/similar/artist.json` and `/similar/tags.json`: recommendations (`limit` 1..20, default
 * 6) — posts by the same artist, or with the most tags in common; empty for posts the viewer cannot see.
 *
 * @since 0.1.0
 */
export const similar: FakeContext.Handler = (ctx, match) => {
  const i = postIdOf(ctx, match[1])
  if (i < 0) return FakeHttp.notFound()
  const kind = match[2] === "artist" ? "artist" : "tags"
  const { store, viewer } = ctx
  const rawLimit = Number.parseInt(ctx.params.limit ?? "6", 10)
  const limit = Math.min(20, Math.max(1, Number.isNaN(rawLimit) ? 6 : rawLimit))
  const post = store.at(i)
  const scored: Array<{ readonly index: number; readonly score: number }> = []
  if (FakeRender.isVisible(post, viewer)) {
    const artists = artistTagsOf(post)
    const tags = new Set([...post.tags.general, ...post.tags.species, ...post.tags.character, ...post.tags.copyright])
    for (let j = store.size - 1; j >= 0; j--) {
      if (j === i) continue
      const other = store.at(j)
      if (other.flags.deleted || !FakeRender.isVisible(other, viewer)) continue
      if (kind === "artist") {
        if (artists.length > 0 && artistTagsOf(other).some((a) => artists.includes(a))) scored.push({ index: j, score: 1 })
        if (scored.length >= limit) break
      } else {
        let common = 0
        for (const list of [other.tags.general, other.tags.species, other.tags.character, other.tags.copyright]) {
          for (const t of list) if (tags.has(t)) common++
        }
        if (common > 0) scored.push({ index: j, score: common })
      }
    }
  }
  const top = scored.sort((a, b) => b.score - a.score || store.ids[b.index]! - store.ids[a.index]!).slice(0, limit)
  const posts = top.map((s) => FakeRender.project(store, store.at(s.index), viewer))
  return FakeHttp.json(200, {
    post_id: post.id,
    model_version: kind === "artist" ? "os.artist" : "os.tags",
    results: posts.map((p) => ({ post_id: p.id, score: 1, explanation: null })),
    post_data: posts.map((p) => FakeRender.render(p, "thumbnail"))
  })
}

/**
 * The routes of `/posts` reads: search, random, count, show, a post's favoriters and similar posts.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/posts$/, auth: "none", throttled: false, handler: index },
  { method: "GET", pattern: /^\/posts\/random$/, auth: "none", throttled: false, handler: random },
  { method: "GET", pattern: /^\/posts\/count$/, auth: "none", throttled: false, handler: count },
  { method: "GET", pattern: /^\/posts\/(\d+)$/, auth: "none", throttled: false, handler: show },
  { method: "GET", pattern: /^\/posts\/(\d+)\/favorites$/, auth: "none", throttled: false, handler: favorites },
  { method: "GET", pattern: /^\/posts\/(\d+)\/similar\/(artist|tags)$/, auth: "none", throttled: false, handler: similar }
]
