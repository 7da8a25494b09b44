/**
 * The generated files are what the route declarations generate: the README's endpoint table, ENDPOINTS.md,
 * core's index exports and the fake's route table (`scripts/endpoints.ts`; `npm run endpoints` rewrites them).
 * And the declarations are what the client sends and the fake serves: every declared route is served by the
 * fake from its declaration, and the fake serves no API route that nothing declares.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Core from "@effect-e621/core"
import * as FakeRoutes from "../../packages/core/src/testing/fake/Routes.ts"
import * as Serve from "../../packages/core/src/testing/fake/Serve.ts"
import * as Endpoints from "../../scripts/endpoints.ts"

const root = path.resolve(import.meta.dirname, "../..")

describe("generated from the route declarations", () => {
  it("every generated file is up to date (run `npm run endpoints`)", async () => {
    for (const [file, content] of await Endpoints.expected()) {
      expect(fs.readFileSync(path.join(root, file), "utf8"), `${file} is stale: run npm run endpoints`).toBe(content)
    }
  })

  it("every family declares routes, and the fake serves each declaration, from it", async () => {
    const families = await Endpoints.families()
    expect(families.length).toBeGreaterThanOrEqual(47)
    const served = new Set(FakeRoutes.routes.map((route) => route.declaration).filter((d) => d !== undefined))
    for (const family of families) {
      expect(Object.keys(family.routes).length, family.name).toBeGreaterThan(0)
      for (const [name, route] of Object.entries(family.routes)) {
        expect(served.has(route), `${family.name}.${name} (${route.method} ${route.path}) is not served by the fake`).toBe(true)
        const fake = FakeRoutes.routes.find((r) => r.declaration === route && r.method === route.method)!
        expect(fake.pattern.source).toBe(Serve.pattern(route.path).source)
        expect(fake.auth).toBe(route.auth)
      }
    }
  })

  it("the fake serves no API route that no family declares (only the static host's files are its own)", () => {
    const undeclared = FakeRoutes.routes.filter((route) => route.declaration === undefined && route.raw !== true)
    expect(undeclared.map((route) => `${route.method} ${route.pattern.source}`)).toEqual([])
  })

  it("the namespaces of the index carry the same declarations", async () => {
    const families = await Endpoints.families()
    for (const family of families) {
      expect((Core as unknown as Record<string, { routes: unknown }>)[family.name]?.routes).toBe(family.routes)
    }
  })
})

describe("route templates", () => {
  it("`:id` is a record id, other names one segment, the rest literal", () => {
    const pattern = Serve.pattern("/tags/:name/correction.json")
    expect(pattern.exec("/tags/a.b/correction")?.[1]).toBe("a.b")
    expect(pattern.test("/tags/a/b/correction")).toBe(false)
    expect(Serve.pattern("/pools/:id.json").test("/pools/x")).toBe(false)
    expect(Serve.pattern("/pools/:id.json").exec("/pools/12")?.[1]).toBe("12")
    expect(Serve.pattern("/a.b.json").test("/aXb")).toBe(false)
  })

  it("fill and parameters", () => {
    expect(Core.Route.fill("/pools/:id/revert.json", { id: 7 })).toBe("/pools/7/revert.json")
    expect(Core.Route.parameters("/tags/:name/correction.json")).toEqual(["name"])
    expect(Core.Route.bucketOf({ method: "GET", path: "/x.json", auth: "none" })).toBe("read")
    expect(Core.Route.bucketOf({ method: "POST", path: "/x.json", auth: "member" })).toBe("write")
    expect(Core.Route.bucketOf({ method: "POST", path: "/iqdb_queries.json", auth: "none", bucket: "iqdb" })).toBe("iqdb")
  })
})
