/**
 * Tags: search, stream, read and re-categorise e621 tags, autocomplete, related tags, previews of a tag string
 * and count corrections (`app/controllers/tags_controller.rb`, `related_tags_controller.rb`,
 * `tag_corrections_controller.rb`, the `autocompleted` service).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Tags } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const tags = yield* Tags.search({ nameMatches: "otter*", order: "count", limit: 5 })
 *   const tag = yield* Tags.get("otter") // by name or id
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as ByName from "../internal/byName.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { AutocompleteTag } from "../schemas/AutocompleteTag.ts"
import { BulkRelatedTags, RelatedTag } from "../schemas/RelatedTag.ts"
import * as Tag from "../schemas/Tag.ts"
import { TagCorrection } from "../schemas/TagCorrection.ts"
import { TagPreview } from "../schemas/TagPreview.ts"

/**
 * Search fields of `GET /tags.json` (`Tag.search`):
 * - `name`: exact names (normalised; a list is comma-joined); `nameMatches`: a `LIKE` pattern with `*`
 *   wildcards and **no implicit wildcard** (`"wolf"` matches only `wolf`, use `"wolf*"` for a prefix);
 *   `fuzzyNameMatches`: trigram similarity;
 * - `category`: names or ids (`"artist"`, `[1, "species"]`), sent as e621's comma-separated ids;
 * - `hideEmpty`: e621 hides tags with no posts **unless this is `false`**;
 * - `order`: `name`, `date` (= newest id first), `similarity` (with `fuzzyNameMatches`), `id_asc`, `id_desc`,
 *   or `count` (e621's default, `post_count desc, name asc`, which any unknown value also gives).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  name: Schema.optionalKey(Params.Texts),
  nameMatches: Schema.optionalKey(Params.Text),
  fuzzyNameMatches: Schema.optionalKey(Params.Text),
  category: Schema.optionalKey(Tag.CategoryList),
  hideEmpty: Schema.optionalKey(Schema.Boolean),
  hasWiki: Schema.optionalKey(Schema.Boolean),
  hasArtist: Schema.optionalKey(Schema.Boolean),
  isLocked: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["name", "date", "count", "similarity", "id_asc", "id_desc"]))
})

/**
 * Search fields of `GET /tags.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagSearch extends Schema.Schema.Type<typeof TagSearch> {}

/**
 * A change to a tag (`PATCH /tags/:id.json`): its category (name or id) and, for admins, its lock.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const TagUpdate = Schema.Struct({
  category: Schema.optionalKey(Tag.CategoryInput),
  isLocked: Schema.optionalKey(Schema.Boolean)
})

/**
 * A change to a tag as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagUpdate extends Schema.Schema.Type<typeof TagUpdate> {}

/**
 * The routes of tags, tag autocomplete, related tags, tag previews and tag corrections, each keyed by the
 * function that calls it. `get` reads `/tags/:id.json` and `/tags/:name.json` alike (e621's `id_or_name`).
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/tags.json",
    auth: "none",
    search: TagSearch,
    item: Tag.Tag,
    /**
     * `date` is id order too, so cursors apply; the default (post count) order shifts between numbered pages,
     * while `b<id>` cursors replace it with id order on e621 and give every tag once.
     */
    idOrdered: (search: TagSearch) =>
      search.order === undefined || search.order === "date" || search.order === "id_asc" || search.order === "id_desc",
    /** Names normalised, categories as e621's comma-separated ids. */
    encodeSearch: (search: TagSearch): Readonly<Record<string, unknown>> => {
      const { category, name, ...rest } = search
      return {
        ...rest,
        ...(name === undefined ? {} : { name: (typeof name === "string" ? [name] : name).map(Tag.normalizeName) }),
        ...(category === undefined ? {} : { category: Tag.categoryListParam(category) })
      }
    }
  }),
  get: Route.make({ method: "GET", path: "/tags/:idOrName.json", auth: "none", item: Tag.Tag }),
  // the category is sent as its id (see `update`)
  update: Route.make({ method: "PATCH", path: "/tags/:id.json", auth: "member", root: "tag", body: TagUpdate }),
  autocomplete: Route.make({
    method: "GET",
    path: "/tags/autocomplete.json",
    auth: "none",
    search: Schema.Struct({ nameMatches: Schema.String }),
    item: AutocompleteTag,
    envelope: Route.list(),
    query: { expiry: 7 }
  }),
  related: Route.make({
    method: "GET",
    path: "/related_tag.json",
    auth: "member",
    search: Schema.Struct({ query: Schema.String, categoryId: Schema.optionalKey(Schema.Number) }),
    item: RelatedTag,
    envelope: Route.list()
  }),
  relatedBulk: Route.make({ method: "GET", path: "/related_tag/bulk.json", auth: "member", item: BulkRelatedTags }),
  preview: Route.make({
    method: "POST",
    path: "/tags/preview.json",
    auth: "member",
    item: TagPreview,
    envelope: Route.list(),
    idempotent: true
  }),
  correction: Route.make({ method: "GET", path: "/tags/:id/correction.json", auth: "none", item: TagCorrection })
} as const

/**
 * One page of tags (`GET /tags.json`), by default most used first (`post_count desc, name asc`) and without
 * empty tags.
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<TagSearch, Tag.Tag> = Endpoint.search(routes.search)

/**
 * Every tag matching a search, as a `Stream`. Without `order` (or with `date` / `id_*`) it walks `b<id>`
 * cursors — newest tag first, each tag exactly once even while post counts change; with `name`, `count` or
 * `similarity` it walks numbered pages (which can shift while counts change) up to page 750.
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<TagSearch, Tag.Tag> = Endpoint.stream(routes.search)

const checkName = (field: string, value: string): Effect.Effect<string, E621Error> =>
  Effect.flatMap(Params.text(field, value, { max: 100 }), (raw) => {
    const name = Tag.normalizeName(raw)
    return /[\s,*]/.test(name)
      ? Effect.fail(invalidInput(field, `must be a tag name (no spaces inside, commas or *), got ${Params.got(raw)}`))
      : Effect.succeed(name)
  })

/**
 * One tag by id (`GET /tags/:id.json`) or by name (`GET /tags/:name.json`, normalised first). e621 reads an
 * all-digit path as an id, so an all-digit name (a year tag such as `2020`) is looked up with
 * `search[name]` instead; a missing tag fails with `E621NotFound` either way.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const get: (
  idOrName: number | string
) => Effect.Effect<Tag.Tag, E621Error, E621Client.E621Client> = ByName.idOrName({
  get: routes.get,
  list: routes.search,
  key: "name",
  item: Tag.Tag,
  search: (name) => search({ name, hideEmpty: false, limit: 1 }),
  nameOf: (tag) => tag.name,
  missing: "no tag named",
  name: (name) => checkName("name", name)
})

/**
 * Changes a tag's category (`PATCH /tags/:id.json`, member; 204). e621 allows it to admins, or when the tag
 * is not locked, its current category is not invalid/meta/lore and it has fewer than 100 posts — otherwise
 * 403 (`E621Forbidden`). Moving a tag *to* invalid/meta/lore is admin-only and `lore` needs a name ending in
 * `_(lore)`: 422 (`E621ValidationFailed`). Each change is logged as a tag type version.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const update: (
  id: number,
  patch: TagUpdate
) => Effect.Effect<void, E621Error, E621Client.E621Client> = Endpoint.updateWith(routes.update, (checked, field) =>
  Effect.as(Params.changes(field, checked), {
    "tag[category]": checked.category === undefined ? undefined : Tag.categoryId(checked.category),
    "tag[is_locked]": checked.isLocked
  }))

/**
 * Tag suggestions for a typed prefix (`GET /tags/autocomplete.json`, anonymous). Served by e621's separate
 * `autocompleted` service: the prefix is lower-cased, stripped of `*`, `%` and whitespace and must then be
 * 3–100 characters (checked here; the service answers 400 otherwise). Up to 10 results: tags starting with
 * the prefix and consequents of active aliases whose antecedent does, shortest first, then most used; when
 * nothing starts with the prefix, similar names.
 *
 * @category Read
 * @since 0.1.0
 */
export const autocomplete = (
  prefix: string
): Effect.Effect<ReadonlyArray<AutocompleteTag>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    if (typeof prefix !== "string") return yield* invalidInput("prefix", `must be a string, got ${Params.got(prefix)}`)
    const cleaned = prefix.normalize("NFC").toLowerCase().replace(/[*%\0\s]/g, "")
    const length = [...cleaned].length
    if (length < 3 || length > 100) {
      return yield* invalidInput("prefix", `must have 3 to 100 characters besides *, % and spaces, got ${length}`)
    }
    return yield* Endpoint.callList(routes.autocomplete, { search: { nameMatches: cleaned } })
  })

/**
 * Options of {@link related} and {@link relatedBulk}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RelatedOptions {
  /** Only related tags of this category (e621 then computes them from a fresh sample). */
  readonly category?: Tag.CategoryInput | undefined
}

const categoryParam = (category: Tag.CategoryInput | undefined) =>
  category === undefined
    ? Effect.succeed(undefined)
    : Effect.map(Params.check(Tag.CategoryInput, category, "category"), Tag.categoryId)

const relatedKeys = Params.keys<RelatedOptions>({ category: true })

/**
 * Tags related to a query (`GET /related_tag.json`, member): for one tag, its stored related tags; with a
 * `*` wildcard, up to 50 matching used tags (by name); with a category, tags of that category computed from
 * a sample of the query's posts. Each comes with its category id. e621 answers 422 for more than 40 tags.
 *
 * @category Read
 * @since 0.1.0
 */
export const related = (
  query: string, options: RelatedOptions = {}
): Effect.Effect<ReadonlyArray<RelatedTag>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(options, relatedKeys)
    const q = yield* Params.text("query", query, { max: 10_000 })
    const category = yield* categoryParam(options.category)
    return yield* Endpoint.callList(routes.related, { search: { query: q.trim(), categoryId: category } })
  })

/**
 * Related tags of up to 25 tags at once (`GET /related_tag/bulk.json`, member): an object keyed by each
 * queried tag that exists, with `{name, count, category_id}` entries (`category_id` −1 for unknown tags).
 *
 * @category Read
 * @since 0.1.0
 */
export const relatedBulk = (
  tags: ReadonlyArray<string>,
  options: RelatedOptions = {}
): Effect.Effect<BulkRelatedTags, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(options, relatedKeys)
    if (!Array.isArray(tags) || tags.length < 1 || tags.length > 25) {
      return yield* invalidInput("tags", `must list 1 to 25 tag names (e621 ignores the rest), got ${Params.got(tags)}`)
    }
    const names: Array<string> = []
    for (const tag of tags) names.push(yield* checkName("tags", tag))
    const category = yield* categoryParam(options.category)
    return yield* Endpoint.call(routes.relatedBulk, { query: { query: names.join(" "), category_id: category } })
  })

/**
 * How e621 will read a tag string (`POST /tags/preview.json`, member): each tag with its id, category and
 * count, the tag it is aliased to and what it implies, then those aliased and implied tags themselves — what
 * an upload or a tag edit with that string would end up with. Tags may carry a category prefix
 * (`artist:name`). Takes a space-separated string or a list of tags (no blanks inside one); sent as a POST so
 * that long strings fit.
 *
 * @category Read
 * @since 0.1.0
 */
export const preview = (
  tags: string | ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<TagPreview>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const list = typeof tags === "string" ? tags.split(/\s+/).filter((tag) => tag !== "") : [...tags]
    if (list.length === 0) return yield* invalidInput("tags", "name at least one tag")
    for (const [index, tag] of list.entries()) {
      if (typeof tag !== "string" || tag === "" || /\s/.test(tag)) {
        return yield* invalidInput(`tags[${index}]`, `must be a tag without blanks, got ${JSON.stringify(tag)}`)
      }
    }
    return yield* Endpoint.callList(routes.preview, { body: { _tag: "Form", fields: { tags: list.join(" ") } } })
  })

/**
 * A tag's stored post count next to what e621's search index counts now, and its cached category (`GET
 * /tags/:id/correction.json`, anyone): how to tell whether a count has drifted. Fixing it is staff work.
 * By id only (e621 reads the path as an id); `E621NotFound` for an unknown id.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const correction: (
  id: number
) => Effect.Effect<TagCorrection, E621Error, E621Client.E621Client> =
  Endpoint.get(routes.correction)
