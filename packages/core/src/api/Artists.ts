/**
 * Artists: search, read, write and revert artist entries (`app/controllers/artists_controller.rb`).
 *
 * An artist entry sits behind an artist tag: other names, a group, profile URLs, and notes (the body of the
 * wiki page with the artist's name). Lists embed each artist's `urls`; a single artist also carries
 * `domains`. Writes need a Member account; deleting an artist is admin-only on e621 and not offered here.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Artists } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const page = yield* Artists.search({ anyNameMatches: "*fox*", limit: 5 })
 *   const artist = yield* Artists.get("some_artist") // by name or id
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
import * as Artist from "../schemas/Artist.ts"

/**
 * Search fields of `GET /artists.json`. `name` and `groupName` are full-text (or `*` wildcards);
 * `anyNameMatches` looks in the name, other names and group name (`*…*` added unless you give `*`);
 * `anyOtherNameMatches` is a PostgreSQL regular expression; `urlMatches` takes a URL (`http…`: e621 finds the
 * artists whose URLs are a prefix of it) or a fragment; `hasTag` keeps artists whose tag has posts.
 * Default order: newest entry first.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  name: Schema.optionalKey(Params.Text),
  groupName: Schema.optionalKey(Params.Text),
  anyOtherNameLike: Schema.optionalKey(Params.Text),
  anyOtherNameMatches: Schema.optionalKey(Params.Text),
  anyNameMatches: Schema.optionalKey(Params.Text),
  anyNameOrUrlMatches: Schema.optionalKey(Params.Text),
  urlMatches: Schema.optionalKey(Params.Text),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  linkedUserId: Schema.optionalKey(Params.Range),
  linkedUserName: Schema.optionalKey(Params.Text),
  hasTag: Schema.optionalKey(Schema.Boolean),
  isLinked: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["name", "updated_at", "post_count", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /artists.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistSearch extends Schema.Schema.Type<typeof ArtistSearch> {}

/**
 * One URL of an artist: a string (active), or `{ url, isActive: false }` for a dead link (sent as `-url`).
 * URLs must start with `http://` or `https://`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UrlInput = Schema.Union([
  Schema.String,
  Schema.Struct({ url: Schema.String, isActive: Schema.Boolean })
])

/**
 * One URL of an artist as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export type UrlInput = Schema.Schema.Type<typeof UrlInput>

const Names = Schema.Array(Params.Text.check(Schema.isMaxLength(100))).check(Schema.isMaxLength(25))

/**
 * Changes to an artist (`PATCH /artists/:id.json`); only the fields given change. `otherNames` and `urls`
 * replace the whole list (`[]` clears it; at most 25 each, names ≤ 100 characters, spaces become
 * underscores); `notes` replaces the text of the artist's wiki page. Renames, group and other-name changes
 * are refused by e621 while the artist is on the avoid-posting list.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistUpdate = Schema.Struct({
  name: Schema.optionalKey(Params.Text.check(Schema.isMaxLength(100))),
  otherNames: Schema.optionalKey(Names),
  groupName: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(100))),
  urls: Schema.optionalKey(Schema.Array(UrlInput).check(Schema.isMaxLength(25))),
  notes: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(250_000)))
})

/**
 * Changes to an artist as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistUpdate extends Schema.Schema.Type<typeof ArtistUpdate> {}

/**
 * A new artist (`POST /artists.json`): the name is the artist tag (e621 normalises it), the rest as in
 * {@link ArtistUpdate}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const ArtistCreate = Schema.Struct({
  ...ArtistUpdate.fields,
  name: Params.Text.check(Schema.isMaxLength(100))
})

/**
 * A new artist as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ArtistCreate extends Schema.Schema.Type<typeof ArtistCreate> {}

/**
 * The routes of artists, each keyed by the function that calls it. `get` reads `/artists/:id.json` and
 * `/artists/:name.json` alike (e621's `id_or_name`).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({ method: "GET", path: "/artists.json", auth: "none", search: ArtistSearch, item: Artist.Artist }),
  get: Route.make({ method: "GET", path: "/artists/:idOrName.json", auth: "none", item: Artist.Artist }),
  // other names and URLs are sent as `other_names_string` / `url_string` (see `create`)
  create: Route.make({
    method: "POST",
    path: "/artists.json",
    auth: "member",
    root: "artist",
    body: ArtistCreate,
    item: Artist.Artist
  }),
  update: Route.make({ method: "PATCH", path: "/artists/:id.json", auth: "member", root: "artist", body: ArtistUpdate }),
  revert: Route.make({ method: "PUT", path: "/artists/:id/revert.json", auth: "member" }),
  // a redirect to the artist's HTML page when there is one, read by `showOrNew`
  showOrNew: Route.make({ method: "GET", path: "/artists/show_or_new.json", auth: "none" })
} as const

/**
 * One page of artists (`GET /artists.json`, anyone), each with its `urls`.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<ArtistSearch, Artist.Artist> = Endpoint.search(routes.search)

/**
 * Every artist matching a search, as a `Stream` (`b<id>` cursors unless `order` is given).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<ArtistSearch, Artist.Artist> = Endpoint.stream(routes.search)

/**
 * One artist by id (a number) or name (a string, normalised as e621 does: `"Some Artist"` → `some_artist`)
 * — `GET /artists/:id_or_name.json` — with its `urls` and `domains` (source domains of its newest 100 posts,
 * most cited first). e621 reads an all-digit name in the path as an id, so such a name is looked up through
 * `search[name]` (then matched exactly) and comes without `domains`. Fails with `E621NotFound` when there is
 * no such artist.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  idOrName: number | string
) => Effect.Effect<Artist.Artist, E621Error, E621Client.E621Client> = ByName.idOrName({
  get: routes.get,
  list: routes.search,
  key: "name",
  item: Artist.Artist,
  search: (name) => search({ name, limit: 100 }),
  nameOf: (artist) => artist.name,
  missing: "no artist named",
  name: (name) => ByName.pathName("name", name, Artist.normalizeName)
})

const urlLine = (field: string, input: UrlInput): Effect.Effect<string, E621InvalidInput> => {
  const url = typeof input === "string" ? input : input.url
  const active = typeof input === "string" || input.isActive
  return /^https?:\/\/\S+$/i.test(url) && url.length <= 4096
    ? Effect.succeed(active ? url : `-${url}`)
    : Effect.fail(invalidInput(field, `must be one http:// or https:// URL without spaces, got ${Params.got(url)}`))
}

/** `artist[...]` form fields: `other_names_string` (space-separated) and `url_string` (one URL a line). */
const formFields = (input: ArtistUpdate, field: string): Effect.Effect<E621Client.Query, E621InvalidInput> =>
  Effect.gen(function*() {
    yield* Params.changes(field, input)
    const fields: Record<string, string | undefined> = {
      "artist[name]": input.name,
      "artist[group_name]": input.groupName,
      "artist[notes]": input.notes,
      "artist[other_names_string]": input.otherNames?.map((name) => name.trim().replace(/\s+/g, "_")).join(" ")
    }
    if (input.urls !== undefined) {
      const lines: Array<string> = []
      for (const [index, url] of input.urls.entries()) lines.push(yield* urlLine(`${field}.urls.${index}`, url))
      fields["artist[url_string]"] = lines.join("\n")
    }
    return fields
  })

/**
 * Creates an artist (`POST /artists.json`, member; 25 artist edits per hour for young accounts). Answers
 * 201 with the artist's columns (no `urls`; read them back with {@link get}); a taken name fails with
 * `E621ValidationFailed`. Notes create the artist's wiki page. The first version is recorded.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const create: (
  input: ArtistCreate
) => Effect.Effect<Artist.Artist, E621Error, E621Client.E621Client> = Endpoint.createWith(routes.create, formFields)

/**
 * Edits an artist (`PATCH /artists/:id.json`, member; locked artists are staff-only → `E621Forbidden`).
 * Answers 204: resolves to `void`. A version is recorded when the name, URLs, other names, group or notes
 * changed.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const update: (
  id: number,
  patch: ArtistUpdate
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.updateWith(routes.update, formFields)

/**
 * Restores an artist's name, URLs, other names and group from one of its versions
 * (`PUT /artists/:id/revert.json`, member; locked artists staff-only). A version of another artist is a
 * 404. Answers 204; the revert is recorded as a new version.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const revert: (
  id: number, versionId: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.revert(routes.revert)

/**
 * The answer of {@link showOrNew}: the artist, or — when there is none — the normalised name a new artist
 * would get.
 *
 * @category Types
 * @since 0.1.0
 */
export type ShowOrNew =
  | { readonly _tag: "Existing"; readonly artist: Artist.Artist }
  | { readonly _tag: "New"; readonly name: string }

/**
 * The artist of a name, or the name a new artist entry would get (`GET /artists/show_or_new.json?name=`,
 * anyone) — what e621's artist tag links do. e621 redirects to an existing artist's HTML page, which the
 * client does not follow: the artist is then read with {@link get}.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const showOrNew: (name: string) => Effect.Effect<ShowOrNew, E621Error, E621Client.E621Client> = ByName.showOrNew({
  route: routes.showOrNew,
  param: "name",
  existing: "artist",
  normalize: Artist.normalizeName,
  get
})
