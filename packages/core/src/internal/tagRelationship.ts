/**
 * What tag aliases and tag implications share (`app/models/tag_relationship.rb`): their search fields and how
 * they are encoded, and the HTML-form request flow of `TagAliases.request` /
 * `TagImplications.request`.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as E621Client from "../E621Client.ts"
import { type E621Error, E621NotFound, E621ValidationFailed, invalidInput } from "../E621Error.ts"
import * as Tag from "../schemas/Tag.ts"
import * as Route from "../Route.ts"
import * as Endpoint from "./endpoint.ts"
import * as Params from "./params.ts"

type WithClient<A> = Effect.Effect<A, E621Error, E621Client.E621Client>

/**
 * Search fields shared by `GET /tag_aliases.json` and `GET /tag_implications.json` (`TagRelationship.search`):
 * - `nameMatches`: antecedent **or** consequent `LIKE` pattern (`*` wildcards, no implicit wildcard);
 * - `antecedentName` / `consequentName`: exact names (a list is comma-joined);
 * - `status`: `"approved"` (= active, processing, queued) or one exact status (`pending`, `active`, …);
 * - `antecedentTagCategory` / `consequentTagCategory`: category names or ids of the tags;
 * - `order`: `created_at`, `updated_at` (newest first), `name`, `tag_count` (consequent's post count),
 *   `id_asc`, `id_desc`; default: status (queued, processing, pending, active, deleted, retired), then newest.
 *
 * @internal
 */
export const Search = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  nameMatches: Schema.optionalKey(Params.Text),
  antecedentName: Schema.optionalKey(Params.Texts),
  consequentName: Schema.optionalKey(Params.Texts),
  status: Schema.optionalKey(Params.Text),
  antecedentTagCategory: Schema.optionalKey(Tag.CategoryList),
  consequentTagCategory: Schema.optionalKey(Tag.CategoryList),
  creatorId: Schema.optionalKey(Params.Range),
  creatorName: Schema.optionalKey(Params.Text),
  approverId: Schema.optionalKey(Params.Range),
  approverName: Schema.optionalKey(Params.Text),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  order: Schema.optionalKey(Schema.Literals(["created_at", "updated_at", "name", "tag_count", "id_asc", "id_desc"]))
})

/**
 * Search fields of the tag relationship lists as a type.
 *
 * @internal
 */
export interface Search extends Schema.Schema.Type<typeof Search> {}

/**
 * Rewrites relationship search fields for e621: names normalised, categories as comma-separated ids.
 *
 * @internal
 */
export const encodeSearch = (search: Search): Readonly<Record<string, unknown>> => {
  const { antecedentName, antecedentTagCategory, consequentName, consequentTagCategory, ...rest } = search
  const names = (value: string | ReadonlyArray<string>) => (typeof value === "string" ? [value] : value).map(Tag.normalizeName)
  return {
    ...rest,
    ...(antecedentName === undefined ? {} : { antecedentName: names(antecedentName) }),
    ...(consequentName === undefined ? {} : { consequentName: names(consequentName) }),
    ...(antecedentTagCategory === undefined ? {} : { antecedentTagCategory: Tag.categoryListParam(antecedentTagCategory) }),
    ...(consequentTagCategory === undefined ? {} : { consequentTagCategory: Tag.categoryListParam(consequentTagCategory) })
  }
}

/**
 * Whether a relationship search is in id order (so `stream` may use cursors): only `id_asc` / `id_desc`;
 * the default status order is not.
 *
 * @internal
 */
export const idOrdered = (search: Search): boolean =>
  search.order === "id_asc" || search.order === "id_desc"

/**
 * A request for a new tag relationship: the two tag names (normalised: lower case, spaces as underscores)
 * and the reason posted to the forum (at least 5 characters).
 *
 * @internal
 */
export const Request = Schema.Struct({
  antecedentName: Params.Text,
  consequentName: Params.Text,
  reason: Params.Text
})

/**
 * A request for a new tag relationship as a type.
 *
 * @internal
 */
export interface Request extends Schema.Schema.Type<typeof Request> {}

const plural = { alias: "aliases", implication: "implications" } as const

/**
 * The routes of one kind of tag relationship (`/tag_aliases…`, `/tag_implications…`), each keyed by the
 * function that calls it: the list (its search fields encoded by {@link encodeSearch}, cursors only in id
 * order), one record, rejecting one (`DELETE`: the creator of a pending request, or an admin) and the
 * request form (`POST /tag_<kind>_request.json`, read by {@link requestFlow}).
 *
 * @internal
 */
export const routes = <
  K extends keyof typeof plural,
  S extends Schema.ConstraintDecoder<Search>,
  I extends Schema.ConstraintDecoder<unknown>
>(kind: K, search: S, item: I) => ({
  search: Route.make({
    method: "GET",
    path: `/tag_${plural[kind]}.json` as const,
    auth: "none",
    search,
    item,
    /** Names normalised, tag categories sent as comma-separated ids. */
    encodeSearch: (search: S["Type"]): Readonly<Record<string, unknown>> => encodeSearch(search),
    /** Cursors only for `id_asc` / `id_desc`: the default status order is not by id. */
    idOrdered: (search: S["Type"]): boolean => idOrdered(search)
  }),
  get: Route.make({ method: "GET", path: `/tag_${plural[kind]}/:id.json` as const, auth: "none", item }),
  delete: Route.make({ method: "DELETE", path: `/tag_${plural[kind]}/:id.json` as const, auth: "member" }),
  request: Route.make({
    method: "POST",
    path: `/tag_${kind}_request.json` as const,
    auth: "member",
    root: `tag_${kind}_request` as const,
    body: Request,
    quirks: ["form-flow"]
  })
} as const)

/** Whether e621 answered a redirect (3xx; never followed by the client). @internal */
export const isRedirect = (error: E621Error): boolean =>
  "status" in error && typeof error.status === "number" && error.status >= 300 && error.status < 400

const isNotAcceptable = (error: E621Error): boolean => "status" in error && error.status === 406

/**
 * The request flow shared by alias and implication requests. e621 offers them only as an HTML form
 * (`POST /tag_alias_request`, `/tag_implication_request`): a valid request creates the pending relationship
 * and a forum topic, then answers with a **302 redirect** to the topic (no JSON); an invalid one renders the
 * HTML form again, which for `.json` is a **406 HTML page** without the reason. So this:
 * 1. checks everything e621 checks that can be checked locally (names, different names, reason ≥ 5
 *    characters) → `E621InvalidInput`;
 * 2. posts the form (the family's declared `route`, rooted at `tag_<kind>_request`) and takes the redirect (an `E621DecodeError` with a 3xx `status`: the client never
 *    follows redirects) as success, and a 406 as `E621ValidationFailed` (e621 does not say why over JSON: usually a
 *    duplicate or a transitive relationship, or the hourly limit);
 * 3. reads back the new pending relationship with `search` (newest pending one with those names) and returns it.
 *
 * @internal
 */
export const requestFlow = <A>(
  kind: "alias" | "implication",
  route: Route.Route,
  search: (params: Search & Endpoint.PageParams) => WithClient<ReadonlyArray<A>>
) =>
(input: Request): WithClient<A> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(Request, input, "input")
    const antecedent = Tag.normalizeName(checked.antecedentName)
    const consequent = Tag.normalizeName(checked.consequentName)
    for (const [field, name] of [["antecedentName", antecedent], ["consequentName", consequent]] as const) {
      if (name === "" || /[\s,*]/.test(name) || name.length > 100) {
        return yield* invalidInput(field, `must be a tag name (no spaces, commas or *, at most 100 characters), got ${Params.got(name)}`)
      }
    }
    if (antecedent === consequent) {
      return yield* invalidInput("consequentName", "must differ from antecedentName (e621: cannot alias or implicate a tag to itself)")
    }
    if (checked.reason.trim().length < 5) return yield* invalidInput("reason", "must have at least 5 characters")
    const path = route.path
    const fields = Params.encode(route.root, { antecedentName: antecedent, consequentName: consequent, reason: checked.reason })
    yield* E621Client.execute(Endpoint.request(route, { body: { _tag: "Form", fields } })).pipe(
      Effect.asVoid,
      Effect.catchIf(isRedirect, () => Effect.void),
      Effect.catchIf(isNotAcceptable, (error) =>
        Effect.fail(
          new E621ValidationFailed({
            method: "POST",
            url: "url" in error ? error.url : path,
            status: 406,
            reason: `e621 refused the ${kind} request (its reason is only shown on the HTML form)`,
            errors: { base: [`e621 refused the ${kind} request ${antecedent} -> ${consequent}`] },
            message: `POST ${path}: 406 e621 refused the ${kind} request ${antecedent} -> ${consequent}`
          })
        ))
    )
    const found = yield* search({ antecedentName: antecedent, consequentName: consequent, status: "pending", order: "id_desc", limit: 1 })
    if (found[0] === undefined) {
      return yield* Effect.fail(
        new E621NotFound({
          method: "GET",
          url: `/tag_${kind === "alias" ? "aliases" : "implications"}.json`,
          status: 404,
          reason: "not found",
          message: `e621 accepted the ${kind} request ${antecedent} -> ${consequent}, but it is not listed as pending`
        })
      )
    }
    return found[0]
  })
