/**
 * TypeDoc plugin: every endpoint function (a function of `packages/core/src/api/` that needs the `E621Client`)
 * gets a "Fails With" section — which `E621Error`s it can really fail with, and when — derived from the route
 * its doc comment names (`` `GET /posts/:id.json` ``, `` `POST /favorites.json` ``) and from what it returns,
 * instead of 200 hand-written lists:
 *
 * - every request: `E621InvalidInput` (before sending), `E621Unauthorized`, `E621Forbidden`,
 *   `E621RateLimited`, `E621ServerError`, `E621TransportError`, `E621DecodeError`, `E621BudgetUnavailable`;
 * - a read of one record (a `GET` whose path has a `:param`): `E621NotFound`;
 * - one page of a list (a `GET` taking a `page`): `E621PageLimit`; a `Stream`: `E621PageLimit` with
 *   `onPageLimit: "fail"`;
 * - a write (`POST`, `PUT`, `PATCH`, `DELETE`): `E621NotFound`, `E621ValidationFailed`;
 * - and any other `E621…` error its comment names (e.g. IQDB's 400 as `E621ValidationFailed`).
 *
 * An endpoint function whose comment names no route (and that is not a `Stream`, whose route is its family's
 * list) is a warning, so the docs test fails until its comment says what it calls.
 */
import type { Application, CommentDisplayPart, Context, DeclarationReflection, ProjectReflection, Reflection } from "typedoc"
import { Comment, CommentTag, Converter, ReflectionKind } from "typedoc"
import ts from "typescript"

/** How an endpoint talks to e621, which decides how it can fail. */
export type Kind = "one" | "page" | "stream" | "read" | "write"

/** The route named in a doc comment (the first `` `METHOD /path` ``), if any. */
export const routeOf = (text: string): { readonly method: string; readonly path: string } | undefined => {
  const match = /`(GET|POST|PUT|PATCH|DELETE)\s+(\/[^`\s]*)/.exec(text)
  return match === null ? undefined : { method: match[1]!, path: match[2]! }
}

/** The kind of an endpoint from its route, whether it returns a `Stream` and whether it takes a `page`. */
export const kindOf = (
  route: { readonly method: string; readonly path: string } | undefined,
  shape: { readonly stream: boolean; readonly paged: boolean }
): Kind | undefined => {
  if (shape.stream) return "stream"
  if (route === undefined) return undefined
  if (route.method !== "GET") return "write"
  if (shape.paged) return "page"
  return route.path.includes(":") ? "one" : "read"
}

/** The errors of a kind, each with when it happens, in the order of the README's table. */
export const errorsOf = (kind: Kind): ReadonlyArray<readonly [error: string, when: string]> => [
  ["E621InvalidInput", "a parameter is out of range or malformed — refused before any request"],
  ...(kind === "one" ? [["E621NotFound", "no record with that id or name"] as const] : []),
  ...(kind === "write" ? [["E621NotFound", "the record does not exist"] as const] : []),
  [
    "E621Unauthorized",
    kind === "write"
      ? "no credentials, or e621 refused them (a wrong or expired API key, a banned account)"
      : "e621 refused the credentials (it answers 401 even on public reads, never falling back to anonymous)"
  ],
  ["E621Forbidden", kind === "write" ? "your account may not do this, or `blocked`: an edge or Cloudflare block" : "not allowed, or `blocked`: an edge or Cloudflare block (check the User-Agent)"],
  ...(kind === "page" ? [["E621PageLimit", "410: a page beyond e621's cap — use `stream`"] as const] : []),
  ...(kind === "stream" ? [["E621PageLimit", "only with `onPageLimit: \"fail\"`, when an order that is not by id reaches the page cap"] as const] : []),
  ...(kind === "write" ? [["E621ValidationFailed", "e621 refused the input (`errors` per field), or answered 200 without applying the change"] as const] : []),
  ["E621RateLimited", "429/503 still after the retries (`retryAfter`)"],
  ["E621ServerError", "5xx still after the retries"],
  ["E621TransportError", "network error, timeout or cut body after the retries (`sent: false` when it never reached e621)"],
  ["E621DecodeError", "the answer did not match the schema, was over a size cap, or was a redirect (never followed)"],
  ["E621BudgetUnavailable", "the rate-limit store (Redis) stayed unavailable past `budgetStore.maxWait`; nothing was sent"]
]

interface Candidate {
  readonly reflection: DeclarationReflection
  readonly stream: boolean
  readonly paged: boolean
}

const isEndpoint = (context: Context, reflection: DeclarationReflection): { readonly stream: boolean; readonly paged: boolean } | undefined => {
  const symbol = context.getSymbolFromReflection(reflection)
  const declaration = symbol?.declarations?.[0]
  if (symbol === undefined || declaration === undefined) return undefined
  if (!/packages\/core\/src\/api\/[^/]+\.ts$/.test(declaration.getSourceFile().fileName.replace(/\\/g, "/"))) return undefined
  const signatures = context.checker.getTypeOfSymbol(symbol).getCallSignatures()
  if (signatures.length === 0) return undefined
  const returned = context.checker
    .typeToString(signatures[0]!.getReturnType(), undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias)
    .replace(/import\("[^"]*"\)\./g, "")
  if (!returned.includes("E621Client")) return undefined
  const first = signatures[0]!.getParameters()[0]
  const params = first === undefined ? undefined : context.checker.getNonNullableType(context.checker.getTypeOfSymbol(first))
  return {
    stream: /^(\w+\.)*Stream</.test(returned),
    paged: params !== undefined && context.checker.getPropertyOfType(params, "page") !== undefined
  }
}

const errorClasses = (project: ProjectReflection): Map<string, Reflection> =>
  new Map(
    project.getReflectionsByKind(ReflectionKind.Class)
      .filter((r) => r.name.startsWith("E621") && r.parent?.name === "E621Error")
      .map((r) => [r.name, r])
  )

const section = (kind: Kind, named: ReadonlyArray<string>, classes: Map<string, Reflection>): Array<CommentDisplayPart> => {
  const listed = errorsOf(kind)
  const more = named.filter((name) => !listed.some(([error]) => error === name)).map((name) => [name, "as described above"] as const)
  return [...listed, ...more].flatMap(([error, when]): Array<CommentDisplayPart> => {
    const target = classes.get(error)
    return [
      { kind: "text", text: "- " },
      target === undefined
        ? { kind: "code", text: `\`${error}\`` }
        : { kind: "inline-tag", tag: "@link", text: error, target },
      { kind: "text", text: `: ${when}\n` }
    ]
  })
}

/** TypeDoc's plugin entry point. */
export const load = (app: Application): void => {
  const candidates: Array<Candidate> = []
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
    if (!reflection.kindOf(ReflectionKind.Variable | ReflectionKind.Function)) return
    const endpoint = isEndpoint(context, reflection)
    if (endpoint !== undefined) candidates.push({ reflection, ...endpoint })
  })
  app.converter.on(Converter.EVENT_RESOLVE_END, (context: Context) => {
    const classes = errorClasses(context.project)
    for (const { paged, reflection, stream } of candidates) {
      const holder = reflection.signatures?.[0] ?? reflection
      const comment = holder.comment ?? reflection.comment
      const text = Comment.combineDisplayParts(comment?.summary ?? [])
      const kind = kindOf(routeOf(text), { stream, paged })
      if (comment === undefined || kind === undefined) {
        app.logger.warn(`${reflection.getFullName()}: its doc comment names no route (\`GET /path\`), so its errors are unknown`)
        continue
      }
      const named = [...new Set(text.match(/\bE621[A-Z]\w+/g) ?? [])].filter((name) => classes.has(name))
      comment.blockTags = [
        ...comment.blockTags.filter((tag) => tag.tag !== "@failsWith"),
        new CommentTag("@failsWith", section(kind, named, classes))
      ]
    }
    candidates.length = 0
  })
}
