import * as PostReplacements from "@effect-e621/core/api/PostReplacements"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const options = { posts: 1_000, seed: 41 }
const admin = E621Fake.layer({ ...options, client: { credentials: { username: "admin", apiKey: "admin-api-key" } } })
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

describe("PostReplacements", () => {
  it.effect("search filters by status and post; rejected ones are hidden from others; stream", () =>
    Effect.gen(function*() {
      const originals = yield* PostReplacements.search({ status: "original" })
      assert.isAbove(originals.length, 0)
      assert.isTrue(originals.every((r) => r.status === "original" && r.sequence_number === 0))
      const forPost = yield* PostReplacements.search({ postId: originals[0]!.post_id })
      assert.isTrue(forPost.every((r) => r.post_id === originals[0]!.post_id))
      const all = yield* PostReplacements.stream({ pageSize: 20 }).pipe(Stream.runCollect)
      assert.isTrue(all.every((r) => r.status !== "rejected"))
      assert.isAtLeast(all.length, originals.length)
    }).pipe(Effect.provide(member)))

  it.effect("staff replace a file at once; a duplicate file is e621's 412; members outside the beta are forbidden", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const postId = ids[10]!
      const file = { data: Uint8Array.from([1, 2, 3, 4, 5]), filename: "better.png" }
      const result = yield* PostReplacements.create({ postId, file, reason: "Higher resolution" })
      assert.deepStrictEqual(result, { success: true, location: `/posts/${postId}` })
      const [created] = yield* PostReplacements.search({ postId, status: "approved" })
      assert.strictEqual(created!.md5, (yield* fake.post(postId))!.file.md5)
      const duplicate = yield* Effect.flip(PostReplacements.create({ postId, file, reason: "Again" }))
      assert.strictEqual(duplicate._tag, "E621ValidationFailed")
      const noReason = yield* Effect.flip(PostReplacements.create({ postId, url: "https://e621.net/a.png", reason: " " }))
      assert.strictEqual(noReason._tag === "E621InvalidInput" ? noReason.field : "", "reason")
    }).pipe(Effect.provide(admin)))

  it.effect("a member outside the replacements beta gets E621Forbidden", () =>
    Effect.gen(function*() {
      const ids = yield* (yield* E621Fake.E621Fake).postIds
      const error = yield* Effect.flip(PostReplacements.create({ postId: ids[0]!, url: "https://e621.net/a.png", reason: "Better" }))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))
})
