/**
 * The page example (examples/browser) in headless Chromium, served from another origin than the fake it
 * searches: the thumbnails must load (real JPEG previews from the fake's static host), and a screenshot is
 * saved to test/runtimes/.output/browser-example.png. Its bundle holds neither the fake nor a Node built-in.
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Posts from "@effect-e621/core/api/Posts"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as HttpClient from "effect/http/HttpClient"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Harness from "./harness.ts"

// Each step has its own deadline (20 s at most) that fails with a message saying which; the test's is above them.
describe("examples/browser", { timeout: 60_000 }, () => {
  it.live("searches the served fake and shows the thumbnails", () =>
    Effect.gen(function*() {
      const { fake, server } = yield* Harness.serveFake
      const dir = yield* Harness.tempDir
      const metafile = yield* Harness.bundle("examples/browser/main.ts", Path.join(dir, "main.js"))
      // what the page ships: the client, not the fake or the Node package, and no Node built-in
      const inputs = Object.keys(metafile.inputs)
      assert.deepStrictEqual(inputs.filter((input) => /\/testing\/|\/internal\/fake\/|platform-node|^node:/.test(input)), [])
      assert.deepStrictEqual(
        Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external || i.path.startsWith("node:"))),
        []
      )
      assert.include(inputs, "packages/core/src/E621Client.ts")
      const origin = yield* Harness.servePages({
        "/index.html": { body: Fs.readFileSync(Path.join(Harness.root, "examples/browser/index.html")), type: "text/html" },
        "/main.js": { body: Fs.readFileSync(Path.join(dir, "main.js")), type: "text/javascript" }
      })
      const context = yield* Harness.launchChromium()
      const page = yield* Effect.promise(() => context.newPage())
      yield* Effect.promise(() => page.setViewportSize({ width: 1000, height: 760 }))
      yield* Effect.promise(() => page.goto(`${origin}/index.html?host=${encodeURIComponent(server.url)}&tags=order:id_desc`))
      yield* Effect.promise(() => page.waitForFunction(() => document.querySelector("#status")?.textContent?.endsWith(" posts"), undefined, { timeout: 15_000 }))
      yield* Effect.promise(() =>
        page.waitForFunction(() => [...document.images].every((image) => image.complete), undefined, { timeout: 15_000 })
      )
      const images = yield* Effect.promise(() =>
        page.evaluate(() => [...document.images].map((image) => ({ src: image.src, width: image.naturalWidth, height: image.naturalHeight })))
      )
      // what the page was answered: the 24 newest posts, those with a preview URL shown
      const searched = (yield* fake.requests).filter((r) => r.path === "/posts.json")
      assert.strictEqual(searched.length, 1)
      assert.strictEqual(searched[0]!.query._client, "effect-e621-browser-example/1.0 (by your_name on e621)")
      // the same search from Node, anonymous like the page
      const answer = yield* Posts.search({ tags: "order:id_desc", limit: 24 }).pipe(
        Effect.provide(E621Client.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
          Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake)))
        ))
      )
      const shown = answer.filter((post) => post.preview.url !== null)
      assert.isAbove(shown.length, 10)
      assert.strictEqual(images.length, shown.length)
      assert.deepStrictEqual(
        images.map(({ height, width }) => [width, height]),
        shown.map((post) => [post.preview.width, post.preview.height]),
        "every thumbnail loaded, at the preview size e621 reports"
      )
      const output = Path.join(Harness.root, "test/runtimes/.output")
      Fs.mkdirSync(output, { recursive: true })
      const png = yield* Effect.promise(() => page.screenshot({ path: Path.join(output, "browser-example.png") }))
      assert.deepStrictEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG")
      assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1000, 760])
    }).pipe(Effect.scoped))
})
