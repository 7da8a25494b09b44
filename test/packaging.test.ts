/**
 * What npm users get: Node refuses to strip types under `node_modules`, so the packages must run from their
 * compiled `dist/` (built by `tsc -b`, which `npm test` runs first). Checks every export target exists, and that
 * the packages and the `e621` binary load on plain Node with type stripping turned off, and that the packages
 * import effect's modules by path: Node loads every module an index re-exports (`effect` alone costs ~40 MB of
 * RSS, the modules the client needs ~25 MB). The tarballs carry a README and the LICENSE, and install in another
 * project as the README says, with a clean `npm ls`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as esbuild from "esbuild"
import * as Child from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"
import * as Registry from "./support/registry.ts"

const root = NodePath.resolve(import.meta.dirname, "..")
const packages = ["core", "platform-node"] as const

interface Manifest {
  readonly name: string
  readonly exports: Record<string, string | null | Record<string, string>>
  readonly bin?: Record<string, string>
}

const manifest = (name: string): Manifest =>
  JSON.parse(Fs.readFileSync(NodePath.join(root, "packages", name, "package.json"), "utf8")) as Manifest

/** Every public module (`src/**` outside `internal/`), relative to `src/` and without `.ts`. */
const modules = (dir: string, prefix = ""): Array<string> =>
  Fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === "internal" ? [] : modules(NodePath.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith(".ts") ? [`${prefix}${entry.name.slice(0, -3)}`] : []
  )

/** The export conditions of a package's entries, in order: `node` opens the bundle `scripts/bundle.ts` builds. */
const conditions = ["source", "types", "node", "default"]

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>
}

/**
 * The compiled modules of this repository's packages that Node loads for `specifier` before running anything:
 * the static `import`/`export … from` graph of what the `node` condition opens (the bundles of
 * `dist/bundle/`; what `import()` loads on demand is left out), each bundle file replaced by the compiled
 * modules it holds (`dist/bundle/metafile.json`), as paths from `packages/` (`core/dist/api/Posts.js`), and
 * the effect modules reached from them.
 */
const staticGraph = (specifier: string): { readonly ours: Set<string>; readonly effect: Set<string> } => {
  const files = new Set<string>()
  const effect = new Set<string>()
  const ownFile = (spec: string): string | undefined => {
    const match = /^@effect-e621\/(core|platform-node)(?:\/(.+))?$/.exec(spec)
    return match === null ? undefined : `${match[1]}/dist/bundle/${match[2] ?? "index"}.js`
  }
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const text = Fs.readFileSync(NodePath.join(root, "packages", file), "utf8")
    for (const [, spec] of text.matchAll(/^(?:import|export)\s(?:[^;"']*?\sfrom\s)?["']([^"']+)["']/gm)) {
      if (spec!.startsWith(".")) visit(NodePath.posix.join(NodePath.posix.dirname(file), spec!))
      else if (ownFile(spec!) !== undefined) visit(ownFile(spec!)!)
      else effect.add(spec!)
    }
  }
  visit(ownFile(specifier)!)
  const ours = new Set<string>()
  for (const name of packages) {
    const meta = JSON.parse(Fs.readFileSync(NodePath.join(root, "packages", name, "dist/bundle/metafile.json"), "utf8")) as Metafile
    for (const [output, { inputs }] of Object.entries(meta.outputs)) {
      if (!files.has(NodePath.posix.relative("packages", output))) continue
      for (const input of Object.keys(inputs)) ours.add(NodePath.posix.relative("packages", input))
    }
  }
  return { ours, effect }
}

/** Runs plain Node (no loader, no type stripping, no `source` condition) in the repository. */
const node = (args: ReadonlyArray<string>) =>
  Child.spawnSync(process.execPath, ["--no-experimental-strip-types", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 })

/**
 * The README's `npm pack -w @effect-e621/core -w @effect-e621/platform-node`, from the repository, into `dir`:
 * the tarballs' paths, by package.
 */
const packAll = (dir: string): Record<(typeof packages)[number], string> => {
  const files = Child.execFileSync(
    "npm",
    ["pack", "--silent", "--pack-destination", dir, ...packages.flatMap((name) => ["-w", `@effect-e621/${name}`])],
    { cwd: root, encoding: "utf8" }
  ).trim().split("\n")
  const of = (name: string) => NodePath.join(dir, files.find((file) => file === `effect-e621-${name}-0.1.0.tgz`)!)
  return { core: of("core"), "platform-node": of("platform-node") }
}

/** The environment of a child npm, without the `npm_*` variables of the `npm test` running this file. */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)))

/** Runs a program without blocking the event loop (the loopback registry answers meanwhile). */
const run = (file: string, args: ReadonlyArray<string>, cwd: string) =>
  new Promise<{ code: number | null; stdout: string; output: string }>((resolve) => {
    const child = Child.spawn(file, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk
      output += chunk
    })
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk
    })
    const timer = setTimeout(() => child.kill(), 90_000)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, output })
    })
  })

describe("packaging", () => {
  for (const name of packages) {
    it(`@effect-e621/${name}: every export has compiled JavaScript and declarations beside its source`, () => {
      const pkg = manifest(name)
      const dir = NodePath.join(root, "packages", name)
      const missing: Array<string> = []
      for (const [key, target] of Object.entries(pkg.exports)) {
        if (target === null || typeof target === "string") continue
        assert.deepStrictEqual(Object.keys(target), conditions, `${key}: condition order`)
        // what `exports` closes (`"./testing/fake/*": null`) needs no file behind it
        const closed = Object.keys(pkg.exports).filter((k) => pkg.exports[k] === null).map((k) => k.slice(2).replace("*", ""))
        const stems = key.includes("*") ? modules(NodePath.join(dir, "src")).filter((m) => !closed.some((c) => m.startsWith(c))) : [""]
        for (const stem of stems) {
          for (const file of Object.values(target)) {
            const path = NodePath.join(dir, file.replace("*", stem))
            if (!Fs.existsSync(path)) missing.push(NodePath.relative(root, path))
          }
        }
      }
      assert.deepStrictEqual(missing, [], "run `npm run build` (tsc -b, then scripts/bundle.ts) first")
    })
  }

  it("the packages load on plain Node from dist/", () => {
    const result = node([
      "--input-type=module",
      "-e",
      `const urls = []
       for (const m of ["@effect-e621/core", "@effect-e621/core/testing", "@effect-e621/platform-node", "@effect-e621/platform-node/NodeE621"]) {
         await import(m); urls.push(import.meta.resolve(m))
       }
       console.log(JSON.stringify(urls))`
    ])
    assert.strictEqual(result.status, 0, result.stderr)
    const urls = JSON.parse(result.stdout) as Array<string>
    assert.isTrue(urls.every((url) => url.includes("/dist/") && url.endsWith(".js")), urls.join("\n"))
  })

  it("the e621 binary is a committed, executable script with a shebang that runs dist/ on plain Node", () => {
    const pkg = manifest("platform-node")
    const bin = NodePath.join(root, "packages/platform-node", pkg.bin!["e621"]!)
    // npm links it at install time, before `dist/` is built, and only marks files it finds executable then
    assert.match(Fs.readFileSync(bin, "utf8"), /^#!\/usr\/bin\/env node\n/)
    assert.isTrue((Fs.statSync(bin).mode & 0o111) !== 0, `${bin} is not executable`)
    const result = node([bin, "--help"])
    assert.strictEqual(result.status, 0, result.stderr)
    assert.include(result.stdout, "e621 <subcommand>")
  })

  it("pay for what you use: the package indexes load neither the fake nor the command line, and NodeE621 not the core index", () => {
    for (const index of ["@effect-e621/core", "@effect-e621/platform-node"]) {
      const { effect, ours } = staticGraph(index)
      // the index offers NodeE621Fake and Cli through `onDemand/` facades that import them only when used
      const costly = [...ours].filter((file) => /\/testing\/|\/dist\/(NodeE621Fake|Cli|bin|testing)\.js$/.test(file))
      assert.deepStrictEqual(costly, [], `${index} loads them`)
      assert.deepStrictEqual([...effect].filter((spec) => spec.startsWith("effect/cli/")), [], `${index} loads effect/cli`)
      assert.notInclude([...effect], "@effect/platform-node", `${index} loads @effect/platform-node's index`)
    }
    // the bundles' files map back to the compiled modules they hold
    assert.isTrue(staticGraph("@effect-e621/core").ours.has("core/dist/api/Posts.js"), "the core index's bundle holds Posts")
    const nodeE621 = staticGraph("@effect-e621/platform-node/NodeE621").ours
    assert.isTrue(nodeE621.has("core/dist/E621Client.js") && nodeE621.has("platform-node/dist/NodeE621.js"))
    assert.isFalse(nodeE621.has("core/dist/index.js"), "NodeE621 loads every family through the core index")
    assert.isFalse(nodeE621.has("core/dist/api/Posts.js"))
    // the command line loads the fake only for `--host fake`, downloads and exports only for those commands
    const cli = staticGraph("@effect-e621/platform-node/Cli").ours
    for (const file of ["NodeE621Fake", "Downloads", "NodeDbExports"]) assert.isFalse(cli.has(`platform-node/dist/${file}.js`), file)
  })

  it("pay for what you use: a browser bundle of Posts.search loads the blacklist (Blacklist, Users, their schemas) only when one is in force", async () => {
    const result = await esbuild.build({
      stdin: {
        contents: `import * as Posts from "@effect-e621/core/api/Posts"\nexport const search = Posts.search`,
        resolveDir: root,
        loader: "js"
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      splitting: true,
      outdir: NodePath.join(root, "test/dist/bundle"),
      write: false,
      metafile: true,
      logLevel: "silent"
    })
    const outputs = result.metafile.outputs
    const eager = new Set<string>()
    const visit = (file: string) => {
      if (eager.has(file)) return
      eager.add(file)
      for (const imported of outputs[file]!.imports) if (imported.kind === "import-statement") visit(imported.path)
    }
    visit(Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined)!)
    const loaded = [...eager].flatMap((file) => Object.keys(outputs[file]!.inputs))
    const lazy = Object.keys(outputs).filter((file) => !eager.has(file)).flatMap((file) => Object.keys(outputs[file]!.inputs))
    for (const module of ["core/dist/Blacklist.js", "core/dist/api/Users.js", "core/dist/schemas/User.js"]) {
      assert.isFalse(loaded.some((input) => input.endsWith(module)), `${module} is loaded with Posts.search`)
      assert.isTrue(lazy.some((input) => input.endsWith(module)), `${module} is not in a chunk of its own`)
    }
    assert.isTrue(loaded.some((input) => input.endsWith("core/dist/api/Posts.js")))
  })

  it("sources import effect's modules by path, never an index (`effect`, `effect/http`, …)", () => {
    const offenders = packages.flatMap((name) => {
      const src = NodePath.join(root, "packages", name, "src")
      return Fs.readdirSync(src, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .flatMap((file) =>
          Fs.readFileSync(NodePath.join(src, file), "utf8").split("\n")
            .filter((line) => /^import .* from "effect(\/(http|persistence|schema|cli))?"$/.test(line))
            .map((line) => `packages/${name}/src/${file}: ${line}`)
        )
    })
    assert.deepStrictEqual(offenders, [])
  })

  it("each tarball carries its README and the MIT LICENSE (the repository's)", () => {
    const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "effect-e621-pack-"))
    try {
      const license = Fs.readFileSync(NodePath.join(root, "LICENSE"), "utf8")
      assert.match(license, /^MIT License\n/)
      const tarballs = packAll(dir)
      for (const name of packages) {
        const files = Child.execFileSync("tar", ["-tzf", tarballs[name]], { encoding: "utf8" }).split("\n")
        assert.includeMembers(files, ["package/README.md", "package/LICENSE", "package/package.json"], name)
        assert.strictEqual(Fs.readFileSync(NodePath.join(root, "packages", name, "LICENSE"), "utf8"), license, `${name}: LICENSE`)
        const readme = Fs.readFileSync(NodePath.join(root, "packages", name, "README.md"), "utf8")
        assert.include(readme, `# @effect-e621/${name}`)
        assert.include(readme, "npm pack -w @effect-e621/core -w @effect-e621/platform-node", `${name}: how to install today`)
        assert.match(readme, /```ts\n[\s\S]+?```/, `${name}: an example`)
        assert.include(readme, "](../../README.md)", `${name}: a link back`)
      }
    } finally {
      Fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("installs in another project as the README says (the tarballs, effect 4.1.5, @effect/platform-node 4.1.5): `npm ls` clean, both packages, the README example and the binary work", async () => {
    const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "effect-e621-consumer-"))
    // the registry part of the install is served from loopback (tests never reach the network): effect and
    // @effect/platform-node with their dependencies, packed from this repository's node_modules
    const registry = await Registry.serve(["effect", "@effect/platform-node"], NodePath.join(dir, "registry"))
    try {
      const app = NodePath.join(dir, "app")
      Fs.mkdirSync(app)
      Fs.writeFileSync(NodePath.join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }))
      const tarballs = Object.values(packAll(dir))
      const npm = (args: ReadonlyArray<string>) =>
        run("npm", [...args, "--registry", registry.url, "--cache", NodePath.join(dir, "cache"), "--no-audit", "--no-fund"], app)
      const install = await npm(["install", ...tarballs, "effect@4.1.5", "@effect/platform-node@4.1.5"])
      assert.strictEqual(install.code, 0, install.output)
      const ls = await npm(["ls", "--all", "--json"])
      assert.strictEqual(ls.code, 0, ls.output)
      const tree = JSON.parse(ls.stdout) as { dependencies: Record<string, { version: string }>; problems?: Array<string> }
      assert.isUndefined(tree.problems, ls.stdout)
      assert.deepStrictEqual(
        Object.fromEntries(Object.entries(tree.dependencies).map(([name, dep]) => [name, dep.version])),
        { "@effect-e621/core": "0.1.0", "@effect-e621/platform-node": "0.1.0", "@effect/platform-node": "4.1.5", effect: "4.1.5" }
      )
      Fs.writeFileSync(
        NodePath.join(app, "app.js"),
        `import { Posts } from "@effect-e621/core"
         import { E621Fake } from "@effect-e621/core/testing"
         import * as NodeE621Fake from "@effect-e621/platform-node/NodeE621Fake"
         import * as Effect from "effect/Effect"
         const posts = await Effect.runPromise(
           Posts.search({ limit: 3 }).pipe(Effect.provide(E621Fake.layer({ posts: 20 })))
         )
         console.log(JSON.stringify({ posts: posts.length, serve: typeof NodeE621Fake.serve }))`
      )
      const used = await run(process.execPath, ["app.js"], app)
      assert.strictEqual(used.code, 0, used.output)
      assert.deepStrictEqual(JSON.parse(used.stdout), { posts: 3, serve: "function" })
      // the example of core's README, as shipped, runs as it is
      const readme = Fs.readFileSync(NodePath.join(app, "node_modules/@effect-e621/core/README.md"), "utf8")
      Fs.writeFileSync(NodePath.join(app, "readme.js"), /```ts\n([\s\S]+?)```/.exec(readme)![1]!)
      const example = await run(process.execPath, ["readme.js"], app)
      assert.strictEqual(example.code, 0, example.output)
      assert.match(example.output, /INFO .*\[ ?\d+(, \d+)+ ?\]/)
      // the binary npm linked
      const search = await run(NodePath.join(app, "node_modules/.bin/e621"), ["--host", "fake", "search", "rating:s", "--limit", "2"], app)
      assert.strictEqual(search.code, 0, search.output)
      assert.strictEqual(search.stdout.trim().split("\n").length, 3) // header + 2 posts
    } finally {
      await registry.close()
      Fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
