import * as PostFlags from "@effect-e621/core/api/PostFlags"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"

const options = { posts: 2_000, seed: 13 }
const anonymous = E621Fake.layer(options)
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

/** The newest `count` posts that can be flagged. */
const flaggable = (count: number) =>
  Effect.gen(function*() {
    const fake = yield* E621Fake.E621Fake
    const out: Array<number> = []
    for (const id of [...(yield* fake.postIds)].reverse()) {
      const post = (yield* fake.post(id))!
      if (!post.flags.flagged && !post.flags.deleted && !post.flags.status_locked) out.push(id)
      if (out.length === count) break
    }
    return out
  })

const unflagged = flaggable(3)

describe("PostFlags", () => {
  it.effect("search filters by type; get reads one; creators are hidden from anonymous viewers", () =>
    Effect.gen(function*() {
      const deletions = yield* PostFlags.search({ type: "deletion" })
      assert.isAbove(deletions.length, 0)
      assert.isTrue(deletions.every((f) => f.is_deletion && f.type === "deletion"))
      const flags = yield* PostFlags.search({ type: "flag" })
      assert.isAbove(flags.length, 0)
      assert.isTrue(flags.every((f) => !f.is_deletion && f.creator_id === undefined))
      const byId = yield* PostFlags.search({ id: flags[0]!.id, createdAt: flags[0]!.created_at.slice(0, 10) + ".." })
      assert.deepStrictEqual(byId.map((f) => f.id), [flags[0]!.id])
      const one = yield* PostFlags.get(flags[0]!.id)
      assert.strictEqual(one.post_id, flags[0]!.post_id)
      const missing = yield* Effect.flip(PostFlags.get(999_999))
      assert.strictEqual(missing._tag, "E621NotFound")
      const all = yield* PostFlags.stream({ pageSize: 10 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, deletions.length + flags.length)
      const strict = yield* Effect.flip(PostFlags.search({ postTagsMatch: "solo" }))
      assert.strictEqual(strict._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("create flags a post; a reason needing a parent needs parentId before sending", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [a, b] = yield* unflagged
      const noParent = yield* Effect.flip(PostFlags.create({ postId: a!, reasonName: "inferior" }))
      assert.strictEqual(noParent._tag === "E621InvalidInput" ? noParent.field : "", "parentId")
      const noNote = yield* Effect.flip(PostFlags.create({ postId: a!, reasonName: "trace" }))
      assert.strictEqual(noNote._tag === "E621InvalidInput" ? noNote.field : "", "note")
      assert.strictEqual((yield* fake.requests).length, 0)
      const flag = yield* PostFlags.create({ postId: a!, reasonName: "inferior", parentId: b! })
      assert.strictEqual(flag.post_id, a)
      assert.strictEqual(flag.creator_id, E621Fake.TESTER.id)
      assert.strictEqual(flag.reason_name, "inferior")
      assert.strictEqual((yield* fake.post(a!))!.flags.flagged, true)
      assert.strictEqual((yield* fake.post(a!))!.relationships.parent_id, b)
      const sent = (yield* fake.requests)[0]!
      assert.strictEqual(sent.body?.["post_flag[parent_id]"], String(b))
      const again = yield* Effect.flip(PostFlags.create({ postId: a!, reasonName: "real_porn" }))
      assert.strictEqual(again._tag, "E621ValidationFailed")
      const mine = yield* PostFlags.search({ creatorName: "tester" })
      assert.deepStrictEqual(mine.map((f) => f.post_id), [a])
    }).pipe(Effect.provide(member)))

  it.effect("anonymous create is E621Forbidden", () =>
    Effect.gen(function*() {
      const [a] = yield* unflagged
      const error = yield* Effect.flip(PostFlags.create({ postId: a!, reasonName: "real_porn" }))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))
})

describe("PostFlags search keys", () => {
  it.effect("postId takes an id or a list, not a range (e621 splits on commas only)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(PostFlags.search({ postId: "5..10" as unknown as number }))
      assert.strictEqual(error._tag, "E621InvalidInput")
      const fake = yield* E621Fake.E621Fake
      yield* PostFlags.search({ postId: [1, 2, 3] })
      const [request] = yield* fake.requests
      assert.strictEqual(request!.query["search[post_id]"], "1,2,3")
    }).pipe(Effect.provide(E621Fake.layer({ posts: 20 }))))

  it.effect("e621's hourly flag limit: the 21st flag in an hour is refused (creator error)", () =>
    Effect.gen(function*() {
      const open = yield* flaggable(22)
      for (const id of open.slice(0, 20)) yield* PostFlags.create({ postId: id, reasonName: "real_porn" })
      const refused = yield* Effect.flip(PostFlags.create({ postId: open[20]!, reasonName: "real_porn" }))
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors["creator"] : [], ["reached the hourly limit for this action"])
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* PostFlags.create({ postId: open[21]!, reasonName: "real_porn" })).post_id, open[21])
    }).pipe(Effect.provide(member)))
})
