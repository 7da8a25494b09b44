/**
 * Reading one record by its name where e621 takes an id or a name in the path (`/artists/:id_or_name.json`,
 * `/wiki_pages/:id_or_title.json`, `/tags/:id_or_name.json`). e621 reads an all-digit path segment as an id,
 * so an all-digit name (a year tag such as `2020`) is found through the list's exact-name search instead,
 * and a search that finds nothing fails with `E621NotFound` like the path lookup does.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, type E621InvalidInput, E621NotFound, invalidInput } from "../E621Error.ts"
import * as Endpoint from "./endpoint.ts"
import * as Params from "./params.ts"

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
 * One record by an already normalised name: `GET <route>/<name>.json`, or for an all-digit name the
 * first search result whose `nameOf` is exactly `name` (`search` is given that name) — none is an
 * `E621NotFound` for `<route>.json?search[<key>]=<name>` whose message ends with `missing` (e.g.
 * `"no artist named"`).
 *
 * @internal
 */
export const lookup = <S extends Schema.ConstraintDecoder<unknown>>(spec: {
  readonly route: string
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
      const url = `${spec.route}.json?search[${spec.key}]=${name}`
      return Effect.fail(
        new E621NotFound({ method: "GET", url, status: 404, reason: "not found", message: `GET ${url}: ${spec.missing} ${name}` })
      )
    })
    : Effect.flatMap(
      Params.segment(spec.key, name),
      (segment) => Endpoint.json({ method: "GET", path: `${spec.route}/${segment}.json` }, spec.item)
    )
