/**
 * WikiPages: search, read, write and revert e621's wiki (`app/controllers/wiki_pages_controller.rb`).
 *
 * A wiki page is titled by its tag's name. Pages are read by id or by title; titles are normalised as e621
 * does (lower case, spaces → underscores) and URL-encoded. Writes need a Member account; deleting a page is
 * admin-only on e621 and not offered here.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { WikiPages } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const pages = yield* WikiPages.search({ title: "otter" })
 *   const page = yield* WikiPages.get("otter") // by title or id
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, type E621InvalidInput, invalidInput } from "../E621Error.ts"
import * as ByName from "../internal/byName.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import * as WikiPage from "../schemas/WikiPage.ts"

/**
 * Search fields of `GET /wiki_pages.json`. `title` is matched exactly (after e621 lower-cases it and turns
 * spaces into underscores) unless it contains `*` wildcards; `bodyMatches` is full-text (or `*` wildcards);
 * `otherNamesMatch` matches one other name exactly, case-insensitively (or with `*`). Default order: last
 * updated first.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPageSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  title: Schema.optionalKey(Params.Text),
  bodyMatches: Schema.optionalKey(Params.Text),
  otherNamesMatch: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  hideDeleted: Schema.optionalKey(Schema.Boolean),
  parent: Schema.optionalKey(Params.Text),
  otherNamesPresent: Schema.optionalKey(Schema.Boolean),
  isLocked: Schema.optionalKey(Schema.Boolean),
  isDeleted: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["title", "post_count", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /wiki_pages.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageSearch extends Schema.Schema.Type<typeof WikiPageSearch> {}

const FeaturedPosts = Schema.Array(Params.Id).check(Schema.isMaxLength(6))

/**
 * Fields of a new wiki page (`POST /wiki_pages.json`). `title` is the tag name (e621 normalises it; a
 * `category:` prefix such as `artist:` also sets the tag's category); `body` is DText (≤ 250,000
 * characters); `featuredPosts` at most 6 distinct post ids; `categoryId` 0..8 changes the tag's category
 * where the caller may; `parent` (a redirect target title) needs Privileged.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPageCreate = Schema.Struct({
  title: Params.Text.check(Schema.isMaxLength(100)),
  body: Schema.String.check(Schema.isMaxLength(250_000)),
  categoryId: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 8 }))),
  editReason: Schema.optionalKey(Params.Text),
  featuredPosts: Schema.optionalKey(FeaturedPosts),
  parent: Schema.optionalKey(Params.Text)
})

/**
 * Fields of a new wiki page as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageCreate extends Schema.Schema.Type<typeof WikiPageCreate> {}

/**
 * Changes to a wiki page (`PATCH /wiki_pages/:id.json`). Only the fields given change; `featuredPosts: []`
 * clears them. `title` (renaming) is staff-only: e621 answers 403 "found unpermitted parameter" to others,
 * as it does for `parent` below Privileged.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const WikiPageUpdate = Schema.Struct({
  title: Schema.optionalKey(Params.Text.check(Schema.isMaxLength(100))),
  body: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(250_000))),
  categoryId: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 8 }))),
  editReason: Schema.optionalKey(Params.Text),
  featuredPosts: Schema.optionalKey(FeaturedPosts),
  parent: Schema.optionalKey(Params.Text)
})

/**
 * Changes to a wiki page as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface WikiPageUpdate extends Schema.Schema.Type<typeof WikiPageUpdate> {}

/**
 * The routes of wiki pages, each keyed by the function that calls it. `get` reads `:idOrTitle` — a numeric
 * id, or a normalised, URL-encoded title (all-digit titles go through `search` instead).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/wiki_pages.json", auth: "none", search: WikiPageSearch, item: WikiPage.WikiPage }),
  get: Route.make({ method: "GET", path: "/wiki_pages/:idOrTitle.json", auth: "none", item: WikiPage.WikiPage }),
  create: Route.make({
    method: "POST",
    path: "/wiki_pages.json",
    auth: "member",
    root: "wiki_page",
    body: WikiPageCreate,
    item: WikiPage.WikiPage
  }),
  update: Route.make({ method: "PATCH", path: "/wiki_pages/:id.json", auth: "member", root: "wiki_page", body: WikiPageUpdate }),
  revert: Route.make({ method: "PUT", path: "/wiki_pages/:id/revert.json", auth: "member" }),
  showOrNew: Route.make({ method: "GET", path: "/wiki_pages/show_or_new.json", auth: "none" })
} as const

/**
 * One page of wiki pages (`GET /wiki_pages.json`, anyone).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<WikiPageSearch, WikiPage.WikiPage> = Endpoint.search(routes.search)

/**
 * Every wiki page matching a search, as a `Stream` (`b<id>` cursors — id order — unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<WikiPageSearch, WikiPage.WikiPage> = Endpoint.stream(routes.search)

/**
 * One wiki page by id (a number) or by title (a string: `"Red Panda"` reads `red_panda`) — `GET
 * /wiki_pages/:id_or_title.json`. e621 reads `/wiki_pages/<title>.json` as an id when the title is all digits
 * (year tags such as `2020`), so those are looked up with `search[title]` instead. Fails with `E621NotFound`
 * when there is no such page (for a search that finds none too: status 404, synthesised).
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  idOrTitle: number | string
) => Effect.Effect<WikiPage.WikiPage, E621Error, E621Client.E621Client> = ByName.idOrName({
  get: routes.get,
  list: routes.search,
  key: "title",
  item: WikiPage.WikiPage,
  search: (title) => search({ title, limit: 20 }),
  nameOf: (page) => page.title,
  missing: "no wiki page titled",
  name: (title) => ByName.pathName("title", title, WikiPage.normalizeTitle)
})

/** `wiki_page[...]` form fields; `featuredPosts` goes to e621's `featured_posts_string`. */
const formFields = (
  input: WikiPageUpdate,
  field: string
): Effect.Effect<E621Client.Query, E621InvalidInput> => {
  const { featuredPosts, ...rest } = input
  if (featuredPosts !== undefined && new Set(featuredPosts).size !== featuredPosts.length) {
    return Effect.fail(invalidInput(`${field}.featuredPosts`, "must not contain the same post twice"))
  }
  return Effect.as(Params.changes(field, input), {
    ...Params.encode("wiki_page", rest),
    ...(featuredPosts === undefined ? {} : { "wiki_page[featured_posts_string]": featuredPosts.join(" ") })
  })
}

/**
 * Creates a wiki page (`POST /wiki_pages.json`, member; counts against the 60 wiki edits per hour of young
 * accounts). Answers 201 with the page; a taken title or other validation error fails with
 * `E621ValidationFailed`. The first version is recorded.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const create: (
  input: WikiPageCreate
) => Effect.Effect<WikiPage.WikiPage, E621Error, E621Client.E621Client> = Endpoint.createWith(routes.create, formFields)

/**
 * Edits a wiki page by numeric id (`PATCH /wiki_pages/:id.json`, member; locked pages are staff-only →
 * `E621Forbidden`). e621 answers 204: resolves to `void`; a new version is recorded when something changed.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const update: (
  id: number,
  patch: WikiPageUpdate
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.updateWith(routes.update, formFields)

/**
 * Restores a page's title, body, other names, redirect and featured posts from one of its versions
 * (`PUT /wiki_pages/:id/revert.json`, member; locked pages staff-only). A version of another page is a 404.
 * Answers 204; the revert is itself recorded as a new version.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const revert: (
  id: number, versionId: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.revert(routes.revert)

/**
 * The answer of {@link showOrNew}: the page, or — when there is none — the normalised title a new page
 * would get.
 *
 * @category Types
 * @since 0.1.0
 */
export type ShowOrNew =
  | { readonly _tag: "Existing"; readonly page: WikiPage.WikiPage }
  | { readonly _tag: "New"; readonly title: string }

/**
 * The wiki page of a title, or the title a new page would get (`GET /wiki_pages/show_or_new.json?title=`,
 * anyone) — what e621's wiki links do. e621 redirects to an existing page's HTML, which the client does not
 * follow: the page is then read with {@link get}.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const showOrNew: (title: string) => Effect.Effect<ShowOrNew, E621Error, E621Client.E621Client> = ByName.showOrNew({
  route: routes.showOrNew,
  param: "title",
  existing: "page",
  normalize: WikiPage.normalizeTitle,
  get
})
