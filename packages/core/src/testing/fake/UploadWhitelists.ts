/**
 * The fake's upload whitelist (`app/models/upload_whitelist.rb`): the entries, their index, e621's verdict on
 * a URL (`GET /upload_whitelists/is_allowed`), and the same verdict for the fake's uploads, replacements and
 * IQDB look-ups by URL, so the three cannot disagree.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/UploadWhitelists.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"

interface Entry {
  readonly id: number
  readonly domain: string
  readonly path: string
  readonly note: string
  readonly reason: string | null
  readonly allowed: boolean
  readonly hidden: boolean
  readonly created_at: string
  readonly updated_at: string
}

const at = (day: number): string => new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString()

/** Domain regexps as e621 writes them; `path` `\/.+` is e621's default (any non-empty path). */
const seed: ReadonlyArray<readonly [domain: string, note: string, allowed: boolean, reason: string | null, path?: string]> = [
  ["(.*\\.)?e621\\.net", "e621", true, null],
  ["(.*\\.)?furaffinity\\.net", "FurAffinity", true, null],
  ["(.*\\.)?facesdn\\.net", "FurAffinity CDN", true, null],
  ["(.*\\.)?x\\.com", "X", true, null],
  ["(.*\\.)?twimg\\.com", "Twitter images", true, null],
  ["(.*\\.)?twitter\\.com", "Twitter", true, null],
  ["(.*\\.)?inkbunny\\.net", "Inkbunny", true, null],
  ["(.*\\.)?deviantart\\.com", "DeviantArt", true, null],
  ["(.*\\.)?weasyl\\.com", "Weasyl", true, null],
  ["(.*\\.)?pixiv\\.net", "Pixiv", true, null],
  ["(.*\\.)?pximg\\.net", "Pixiv images", true, null],
  ["(.*\\.)?bsky\\.app", "Bluesky", true, null],
  ["(.*\\.)?example\\.com", "Example", true, null, "\\/(?!private\\/).+"],
  ["(.*\\.)?imgbanned\\.test", "Banned host", false, "Hotlinking not allowed"]
]

const entries: ReadonlyArray<Entry> = seed.map(([domain, note, allowed, reason, path], i) => ({
  id: i + 1,
  domain,
  path: path ?? "\\/.+",
  note,
  reason,
  allowed,
  hidden: i === 2,
  created_at: at(i * 30),
  updated_at: at(i * 30 + 7)
}))

/** e621's verdict on a URL for a user (`UploadWhitelist.is_whitelisted?`; admins bypass it). */
export const verdict = (
  raw: string,
  user: FakeData.User | undefined
): { readonly url: URL | undefined; readonly allowed: boolean; readonly reason: string | null } => {
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`)
  } catch {
    return { url: undefined, allowed: false, reason: "invalid url" }
  }
  if (url.username !== "" || url.password !== "") {
    return { url, allowed: false, reason: "URLs with embedded credentials are not allowed" }
  }
  if (FakeContext.atLeast(user, "Admin")) return { url, allowed: true, reason: "bypassed" }
  let reason = `${url.hostname || url.href} not in whitelist`
  for (const entry of entries) {
    if (!new RegExp(`^${entry.domain}$`, "i").test(url.hostname)) continue
    if (new RegExp(`^${entry.path}$`, "i").test(url.pathname)) return { url, allowed: entry.allowed, reason: entry.reason }
    reason = `${url.hostname || url.href} is in whitelist, but path ${url.pathname || "<no path>"} is not allowed.`
  }
  return { url, allowed: false, reason }
}

/** An http(s) URL the whitelist allows for this user, or `undefined`. */
export const allowedUrl = (raw: string, user: FakeData.User | undefined): URL | undefined => {
  const result = verdict(raw, user)
  return result.allowed && result.url !== undefined && (result.url.protocol === "https:" || result.url.protocol === "http:")
    ? result.url
    : undefined
}

/** The registrable domain, as Addressable's `domain` gives it (the last two labels here). */
const domainOf = (url: URL): string => url.hostname.split(".").slice(-2).join(".")

const isAllowed: FakeContext.Handler = (ctx) => {
  const raw = ctx.params.url
  if (raw === undefined || raw === "") {
    return FakeHttp.json(200, { url: raw ?? null, domain: "invalid domain", is_allowed: false, reason: "invalid domain" })
  }
  const result = verdict(raw, ctx.viewer.user)
  return FakeHttp.json(200, {
    url: raw,
    domain: result.url === undefined ? "invalid domain" : domainOf(result.url),
    is_allowed: result.allowed,
    reason: result.url === undefined ? "invalid domain" : result.reason
  })
}

const likePattern = (value: string): RegExp =>
  new RegExp(`^${value.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "is")

/** Search fields e621 permits but filters by none of them (the client does not offer them). */
const ignored: ReadonlyArray<string> = ["allowed", "domain", "path", "reason"]

const index: FakeContext.Handler = (ctx) => {
  // permitted, so not refused as unknown by the strict search, and filter nothing
  const params = Object.fromEntries(Object.entries(ctx.params).filter(([key]) => !ignored.some((name) => key === `search[${name}]`)))
  return FakeTable.search(Api.routes.search)({ ...ctx, params }, entries, {
    filters: {
      note: (row, value) => likePattern(value).test(row.note)
    },
    orders: {
      domain: (a, b) => a.domain.localeCompare(b.domain),
      path: (a, b) => a.path.localeCompare(b.path),
      updated_at: (a, b) => b.updated_at.localeCompare(a.updated_at),
      created_at: (a, b) => b.id - a.id
    },
    defaultOrder: (a, b) => a.note.localeCompare(b.note)
  })
}

/**
 * The routes of the upload whitelist (declared in `api/UploadWhitelists.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: index, isAllowed })
