/**
 * The generated files are what the route declarations generate: the README's endpoint table, ENDPOINTS.md,
 * core's index exports and the fake's route table (`scripts/endpoints.ts`; `npm run endpoints` rewrites them).
 * And the declarations are what the fake serves: every declared route answers through the HTTP layer (not
 * with the "page not found" of an unknown route), and no family module of the fake describes a route of its own.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Endpoints from "../../scripts/endpoints.ts"

const root = path.resolve(import.meta.dirname, "../..")
const fakeDir = path.join(root, "packages/core/src/testing/fake")

describe("generated from the route declarations", () => {
  it("every generated file is up to date (run `npm run endpoints`)", async () => {
    for (const [file, content] of await Endpoints.expected()) {
      expect(fs.readFileSync(path.join(root, file), "utf8"), `${file} is stale: run npm run endpoints`).toBe(content)
    }
  })

  it("the namespaces of the index carry the same declarations", async () => {
    const families = await Endpoints.families()
    expect(families.length).toBeGreaterThanOrEqual(47)
    for (const family of families) {
      expect(Object.keys(family.routes).length, family.name).toBeGreaterThan(0)
      expect((Core as unknown as Record<string, { routes: unknown }>)[family.name]?.routes).toBe(family.routes)
    }
  })

  it.effect("the fake serves every declared route, at its method and path", () =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const families = yield* Effect.promise(() => Endpoints.families())
      const unserved: Array<string> = []
      for (const family of families) {
        for (const [name, route] of Object.entries(family.routes)) {
          const filled = Core.Route.fill(route.path, Object.fromEntries(Core.Route.parameters(route.path).map((p) => [p, p === "id" ? 1 : "x"])))
          const request = HttpClientRequest.make(route.method)(`https://e621.net${filled}`).pipe(
            HttpClientRequest.setHeader("user-agent", E621Fake.userAgent),
            HttpClientRequest.basicAuth(E621Fake.ADMIN.name, E621Fake.ADMIN.apiKey)
          )
          const response = yield* client.execute(request)
          const text = yield* response.text
          if (response.status === 404 && text.includes("you requested was not found")) {
            unserved.push(`${family.name}.${name}: ${route.method} ${route.path}`)
          }
        }
      }
      expect(unserved).toEqual([])
    }).pipe(Effect.provide(E621Fake.layerHttpClient())))

  it("no family module of the fake describes a route itself (only the static host's files)", () => {
    const own = fs.readdirSync(fakeDir)
      .filter((file) => /\bpattern:\s*\//.test(fs.readFileSync(path.join(fakeDir, file), "utf8")))
      .sort()
    expect(own).toEqual(["DbExports.ts", "Files.ts"])
    const routes = fs.readFileSync(path.join(fakeDir, "Routes.ts"), "utf8")
    for (const file of fs.readdirSync(path.join(root, "packages/core/src/api"))) {
      const source = fs.readFileSync(path.join(fakeDir, file), "utf8")
      expect(source, `testing/fake/${file} serves api/${file}'s declarations`).toMatch(/Serve\.serve\(Api\.routes/)
      expect(routes).toContain(`import * as ${file.slice(0, -3)} from "./${file}"`)
    }
  })
})

describe("the declarations", () => {
  it("are well-formed: an absolute .json path, known methods and quirks, parameters that are names", async () => {
    const problems: Array<string> = []
    for (const family of await Endpoints.families()) {
      for (const [name, route] of Object.entries(family.routes)) {
        const where = `${family.name}.${name}`
        if (!/^\/[a-z_/:A-Za-z0-9]+\.json$/.test(route.path)) problems.push(`${where}: path ${route.path}`)
        if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(route.method)) problems.push(`${where}: method ${route.method}`)
        if (route.auth !== "none" && route.auth !== "member") problems.push(`${where}: auth ${route.auth}`)
        if (route.method !== "GET" && route.search !== undefined && route.body !== undefined) problems.push(`${where}: search and body`)
        for (const quirk of route.quirks ?? []) {
          if (!["post-format", "strict-search", "unthrottled", "no-csrf", "static", "form-flow"].includes(quirk)) {
            problems.push(`${where}: quirk ${quirk}`)
          }
        }
        if (route.method === "GET" && (route.quirks ?? []).includes("unthrottled")) problems.push(`${where}: an unthrottled read`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe("route templates", () => {
  it("fill, parameters, buckets", () => {
    expect(Core.Route.fill("/pools/:id/revert.json", { id: 7 })).toBe("/pools/7/revert.json")
    expect(() => Core.Route.fill("/pools/:id/revert.json", {})).toThrow(/no value for :id/)
    expect(Core.Route.parameters("/tags/:name/correction.json")).toEqual(["name"])
    expect(Core.Route.bucketOf({ method: "GET", path: "/x.json", auth: "none" })).toBe("read")
    expect(Core.Route.bucketOf({ method: "POST", path: "/x.json", auth: "member" })).toBe("write")
    expect(Core.Route.bucketOf({ method: "POST", path: "/iqdb_queries.json", auth: "none", bucket: "iqdb" })).toBe("iqdb")
  })
})
