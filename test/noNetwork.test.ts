/**
 * The guard of `test/setup/noNetwork.ts`: a connection to a real host fails before it is made; loopback works.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Http from "node:http"

describe("no network in tests", () => {
  it("fetch to e621 is refused before any connection", async () => {
    const error = await fetch("https://e621.net/posts.json").then(() => undefined, (e: unknown) => e as Error)
    assert.isDefined(error)
    assert.include(String((error!.cause as Error | undefined)?.message ?? error!.message), "a test tried to reach the network (e621.net)")
  })

  it("node:http to a real host throws at once; loopback still connects", async () => {
    assert.throws(() => Http.get("http://static1.e621.net/data/x.jpg"), /a test tried to reach the network \(static1\.e621\.net\)/)
    const server = Http.createServer((_, res) => res.end("ok"))
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const port = (server.address() as { port: number }).port
    const body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())
    server.close()
    assert.strictEqual(body, "ok")
  })
})
