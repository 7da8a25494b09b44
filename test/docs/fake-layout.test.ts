/**
 * The fake's layout (ARCHITECTURE.md, "The fake"): it lives in the testing entry point, one module per endpoint
 * family with the family's name, and its routes are registered one way — each family module exports its
 * `routes`, and `testing/fake/Routes.ts` alone assembles them.
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../packages/core/src")
const fakeDir = path.join(src, "testing/fake")

const stems = (dir: string): Array<string> =>
  fs.readdirSync(dir).filter((name) => name.endsWith(".ts")).map((name) => name.slice(0, -3)).sort()

/** A module of the fake, loaded from its source (`./testing/fake/*` is closed to package imports). */
const load = async (stem: string): Promise<{ readonly routes?: ReadonlyArray<unknown> }> =>
  (await import(path.join(fakeDir, `${stem}.ts`))) as { readonly routes?: ReadonlyArray<unknown> }

/** The fake's modules that export `routes`, loaded from their sources. */
const routeModules = async (): Promise<Map<string, ReadonlyArray<unknown>>> => {
  const found = new Map<string, ReadonlyArray<unknown>>()
  for (const stem of stems(fakeDir)) {
    if (stem === "Routes") continue
    const module = await load(stem)
    if (module.routes !== undefined) found.set(stem, module.routes)
  }
  return found
}

describe("the fake's layout", () => {
  it("is out of internal/: nothing is left in internal/fake", () => {
    assert.isFalse(fs.existsSync(path.join(src, "internal/fake")))
  })

  it("has a module with routes for every endpoint family, named as in api/", async () => {
    const modules = await routeModules()
    const missing = stems(path.join(src, "api")).filter((family) => (modules.get(family)?.length ?? 0) === 0)
    assert.deepStrictEqual(missing, [])
  })

  it("registers routes one way: Routes.ts holds every module's routes, and only it spreads them", async () => {
    const all = (await load("Routes")).routes ?? []
    const table = new Set<unknown>(all)
    const modules = await routeModules()
    const unregistered = [...modules].filter(([, routes]) => routes.some((route) => !table.has(route)))
    assert.deepStrictEqual(unregistered.map(([stem]) => stem), [])
    const fromModules = [...modules.values()].reduce((n, routes) => n + routes.length, 0)
    assert.strictEqual(all.length, fromModules, "a route in the table that no family module exports")
    const spreading = stems(fakeDir).filter((stem) =>
      stem !== "Routes" && /\.\.\.\s*\w+\.routes\b/.test(fs.readFileSync(path.join(fakeDir, `${stem}.ts`), "utf8"))
    )
    assert.deepStrictEqual(spreading, [])
  })
})
