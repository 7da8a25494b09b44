import { E621Client, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Downloads } from "@effect-e621/platform-node"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Stream } from "effect"
import { TestClock } from "effect/testing"
import { HttpClient, HttpClientResponse } from "effect/http"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"

const tempDir = () => Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "e621-downloads-"))
const md5 = (file: string) => Crypto.createHash("md5").update(Fs.readFileSync(file)).digest("hex")
const listFiles = (dir: string): Array<string> =>
  Fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => NodePath.relative(dir, NodePath.join(entry.parentPath, entry.name)))
    .sort()

const fake = (options: E621Fake.Options = {}) =>
  Layer.mergeAll(E621Fake.layer({ posts: 300, seed: 11, files: true, ...options }), NodeServices.layer)

const fileRequests = (log: ReadonlyArray<E621Fake.RecordedRequest>) => log.filter((r) => r.path.startsWith("/data/"))

describe("Downloads", () => {
  it.live("downloads posts atomically, verifies md5s and names files from a template", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const outcomes = yield* Downloads.all(Posts.stream({ tags: "-status:deleted" }).pipe(Stream.take(12)), dir, {
        filename: "{rating}/{id}_{md5}.{ext}",
        concurrency: 3
      }).pipe(Stream.runCollect)
      assert.strictEqual(outcomes.length, 12)
      for (const outcome of outcomes) {
        assert.strictEqual(outcome._tag, "Downloaded")
        if (outcome._tag !== "Downloaded") continue
        assert.strictEqual(md5(outcome.path), outcome.post.file.md5)
        assert.strictEqual(
          NodePath.relative(dir, outcome.path),
          `${outcome.post.rating}/${outcome.post.id}_${outcome.post.file.md5}.${outcome.post.file.ext}`
        )
        assert.strictEqual(outcome.bytes, outcome.post.file.size)
      }
      assert.isFalse(listFiles(dir).some((f) => f.endsWith(".part")))
    }).pipe(Effect.provide(fake())))

  it.live("skips files already present with the right md5 without fetching them, and re-fetches bad ones", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const service = yield* E621Fake.E621Fake
      const posts = Posts.stream({ tags: "-status:deleted" }).pipe(Stream.take(6))
      yield* Downloads.all(posts, dir).pipe(Stream.runDrain)
      const [first] = listFiles(dir)
      Fs.writeFileSync(NodePath.join(dir, first!), "corrupted")
      yield* service.clearRequests
      const again = yield* Downloads.all(posts, dir).pipe(Stream.runCollect)
      assert.deepStrictEqual(again.map((o) => o._tag).sort(), ["Downloaded", "Skipped", "Skipped", "Skipped", "Skipped", "Skipped"])
      assert.strictEqual(fileRequests(yield* service.requests).length, 1)
      const redone = again.find((o) => o._tag === "Downloaded")!
      assert.strictEqual(redone._tag === "Downloaded" && md5(redone.path), redone.post.file.md5)
    }).pipe(Effect.provide(fake())))

  it.live("reports posts without a URL with the reason instead of failing", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const deleted = yield* Posts.search({ tags: "status:deleted", limit: 3 })
      assert.isAbove(deleted.length, 0)
      const outcomes = yield* Downloads.all(Stream.fromIterable(deleted), dir).pipe(Stream.runCollect)
      for (const outcome of outcomes) {
        assert.deepStrictEqual(outcome._tag === "Unavailable" ? outcome.reason : outcome._tag, "deleted")
      }
      const failure = yield* Stream.runDrain(Posts.download(deleted[0]!)).pipe(Effect.flip)
      assert.strictEqual(failure._tag, "E621InvalidInput")
      assert.include(failure.message, "deleted")
      assert.deepStrictEqual(listFiles(dir), [])
    }).pipe(Effect.provide(fake())))

  it.live("never leaves a file with the wrong md5 under the final name", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const [post] = yield* Posts.search({ tags: "-status:deleted", limit: 1 })
      const lying = { ...post!, file: { ...post!.file, md5: "0".repeat(32) } }
      const outcome = yield* Downloads.toFile(lying, dir, { retries: 1 }).pipe(Effect.flip)
      assert.strictEqual(outcome._tag, "E621TransportError")
      assert.include(outcome.message, "md5")
      assert.deepStrictEqual(listFiles(dir), [])
      const service = yield* E621Fake.E621Fake
      assert.strictEqual(fileRequests(yield* service.requests).length, 2)
    }).pipe(Effect.provide(fake())))

  it.live("an interrupted download leaves no partial file under the final name (nor a temporary one)", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const started = yield* Deferred.make<void>()
      const post = (yield* Effect.provide(Posts.search({ limit: 1, tags: "-status:deleted" }), fake()))[0]!
      // A static host that sends the first bytes of the file, then stalls forever.
      const stalling = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, new Response(new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(4096).fill(7))
          }
        }), { status: 200, headers: { "content-length": "100000" } })))
      )
      const client = E621Client.layer({ host: "https://e621.test", userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, stalling))
      )
      const fiber = yield* Downloads.toFile(post, dir, { onBytes: () => Deferred.doneUnsafe(started, Effect.void) }).pipe(
        Effect.provide([client, NodeServices.layer]),
        Effect.forkChild
      )
      yield* Deferred.await(started)
      assert.strictEqual(listFiles(dir).length, 1)
      assert.match(listFiles(dir)[0]!, /^\..*\.part$/)
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(listFiles(dir), [])
    }))

  it.live("downloads a pool in reading order", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const service = yield* E621Fake.E621Fake
      const pools = yield* service.pools
      const pool = pools.find((p) => p.post_ids.length >= 3)!
      const outcomes = yield* Downloads.pool(pool.id, dir).pipe(Stream.runCollect)
      const written = outcomes.filter((o) => o._tag === "Downloaded" || o._tag === "Unavailable")
      assert.strictEqual(written.length, pool.post_ids.length)
      const names = listFiles(dir)
      const expected = pool.post_ids
        .map((id, index) => ({ id, index, outcome: outcomes.find((o) => o.post.id === id) }))
        .filter((e) => e.outcome?._tag === "Downloaded")
        .map((e) => `${String(e.index + 1).padStart(3, "0")}_${e.id}.${e.outcome!.post.file.ext}`)
      assert.deepStrictEqual(names, expected)
    }).pipe(Effect.provide(fake())))

  it.live("file requests carry the User-Agent, never the credentials, and use their own limiter bucket", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const seen: Array<{ url: string; auth: string | undefined; ua: string | undefined }> = []
      const service = yield* E621Fake.make({ posts: 100, seed: 2, files: true })
      const http = HttpClient.tapRequest(E621Fake.httpClient(service), (request) =>
        Effect.sync(() => seen.push({ url: request.url, auth: request.headers.authorization, ua: request.headers["user-agent"] })))
      const client = E621Client.layer({
        userAgent: E621Fake.userAgent,
        credentials: E621Fake.testerCredentials,
        rateLimit: { limit: 1, window: "1 minute" },
        filesRateLimit: { limit: 50, window: "1 second" }
      }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))
      const outcomes = yield* Downloads.all(Posts.stream({ tags: "-status:deleted", pageSize: 10 }).pipe(Stream.take(5)), dir).pipe(
        Stream.runCollect,
        Effect.provide([client, NodeServices.layer])
      )
      assert.deepStrictEqual(outcomes.map((o) => o._tag), Array(5).fill("Downloaded"))
      const api = seen.filter((s) => s.url.includes("/posts.json"))
      const files = seen.filter((s) => s.url.startsWith("https://static1.e621.net/data/"))
      assert.strictEqual(files.length, 5)
      assert.isTrue(api.every((s) => s.auth?.startsWith("Basic ") === true))
      assert.isTrue(files.every((s) => s.auth === undefined && s.ua === E621Fake.userAgent))
    }))

  it.effect("rejects unknown placeholders before any request", () =>
    Effect.gen(function*() {
      const error = yield* Downloads.validateTemplate("{id}.{nope}").pipe(Effect.flip)
      assert.strictEqual(error.field, "filename")
      const escape = yield* Downloads.validateTemplate("../{id}.{ext}").pipe(Effect.flip)
      assert.strictEqual(escape.field, "filename")
    }))

  const utf8 = (text: string) => Buffer.byteLength(text, "utf8")

  it.live("cuts names at 255 bytes per component, not 120 characters, without breaking a character", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const posts = yield* Posts.search({ tags: "-status:deleted", limit: 3 })
      const artists = ["狐".repeat(100), "👨‍👩‍👧".repeat(40), "é".repeat(300)]
      const renamed = posts.map((post, i) => ({ ...post, tags: { ...post.tags, artist: [artists[i]!] } }))
      const outcomes = yield* Downloads.all(Stream.fromIterable(renamed), dir, { filename: "{artist}/{artist}_{id}.{ext}" }).pipe(
        Stream.runCollect
      )
      assert.deepStrictEqual(outcomes.map((o) => o._tag), ["Downloaded", "Downloaded", "Downloaded"])
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome._tag !== "Downloaded") continue
        const [folder, name] = NodePath.relative(dir, outcome.path).split(NodePath.sep)
        for (const component of [folder!, name!]) assert.isAtMost(utf8(component), 240, component)
        assert.isAbove(utf8(name!), 200, "the room is used")
        assert.isTrue(name!.endsWith(`_${outcome.post.id}.${outcome.post.file.ext}`), "id and extension survive")
        assert.isTrue(artists[i]!.startsWith(folder!), "cut on a boundary of the original")
        const unit = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(artists[i]!)][0]!.segment
        assert.strictEqual(folder!.replaceAll(unit, ""), "", "whole graphemes only")
      }
      // a template whose literal text alone cannot fit is refused before any request
      const error = yield* Downloads.validateTemplate("x".repeat(300) + "{id}").pipe(Effect.flip)
      assert.strictEqual(error.field, "filename")
    }).pipe(Effect.provide(fake())))

  it.live("one file the disk refuses is reported Failed and the rest of the batch goes on; failFast stops at it", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const posts = yield* Posts.search({ tags: "-status:deleted", limit: 12 })
      const ratings = new Set(posts.map((p) => p.rating))
      assert.isAbove(ratings.size, 1, "several ratings")
      const blocked = posts[0]!.rating
      Fs.writeFileSync(NodePath.join(dir, blocked), "a file where a directory is needed")
      const outcomes = yield* Downloads.all(Stream.fromIterable(posts), dir, { filename: "{rating}/{id}.{ext}", concurrency: 3 }).pipe(
        Stream.runCollect
      )
      assert.strictEqual(outcomes.length, posts.length)
      for (const outcome of outcomes) {
        if (outcome.post.rating === blocked) {
          assert.strictEqual(outcome._tag, "Failed")
          assert.strictEqual(outcome._tag === "Failed" && outcome.error._tag, "PlatformError")
        } else {
          assert.strictEqual(outcome._tag, "Downloaded")
        }
      }
      const stopped = yield* Downloads.all(Stream.fromIterable(posts), tempDir(), { filename: "/{id}" }).pipe(Stream.runCollect, Effect.flip)
      assert.strictEqual(stopped._tag, "E621InvalidInput", "a bad template still ends the batch")
      const failFast = yield* Downloads.all(Stream.fromIterable(posts), dir, { filename: "{rating}/{id}.{ext}", failFast: true }).pipe(
        Stream.runCollect,
        Effect.flip
      )
      assert.strictEqual(failFast._tag, "PlatformError")
      assert.isFalse(listFiles(dir).some((f) => f.endsWith(".part")))
    }).pipe(Effect.provide(fake())))

  it.effect("a stalled file fails at its idle deadline as E621TransportError, leaves no .part and does not hold up the batch", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const service = yield* E621Fake.E621Fake
      const posts = yield* Posts.search({ tags: "-status:deleted", limit: 4 })
      yield* service.failNext("stall")
      const done: Array<number> = []
      const fiber = yield* Downloads.all(Stream.fromIterable(posts), dir, { concurrency: 4, retries: 0 }).pipe(
        Stream.tap((outcome) => Effect.sync(() => done.push(outcome.post.id))),
        Stream.runCollect,
        Effect.forkChild
      )
      // the three other files complete while the stalled one waits (no virtual time passes)
      for (let i = 0; i < 200 && listFiles(dir).filter((f) => !f.endsWith(".part")).length < 3; i++) {
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
      }
      assert.strictEqual(listFiles(dir).filter((f) => !f.endsWith(".part")).length, 3)
      for (let i = 0; i < 60 && fiber.pollUnsafe() === undefined; i++) {
        yield* TestClock.adjust("1 second")
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
      }
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isSuccess(exit))
      const outcomes = Exit.isSuccess(exit) ? exit.value : []
      assert.deepStrictEqual(outcomes.map((o) => o._tag).sort(), ["Downloaded", "Downloaded", "Downloaded", "Failed"])
      const failed = outcomes.find((o) => o._tag === "Failed")
      assert.strictEqual(failed?._tag === "Failed" && failed.error._tag, "E621TransportError")
      assert.strictEqual(failed?._tag === "Failed" && failed.error._tag === "E621TransportError" && failed.error.kind, "timeout")
      assert.isFalse(listFiles(dir).some((f) => f.endsWith(".part")), "no temporary file is left")
    }).pipe(Effect.provide(fake())))
})
