/**
 * The runtime examples, run where they are meant to run, against the fake served on loopback: the Worker in
 * workerd, the Deno script in Deno (network access to the fake only). The page example is in
 * browser-example.test.ts; the Bun bot is typechecked.
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Posts from "@effect-e621/core/api/Posts"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as HttpClient from "effect/http/HttpClient"
import * as Path from "node:path"
import * as Harness from "./harness.ts"

const ua = "effect-e621-examples/1.0 (by tester on e621)"

/** What an anonymous search answers, asked from Node (in memory) for comparison. */
const expected = (fake: E621Fake.E621Fake["Service"], tags: string) =>
  Posts.search({ tags, limit: 10 }).pipe(
    Effect.provide(E621Client.layer({ userAgent: ua, rateLimit: false }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake)))
    )),
    Effect.orDie
  )

// Each step has its own deadline (20 s at most) that fails with a message saying which; the test's is above them.
describe("runtime examples", { timeout: 60_000 }, () => {
  it.live("examples/worker.ts answers with the newest posts for a tag, in workerd", () =>
    Effect.gen(function*() {
      const { fake, server } = yield* Harness.serveFake
      const dir = yield* Harness.tempDir
      yield* Harness.bundle("examples/worker.ts", Path.join(dir, "worker.mjs"))
      const env = { E621_HOST: server.url, E621_USER_AGENT: ua }
      const answer = yield* Harness.workerd(dir, "worker.mjs", env, (origin) => fetch(`${origin}?tags=rating:s`))
      assert.strictEqual(answer.status, 200, answer.text)
      const posts = JSON.parse(answer.text) as ReadonlyArray<{ readonly id: number; readonly preview: string | null }>
      const want = yield* expected(fake, "rating:s")
      assert.isAbove(want.length, 0)
      assert.deepStrictEqual(posts.map((p) => p.id), want.map((p) => p.id))
      // bad input is the caller's fault: 400 with the typed error, before any request to e621
      const before = (yield* fake.requests).length
      const tooMany = Array.from({ length: 41 }, (_, i) => `tag_${i}`).join("+")
      const bad = yield* Harness.workerd(dir, "worker.mjs", env, (origin) => fetch(`${origin}?tags=${tooMany}`))
      assert.strictEqual(bad.status, 400, bad.text)
      assert.strictEqual(JSON.parse(bad.text).error, "E621InvalidInput")
      assert.strictEqual((yield* fake.requests).length, before)
    }).pipe(Effect.scoped))

  it.live("examples/deno-newest.ts prints the newest posts, in Deno with --allow-net for the fake only", () =>
    Effect.gen(function*() {
      const { fake, server } = yield* Harness.serveFake
      const dir = yield* Harness.tempDir
      const file = Path.join(dir, "script.mjs")
      yield* Harness.bundle("examples/deno-newest.ts", file)
      const stdout = yield* Harness.run(
        Harness.bin("deno"),
        ["run", "--no-prompt", `--allow-net=127.0.0.1:${server.port}`, "--allow-env=E621_USER_AGENT", file, "rating:s", server.url],
        { cwd: dir, env: { E621_USER_AGENT: ua, DENO_DIR: Path.join(dir, "deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } }
      )
      const want = yield* expected(fake, "rating:s")
      assert.deepStrictEqual(
        stdout.trim().split("\n").map((line) => Number(/^#(\d+)/.exec(line)?.[1])),
        want.map((p) => p.id)
      )
    }).pipe(Effect.scoped))
})
