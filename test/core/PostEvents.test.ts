import * as PostEvents from "@effect-e621/core/api/PostEvents"
import * as PostEvent from "@effect-e621/core/schemas/PostEvent"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"

const layer = E621Fake.layer({ posts: 1_500, seed: 17 })

describe("PostEvents", () => {
  it.effect("search filters by action; flaggers are hidden; stream pages with cursors", () =>
    Effect.gen(function*() {
      const deleted = yield* PostEvents.search({ action: "deleted" })
      assert.isAbove(deleted.length, 0)
      assert.isTrue(deleted.every((e) => e.action === "deleted"))
      const flags = yield* PostEvents.search({ action: "flag_created" })
      assert.isTrue(flags.every((e) => e.creator_id === null))
      const one = yield* PostEvents.search({ postId: deleted[0]!.post_id })
      assert.isTrue(one.some((e) => e.id === deleted[0]!.id))
      const all = yield* PostEvents.stream({ pageSize: 50 }).pipe(Stream.runCollect)
      assert.isAtLeast(all.length, deleted.length + flags.length)
      const locked = yield* Effect.flip(PostEvents.search({ action: "comment_locked" }))
      assert.strictEqual(locked._tag, "E621Forbidden")
      const bad = yield* Effect.flip(PostEvents.search({ action: "nope" as PostEvent.Action }))
      assert.strictEqual(bad._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))

  it("the legacy wrapper and the v2 bare array decode alike", () => {
    const event = { id: 1, post_id: 2, action: "approved", created_at: "2026-01-01T00:00:00.000Z", creator_id: 3 }
    const decode = Schema.decodeUnknownSync(Schema.Array(PostEvent.PostEvent))
    assert.deepStrictEqual(decode([event]), [event])
    assert.deepStrictEqual(decode({ post_events: [event] }.post_events), [event])
  })
})

describe("PostEvents search keys", () => {
  it.effect("postId is one post: lists and ranges are refused before sending (e621 would read only the first number)", () =>
    Effect.gen(function*() {
      for (const postId of ["5..10", "1,2"]) {
        const error = yield* Effect.flip(PostEvents.search({ postId: postId as unknown as number }))
        assert.strictEqual(error._tag, "E621InvalidInput")
        assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : "", "search.postId")
      }
    }).pipe(Effect.provide(E621Fake.layer({ posts: 20 }))))
})
