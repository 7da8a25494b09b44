import * as Posts from "@effect-e621/core/api/Posts"
import * as Uploads from "@effect-e621/core/api/Uploads"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const options = { posts: 500, seed: 31 }
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })
const anonymous = E621Fake.layer(options)

const bytes = (n: number) => Uint8Array.from({ length: 64 }, (_, i) => (i * 7 + n) % 256)

describe("Uploads", () => {
  it.effect("a file upload creates a pending post; the same bytes again are a duplicate naming the post", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const result = yield* Uploads.create({
        file: { data: bytes(1), filename: "art.png" },
        tags: ["solo", "canine"],
        rating: "s",
        sources: ["https://www.furaffinity.net/view/1/"],
        description: "hello"
      })
      assert.isTrue(result.success)
      assert.strictEqual(result.location, `/posts/${result.post_id}`)
      const post = yield* Posts.get(result.post_id)
      assert.deepStrictEqual([...post.tags.general, ...post.tags.species].sort(), ["canine", "solo"])
      assert.strictEqual(post.file.ext, "png")
      assert.isTrue(post.flags.pending)
      assert.strictEqual(post.uploader_id, E621Fake.TESTER.id)
      assert.deepStrictEqual(post.sources, ["https://www.furaffinity.net/view/1/"])
      assert.strictEqual((yield* fake.versions(result.post_id)).length, 1)
      const duplicate = yield* Effect.flip(Uploads.create({ file: { data: new Blob([bytes(1)]), filename: "again.png" }, rating: "q" }))
      assert.strictEqual(duplicate._tag, "E621ValidationFailed")
      if (duplicate._tag === "E621ValidationFailed") {
        assert.strictEqual(duplicate.status, 412)
        assert.deepStrictEqual(duplicate.errors.post_id, [String(result.post_id)])
        assert.include(duplicate.reason, "duplicate")
      }
    }).pipe(Effect.provide(member)))

  it.effect("a URL upload is sent as a form; a non-whitelisted URL is e621's 412 invalid", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const result = yield* Uploads.create({ url: "https://d.furaffinity.net/art/x/1.jpg", rating: "e", tags: "tagme" })
      assert.strictEqual((yield* fake.post(result.post_id))!.rating, "e")
      const sent = (yield* fake.requests)[0]!
      assert.strictEqual(sent.body?.["upload[direct_url]"], "https://d.furaffinity.net/art/x/1.jpg")
      assert.strictEqual(sent.body?.["upload[rating]"], "e")
      const invalid = yield* Effect.flip(Uploads.create({ url: "https://unknown.example.org/x.jpg", rating: "s" }))
      assert.strictEqual(invalid._tag, "E621ValidationFailed")
      assert.include(invalid._tag === "E621ValidationFailed" ? invalid.reason : "", "invalid: ")
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request: both or neither file/url, rating, 11 sources, long sources", () =>
    Effect.gen(function*() {
      const fields = [
        yield* Effect.flip(Uploads.create({ rating: "s" })),
        yield* Effect.flip(Uploads.create({ url: "https://e621.net/x.png", file: { data: bytes(2) }, rating: "s" })),
        yield* Effect.flip(Uploads.create({ url: "https://e621.net/x.png", rating: "x" as "s" })),
        yield* Effect.flip(Uploads.create({ url: "https://e621.net/x.png", rating: "s", sources: Array.from({ length: 11 }, (_, i) => `https://a.net/${i}`) })),
        yield* Effect.flip(Uploads.create({ url: "https://e621.net/x.png", rating: "s", sources: [`https://a.net/${"x".repeat(2049)}`] })),
        yield* Effect.flip(Uploads.create({ file: { data: new Uint8Array(0) }, rating: "s" }))
      ].map((e) => e._tag === "E621InvalidInput" ? e.field : e._tag)
      assert.deepStrictEqual(fields, ["file", "file", "rating", "sources", "sources[0]", "file"])
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(member)))

  it.effect("anonymous uploads are E621Forbidden", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Uploads.create({ url: "https://e621.net/x.png", rating: "s" }))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))
})
