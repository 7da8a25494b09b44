import * as Posts from "@effect-e621/core/api/Posts"
import * as PostVersions from "@effect-e621/core/api/PostVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"

const options = { posts: 800, seed: 23 }
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })
const anonymous = E621Fake.layer(options)

describe("PostVersions", () => {
  it.effect("search serves seeded uploads and recorded edits; filters by post and added tags", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const postId = ids[ids.length - 1]!
      yield* Posts.update(postId, { tags: { add: ["version_test_tag"] } })
      const versions = yield* PostVersions.search({ postId })
      assert.deepStrictEqual(versions.map((v) => v.version), [2, 1])
      assert.deepStrictEqual(versions[0]!.added_tags, ["version_test_tag"])
      const added = yield* PostVersions.search({ tagsAdded: "version_test_tag" })
      assert.deepStrictEqual(added.map((v) => v.id), [versions[0]!.id])
      // e621 reads any parent_id_changed value as "changed to a parent", so only `true` is sent
      const falseChanged = yield* Effect.flip(PostVersions.search({ parentIdChanged: false as unknown as true }))
      assert.strictEqual(falseChanged._tag, "E621InvalidInput")
      const reparented = yield* PostVersions.search({ parentIdChanged: true, limit: 50 })
      assert.isTrue(reparented.every((v) => v.parent_id !== null))
      const uploads = yield* PostVersions.search({ uploads: "only", limit: 50 })
      assert.isTrue(uploads.length > 0 && uploads.every((v) => v.version === 1))
    }).pipe(Effect.provide(member)))

  it.effect("numbered pages stop at min(750, 10000 / limit) before any request; stream uses cursors", () =>
    Effect.gen(function*() {
      assert.strictEqual(PostVersions.lastPage(75), 133)
      assert.strictEqual(PostVersions.lastPage(10), 750)
      const error = yield* Effect.flip(PostVersions.search({ limit: 100, page: 101 }))
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : "", "page")
      const fake = yield* E621Fake.E621Fake
      assert.strictEqual((yield* fake.requests).length, 0)
      yield* PostVersions.search({ limit: 100, page: 100 })
      const all = yield* PostVersions.stream({ pageSize: 30, order: "id_asc" }).pipe(Stream.map((v) => v.id), Stream.runCollect)
      assert.isAbove(all.length, 100)
      assert.deepStrictEqual([...all], [...all].sort((a, b) => b - a))
      assert.isTrue((yield* fake.requests).slice(1).every((r) => r.query.page?.startsWith("b") === true))
    }).pipe(Effect.provide(anonymous)))

  it.effect("undo reverses an edit; version 1 cannot be undone; anonymous undo is forbidden", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const postId = ids[ids.length - 2]!
      yield* Posts.update(postId, { tags: { add: ["undo_me"] } })
      const [latest, first] = yield* PostVersions.search({ postId })
      yield* PostVersions.undo(latest!.id)
      const post = (yield* fake.post(postId))!
      assert.isFalse(post.tags.general.includes("undo_me"))
      const history = yield* fake.versions(postId)
      assert.strictEqual(history.at(-1)!.reason, "Undo of version 2")
      const error = yield* Effect.flip(PostVersions.undo(first!.id))
      assert.strictEqual(error._tag, "E621ValidationFailed")
    }).pipe(Effect.provide(member)))

  it.effect("anonymous undo is E621Forbidden", () =>
    Effect.gen(function*() {
      const [version] = yield* PostVersions.search({ limit: 1 })
      const error = yield* Effect.flip(PostVersions.undo(version!.id))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("e621's hourly post-edit limit: after 150 edits in an hour, edits, reverts and undos are refused with 403", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      // 50 a minute: under e621's write throttle (60 a minute), so the client never paces them
      const edits = (from: number) =>
        Effect.gen(function*() {
          for (let i = from; i < from + 50; i++) yield* Posts.update(ids[i % 10]!, { description: `edit ${i}` })
          yield* TestClock.adjust("1 minute")
        })
      for (const from of [0, 50, 100]) yield* edits(from)
      const refused = yield* Effect.flip(Posts.update(ids[0]!, { description: "one too many" }))
      assert.strictEqual(refused._tag, "E621Forbidden")
      assert.include(refused.message, "Updater reached the hourly limit for this action")
      const [version] = yield* PostVersions.search({ postId: ids[0]!, limit: 1 })
      assert.strictEqual((yield* Effect.flip(Posts.revert(ids[0]!, version!.id)))._tag, "E621Forbidden")
      assert.strictEqual((yield* Effect.flip(PostVersions.undo(version!.id)))._tag, "E621Forbidden")
      yield* TestClock.adjust("1 hour")
      const after = yield* Posts.update(ids[0]!, { description: "an hour later" })
      assert.strictEqual(after.description, "an hour later")
    }).pipe(Effect.provide(member)))

  it.effect("Privileged accounts are exempt from the post-edit limit", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [id] = yield* fake.postIds
      for (let i = 0; i < 160; i++) {
        yield* Posts.update(id!, { description: `edit ${i}` })
        if (i % 50 === 49) yield* TestClock.adjust("1 minute")
      }
      assert.strictEqual((yield* Posts.get(id!)).description, "edit 159")
    }).pipe(Effect.provide(
      E621Fake.layer({ ...options, client: { credentials: { username: E621Fake.PRIVILEGED.name, apiKey: E621Fake.PRIVILEGED.apiKey } } })
    )))
})
