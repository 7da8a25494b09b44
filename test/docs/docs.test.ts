/**
 * The documentation check (issue 9), part of `npm test`:
 *
 * - TypeDoc builds the reference and the guides (the same configuration as `npm run docs`, into a temporary
 *   directory) with no validation warning: no undocumented export, no broken `{@link}` or relative link;
 * - every exported declaration has a description, not only `@since`, and every property of an options or
 *   parameters interface is documented;
 * - every page of the site is reachable from `index.html` through plain links, and no local link is broken
 *   (nor turned into a web address: `RELIABILITY.md` in prose once became `http://RELIABILITY.md`);
 * - every table of that Markdown renders as one table (no row cut off from it by a paragraph);
 * - every relative link of the Markdown (README, guides, RELIABILITY, the packages' READMEs) names a file of the
 *   repository, and an anchor a heading of it;
 * - the navigation groups the modules: clients, errors, endpoint families, …;
 * - endpoints (and every other export of a function type) are documented as functions, not variables, and every
 *   export of a module has a `@category`;
 * - every endpoint function says which errors it can fail with, and when (derived from its route by
 *   `scripts/typedoc-endpoint-errors.ts`), before its (long) type; the `E621Error` page has the README's table;
 * - every guide is in the site, and every ```ts block of the guides is byte-identical to its example file
 *   (`scripts/guides.ts`), which `tsc -b` typechecks with the `test` project.
 */
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as zlib from "node:zlib"
import { beforeAll } from "vitest"
import * as Guides from "../../scripts/guides.ts"
import * as Links from "../../scripts/links.ts"
import * as Tables from "../../scripts/tables.ts"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

interface Built {
  readonly code: number | null
  readonly output: string
  readonly site: string
  readonly json: string
}

let built: Built | undefined

const build = (): Promise<Built> => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "effect-e621-docs-"))
  const site = path.join(out, "site")
  const json = path.join(out, "api.json")
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "./scripts/typescript6.ts", "node_modules/typedoc/dist/cli.js", "--html", site, "--json", json],
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, output: `${stdout}${stderr}`, site, json })
    )
  })
}

const site = (): Built => {
  if (built === undefined) throw new Error("the site was not built")
  return built
}

/** Local targets of the `href`/`src` attributes of one page, as absolute paths (fragments and queries dropped). */
const localLinks = (file: string): Array<string> => {
  const html = fs.readFileSync(file, "utf8")
  const targets: Array<string> = []
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = match[1]!.replace(/&amp;/g, "&")
    if (link === "" || link.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) continue
    const bare = decodeURIComponent(link.replace(/[?#].*$/, ""))
    if (bare !== "") targets.push(path.resolve(path.dirname(file), bare))
  }
  return targets
}

const htmlFiles = (dir: string): Array<string> =>
  fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => path.join(dir, f))

interface Reflection {
  readonly name: string
  readonly kind: number
  readonly comment?: { readonly summary: ReadonlyArray<{ readonly text: string }> }
  readonly signatures?: ReadonlyArray<Reflection>
  readonly children?: ReadonlyArray<Reflection>
  readonly inheritedFrom?: unknown
}

// TypeDoc's ReflectionKind values
const Kind = { Module: 2, Namespace: 4, Enum: 8, Variable: 32, Function: 64, Class: 128, Interface: 256, Property: 1024, TypeAlias: 2097152 }
const declarationKinds = new Set([Kind.Module, Kind.Namespace, Kind.Enum, Kind.Variable, Kind.Function, Kind.Class, Kind.Interface, Kind.TypeAlias])

const described = (r: Reflection): boolean =>
  [r.comment, ...(r.signatures ?? []).map((s) => s.comment)].some((c) => c?.summary.some((part) => part.text.trim() !== "") === true)

describe("documentation", () => {
  beforeAll(async () => {
    built = await build()
  }, 180_000)

  it("TypeDoc builds the reference and the guides without a warning", () => {
    const { code, output } = site()
    assert.strictEqual(code, 0, output)
    assert.notMatch(output, /\[(warning|error)\]/, output)
    assert.isTrue(fs.existsSync(path.join(site().site, "index.html")))
  })

  it("documents every export: a description on every declaration, every option and parameter", () => {
    const project = JSON.parse(fs.readFileSync(site().json, "utf8")) as Reflection
    const bare: Array<string> = []
    const walk = (r: Reflection, trail: ReadonlyArray<string>): void => {
      const name = [...trail, r.name].join(".")
      if (declarationKinds.has(r.kind) && !described(r)) bare.push(name)
      if (r.kind === Kind.Interface && /(Options|Params|^Credentials|^RateLimit|^Retry)$/.test(r.name)) {
        for (const p of r.children ?? []) {
          if (p.kind === Kind.Property && p.inheritedFrom === undefined && !described(p)) bare.push(`${name}.${p.name}`)
        }
      }
      for (const child of r.children ?? []) walk(child, [...trail, r.name])
    }
    for (const entry of project.children ?? []) walk(entry, [])
    assert.deepStrictEqual(bare, [], `without a description:\n${bare.join("\n")}`)
  })

  it("documents endpoints and other function-typed exports as functions, and files every export under a category", () => {
    interface Node extends Reflection {
      readonly type?: { readonly type: string; readonly declaration?: { readonly signatures?: ReadonlyArray<unknown> } }
      readonly comment?: Reflection["comment"] & { readonly blockTags?: ReadonlyArray<{ readonly tag: string }> }
      readonly signatures?: ReadonlyArray<Node>
      readonly children?: ReadonlyArray<Node>
    }
    const project = JSON.parse(fs.readFileSync(site().json, "utf8")) as Node
    const variables: Array<string> = []
    const uncategorised: Array<string> = []
    let functions = 0
    const categorised = (r: Node): boolean =>
      [r.comment, ...(r.signatures ?? []).map((s) => s.comment)].some((c) => c?.blockTags?.some((t) => t.tag === "@category") === true)
    const walk = (r: Node, trail: ReadonlyArray<string>, inModule: boolean): void => {
      const name = [...trail, r.name].join(".")
      if (r.kind === Kind.Variable && r.type?.type === "reflection" && (r.type.declaration?.signatures?.length ?? 0) > 0) variables.push(name)
      if (r.kind === Kind.Function) functions++
      if (inModule && declarationKinds.has(r.kind) && !categorised(r)) uncategorised.push(name)
      for (const child of r.children ?? []) walk(child, [...trail, r.name], r.kind === Kind.Namespace)
    }
    for (const entry of project.children ?? []) walk(entry, [], false)
    assert.isAbove(functions, 300)
    assert.deepStrictEqual(variables, [], `function-typed exports documented as variables (add @function):\n${variables.join("\n")}`)
    assert.deepStrictEqual(uncategorised, [], `exports without @category:\n${uncategorised.join("\n")}`)
  })

  it("reaches every page from index.html, with no broken local link", () => {
    const dir = site().site
    const pages = htmlFiles(dir)
    const seen = new Set<string>([path.join(dir, "index.html")])
    const queue = [path.join(dir, "index.html")]
    const broken: Array<string> = []
    while (queue.length > 0) {
      const page = queue.shift()!
      for (const target of localLinks(page)) {
        if (!fs.existsSync(target)) {
          broken.push(`${path.relative(dir, page)} → ${path.relative(dir, target)}`)
        } else if (target.endsWith(".html") && !seen.has(target)) {
          seen.add(target)
          queue.push(target)
        }
      }
    }
    assert.deepStrictEqual(broken, [], `broken links:\n${broken.join("\n")}`)
    const unreachable = pages.filter((p) => !seen.has(p)).map((p) => path.relative(dir, p))
    assert.deepStrictEqual(unreachable, [], `not reachable from index.html:\n${unreachable.join("\n")}`)
    assert.isAbove(pages.length, 100)
  })

  it("has no local file turned into a web address (`http://RELIABILITY.md`)", () => {
    const bad = htmlFiles(site().site).flatMap((page) =>
      [...fs.readFileSync(page, "utf8").matchAll(/\shref="(https?:\/\/[^/"]+\.(?:md|ts|js|json|html))\/?"/g)].map((m) => `${path.relative(site().site, page)}: ${m[1]}`)
    )
    assert.deepStrictEqual(bad, [])
  })

  it("groups the navigation: clients, errors, endpoint families, tag queries, schemas, testing, the Node toolkit", () => {
    const script = fs.readFileSync(path.join(site().site, "assets/navigation.js"), "utf8")
    const data = /"([A-Za-z0-9+/=]{100,})"/.exec(script)![1]!
    interface Node {
      readonly text: string
      readonly children?: ReadonlyArray<Node>
    }
    const nav = JSON.parse(zlib.inflateSync(Buffer.from(data, "base64")).toString("utf8")) as ReadonlyArray<Node>
    const categories = (name: string) => nav.find((n) => n.text === name)?.children?.map((c) => c.text)
    assert.deepStrictEqual(categories("@effect-e621/core"), ["Clients", "Errors", "Endpoint families", "Tag queries", "Schemas"])
    assert.deepStrictEqual(categories("@effect-e621/core/testing"), ["Testing"])
    assert.deepStrictEqual(categories("@effect-e621/platform-node"), ["Clients", "Node toolkit"])
    assert.deepStrictEqual(categories("@effect-e621/platform-node/testing"), ["Testing"])
    const core = nav.find((n) => n.text === "@effect-e621/core")!.children!
    const families = core.find((c) => c.text === "Endpoint families")!.children!.map((c) => c.text)
    assert.includeMembers(families, ["Posts", "Pools", "Tags", "Users"])
    assert.notInclude(families, "Post")
  })

  it("says which errors each endpoint can fail with, and when, derived from its route", () => {
    const project = JSON.parse(fs.readFileSync(site().json, "utf8")) as Reflection
    const failures = new Map<string, Array<string>>()
    const walk = (r: Reflection & { readonly comment?: { readonly blockTags?: ReadonlyArray<{ tag: string; content: ReadonlyArray<{ text: string }> }> } }, trail: ReadonlyArray<string>): void => {
      for (const holder of [r, ...(r.signatures ?? [])] as Array<typeof r>) {
        const tag = holder.comment?.blockTags?.find((t) => t.tag === "@failsWith")
        if (tag !== undefined) failures.set([...trail, r.name].join("."), tag.content.map((p) => p.text).join("").match(/\bE621\w+(?=$|[^\w])/g) ?? [])
      }
      for (const child of r.children ?? []) walk(child, r.kind === Kind.Module ? [] : [...trail, r.name])
    }
    walk(project, [])
    assert.isAbove(failures.size, 180)
    const common = ["E621InvalidInput", "E621Unauthorized", "E621Forbidden", "E621RateLimited", "E621ServerError", "E621TransportError", "E621DecodeError", "E621BudgetUnavailable"]
    const expected: Record<string, ReadonlyArray<string>> = {
      "Posts.get": [...common, "E621NotFound"],
      "Tags.search": [...common, "E621PageLimit"],
      "Tags.stream": [...common, "E621PageLimit"],
      "Favorites.add": [...common, "E621NotFound", "E621ValidationFailed"],
      "Pools.update": [...common, "E621NotFound", "E621ValidationFailed"],
      "Iqdb.byPost": common,
      // named in its description (a 400 and an undownloadable URL)
      "Iqdb.search": [...common, "E621ValidationFailed", "E621NotFound"]
    }
    for (const [name, errors] of Object.entries(expected)) {
      assert.sameMembers(failures.get(name) ?? [], [...errors], name)
    }
    const page = fs.readFileSync(path.join(site().site, "functions/_effect-e621_core.Tags.stream.html"), "utf8")
    const order = ["Every tag matching a search", "Fails With", "E621PageLimit", "class=\"tsd-parameters-title\""].map((text) => page.indexOf(text))
    assert.isTrue(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), `description, errors, then the parameters: ${order.join(", ")}`)
    assert.include(page, "classes/_effect-e621_core.E621Error.E621PageLimit.html")
  })

  it("has the README's table of errors (when, what to do) on the E621Error page", () => {
    const rows = (markdown: string) => markdown.split("\n").map((l) => l.replace(/^ \* /, "")).filter((l) => /^\| `E621\w+` \|/.test(l))
    const readme = rows(fs.readFileSync(path.join(root, "README.md"), "utf8"))
    assert.strictEqual(readme.length, 11)
    const page = fs.readFileSync(path.join(site().site, "modules/_effect-e621_core.E621Error.html"), "utf8")
    const table = page.slice(page.indexOf("<table>"), page.indexOf("</table>")).replace(/<[^>]+>/g, "").replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    for (const row of readme) {
      for (const cell of row.split("|").map((c) => c.trim()).filter((c) => c !== "")) assert.include(table, cell.replace(/`/g, ""))
    }
  })

  it("includes every guide, linked from the index", () => {
    const dir = site().site
    const index = fs.readFileSync(path.join(dir, "index.html"), "utf8")
    const guides = fs.readdirSync(path.join(root, "guides")).filter((f) => f.endsWith(".md"))
    assert.isAbove(guides.length, 11)
    assert.include(index, `href="documents/RELIABILITY.html"`, "RELIABILITY.md is not linked from the index")
    for (const guide of guides) {
      const page = `documents/guides_${guide.replace(/\.md$/, ".html")}`
      assert.isTrue(fs.existsSync(path.join(dir, page)), `${guide} is not in the site`)
      assert.include(index, `href="${page}"`, `${guide} is not linked from the index (README)`)
    }
  })
})

describe("links", () => {
  it("every relative link of the README, the guides, RELIABILITY and the packages' READMEs resolves inside the repository", () => {
    const files = Links.documents(root)
    assert.includeMembers(files, ["README.md", "RELIABILITY.md", "guides/cli.md", "packages/core/README.md"])
    assert.deepStrictEqual(Links.check(root, files), [])
  })

  it("notices a missing file, a link outside the repository and a missing heading, not links in code", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "effect-e621-links-"))
    fs.mkdirSync(path.join(dir, "guides"))
    fs.writeFileSync(path.join(dir, "guides/b.md"), "# B\n\n## Rate limits, retries\n")
    fs.writeFileSync(
      path.join(dir, "README.md"),
      "# A\n\n[ok](guides/b.md#rate-limits-retries) [gone](guides/c.md)\n[out](../shared/DESIGN.md)\n" +
        "[anchor](guides/b.md#nope) [web](https://e621.net/x.md) <a href=\"guides/d.md\">d</a>\n\n" +
        "```md\n[in code](nowhere.md)\n```\n`[inline](nowhere.md)`\n"
    )
    assert.deepStrictEqual(Links.check(dir, ["README.md"]), [
      "README.md:3: guides/c.md (no such file)",
      "README.md:4: ../shared/DESIGN.md (outside the repository)",
      "README.md:5: guides/b.md#nope (no such heading)",
      "README.md:5: guides/d.md (no such file)"
    ])
  })
})

describe("tables", () => {
  it("every table of the README, the guides, RELIABILITY and the packages' READMEs renders as one table", () => {
    assert.deepStrictEqual(Tables.check(root, Links.documents(root)), [])
  })

  it("notices a row cut off from its table, a missing delimiter row and a row with too many cells, not code", () => {
    const markdown = [
      "| a | b |", "|---|---|", "| 1 | 2 |", "", "Text under the table.", "| 3 | 4 |", "",
      "| c | d |", "| 5 | 6 |", "",
      "| e | f |", "|:--|--:|", "| 7 | 8 | 9 |", "| `x \\| y` | \\| |", "",
      "```md", "text", "| not | a table |", "```"
    ].join("\n")
    assert.deepStrictEqual(Tables.problems(markdown), [
      "6: a table row right after text (a row cut off from its table?)",
      "8: a table without a delimiter row (|---|) under its header",
      "13: 3 cells in a table of 2 columns"
    ])
  })
})

describe("guides", () => {
  it("every ts block is its example file, and every example file is shown", () => {
    assert.deepStrictEqual(Guides.check(root), [])
  })

  it("notices a drifted block, a block without a file name, and an unused example", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "effect-e621-guides-"))
    fs.mkdirSync(path.join(dir, "guides"))
    fs.mkdirSync(path.join(dir, "examples", "guides"), { recursive: true })
    const file = "// examples/guides/a-1.ts\nexport const a = 1\n"
    fs.writeFileSync(path.join(dir, "examples/guides/a-1.ts"), file)
    fs.writeFileSync(path.join(dir, "examples/guides/b-1.ts"), "// examples/guides/b-1.ts\n")
    const guide = "# A\n\n```ts\n// examples/guides/a-1.ts\nexport const a = 2\n```\n\n```ts\nconst x = 1\n```\n"
    fs.writeFileSync(path.join(dir, "guides/a.md"), guide)
    assert.deepStrictEqual(Guides.check(dir), [
      "guides/a.md:3: the block differs from examples/guides/a-1.ts (run: npx tsx scripts/guides.ts --write)",
      "guides/a.md:8: a ts block must start with a line \"// examples/guides/<name>.ts\"",
      "examples/guides/b-1.ts: not shown in any guide"
    ])
    Guides.write(dir)
    assert.include(fs.readFileSync(path.join(dir, "guides/a.md"), "utf8"), `\`\`\`ts\n${file}\`\`\``)
    assert.strictEqual(Guides.check(dir).length, 2)
  })
})
