/**
 * Public types with names (issue #16, item 4), checked on what npm users get: the declarations `tsc -b` emits
 * into `packages/<package>/dist` (`npm test` builds first).
 *
 * - No declaration reachable from a package's `exports` names a module under `internal/` (closed to users:
 *   `"./internal/*": null`), so every type of the public API has a public name. The walk starts at every
 *   export target (`"./*"` opens every module outside `internal/`) and follows each `import`/`export … from`
 *   and `import("…")` type reference; `@effect-e621/core/internal/…` from the Node package is a leak too.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Fs from "node:fs"
import * as NodePath from "node:path"

const root = NodePath.resolve(import.meta.dirname, "../..")
const packages = ["core", "platform-node"] as const

type Target = string | null | { readonly [condition: string]: Target }

/** The `types` files a package's `exports` opens, as absolute paths (patterns expanded over `dist`). */
const entries = (pkg: string): Array<string> => {
  const dir = NodePath.join(root, "packages", pkg)
  const manifest = JSON.parse(Fs.readFileSync(NodePath.join(dir, "package.json"), "utf8")) as {
    readonly exports: Record<string, Target>
  }
  const closed = Object.entries(manifest.exports).filter(([, target]) => target === null).map(([key]) => key)
  const typesOf = (target: Target): string | undefined =>
    target === null ? undefined : typeof target === "string" ? (target.endsWith(".d.ts") ? target : undefined) : typesOf(target["types"] ?? null)
  const all = (sub: string): Array<string> =>
    Fs.readdirSync(NodePath.join(dir, sub), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? all(NodePath.join(sub, entry.name)) : [NodePath.join(sub, entry.name)]
    )
  return Object.entries(manifest.exports).flatMap(([key, target]) => {
    const types = typesOf(target)
    if (types === undefined) return []
    if (!key.includes("*")) return [NodePath.join(dir, types)]
    const [before, after] = types.split("*") as [string, string]
    const [keyBefore] = key.split("*") as [string]
    return all(NodePath.dirname(before.replace(/^\.\//, "")))
      .map((file) => `./${file.split(NodePath.sep).join("/")}`)
      .filter((file) => file.startsWith(before) && file.endsWith(after))
      .filter((file) => {
        const subpath = `${keyBefore}${file.slice(before.length, file.length - after.length)}`
        return !closed.some((pattern) => pattern.includes("*") ? subpath.startsWith(pattern.split("*")[0]!) : subpath === pattern)
      })
      .map((file) => NodePath.join(dir, file))
  })
}

/** The modules a declaration file refers to (`from "…"`, `import("…")`). */
const references = (text: string): Array<string> =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"']+)["']/g)].map((match) => match[1]!)

const declarationOf = (from: string, spec: string): string =>
  NodePath.resolve(NodePath.dirname(from), spec.replace(/\.(ts|js)$/, ".d.ts"))

describe("public types", () => {
  for (const pkg of packages) {
    it(`@effect-e621/${pkg}: no declaration reachable from the exports names an internal/ module`, () => {
      const start = entries(pkg)
      assert.isAbove(start.length, 0, `no declarations under packages/${pkg}/dist: run tsc -b first`)
      const seen = new Set<string>()
      const leaks: Array<string> = []
      const visit = (file: string): void => {
        if (seen.has(file)) return
        seen.add(file)
        assert.isTrue(Fs.existsSync(file), `${NodePath.relative(root, file)} is missing: run tsc -b first`)
        for (const spec of references(Fs.readFileSync(file, "utf8"))) {
          if (!spec.startsWith(".")) {
            // another package: only its closed `internal/` paths are a leak (its own exports are checked there)
            if (spec.startsWith("@effect-e621/") && /\/internal\//.test(spec)) leaks.push(`${NodePath.relative(root, file)} → ${spec}`)
            continue
          }
          const target = declarationOf(file, spec)
          if (/[\\/]internal[\\/]/.test(NodePath.relative(NodePath.join(root, "packages"), target))) {
            leaks.push(`${NodePath.relative(root, file)} → ${spec}`)
          } else visit(target)
        }
      }
      start.forEach(visit)
      assert.deepStrictEqual(leaks, [], `public declarations that name internal/ modules:\n${leaks.join("\n")}`)
    })
  }
})
