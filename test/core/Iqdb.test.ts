import * as Iqdb from "@effect-e621/core/api/Iqdb"
import * as Uploads from "@effect-e621/core/api/Uploads"
import * as IqdbMatch from "@effect-e621/core/schemas/IqdbMatch"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"

const options = { posts: 600, seed: 19 }
const anonymous = E621Fake.layer(options)
const v2 = E621Fake.layer({ ...options, client: { postFormat: "v2" } })
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

describe("Iqdb", () => {
  it.effect("by post: the post itself first, then tag-similar posts; the doubly wrapped raw post decodes", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const postId = ids[300]!
      const matches = yield* Iqdb.byPost(postId, { scoreCutoff: 20 })
      assert.strictEqual(matches[0]!.post_id, postId)
      assert.strictEqual(matches[0]!.score, 100)
      assert.strictEqual(matches[0]!.post.id, postId)
      assert.strictEqual(matches[0]!.post.file.md5, (yield* fake.post(postId))!.file.md5)
      assert.isAbove(matches.length, 1)
      const scores = matches.map((m) => m.score)
      assert.deepStrictEqual(scores, [...scores].sort((a, b) => b - a))
      assert.deepStrictEqual((yield* Iqdb.byPost(postId, { scoreCutoff: 20 })).map((m) => m.post_id), matches.map((m) => m.post_id))
      const request = (yield* fake.requests)[0]!
      assert.strictEqual(request.query.post_id, String(postId))
      assert.strictEqual(request.query.score_cutoff, "20")
    }).pipe(Effect.provide(anonymous)))

  it.effect("by hash and by URL; [] when nothing matches", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const md5 = (yield* fake.post(ids[5]!))!.file.md5
      const byHash = yield* Iqdb.byHash(md5)
      assert.strictEqual(byHash[0]!.post_id, ids[5])
      const byUrl = yield* Iqdb.byUrl("https://d.furaffinity.net/art/a/1.png", { scoreCutoff: 90 })
      assert.isAtLeast(byUrl.length, 1)
      assert.deepStrictEqual(yield* Iqdb.search({ postId: 2_000_000_000 }), [])
      const bad = yield* Effect.flip(Iqdb.byHash("xyz"))
      assert.strictEqual(bad._tag === "E621InvalidInput" ? bad.field : "", "hash")
      const cutoff = yield* Effect.flip(Iqdb.byPost(ids[0]!, { scoreCutoff: 101 }))
      assert.strictEqual(cutoff._tag, "E621InvalidInput")
      assert.strictEqual((yield* fake.requests).length, 3)
    }).pipe(Effect.provide(anonymous)))

  it.effect("by file finds an uploaded post (multipart POST)", () =>
    Effect.gen(function*() {
      const data = Uint8Array.from([9, 8, 7, 6, 5, 4])
      const uploaded = yield* Uploads.create({ file: { data, filename: "x.jpg" }, rating: "s", tags: "solo" })
      const matches = yield* Iqdb.byFile({ data, filename: "x.jpg" })
      assert.strictEqual(matches[0]!.post_id, uploaded.post_id)
      const request = (yield* (yield* E621Fake.E621Fake).requests).at(-1)!
      assert.strictEqual(request.method, "POST")
      assert.match(request.body?.file ?? "", /^file:x\.jpg:6:/)
    }).pipe(Effect.provide(member)))

  it.effect("the v2 form decodes to the same posts", () =>
    Effect.gen(function*() {
      const ids = yield* (yield* E621Fake.E621Fake).postIds
      const matches = yield* Iqdb.byPost(ids[300]!, { scoreCutoff: 20 })
      assert.strictEqual(matches[0]!.post.id, ids[300])
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests)[0]!.query.v2, "true")
    }).pipe(Effect.provide(v2)))

  it("a legacy answer with a full post decodes too", () => {
    const decoded = Schema.decodeUnknownSync(IqdbMatch.IqdbMatchJson)({ post_id: 1, score: 88.5, post: { posts: rawPost } })
    assert.strictEqual(IqdbMatch.fromJson(decoded).post.id, 1)
    assert.strictEqual(IqdbMatch.fromJson(decoded).post.duration, 12.5)
  })
})

const rawPost = {
  id: 1, created_at: "2020-01-01T00:00:00.000-05:00", updated_at: null, up_score: 5, down_score: -1, score: 4,
  source: "https://a.net/1\nhttps://b.net/2", md5: "0123456789abcdef0123456789abcdef", rating: "s", is_note_locked: false,
  is_rating_locked: false, is_status_locked: false, is_pending: false, is_flagged: false, is_deleted: false,
  uploader_id: 9, approver_id: null, last_noted_at: null, fav_count: 3, tag_string: "a b", file_ext: "webm",
  file_size: 100, image_width: 640, image_height: 360, parent_id: null, has_children: false, has_active_children: false,
  locked_tags: null, description: "", comment_count: 0, change_seq: 5, duration: "12.5", bit_flags: 0
}
