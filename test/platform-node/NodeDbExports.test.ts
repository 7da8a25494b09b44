import { E621Client, TagQuery } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { CsvParser, NodeDbExports } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"

const fakeLayer = (options: E621Fake.Options = {}) => E621Fake.layer({ posts: 400, seed: 21, ...options })

describe("CsvParser", () => {
  it("parses PostgreSQL CSV: quotes, doubled quotes, embedded newlines, NULL vs empty string", () => {
    const text = "id,body,parent\n1,\"line one\nline \"\"two\"\", end\",\n2,\"\",x\r\n3,plain,\"{1,2}\""
    assert.deepStrictEqual(CsvParser.parse(text), [
      ["id", "body", "parent"],
      ["1", "line one\nline \"two\", end", null],
      ["2", "", "x"],
      ["3", "plain", "{1,2}"]
    ])
  })

  it("gives the same records whatever the chunking", () => {
    const text = "a,b\n\"x\ny\",\"q\"\"q\"\n,\"\"\n"
    const whole = CsvParser.parse(text)
    for (let size = 1; size < text.length; size++) {
      const parser = CsvParser.make()
      const out: Array<CsvParser.Record> = []
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)))
      out.push(...parser.end())
      assert.deepStrictEqual(out, whole, `chunk size ${size}`)
    }
    assert.deepStrictEqual(whole[2], [null, ""])
  })

  it("reads PostgreSQL arrays", () => {
    assert.deepStrictEqual(CsvParser.pgArray("{1,2,3}"), ["1", "2", "3"])
    assert.deepStrictEqual(CsvParser.pgArray("{}"), [])
    assert.deepStrictEqual(CsvParser.pgArray("{a,\"b c\",\"d\\\"e\",NULL}"), ["a", "b c", "d\"e", null])
  })
})

describe("NodeDbExports", () => {
  it.live("lists the current exports and streams typed rows of every export", () =>
    Effect.gen(function*() {
      const entries = yield* NodeDbExports.list
      const names = entries.map((e) => e.name)
      for (const name of ["posts", "tags", "tag_aliases", "tag_implications", "pools", "wiki_pages", "artists", "post_versions", "post_replacements", "bulk_update_requests"]) {
        assert.include(names, name)
      }
      assert.isTrue(entries.every((e) => e.system === "current"))
      const posts = yield* Stream.runCollect(NodeDbExports.stream("posts"))
      assert.strictEqual(posts.length, 400)
      const fake = yield* E621Fake.E621Fake
      const stored = (yield* fake.post(posts[0]!.id))!
      assert.strictEqual(posts[0]!.md5, stored.file.md5)
      assert.strictEqual(posts[0]!.rating, stored.rating)
      assert.strictEqual(typeof posts[0]!.is_deleted, "boolean")
      assert.match(posts[0]!.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
      assert.strictEqual(Date.parse(posts[0]!.created_at), Date.parse(stored.created_at))
      const withNewline = posts.find((p) => (p.source ?? "").includes("\n"))
      assert.isDefined(withNewline)
      const pools = yield* Stream.runCollect(NodeDbExports.stream("pools"))
      const firstPool = (yield* fake.pools)[0]!
      assert.deepStrictEqual(pools.find((p) => p.id === firstPool.id)!.post_ids, firstPool.post_ids)
      const implications = yield* Stream.runCollect(NodeDbExports.stream("tag_implications"))
      assert.isTrue(implications.every((i) => Array.isArray(i.descendant_names)))
      const wiki = yield* Stream.runCollect(NodeDbExports.stream("wiki_pages"))
      assert.isTrue(wiki.some((w) => w.body.includes("\"") && w.body.includes("\n")))
      const tags = yield* Stream.runCollect(NodeDbExports.stream("tags"))
      assert.isTrue(tags.some((t) => t.category === 1))
    }).pipe(Effect.provide(fakeLayer())))

  it.live("reports progress in compressed bytes of the file size", () =>
    Effect.gen(function*() {
      const entry = (yield* NodeDbExports.list).find((e) => e.name === "posts")!
      const seen: Array<readonly [number, number | undefined]> = []
      yield* Stream.runDrain(NodeDbExports.stream(entry, {
        onProgress: (read, total) => {
          seen.push([read, total])
        }
      }))
      assert.isAbove(seen.length, 0)
      assert.deepStrictEqual(seen.at(-1), [entry.size!, entry.size])
    }).pipe(Effect.provide(fakeLayer())))

  it.live("answers a tag query offline, as the API would", () =>
    Effect.gen(function*() {
      const query = "rating:s -young"
      const offline = yield* NodeDbExports.stream("posts").pipe(NodeDbExports.filter(query), Stream.map((r) => r.id), Stream.runCollect)
      const fake = yield* E621Fake.E621Fake
      const expected: Array<number> = []
      const matches = TagQuery.matcher(yield* TagQuery.parse(query))
      for (const id of yield* fake.postIds) {
        const post = (yield* fake.post(id))!
        if (matches(post)) expected.push(id)
      }
      assert.isAbove(offline.length, 10)
      assert.deepStrictEqual([...offline].sort((a, b) => a - b), expected)
    }).pipe(Effect.provide(fakeLayer())))

  it.live("toPost gives each row the preview and sample sizes e621 reports for its post", () =>
    Effect.gen(function*() {
      const rows = yield* Stream.runCollect(NodeDbExports.stream("posts"))
      const fake = yield* E621Fake.E621Fake
      let sampled = 0
      for (const row of rows) {
        const post = NodeDbExports.toPost(row)
        const stored = (yield* fake.post(row.id))!
        assert.deepStrictEqual(
          [post.preview.width, post.preview.height, post.sample.has, post.sample.width, post.sample.height],
          [stored.preview.width, stored.preview.height, stored.sample.has, stored.sample.width, stored.sample.height],
          `post ${row.id}`
        )
        if (post.sample.has) sampled++
      }
      assert.isAbove(sampled, 10)
      assert.isBelow(sampled, rows.length)
    }).pipe(Effect.provide(fakeLayer())))

  it.live("falls back to the legacy dated listing when /db_exports.json answers 404", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 120, seed: 4 })
      const inner = E621Fake.httpClient(fake)
      const legacyOnly = HttpClient.make((request, url) =>
        url.pathname === "/db_exports.json"
          ? Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{\"success\":false,\"reason\":\"not found\"}", { status: 404, headers: { "content-type": "application/json" } })))
          : inner.execute(request)
      )
      const client = E621Client.layer({ userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, legacyOnly))
      )
      const entries = yield* NodeDbExports.list.pipe(Effect.provide(client))
      assert.isTrue(entries.length >= 6)
      assert.isTrue(entries.every((e) => e.system === "legacy" && /^\d{4}-\d{2}-\d{2}$/.test(e.date!)))
      const posts = entries.find((e) => e.name === "posts")!
      assert.match(posts.fileName, /^posts-\d{4}-\d{2}-\d{2}\.csv\.gz$/)
      const rows = yield* Stream.runCollect(NodeDbExports.stream(posts)).pipe(Effect.provide(client))
      assert.strictEqual(rows.length, 120)
      assert.isFalse("bg_color" in rows[0]!)
      const tags = yield* Stream.runCollect(NodeDbExports.stream(entries.find((e) => e.name === "tags")!)).pipe(Effect.provide(client))
      assert.deepStrictEqual(Object.keys(tags[0]!).sort(), ["category", "id", "name", "post_count"])
    }))
})
