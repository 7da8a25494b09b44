/**
 * The fake's help pages (`/help`, `/help/list`, `/help/:name`), seeded on first use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/HelpPages.ts"
import type * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as SiteEpoch from "./SiteEpoch.ts"
import * as FakeTable from "./Table.ts"

interface HelpPage {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly name: string
  readonly wiki_page: string
  readonly related: string
  readonly title: string
}

const help = SiteEpoch.fixed<readonly [string, string, string, string], HelpPage>("site.help_pages", [
  ["home", "help:home", "", "Help"],
  ["api", "help:api", "tags, blacklist", "API"],
  ["tags", "help:tags", "api", ""],
  ["blacklist", "help:blacklist", "tags", "Blacklist"],
  ["ratings", "help:ratings", "", "Ratings"],
  ["uploading", "help:uploading", "tags, ratings", ""]
], 1, ([name, wiki_page, related, title], { at, id }) => ({ id, created_at: at, updated_at: at, name, wiki_page, related, title }))

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


/**
 * The routes of `/help` (declared in `api/HelpPages.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { list: helpList, get: helpShow })
