import { E621Client, TagQuery } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { CsvParser, NodeDbExports } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Stream } from "effect"
import { TestClock } from "effect/testing"
import { HttpClient, HttpClientResponse } from "effect/http"
import * as Zlib from "node:zlib"

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

  it("a field or a record over its bound, or an unclosed quote, fails typed (it does not grow without end)", () =>
    Effect.gen(function*() {
      const chunks = (text: string) => Stream.fromIterable(text.match(/[\s\S]{1,7}/g)!)
      const cases = [
        ["id,body\n1,\"never closed " + "x".repeat(200), "field"],
        ["id,body\n1," + "y".repeat(200) + "\n", "field"],
        ["a,b,c,d\n" + Array.from({ length: 8 }, () => "z".repeat(90)).join(",") + "\n", "record"]
      ] as const
      for (const [text, what] of cases) {
        const error = yield* CsvParser.records(chunks(text), { maxField: 100, maxRecord: 500, url: "https://x.test/e.csv" }).pipe(
          Stream.runDrain,
          Effect.catchTag("E621InvalidInput", Effect.die),
          Effect.flip
        )
        assert.strictEqual(error._tag, "E621DecodeError")
        assert.include(error.issue, `a ${what} is over`)
        assert.include(error.issue, "record 2")
        assert.strictEqual(error.url, "https://x.test/e.csv")
      }
      const unclosed = yield* CsvParser.records(chunks("id,body\n1,\"no end")).pipe(
        Stream.runDrain,
        Effect.catchTag("E621InvalidInput", Effect.die),
        Effect.flip
      )
      assert.include(unclosed.issue, "record 2: the text ends inside a quoted field")
      // the defaults: 8 Mi characters per field
      const endless = Stream.concat(Stream.make("id,body\n1,\""), Stream.fromIterable(Array.from({ length: 64 }, () => "x".repeat(1 << 20))))
      const error = yield* CsvParser.records(endless).pipe(Stream.runDrain, Effect.catchTag("E621InvalidInput", Effect.die), Effect.flip)
      assert.include(error.issue, `a field is over ${CsvParser.defaultLimits.maxField}`)
    }).pipe(Effect.runPromise))

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
      const client = E621Client.layer({ host: "https://e621.test", userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
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

  /** A client whose every answer is `body` (a web stream built per request) with status 200. */
  const serving = (body: (url: URL) => ReadableStream<Uint8Array>) =>
    E621Client.layer({ host: "https://e621.test", userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
      Layer.provide(Layer.succeed(
        HttpClient.HttpClient,
        HttpClient.make((request, url) =>
          url.pathname === "/db_exports.json"
            ? Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{\"success\":false,\"reason\":\"not found\"}", { status: 404, headers: { "content-type": "application/json" } })))
            : Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body(url), { status: 200 })))
        )
      ))
    )

  it.live("a legacy listing that never ends fails typed at its 8 MiB bound, not with a RangeError", () =>
    Effect.gen(function*() {
      let sent = 0
      const line = new TextEncoder().encode("<a href=\"posts-2024-05-16.csv.gz\">posts-2024-05-16.csv.gz</a>  16-May-2024 07:00  123456\n".repeat(10_000))
      const error = yield* NodeDbExports.list.pipe(
        Effect.provide(serving(() =>
          new ReadableStream({
            pull(controller) {
              sent += line.length
              controller.enqueue(line)
            }
          }, { highWaterMark: 0 })
        )),
        Effect.flip
      )
      assert.strictEqual(error._tag, "E621DecodeError")
      assert.include(error.message, "listing is over")
      assert.isBelow(sent, 16 * 1024 * 1024, "stopped reading soon after the bound")
    }))

  it.live("an export whose quote never closes fails typed after the field bound, not after hundreds of MiB", () =>
    Effect.gen(function*() {
      const gz = Zlib.gzipSync(Buffer.concat([Buffer.from("id,description\n1,\""), Buffer.alloc(40 * 1024 * 1024, "x")]))
      const entry: NodeDbExports.Entry = {
        name: "posts", fileName: "posts.csv.gz", url: "https://static1.e621.net/db_exports/posts.csv.gz", size: gz.length,
        checksum: null, updatedAt: undefined, date: undefined, system: "current"
      }
      const error = yield* NodeDbExports.stream(entry).pipe(
        Stream.runDrain,
        Effect.provide(serving(() => new Response(gz).body!)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "E621DecodeError")
      assert.include(error.message, "a field is over")
    }))

  it.live("a gzip bomb (valid rows inflating ~1000×) fails typed at the inflation bound, not after gigabytes", () =>
    Effect.gen(function*() {
      const row = `1,${"y".repeat(1000)}\n`
      const gz = Zlib.gzipSync(Buffer.concat([Buffer.from("id,description\n"), Buffer.alloc(96 * 1024 * 1024, row)]), { level: 9 })
      const entry: NodeDbExports.Entry = {
        name: "bomb", fileName: "bomb.csv.gz", url: "https://static1.e621.net/db_exports/bomb.csv.gz", size: gz.length,
        checksum: null, updatedAt: undefined, date: undefined, system: "current"
      }
      let rows = 0
      const error = yield* NodeDbExports.records(entry).pipe(
        Stream.runForEach(() => Effect.sync(() => rows++)),
        Effect.provide(serving(() => new Response(gz).body!)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "E621DecodeError")
      assert.include(error.message, "gzip bomb")
      assert.isBelow(rows, 96 * 1024, "stopped before the end")
    }))

  /** Advances the `TestClock` a second at a time (letting real I/O run) until `effect` ends; its exit. */
  const advancing = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(effect)
      for (let i = 0; i < 120 && fiber.pollUnsafe() === undefined; i++) {
        yield* TestClock.adjust("1 second")
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
      }
      return yield* Fiber.await(fiber)
    })

  const timedOut = <A, E>(exit: Exit.Exit<A, E>) => {
    const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    const error = reason?._tag === "Fail" ? reason.error as { readonly _tag: string; readonly kind?: string } : undefined
    return error?._tag === "E621TransportError" && error.kind === "timeout"
  }

  it.effect("an export download that stalls, and a legacy listing that stalls, fail at the idle deadline", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const entry = (yield* NodeDbExports.list).find((e) => e.name === "posts")!
      yield* fake.failNext("stall")
      assert.isTrue(timedOut(yield* advancing(Stream.runDrain(NodeDbExports.stream(entry)))), "export")
      const stalled = serving(() => new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("<html><body><pre>")) }))
      assert.isTrue(timedOut(yield* advancing(NodeDbExports.list.pipe(Effect.provide(stalled)))), "legacy listing")
    }).pipe(Effect.provide(fakeLayer())))
})
