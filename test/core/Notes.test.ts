import { E621Client } from "@effect-e621/core"
import * as Notes from "@effect-e621/core/api/Notes"
import * as NoteVersions from "@effect-e621/core/api/NoteVersions"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { anonymous, as, member, requests } from "./communityFake.ts"

/** A post of the fake big enough to hold a 50×50 note at (10, 10), and not note-locked. */
const roomyPost = Effect.gen(function*() {
  const fake = yield* E621Fake.E621Fake
  for (const id of yield* fake.postIds) {
    const post = (yield* fake.post(id))!
    if (post.file.width > 100 && post.file.height > 100 && !post.flags.note_locked) return post
  }
  return yield* Effect.die("no post")
})

describe("Notes", () => {
  it.effect("search filters by post and active state; strict keys; stream walks every note", () =>
    Effect.gen(function*() {
      const all = yield* Notes.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      const postId = all[0]!.post_id
      const onPost = yield* Notes.search({ postId, isActive: true })
      assert.isTrue(onPost.every((n) => n.post_id === postId && n.is_active))
      const [, request] = yield* requests
      assert.strictEqual(request!.query["search[post_id]"], String(postId))
      assert.strictEqual(request!.query["search[is_active]"], "true")
      const streamed = yield* Notes.stream({ pageSize: 9 }).pipe(Stream.map((n) => n.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((n) => n.id))
      const memberOnly = yield* Effect.flip(Notes.search({ postTagsMatch: "rating:s" }))
      assert.strictEqual(memberOnly._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("get returns one note with its creator's name", () =>
    Effect.gen(function*() {
      const [first] = yield* Notes.search({ limit: 1 })
      const note = yield* Notes.get(first!.id)
      assert.deepStrictEqual(note, first)
      assert.isString(note.creator_name)
      const missing = yield* Effect.flip(Notes.get(1))
      assert.strictEqual(missing._tag, "E621NotFound")
    }).pipe(Effect.provide(anonymous)))

  it.effect("create decodes the note from e621's JSON string; outside the image is a 422 with reasons", () =>
    Effect.gen(function*() {
      const post = yield* roomyPost
      const note = yield* Notes.create({ postId: post.id, x: 10, y: 10, width: 50, height: 50, body: "Translation" })
      assert.strictEqual(note.post_id, post.id)
      assert.strictEqual(note.body, "Translation")
      assert.strictEqual(note.version, 1)
      assert.strictEqual((yield* Notes.get(note.id)).body, "Translation")
      const outside = yield* Effect.flip(
        Notes.create({ postId: post.id, x: post.file.width, y: 0, width: 50, height: 50, body: "Off the edge" })
      )
      assert.strictEqual(outside._tag, "E621ValidationFailed")
      assert.deepStrictEqual(outside._tag === "E621ValidationFailed" ? outside.errors.base : [], ["Note must be inside the image"])
      const anon = yield* Effect.flip(as("anonymous")(Notes.create({ postId: post.id, x: 1, y: 1, width: 5, height: 5, body: "x" })))
      assert.strictEqual(anon._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("update, delete and revert keep a version history", () =>
    Effect.gen(function*() {
      const post = yield* roomyPost
      const note = yield* Notes.create({ postId: post.id, x: 10, y: 10, width: 40, height: 40, body: "First" })
      const moved = yield* Notes.update(note.id, { x: 20, body: "Second" })
      assert.strictEqual(moved.x, 20)
      assert.strictEqual(moved.body, "Second")
      yield* Notes.delete(note.id)
      assert.isFalse((yield* Notes.get(note.id)).is_active)
      const versions = yield* NoteVersions.search({ noteId: note.id })
      assert.deepStrictEqual(versions.map((v) => v.version), [3, 2, 1])
      yield* Notes.revert(note.id, versions[2]!.id)
      const reverted = yield* Notes.get(note.id)
      assert.strictEqual(reverted.body, "First")
      assert.isTrue(reverted.is_active)
      const [other] = yield* Notes.search({ limit: 1, id: `<${note.id}` })
      const foreign = yield* Effect.flip(Notes.revert(note.id, (yield* NoteVersions.search({ noteId: other!.id }))[0]!.id))
      assert.strictEqual(foreign._tag, "E621NotFound")
      const log = yield* requests
      assert.deepStrictEqual(log.filter((r) => r.method !== "GET").map((r) => [r.method, r.status]), [
        ["POST", 200], ["PATCH", 200], ["DELETE", 204], ["PUT", 204], ["PUT", 404]
      ])
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Notes.create({ postId: 1, x: -1, y: 0, width: 5, height: 5, body: "x" })),
        yield* Effect.flip(Notes.create({ postId: 1, x: 0, y: 0, width: 5, height: 5, body: " " })),
        yield* Effect.flip(Notes.update(1, {})),
        yield* Effect.flip(Notes.revert(1, 0)),
        yield* Effect.flip(Notes.search({ page: 751 }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(5).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(member)))
})

describe("NoteVersions", () => {
  it.effect("search by updater, stream every version, order is refused (strict)", () =>
    Effect.gen(function*() {
      const page = yield* NoteVersions.search({ updaterName: "tester", limit: 100 })
      assert.isAbove(page.length, 0)
      assert.isTrue(page.every((v) => v.updater_id === 4))
      const all = yield* NoteVersions.search({ limit: 320 })
      const streamed = yield* NoteVersions.stream({ pageSize: 25 }).pipe(Stream.runCollect)
      assert.deepStrictEqual([...streamed].map((v) => v.id), all.map((v) => v.id))
      const refused = yield* Effect.flip(NoteVersions.search({ order: "id_asc" } as NoteVersions.NoteVersionSearch))
      assert.strictEqual(refused._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests)[0]!.query["search[updater_name]"], "tester")
    }).pipe(Effect.provide(anonymous)))

  it.effect("e621's hourly note limit: after 50 note versions in an hour, creating or editing a note is refused", () =>
    Effect.gen(function*() {
      const post = yield* roomyPost
      const create = (i: number) => Notes.create({ postId: post.id, x: 10, y: 10, width: 20, height: 20, body: `note ${i}` })
      const first = yield* create(0)
      for (let i = 1; i < 50; i++) {
        yield* create(i)
        if (i % 40 === 0) yield* TestClock.adjust("1 minute") // stay under the write throttle, inside the hour
      }
      const refused = yield* Effect.flip(create(50))
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors.base : [], ["User reached the hourly limit for this action."])
      const edit = yield* Effect.flip(Notes.update(first.id, { body: "edited" }))
      assert.strictEqual(edit._tag, "E621ValidationFailed")
      assert.strictEqual((yield* as("privileged")(create(51))).body, "note 51")
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* create(52)).body, "note 52")
    }).pipe(Effect.provide(member)))

  it.effect("strict controllers (declared strict-search): unknown keys of notes and note versions are 403 on the wire", () =>
    Effect.gen(function*() {
      for (const path of ["/notes.json", "/note_versions.json"]) {
        const wire = yield* Effect.flip(E621Client.execute({ method: "GET", path, query: { "search[bogus]": "1" } }))
        assert.strictEqual(wire._tag, "E621Forbidden", path)
        const declared = yield* E621Client.execute({ method: "GET", path, query: { "search[is_active]": "true" } })
        assert.strictEqual(declared.status, 200, path)
      }
    }).pipe(Effect.provide(anonymous)))
})
