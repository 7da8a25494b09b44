import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import * as PlatformNode from "@effect-e621/platform-node"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Redacted, Stream } from "effect"
import * as Http from "node:http"

const client = (server: NodeE621Fake.Server, options: Partial<Parameters<typeof NodeE621.layer>[0]> = {}) =>
  NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: false, retry: { times: 5, base: "5 millis" }, ...options })

describe("NodeE621Fake over real HTTP", () => {
  it.live("serves a search and a single post to NodeE621", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 500, seed: 3 })
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const page = yield* Posts.search({ limit: 20 }).pipe(Effect.provide(client(server)))
      assert.strictEqual(page.length, 20)
      const ids = page.map((post) => post.id)
      assert.deepStrictEqual(ids, [...ids].sort((a, b) => b - a))
      const one = yield* Posts.get(ids[3]!).pipe(Effect.provide(client(server)))
      assert.strictEqual(one.id, ids[3])
      const log = yield* server.fake.requests
      assert.deepStrictEqual(log.map((r) => r.path), ["/posts.json", `/posts/${ids[3]}.json`])
    }))

  it.live("the package index offers the same NodeE621Fake and Cli, loaded on first use", () =>
    Effect.gen(function*() {
      const server = yield* PlatformNode.NodeE621Fake.serve({ posts: 50, seed: 3 })
      const page = yield* Posts.search({ limit: 5 }).pipe(Effect.provide(client(server)))
      assert.strictEqual(page.length, 5)
      const served = yield* Effect.scoped(Layer.build(PlatformNode.NodeE621Fake.layer({ posts: 10, seed: 1 })))
      assert.match(Context.get(served, PlatformNode.NodeE621Fake.NodeE621FakeServer).url, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.strictEqual(PlatformNode.Cli.version, "0.1.0")
      assert.strictEqual(PlatformNode.Cli.exitCode({ _tag: "E621NotFound" }), 3)
    }))

  it.live("streams every post once, in order, through dropped and cut answers", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 1_200, seed: 5, faults: { rate: 0.3, kinds: ["drop", "truncate", "502", "503-retry-after"], retryAfter: 0 } })
      const expected = [...(yield* server.fake.postIds)]
      const visible: Array<number> = []
      for (const id of expected) {
        const post = yield* server.fake.post(id)
        if (post !== undefined && !post.flags.deleted) visible.push(id)
      }
      const seen = yield* Posts.stream({ pageSize: 50 }).pipe(
        Stream.map((post) => post.id),
        Stream.runCollect,
        Effect.provide(client(server, { retry: { times: 20, base: "1 millis", maxDelay: "5 millis" } }))
      )
      assert.deepStrictEqual([...seen], visible.reverse())
      const statuses = (yield* server.fake.requests).map((r) => r.status)
      assert.isTrue(statuses.some((status) => status !== 200), "faults were injected")
    }))

  it.live("the fake rejects a bad API key with 401 over HTTP", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 10 })
      const error = yield* Posts.search({ limit: 1 }).pipe(
        Effect.provide(client(server, { credentials: { username: "tester", apiKey: Redacted.make("wrong-key") } })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "E621Unauthorized")
      assert.notInclude(JSON.stringify(error), "wrong-key")
    }))

  it.live("a request body over 128 MiB gets nginx's 413 (no more is kept), and the server goes on", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 10, seed: 1 })
      const chunk = Buffer.alloc(1024 * 1024, 120)
      const status = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const request = Http.request(`${server.url}/uploads.json`, { method: "POST", headers: { "user-agent": E621Fake.userAgent } })
          request.on("response", (response) => {
            response.resume()
            resolve(response.statusCode ?? 0)
          })
          request.on("error", () => resolve(-1))
          let sent = 0
          const write = () => {
            while (sent < NodeE621Fake.maxRequestBytes / chunk.length + 16) {
              sent++
              if (!request.write(chunk)) return request.once("drain", write)
            }
            request.end()
          }
          write()
        })
      )
      assert.strictEqual(status, 413)
      const page = yield* Posts.search({ limit: 2 }).pipe(Effect.provide(client(server)))
      assert.strictEqual(page.length, 2)
    }), 30_000)
})
