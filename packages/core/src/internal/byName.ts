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
 * One record by an already normalised name: the family's `get` route (`GET /tags/:idOrName.json`), its one
 * path parameter filled with the name — or for an all-digit name the first search result whose `nameOf` is
 * exactly `name` (`search` is given that name); none is an `E621NotFound` for the `list` route's
 * `?search[<key>]=<name>` whose message ends with `missing` (e.g. `"no artist named"`).
 *
 * @internal
 */
export const lookup = <S extends Schema.ConstraintDecoder<unknown>>(spec: {
  readonly get: Route.Any
  readonly list: Route.Any
  readonly key: string
  readonly item: S
  readonly search: (name: string) => Effect.Effect<ReadonlyArray<S["Type"]>, E621Error, E621Client.E621Client>
  readonly nameOf: (item: S["Type"]) => string
  readonly missing: string
}) =>
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
 * The answer of a `show_or_new` route: the existing record, or the normalised name a new one would get.
 *
 * @internal
 */
export type ShowOrNew<A> =
  | { readonly _tag: "Existing"; readonly value: A }
  | { readonly _tag: "New"; readonly name: string }

/**
 * The family's `show_or_new` route (`GET /wiki_pages/show_or_new.json?title=`, `/artists/…?name=`): e621
 * answers an unsaved record (`id: null`) carrying the normalised name when none exists, and a redirect to the
 * HTML page of the record when one does — the client follows no redirect, so the record is then read with
 * `get` (by the name).
 *
 * @internal
 */
export const showOrNew = <A>(spec: {
  readonly route: Route.Any
  readonly param: string
  readonly normalize: (name: string) => string
  readonly get: (name: string) => Effect.Effect<A, E621Error, E621Client.E621Client>
}) => {
  const Unsaved = Schema.Struct({ id: Schema.Null, [spec.param]: Schema.String })
  return (value: string): Effect.Effect<ShowOrNew<A>, E621Error, E621Client.E621Client> =>
    Effect.gen(function*() {
      const name = spec.normalize(yield* Params.text(spec.param, value, { max: 100 }))
      if (name === "") return yield* invalidInput(spec.param, "is blank once normalised")
      const query = { [spec.param]: name }
      return yield* Endpoint.json(Endpoint.request(spec.route, { query }), Unsaved).pipe(
        Effect.map((unsaved): ShowOrNew<A> => ({ _tag: "New", name: unsaved[spec.param] as string })),
        Effect.catchIf(TagRelationship.isRedirect, () =>
          Effect.map(spec.get(name), (found): ShowOrNew<A> => ({ _tag: "Existing", value: found })))
      )
    })
}
