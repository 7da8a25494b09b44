/**
 * The fake's site-information families: news updates, help pages, mascots, statistics, search trends
 * (daily lists generated per day from the seed, rising tags, tracking), the DText preview and the
 * database-export listing.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeExports from "./DbExports.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as FakeTable from "./Table.ts"
import * as Vocabulary from "./Vocabulary.ts"

const DAY = 86_400_000
const BASE = Date.UTC(2025, 0, 1)
const iso = (ms: number): string => new Date(ms).toISOString()

// ----- news updates ---------------------------------------------------------------------------------------

interface NewsUpdate {
  readonly id: number
  readonly message: string
  readonly creator_id: number
  readonly updater_id: number
  readonly created_at: string
  readonly updated_at: string
}

const news = (store: FakeData.Store) =>
  FakeTable.tableOf<NewsUpdate>(store, "site.news_updates", () =>
    new FakeTable.Table([
      "Site maintenance is scheduled for this weekend.",
      "The upload limit formula changed: see [[e621:upload_limit]].",
      "New: post recommendations are live.",
      "Database exports moved to /db_exports.",
      "User levels were renumbered; compare level names, not numbers."
    ].map((message, i) => ({
      id: i + 1,
      message,
      creator_id: 1,
      updater_id: 1,
      created_at: iso(BASE + i * 40 * DAY),
      updated_at: iso(BASE + i * 40 * DAY)
    }))))

/** `NewsUpdate.order("id desc").paginate`: search parameters are ignored. */
const newsIndex: FakeContext.Handler = (ctx) => {
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(ctx.params)) if (!key.startsWith("search[")) params[key] = value
  return FakeTable.index({ ...ctx, params }, news(ctx.store).rows)
}

// ----- help pages -----------------------------------------------------------------------------------------

interface HelpPage {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly name: string
  readonly wiki_page: string
  readonly related: string
  readonly title: string
}

const help = (store: FakeData.Store) =>
  FakeTable.tableOf<HelpPage>(store, "site.help_pages", () =>
    new FakeTable.Table([
      ["home", "help:home", "", "Help"],
      ["api", "help:api", "tags, blacklist", "API"],
      ["tags", "help:tags", "api", ""],
      ["blacklist", "help:blacklist", "tags", "Blacklist"],
      ["ratings", "help:ratings", "", "Ratings"],
      ["uploading", "help:uploading", "tags, ratings", ""]
    ].map(([name, wiki, related, title], i) => ({
      id: i + 1,
      created_at: iso(BASE + i * DAY),
      updated_at: iso(BASE + i * DAY),
      name: name!,
      wiki_page: wiki!,
      related: related!,
      title: title!
    }))))

const prettyTitle = (page: HelpPage): string =>
  page.title !== "" ? page.title : page.name.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase())

const helpList: FakeContext.Handler = (ctx) =>
  FakeHttp.json(200, [...help(ctx.store).rows].sort((a, b) => prettyTitle(a).localeCompare(prettyTitle(b))))

/** A numeric id that does not exist is a 404; an unknown name renders `null` with 200. */
const helpShow: FakeContext.Handler = (ctx, match) => {
  const key = decodeURIComponent(match[1]!)
  const rows = help(ctx.store).rows
  if (/^\d+$/.test(key)) {
    const page = rows.find((p) => p.id === Number(key))
    return page === undefined ? FakeTable.notFound() : FakeHttp.json(200, page)
  }
  return FakeHttp.json(200, rows.find((p) => p.name === key) ?? null)
}

const helpIndex: FakeContext.Handler = (ctx) => {
  const page = help(ctx.store).rows.find((p) => p.name === "home")
  return page === undefined ? FakeHttp.expectedError(404, "Help page not found") : FakeHttp.json(200, page)
}

// ----- mascots --------------------------------------------------------------------------------------------

interface Mascot {
  readonly id: number
  readonly creator_id: number
  readonly display_name: string
  readonly md5: string
  readonly file_ext: string
  readonly background_color: string
  readonly foreground_color: string
  readonly artist_url: string
  readonly artist_name: string
  readonly active: boolean
  readonly is_layered: boolean
  readonly available_on: ReadonlyArray<string>
  readonly url_path: string
  readonly created_at: string
  readonly updated_at: string
}

const mascots = (store: FakeData.Store) =>
  FakeTable.tableOf<Mascot>(store, "site.mascots", (s) =>
    new FakeTable.Table(["Esix", "Keeper", "Night Sky", "Gryphon"].map((name, i) => {
      const md5 = Random.md5Of(s.seed, 0x3a5c07 + i)
      return {
        id: i + 1,
        creator_id: 1,
        display_name: name,
        md5,
        file_ext: "jpg",
        background_color: ["#012e57", "#1f3c67", "#0b1a2b", "#20304a"][i]!,
        foreground_color: "#0f0f0f80",
        artist_url: `https://art.example.com/mascot_${i + 1}`,
        artist_name: `mascot_artist_${i + 1}`,
        active: i !== 3,
        is_layered: i === 2,
        available_on: i === 1 ? ["e621", "e926"] : ["e621"],
        url_path: `https://static1.e621.net/data/mascot/${md5}.jpg`,
        created_at: iso(BASE + i * 90 * DAY),
        updated_at: iso(BASE + i * 90 * DAY)
      }
    })))

const mascotIndex: FakeContext.Handler = (ctx) =>
  FakeTable.index<Mascot>(ctx, mascots(ctx.store).rows, { defaultOrder: (a, b) => a.id - b.id })

// ----- stats ----------------------------------------------------------------------------------------------

const stats: FakeContext.Handler = (ctx) => {
  const store = ctx.store
  let deleted = 0
  for (let i = 0; i < store.status.length; i++) if ((store.status[i]! & 1) !== 0) deleted++
  const existing = store.ids.length
  const total = existing === 0 ? 0 : store.ids[existing - 1]!
  const levels: Record<string, number> = {}
  for (const user of store.users) {
    const key = `${user.level_string.toLowerCase().replace(/ /g, "_")}_users`
    levels[key] = (levels[key] ?? 0) + 1
  }
  return FakeHttp.json(200, {
    started: existing === 0 ? iso(BASE) : store.byId(store.ids[0]!)!.created_at,
    total_posts: total,
    active_posts: existing - deleted,
    deleted_posts: deleted,
    existing_posts: existing,
    destroyed_posts: total - existing,
    total_pools: store.pools.length,
    total_users: store.users.length,
    ...levels,
    total_favorites: [...store.favorites.values()].reduce((n, set) => n + set.size, 0),
    average_posts_per_pool: store.pools.length === 0 ? 0 : store.pools.reduce((n, p) => n + p.post_count, 0) / store.pools.length,
    updated_at: iso(ctx.now)
  })
}

// ----- search trends --------------------------------------------------------------------------------------

interface Trend {
  readonly id: number
  readonly tag: string
  readonly count: number
  readonly day: string
  readonly created_at: string
}

const trendTags: ReadonlyArray<string> = [
  ...Vocabulary.species,
  ...Vocabulary.general,
  ...Vocabulary.characters,
  ...Vocabulary.copyrights
]

/** A day's counted tags, generated from `(seed, day)`: the same list whenever it is asked for. */
const trendsOf = (store: FakeData.Store, dayNumber: number): ReadonlyArray<Trend> => {
  const rng = Random.make(Random.hash(store.seed, 0x7e2d0000 + dayNumber))
  const day = iso(dayNumber * DAY).slice(0, 10)
  const tags = rng.sample(trendTags, Math.min(30, trendTags.length))
  return tags
    .map((tag) => ({ tag, count: 5 + rng.int(2000) }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
    .map((t, rank) => ({ id: dayNumber * 100 + rank + 1, tag: t.tag, count: t.count, day, created_at: `${day}T00:00:00.000Z` }))
}

const dayNumberOf = (raw: string | undefined, now: number): number => {
  const parsed = raw === undefined || raw === "" ? Number.NaN : Date.parse(raw.slice(0, 10))
  return Math.floor((Number.isNaN(parsed) ? now : parsed) / DAY)
}

const trendIndex: FakeContext.Handler = (ctx) => {
  const rows = trendsOf(ctx.store, dayNumberOf(ctx.params.day, ctx.now))
  const rank = new Map(rows.map((row, i) => [row.id, i]))
  return FakeTable.index<Trend>(ctx, rows, {
    strict: true,
    filters: {
      name_matches: (row, value) => {
        const wanted = value.trim().toLowerCase().replace(/\s+/g, "_")
        return wanted.includes("*")
          ? new RegExp(`^${wanted.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(row.tag)
          : row.tag === wanted
      }
    },
    defaultOrder: (a, b) => rank.get(a.id)! - rank.get(b.id)!,
    render: (row) => ({ tag: row.tag, count: row.count, day: row.day })
  })
}

const trendRising: FakeContext.Handler = (ctx) => {
  const today = dayNumberOf(undefined, ctx.now)
  const before = new Map(trendsOf(ctx.store, today - 1).map((t) => [t.tag, t.count]))
  const rising = trendsOf(ctx.store, today)
    .filter((t) => t.count > 2 * (before.get(t.tag) ?? 0))
    .slice(0, 10)
  const rng = Random.make(Random.hash(ctx.store.seed, today))
  return FakeHttp.json(200, rising.map((t) => ({
    name: t.tag,
    pretty_name: t.tag.replace(/_+/g, " "),
    post_count: 100 + rng.int(100_000),
    category: Math.max(0, Vocabulary.categories.indexOf(Vocabulary.categoryOf.get(t.tag) ?? "general"))
  })))
}

const trendTrack: FakeContext.Handler = (ctx) => {
  const tags = [...new Set((ctx.params.tag ?? "").toLowerCase().trim().split(",").map((t) => t.trim()))].filter((t) => t !== "").slice(0, 10)
  const today = dayNumberOf(undefined, ctx.now)
  const out: Record<string, Array<{ count: number; day: string }>> = {}
  for (const tag of tags) out[tag] = []
  for (let d = today - 30; d <= today; d++) {
    const counts = new Map(trendsOf(ctx.store, d).map((t) => [t.tag, t.count]))
    for (const tag of tags) out[tag]!.push({ count: counts.get(tag) ?? 0, day: iso(d * DAY).slice(0, 10) })
  }
  return FakeHttp.json(200, out)
}

// ----- DText preview --------------------------------------------------------------------------------------

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** A small subset of DText: paragraphs, line breaks, `[b]`, `[i]`, `[s]`, `[color]`, `post #id`, `thumb #id`. */
const formatText = (body: string, allowColor: boolean, thumbs: Set<number>): string => {
  const inline = (text: string): string => {
    let html = escapeHtml(text)
    html = html.replace(/\[(b|i|s)\]([\s\S]*?)\[\/\1\]/g, (_m, tag: string, inner: string) =>
      `<${tag === "b" ? "strong" : tag === "i" ? "em" : "s"}>${inner}</${tag === "b" ? "strong" : tag === "i" ? "em" : "s"}>`)
    if (allowColor) {
      html = html.replace(/\[color=([#\w]+)\]([\s\S]*?)\[\/color\]/g, (_m, color: string, inner: string) =>
        `<span class="dtext-color" style="color:${color}">${inner}</span>`)
    }
    html = html.replace(/\bthumb #(\d+)/g, (_m, id: string) => {
      thumbs.add(Number(id))
      return `<a class="dtext-link dtext-id-link dtext-post-id-link thumb-placeholder-link" data-id="${id}" href="/posts/${id}">post #${id}</a>`
    })
    html = html.replace(/(^|[^\w"])post #(\d+)/g, (_m, pre: string, id: string) =>
      `${pre}<a class="dtext-link dtext-id-link dtext-post-id-link" href="/posts/${id}">post #${id}</a>`)
    return html.replace(/\n/g, "<br>")
  }
  return body
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${inline(p.trim())}</p>`)
    .join("")
}

const dtextPreview: FakeContext.Handler = (ctx) => {
  const thumbs = new Set<number>()
  const html = formatText(ctx.params.body ?? "", FakeContext.truthy(ctx.params.allow_color), thumbs)
  const posts: Record<string, unknown> = {}
  for (const id of thumbs) {
    const stored = ctx.store.byId(id)
    if (stored === undefined) continue
    const post = FakeRender.project(ctx.store, stored, ctx.viewer)
    const visible = FakeRender.isVisible(stored, ctx.viewer)
    posts[String(id)] = {
      id,
      flags: [post.flags.pending ? "pending" : "", post.flags.flagged ? "flagged" : "", post.flags.deleted ? "deleted" : ""].filter((f) => f !== "").join(" "),
      tags: Object.values(post.tags).flat().join(" "),
      rating: post.rating,
      file_ext: post.file.ext,
      width: post.file.width,
      height: post.file.height,
      size: post.file.size,
      created_at: post.created_at,
      uploader_id: post.uploader_id,
      score: post.score.total,
      fav_count: post.fav_count,
      is_favorited: post.is_favorited,
      comment_count: post.comment_count,
      ...(visible ? { md5: post.file.md5, preview_url: post.preview.url, sample_url: post.sample.url, file_url: post.file.url } : {})
    }
  }
  return FakeHttp.json(200, { html, posts })
}

// ----- database exports -----------------------------------------------------------------------------------

/**
 * `/db_exports.json`: every current export with its exact size (the files themselves are FakeExports'),
 * on the static host like the fake's post files.
 */
const dbExports: FakeContext.Handler = (ctx) =>
  FakeHttp.json(200, FakeExports.names.map((name) => FakeExports.entry(ctx.store, name, "https://static1.e621.net", ctx.now)))

/**
 * The routes of the site-information families.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "GET", pattern: /^\/news_updates$/, auth: "none", throttled: false, handler: newsIndex },
  { method: "GET", pattern: /^\/help$/, auth: "none", throttled: false, handler: helpIndex },
  { method: "GET", pattern: /^\/help\/list$/, auth: "none", throttled: false, handler: helpList },
  { method: "GET", pattern: /^\/help\/([^/]+)$/, auth: "none", throttled: false, handler: helpShow },
  { method: "GET", pattern: /^\/mascots$/, auth: "none", throttled: false, handler: mascotIndex },
  { method: "GET", pattern: /^\/stats$/, auth: "none", throttled: false, handler: stats },
  { method: "GET", pattern: /^\/search_trends$/, auth: "none", throttled: false, handler: trendIndex },
  { method: "GET", pattern: /^\/search_trends\/rising$/, auth: "none", throttled: false, handler: trendRising },
  { method: "GET", pattern: /^\/search_trends\/track$/, auth: "none", throttled: false, handler: trendTrack },
  { method: "POST", pattern: /^\/dtext_preview$/, auth: "none", throttled: true, handler: dtextPreview },
  { method: "GET", pattern: /^\/db_exports$/, auth: "none", throttled: false, handler: dbExports }
]
