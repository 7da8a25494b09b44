/**
 * What Node loads: after `tsc -b` has compiled each package into `dist/` (one file per module, which bundlers
 * tree-shake file by file), this bundles the compiled modules into `dist/bundle/` for the `node` export
 * condition, because Node pays for every file it resolves, reads and compiles (≈ 0.4 ms each, measured: the
 * core index alone was ≈ 130 files) and little for their size.
 *
 * Every public module of a package (what its `exports` do not close with `null`) gets a file of the same name
 * under `dist/bundle/` that re-exports its names from a **group**: the closure of a root module (the package's
 * `roots`, smallest first: `E621Client`, then the index, …), bundled by esbuild with code splitting, so a
 * group loads what its root loads and no more, and code shared between groups sits in shared chunks (one copy
 * of each module per process: its classes and service keys stay one). A module in no root's closure is an entry
 * of its own. `import()` stays on demand: what a module loads with it goes to chunks of its own. Dependencies
 * (`effect`, `@effect/platform-node`, `redis`, the other package) stay external. Source maps chain to `src/`.
 * `dist/bundle/metafile.json` (not published) says which compiled module went where (`test/packaging.test.ts`).
 *
 * Run by `npm run build` / `npm run typecheck` after `tsc -b`: `node scripts/bundle.ts`.
 */
import * as esbuild from "esbuild"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")

/** Per package, the roots of its groups, smallest first (a module goes to the first group that holds it). */
const roots: Record<string, ReadonlyArray<string>> = {
  core: ["E621Client", "index", "testing/index"],
  "platform-node": ["NodeE621", "index", "Cli"]
}

const bundle = async (pkg: string) => {
  const dir = Path.join(root, "packages", pkg)
  const dist = Path.join(dir, "dist")
  const out = Path.join(dist, "bundle")
  Fs.rmSync(out, { recursive: true, force: true })
  // the modules the package's `exports` close (`"./internal/*": null`) are not public
  const manifest = JSON.parse(Fs.readFileSync(Path.join(dir, "package.json"), "utf8")) as {
    readonly exports: Record<string, unknown>
  }
  const closed = Object.entries(manifest.exports).filter(([, target]) => target === null).map(([key]) => key.slice(2).replace("*", ""))
  const modules = Fs.readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js") && !file.startsWith("bundle/"))
    .map((file) => file.slice(0, -3).split(Path.sep).join("/"))
  const isPublic = (module: string) => !closed.some((prefix) => module.startsWith(prefix))
  const file = (module: string) => Path.join(dist, `${module}.js`)

  // 1. each module's export names and static imports, from a throw-away build with every module an entry
  const probe = await esbuild.build({
    entryPoints: modules.map(file),
    bundle: true,
    splitting: true,
    format: "esm",
    outdir: Path.join(out, "probe"),
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent"
  })
  const relative = (path: string) => Path.relative(dist, Path.resolve(root, path)).slice(0, -3).split(Path.sep).join("/")
  const exportsOf = new Map<string, ReadonlyArray<string>>()
  for (const output of Object.values(probe.metafile.outputs)) {
    if (output.entryPoint !== undefined) exportsOf.set(relative(output.entryPoint), output.exports)
  }
  const importsOf = new Map<string, ReadonlyArray<string>>()
  for (const [input, { imports }] of Object.entries(probe.metafile.inputs)) {
    importsOf.set(
      relative(input),
      imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => relative(i.path))
    )
  }
  const closure = (module: string, seen = new Set<string>()): Set<string> => {
    if (!seen.has(module)) {
      seen.add(module)
      for (const imported of importsOf.get(module) ?? []) closure(imported, seen)
    }
    return seen
  }

  // 2. groups: a synthetic entry per root, re-exporting every public module of its closure under unique names
  const alias = (module: string, name: string) => `${module.replace(/[^A-Za-z0-9]/g, "_")}$${name}`
  const groupOf = new Map<string, string>()
  const src = Fs.mkdtempSync(Path.join(Os.tmpdir(), `effect-e621-bundle-${pkg}-`))
  const entryPoints: Record<string, string> = {}
  try {
    for (const rootModule of roots[pkg]!) {
      // a module without exports is run for its effects (`bin`): an entry of its own, as `sideEffects: []`
      // would let esbuild drop an empty re-export of it
      const members = [...closure(rootModule)].filter((m) => isPublic(m) && !groupOf.has(m) && exportsOf.get(m)!.length > 0)
      if (members.length === 0) continue
      const group = `groups/${rootModule.replace(/\//g, "_")}`
      const lines = members.map((m) => {
        groupOf.set(m, group)
        const names = exportsOf.get(m)!
        return `export { ${names.map((n) => `${n} as ${alias(m, n)}`).join(", ")} } from ${JSON.stringify(file(m))}`
      })
      const entry = Path.join(src, `${group.replace("/", "_")}.js`)
      Fs.writeFileSync(entry, lines.join("\n") + "\n")
      entryPoints[group] = entry
    }
    // a public module in no root's closure is an entry of its own (its dependencies may be optional: `redis`)
    for (const module of modules) if (isPublic(module) && !groupOf.has(module)) entryPoints[module] = file(module)

    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "neutral",
      target: "es2023",
      outdir: out,
      entryNames: "[dir]/[name]",
      chunkNames: "chunks/[name]-[hash]",
      packages: "external",
      sourcemap: "linked",
      metafile: true,
      legalComments: "none",
      logLevel: "warning"
    })
    Fs.writeFileSync(Path.join(out, "metafile.json"), JSON.stringify(result.metafile))
  } finally {
    Fs.rmSync(src, { recursive: true, force: true })
  }

  // 3. a file per grouped public module, under its own name, re-exporting its names from its group
  for (const [module, group] of groupOf) {
    const target = Path.join(out, `${module}.js`)
    let from = Path.relative(Path.dirname(target), Path.join(out, `${group}.js`)).split(Path.sep).join("/")
    if (!from.startsWith(".")) from = `./${from}`
    const names = exportsOf.get(module)!
    Fs.mkdirSync(Path.dirname(target), { recursive: true })
    Fs.writeFileSync(
      target,
      `// ${module}: its names from the bundle of ${group.slice("groups/".length)} (scripts/bundle.ts)\n` +
        `export { ${names.map((n) => `${alias(module, n)} as ${n}`).join(", ")} } from ${JSON.stringify(from)}\n`
    )
  }
}

for (const pkg of Object.keys(roots)) await bundle(pkg)
