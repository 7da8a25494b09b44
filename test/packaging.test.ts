/**
 * What npm users get: Node refuses to strip types under `node_modules`, so the packages must run from their
 * compiled `dist/` (built by `tsc -b`, which `npm test` runs first). Checks every export target exists, and that
 * the packages and the `e621` binary load on plain Node with type stripping turned off, and that the packages
 * import effect's modules by path: Node loads every module an index re-exports (`effect` alone costs ~40 MB of
 * RSS, the modules the client needs ~25 MB).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Child from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"

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

/** Runs plain Node (no loader, no type stripping, no `source` condition) in the repository. */
const node = (args: ReadonlyArray<string>) =>
  Child.spawnSync(process.execPath, ["--no-experimental-strip-types", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 })

describe("packaging", () => {
  for (const name of packages) {
    it(`@effect-e621/${name}: every export has compiled JavaScript and declarations beside its source`, () => {
      const pkg = manifest(name)
      const dir = NodePath.join(root, "packages", name)
      const missing: Array<string> = []
      for (const [key, target] of Object.entries(pkg.exports)) {
        if (target === null || typeof target === "string") continue
        assert.deepStrictEqual(Object.keys(target), ["source", "types", "default"], `${key}: condition order`)
        const stems = key.includes("*") ? modules(NodePath.join(dir, "src")) : [""]
        for (const stem of stems) {
          for (const file of Object.values(target)) {
            const path = NodePath.join(dir, file.replace("*", stem))
            if (!Fs.existsSync(path)) missing.push(NodePath.relative(root, path))
          }
        }
      }
      assert.deepStrictEqual(missing, [], "run `npm run build` (tsc -b) first")
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

  it("installed from the tarballs `npm pack` makes, outside the workspace, both packages and the binary work", () => {
    const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "effect-e621-consumer-"))
    try {
      const modules = NodePath.join(dir, "node_modules")
      for (const name of packages) {
        const packed = Child.execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], {
          cwd: NodePath.join(root, "packages", name),
          encoding: "utf8"
        }).trim().split("\n").pop()!
        const target = NodePath.join(modules, "@effect-e621", name)
        Fs.mkdirSync(target, { recursive: true })
        Child.execFileSync("tar", ["-xzf", NodePath.join(dir, packed), "-C", target, "--strip-components=1"])
      }
      // the peer dependencies, as the consumer's own install would provide them
      for (const peer of ["effect", "@effect/platform-node"]) {
        Fs.mkdirSync(NodePath.dirname(NodePath.join(modules, peer)), { recursive: true })
        Fs.symlinkSync(NodePath.join(root, "node_modules", peer), NodePath.join(modules, peer), "dir")
      }
      Fs.writeFileSync(NodePath.join(dir, "package.json"), JSON.stringify({ type: "module" }))
      Fs.writeFileSync(
        NodePath.join(dir, "app.js"),
        `import { Posts } from "@effect-e621/core"
         import { E621Fake } from "@effect-e621/core/testing"
         import * as NodeE621Fake from "@effect-e621/platform-node/NodeE621Fake"
         import * as Effect from "effect/Effect"
         const posts = await Effect.runPromise(
           Posts.search({ limit: 3 }).pipe(Effect.provide(E621Fake.layer({ posts: 20 })))
         )
         console.log(JSON.stringify({ posts: posts.length, serve: typeof NodeE621Fake.serve }))`
      )
      const app = Child.spawnSync(process.execPath, ["app.js"], { cwd: dir, encoding: "utf8", timeout: 60_000 })
      assert.strictEqual(app.status, 0, app.stderr)
      assert.deepStrictEqual(JSON.parse(app.stdout), { posts: 3, serve: "function" })
      const bin = NodePath.join(modules, "@effect-e621/platform-node", manifest("platform-node").bin!["e621"]!)
      const search = Child.spawnSync(process.execPath, [bin, "--host", "fake", "search", "rating:s", "--limit", "2"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000
      })
      assert.strictEqual(search.status, 0, search.stderr)
      assert.strictEqual(search.stdout.trim().split("\n").length, 3) // header + 2 posts
    } finally {
      Fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
