/**
 * What the route declarations generate: the endpoint table of the README, the route reference
 * (`ENDPOINTS.md`), the family and schema exports of core's index, and the fake's route table. Each family
 * declares its routes once (`export const routes` in `packages/core/src/api/<Family>.ts`); this script reads
 * them and writes the files above, so that adding a family is its schema, its declaration, its test and the
 * fake's behaviour — then `npm run endpoints`. `test/docs/endpoints.test.ts` fails when a file is not what
 * this script would write.
 *
 * Usage: `npm run endpoints` (writes), or `import { expected } from "./scripts/endpoints.ts"` (checks).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as url from "node:url"
import * as Route from "@effect-e621/core/Route"

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..")
const core = path.join(root, "packages/core/src")

/** The static host's modules of the fake: files and database exports are not API routes, nothing declares them. */
const staticHost = ["Files"] as const

const names = (folder: string): Array<string> =>
  fs.readdirSync(path.join(core, folder))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => file.slice(0, -3))
    .sort((a, b) => a.localeCompare(b, "en"))

/** One endpoint family: its name, declared routes and exported functions. */
export interface Family {
  readonly name: string
  readonly routes: Route.Routes
  /** The functions named after each route: its own, and for a list route its stream when the family has one. */
  readonly callers: Readonly<Record<string, ReadonlyArray<string>>>
  readonly functions: ReadonlyArray<string>
}

const streamName = (search: string): string => search.replace(/^search/, "stream")

/** The functions named after a family's routes: a list route (`search…`) also gives its stream, if exported. */
const callersOf = (routes: Route.Routes, module: Record<string, unknown>): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(Object.entries(routes).map(([name, route]) => {
    const stream = streamName(name)
    const streams = name.startsWith("search") && route.stream !== false && stream !== name && module[stream] !== undefined
    return [name, streams ? [name, stream] : [name]]
  }))

/** Every family, read from the sources. */
export const families = async (): Promise<ReadonlyArray<Family>> => {
  const out: Array<Family> = []
  for (const name of names("api")) {
    const module = (await import(url.pathToFileURL(path.join(core, "api", `${name}.ts`)).href)) as Record<string, unknown>
    const routes = module.routes as Route.Routes | undefined
    if (routes === undefined) throw new Error(`packages/core/src/api/${name}.ts declares no \`routes\``)
    const callers = callersOf(routes, module)
    const declared = Object.values(callers).flat().filter((f) => module[f] !== undefined)
    const others = Object.keys(module)
      .filter((key) => typeof module[key] === "function" && !declared.includes(key) && !/^[A-Z]/.test(key))
      .sort((a, b) => a.localeCompare(b, "en"))
    out.push({ name, routes, callers, functions: [...declared, ...others] })
  }
  return out
}

const who = (route: Route.Any): string => route.auth === "member" ? "member" : "anyone"

/** The README's endpoint table. */
export const readmeTable = (all: ReadonlyArray<Family>): string => {
  const functions = all.reduce((n, family) => n + family.functions.length, 0)
  const routes = all.reduce((n, family) => n + Object.keys(family.routes).length, 0)
  return [
    `${all.length} endpoint families, ${functions} functions over ${routes} declared routes (every route, with its method, path,`,
    "who may call it and its rate-limit bucket: [ENDPOINTS.md](ENDPOINTS.md)). Generated from the declarations by",
    "`npm run endpoints`.",
    "",
    "| module | functions |",
    "|---|---|",
    ...all.map((family) => `| \`${family.name}\` | ${family.functions.map((f) => `\`${f}\``).join(", ")} |`)
  ].join("\n")
}

const cell = (text: string): string => text.replace(/\|/g, "\\|")

/** `ENDPOINTS.md`: every declared route. */
export const reference = (all: ReadonlyArray<Family>): string =>
  [
    "# Endpoints",
    "",
    "Every route effect-e621 declares, generated from the declarations (`export const routes` in",
    "`packages/core/src/api/<Family>.ts`) by `npm run endpoints` — do not edit by hand. The client sends, and the",
    "fake e621 serves, exactly these. `:id` is a record id; `member` routes need an account (e621 answers 401/403",
    "otherwise; some need more, as each function's documentation says); the bucket is the client's rate-limit",
    "budget the route spends. Quirks: see `Route.Quirk`.",
    "",
    ...all.flatMap((family) => [
      `## ${family.name}`,
      "",
      "| function | method | path | who | bucket | answer | quirks |",
      "|---|---|---|---|---|---|---|",
      ...Object.entries(family.routes).map(([name, route]) => {
        const fns = (family.callers[name] ?? [name]).map((f) => `\`${f}\``).join(", ")
        const answer = route.item === undefined
          ? "—"
          : route.search !== undefined || route.envelope?._tag === "List"
          ? "list"
          : "record"
        return `| ${fns} | ${route.method} | \`${cell(route.path)}\` | ${who(route)} | ${Route.bucketOf(route)} | ${answer} | ${
          (route.quirks ?? []).join(", ") || "—"
        } |`
      }),
      ""
    ])
  ].join("\n")

const familiesBegin = "// Endpoint families (generated by `npm run endpoints` from src/api/: do not edit by hand)"
const schemasBegin = "// Resource schemas (generated by `npm run endpoints` from src/schemas/: do not edit by hand)"

/** Core's index: the header kept, the family and schema exports generated. */
export const index = (current: string): string => {
  const head = current.slice(0, current.indexOf("// Endpoint families")).trimEnd()
  const families = names("api")
  const exports = (folder: string, name: string, as: string) => `/** @since 0.1.0 */\nexport * as ${as} from "./${folder}/${name}.ts"\n`
  return [
    head,
    "",
    familiesBegin,
    "",
    families.map((name) => exports("api", name, name)).join("\n"),
    schemasBegin,
    "",
    names("schemas").map((name) => exports("schemas", name, families.includes(name) ? `${name}Schema` : name)).join("\n")
  ].join("\n")
}

/** The fake's route table: every family module of the fake, then the static host. */
export const fakeRoutes = (): string => {
  const modules = [...names("api"), ...staticHost]
  return `/**
 * The route table of the fake (generated by \`npm run endpoints\`: do not edit by hand): every family module
 * serves its declared routes (\`Serve.serve\`), the static host its files; a route with fewer path parameters is
 * tried first (\`/tags/autocomplete\` before \`/tags/:name\`).
 *
 * @since 0.1.0
 */
${modules.map((name) => `import * as ${name} from "./${name}.ts"`).join("\n")}
import type * as FakeContext from "./Handler.ts"
import * as Serve from "./Serve.ts"

const declared: ReadonlyArray<FakeContext.Route> = [
${modules.map((name) => `  ...${name}.routes`).join(",\n")}
]

/**
 * Every route the fake serves: a route with fewer path parameters first, in table order otherwise.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.ordered(declared)

/**
 * The route for a method and path (without \`.json\`), with the path's captures.
 *
 * @since 0.1.0
 */
export const find = (method: string, path: string): Serve.Found | undefined => Serve.find(routes, method, path)
`
}

const begin = "<!-- endpoints: generated by `npm run endpoints` -->"
const end = "<!-- /endpoints -->"

/** The README with its endpoint table replaced. */
export const readme = (current: string, table: string): string => {
  const from = current.indexOf(begin)
  const to = current.indexOf(end)
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} block`)
  return `${current.slice(0, from + begin.length)}\n${table}\n${current.slice(to)}`
}

/** Every generated file: path (from the repository root) → the content this script would write. */
export const expected = async (): Promise<ReadonlyMap<string, string>> => {
  const all = await families()
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8")
  return new Map([
    ["README.md", readme(read("README.md"), readmeTable(all))],
    ["ENDPOINTS.md", reference(all)],
    ["packages/core/src/index.ts", index(read("packages/core/src/index.ts"))],
    ["packages/core/src/testing/fake/Routes.ts", fakeRoutes()]
  ])
}

if (process.argv[1] !== undefined && url.pathToFileURL(process.argv[1]).href === import.meta.url) {
  for (const [file, content] of await expected()) {
    const target = path.join(root, file)
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === content) continue
    fs.writeFileSync(target, content)
    console.log(`wrote ${file}`)
  }
}
