import * as Dmails from "@effect-e621/core/api/Dmails"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { anonymous, as, member, requests } from "./communityFake.ts"

describe("Dmails", () => {
  it.effect("search lists only the caller's mailbox, with filters; stream walks it", () =>
    Effect.gen(function*() {
      const box = yield* Dmails.search({ limit: 320 })
      assert.isAbove(box.length, 0)
      assert.isTrue(box.every((d) => d.owner_id === 4 && (d.to_id === 4 || d.from_id === 4)))
      const unread = yield* Dmails.search({ isRead: false })
      assert.isTrue(unread.every((d) => !d.is_read))
      const streamed = yield* Dmails.stream({ pageSize: 4 }).pipe(Stream.map((d) => d.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], box.map((d) => d.id))
      assert.strictEqual((yield* requests)[1]!.query["search[is_read]"], "false")
      const anon = yield* Effect.flip(as("anonymous")(Dmails.search()))
      assert.strictEqual(anon._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("get reads an own dmail; another user's dmail is 403", () =>
    Effect.gen(function*() {
      const [mine] = yield* Dmails.search({ limit: 1 })
      const read = yield* Dmails.get(mine!.id)
      assert.deepStrictEqual(read, mine)
      const theirs = (yield* as("privileged")(Dmails.search({ limit: 320 }))).find((d) => d.to_id !== 4 && d.from_id !== 4)!
      const error = yield* Effect.flip(Dmails.get(theirs.id))
      assert.strictEqual(error._tag, "E621Forbidden")
      const deleting = yield* Effect.flip(Dmails.delete(theirs.id))
      assert.strictEqual(deleting._tag, "E621Forbidden")
      assert.isFalse((yield* as("privileged")(Dmails.get(theirs.id))).is_deleted)
    }).pipe(Effect.provide(member)))

  it.effect("mark read / unread / all read, and delete (leaves the mailbox)", () =>
    Effect.gen(function*() {
      const [first] = yield* Dmails.search({ limit: 1 })
      yield* Dmails.markAsUnread(first!.id)
      assert.isFalse((yield* Dmails.get(first!.id)).is_read)
      yield* Dmails.markAsRead(first!.id)
      assert.isTrue((yield* Dmails.get(first!.id)).is_read)
      yield* Dmails.markAsUnread(first!.id)
      yield* Dmails.markAllAsRead()
      assert.strictEqual((yield* Dmails.search({ isRead: false })).length, 0)
      yield* Dmails.delete(first!.id)
      assert.isFalse((yield* Dmails.search({ limit: 320 })).some((d) => d.id === first!.id))
      const writes = (yield* requests).filter((r) => r.method !== "GET").map((r) => [r.method, r.path, r.status])
      assert.deepStrictEqual(writes, [
        ["PUT", `/dmails/${first!.id}/mark_as_unread.json`, 204],
        ["PUT", `/dmails/${first!.id}/mark_as_read.json`, 204],
        ["PUT", `/dmails/${first!.id}/mark_as_unread.json`, 204],
        ["PUT", "/dmails/mark_all_as_read.json", 204],
        ["DELETE", `/dmails/${first!.id}.json`, 204]
      ])
    }).pipe(Effect.provide(member)))

  it.effect("create is refused locally: e621's JSON API cannot send dmails (406)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Dmails.create({ toName: "privileged", title: "Hi", body: "Hello" }))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual(error.field, "dmail")
      assert.include(error.message, "406")
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Dmails.get(-3)),
        yield* Effect.flip(Dmails.markAsRead(1.5)),
        yield* Effect.flip(Dmails.search({ titleMatches: "" }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(3).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(anonymous)))
})
