/**
 * Reading one record by its name where e621 takes an id or a name in the path (`/artists/:id_or_name.json`,
 * `/wiki_pages/:id_or_title.json`, `/tags/:id_or_name.json`). e621 reads an all-digit path segment as an id,
 * so an all-digit name (a year tag such as `2020`) is found through the list's exact-name search instead,
 * and a search that finds nothing fails with `E621NotFound` like the path lookup does.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, type E621InvalidInput, E621NotFound, invalidInput } from "../E621Error.ts"
import * as Endpoint from "./endpoint.ts"
import * as Route from "../Route.ts"
import * as Params from "./params.ts"
import * as TagRelationship from "./tagRelationship.ts"

/**
 * A name that can stand in a path: checked as text (≤ 100 characters), normalised, and refused when it
 * holds a `/` (e621 cannot address it by path). `field` names both the input and the kind of name
 * (`"name"`, `"title"`).
 *
 * @internal
 */
export const pathName = (
  field: string,
  value: string,
  normalize: (name: string) => string
): Effect.Effect<string, E621InvalidInput> =>
  Effect.flatMap(Params.text(field, value, { max: 100 }), (text) => {
    const name = normalize(text)
    return name.includes("/")
      ? Effect.fail(invalidInput(field, `e621 cannot address a ${field} containing "/" by path`))
      : Effect.succeed(name)
  })

/**
 * What {@link lookup} needs: the family's `get` and list routes, the search key of the name, the item schema,
 * the family's `search`, how to read an item's name, and the end of the not-found message.
 *
 * @internal
 */
export interface LookupSpec<S extends Schema.ConstraintDecoder<unknown>> {
  readonly get: Route.Any
  readonly list: Route.Any
  readonly key: string
  readonly item: S
  readonly search: (name: string) => Effect.Effect<ReadonlyArray<S["Type"]>, E621Error, E621Client.E621Client>
  readonly nameOf: (item: S["Type"]) => string
  readonly missing: string
}

/**
 * One record by an already normalised name: the family's `get` route (`GET /tags/:idOrName.json`), its one
 * path parameter filled with the name — or for an all-digit name the first search result whose `nameOf` is
 * exactly `name` (`search` is given that name); none is an `E621NotFound` for the `list` route's
 * `?search[<key>]=<name>` whose message ends with `missing` (e.g. `"no artist named"`).
 *
 * @internal
 */
export const lookup = <S extends Schema.ConstraintDecoder<unknown>>(spec: LookupSpec<S>) =>
(name: string): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  /^\d+$/.test(name)
    ? Effect.flatMap(spec.search(name), (found) => {
      const item = found.find((item) => spec.nameOf(item) === name)
      if (item !== undefined) return Effect.succeed(item)
      const url = `${spec.list.path}?search[${spec.key}]=${name}`
      return Effect.fail(
        new E621NotFound({ method: "GET", url, status: 404, reason: "not found", message: `GET ${url}: ${spec.missing} ${name}` })
      )
    })
    : Effect.flatMap(
      Params.segment(spec.key, name),
      (segment) =>
        Endpoint.call({ ...spec.get, item: spec.item }, { path: { [Route.parameters(spec.get.path)[0] ?? spec.key]: segment } })
    )

/**
 * A family's `get` by id or name (`GET /avoid_postings/:idOrArtistName.json`): a number is a checked record
 * id (field `id`) in the route's one path parameter, answered as `item`; a string goes to `byName`.
 *
 * @internal
 */
export const idOr = <S extends Schema.ConstraintDecoder<unknown>>(
  route: Route.Any,
  item: S,
  byName: (name: string) => Effect.Effect<S["Type"], E621Error, E621Client.E621Client>
) => {
  const get = { ...route, item }
  const param = Route.parameters(route.path)[0] ?? "id"
  return (idOrName: number | string): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
    typeof idOrName === "number"
      ? Effect.flatMap(Params.id("id", idOrName), (id) => Endpoint.call(get, { path: { [param]: id } }))
      : byName(idOrName)
}

/**
 * {@link idOr} where a name goes through `name` (the family's check and normalisation) and then
 * {@link lookup} (`GET /tags/:idOrName.json`, or the search for an all-digit name).
 *
 * @internal
 */
export const idOrName = <S extends Schema.ConstraintDecoder<unknown>>(
  spec: LookupSpec<S> & { readonly name: (value: string) => Effect.Effect<string, E621Error> }
) => {
  const byName = lookup(spec)
  return idOr(spec.get, spec.item, (name) => Effect.flatMap(spec.name(name), byName))
}

/**
 * The answer of a `show_or_new` route: the existing record under the family's key (`artist`, `page`), or
 * the normalised name a new one would get under the name's key (`name`, `title`).
 *
 * @internal
 */
export type ShowOrNew<A, K extends string, N extends string> =
  | ({ readonly _tag: "Existing" } & { readonly [P in K]: A })
  | ({ readonly _tag: "New" } & { readonly [P in N]: string })

/**
 * The family's `show_or_new` route (`GET /wiki_pages/show_or_new.json?title=`, `/artists/…?name=`): e621
 * answers an unsaved record (`id: null`) carrying the normalised name when none exists, and a redirect to the
 * HTML page of the record when one does — the client follows no redirect, so the record is then read with
 * `get` (by the name).
 *
 * @internal
 */
export const showOrNew = <A, K extends string, N extends string>(spec: {
  readonly route: Route.Any
  readonly param: N
  readonly existing: K
  readonly normalize: (name: string) => string
  readonly get: (name: string) => Effect.Effect<A, E621Error, E621Client.E621Client>
}) => {
  const Unsaved = Schema.Struct({ id: Schema.Null, [spec.param]: Schema.String })
  return (value: string): Effect.Effect<ShowOrNew<A, K, N>, E621Error, E621Client.E621Client> =>
    Effect.gen(function*() {
      const name = spec.normalize(yield* Params.text(spec.param, value, { max: 100 }))
      if (name === "") return yield* invalidInput(spec.param, "is blank once normalised")
      const query = { [spec.param]: name }
      return yield* Endpoint.json(Endpoint.request(spec.route, { query }), Unsaved).pipe(
        Effect.map((unsaved) => ({ _tag: "New", [spec.param]: unsaved[spec.param] as string }) as ShowOrNew<A, K, N>),
        Effect.catchIf(TagRelationship.isRedirect, () =>
          Effect.map(spec.get(name), (found) => ({ _tag: "Existing", [spec.existing]: found }) as ShowOrNew<A, K, N>))
      )
    })
}
