/**
 * How the fake serves a family: from the family's route declarations (`Pools.routes`), never from a second
 * description of them. A family module of the fake gives one handler per declared route — the behaviour —
 * and {@link serve} derives the rest from the declaration: method, path pattern, who may call it, e621's write
 * throttle, CSRF and the static host. The handlers record is keyed like the declarations, so a route the
 * client declares without fake behaviour, or behaviour for a route nobody declares, is a compile error.
 *
 * @since 0.1.0
 */
import * as Route from "../../Route.ts"
import type * as FakeContext from "./Handler.ts"

/**
 * One handler per declared route of a family.
 *
 * @since 0.1.0
 */
export type Handlers<R extends Route.Routes> = { readonly [K in keyof R]: FakeContext.Handler }

/**
 * The path pattern of a route template, without `.json` (the fake routes on the path without its format):
 * `:id` matches a record id, any other `:name` one path segment.
 *
 * @since 0.1.0
 */
export const pattern = (template: string): RegExp => {
  const path = template.replace(/\.json$/, "")
  const source = path
    .split(/(:[A-Za-z]+)/)
    .map((part) =>
      part.startsWith(":")
        ? part === ":id" ? "(\\d+)" : "([^/]+)"
        : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    )
    .join("")
  return new RegExp(`^${source}$`)
}

/**
 * The fake's routes of one declared route: Rails serves `PATCH` updates at `PUT` too.
 */
const of = (route: Route.Any, handler: FakeContext.Handler): ReadonlyArray<FakeContext.Route> => {
  const base: FakeContext.Route = {
    method: route.method,
    pattern: pattern(route.path),
    auth: route.auth,
    throttled: route.method !== "GET" && !Route.has(route, "unthrottled"),
    handler,
    declaration: route,
    ...(Route.has(route, "static") ? { raw: true } : {}),
    ...(Route.has(route, "no-csrf") ? { csrf: false as const } : {})
  }
  return route.method === "PATCH" ? [base, { ...base, method: "PUT" }] : [base]
}

/**
 * A family's routes as the fake serves them: each declaration with its handler.
 *
 * @since 0.1.0
 */
export const serve = <R extends Route.Routes>(routes: R, handlers: Handlers<R>): ReadonlyArray<FakeContext.Route> =>
  Object.keys(routes).flatMap((name) => of(routes[name]!, handlers[name as keyof R]))

const captures = (route: FakeContext.Route): number => new RegExp(`${route.pattern.source}|`).exec("")!.length - 1

/**
 * A route table in matching order: a route with fewer path parameters first (`/tags/autocomplete` before
 * `/tags/:name`), in table order otherwise.
 *
 * @since 0.1.0
 */
export const ordered = (table: ReadonlyArray<FakeContext.Route>): ReadonlyArray<FakeContext.Route> =>
  table
    .map((route, order) => ({ route, order, captures: captures(route) }))
    .sort((a, b) => a.captures - b.captures || a.order - b.order)
    .map(({ route }) => route)

/**
 * A route that matched, with the path's captures.
 *
 * @since 0.1.0
 */
export interface Found {
  readonly route: FakeContext.Route
  readonly match: ReadonlyArray<string>
}

/**
 * The first route of an ordered table for a method and path (without `.json`).
 *
 * @since 0.1.0
 */
export const find = (table: ReadonlyArray<FakeContext.Route>, method: string, path: string): Found | undefined => {
  for (const route of table) {
    if (route.method !== method) continue
    const match = route.pattern.exec(path)
    if (match) return { route, match }
  }
  return undefined
}
