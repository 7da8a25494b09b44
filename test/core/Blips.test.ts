import { E621Client } from "@effect-e621/core"
import * as Blips from "@effect-e621/core/api/Blips"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { anonymous, as, member, requests } from "./communityFake.ts"

describe("Blips", () => {
  it.effect("search filters by creator, hides deleted blips, stream walks them all", () =>
    Effect.gen(function*() {
      const mine = yield* Blips.search({ creatorName: "tester" })
      assert.isAbove(mine.length, 0)
      assert.isTrue(mine.every((b) => b.creator_id === 4 && b.creator_name === "tester"))
      const all = yield* Blips.search({ limit: 320 })
      assert.isTrue(all.every((b) => b.is_deleted === false))
      const streamed = yield* Blips.stream({ pageSize: 11 }).pipe(Stream.map((b) => b.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((b) => b.id))
      assert.strictEqual((yield* requests)[0]!.query["search[creator_name]"], "tester")
      const staff = yield* as("admin")(Blips.search({ limit: 320 }))
      assert.isTrue(staff.some((b) => b.is_deleted === true))
    }).pipe(Effect.provide(anonymous)))

  it.effect("get: a blip, and a deleted one is 403 for others", () =>
    Effect.gen(function*() {
      const [first] = yield* Blips.search({ limit: 1 })
      assert.deepStrictEqual(yield* Blips.get(first!.id), first)
      const deleted = (yield* as("admin")(Blips.search({ limit: 320 }))).find((b) => b.is_deleted && b.creator_id !== 4)!
      const error = yield* Effect.flip(Blips.get(deleted.id))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("create answers 201 with the blip; e621's 422 for a missing parent", () =>
    Effect.gen(function*() {
      const blip = yield* Blips.create({ body: "Hello everyone!" })
      assert.strictEqual(blip.body, "Hello everyone!")
      assert.strictEqual(blip.response_to, null)
      const reply = yield* Blips.create({ body: "Replying here", responseTo: blip.id })
      assert.strictEqual(reply.response_to, blip.id)
      const orphan = yield* Effect.flip(Blips.create({ body: "Nobody to answer", responseTo: 99_999 }))
      assert.strictEqual(orphan._tag, "E621ValidationFailed")
      const statuses = (yield* requests).map((r) => r.status)
      assert.deepStrictEqual(statuses, [201, 201, 422])
      const anon = yield* Effect.flip(as("anonymous")(Blips.create({ body: "Hello there" })))
      assert.strictEqual(anon._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("update works within 5 minutes (effect Clock), then e621 refuses; others' blips are 403", () =>
    Effect.gen(function*() {
      const blip = yield* Blips.create({ body: "First version" })
      yield* TestClock.adjust("4 minutes")
      yield* Blips.update(blip.id, { body: "Second version" })
      assert.strictEqual((yield* Blips.get(blip.id)).body, "Second version")
      yield* TestClock.adjust("2 minutes")
      const late = yield* Effect.flip(Blips.update(blip.id, { body: "Third version" }))
      assert.strictEqual(late._tag, "E621ValidationFailed")
      assert.include(late._tag === "E621ValidationFailed" ? late.reason : "", "5 minutes")
      assert.strictEqual((yield* Blips.get(blip.id)).body, "Second version")
      yield* as("admin")(Blips.update(blip.id, { body: "Admins may edit any time" }))
      const theirs = yield* as("privileged")(Blips.create({ body: "Privileged speaking" }))
      const foreign = yield* Effect.flip(Blips.update(theirs.id, { body: "Not yours" }))
      assert.strictEqual(foreign._tag, "E621Forbidden")
      assert.strictEqual(Blips.editWindowMillis, 300_000)
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Blips.create({ body: "hey" })),
        yield* Effect.flip(Blips.create({ body: "  a    " })),
        yield* Effect.flip(Blips.update(0, { body: "valid body" })),
        yield* Effect.flip(Blips.search({ responseTo: -1 }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(4).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(member)))

  it.effect("e621's hourly blip limit: the 26th blip in an hour is refused (creator error), Privileged are exempt", () =>
    Effect.gen(function*() {
      for (let i = 0; i < 25; i++) yield* Blips.create({ body: `blip ${i}` })
      const refused = yield* Effect.flip(Blips.create({ body: "one too many" }))
      assert.strictEqual(refused._tag, "E621ValidationFailed")
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors["creator"] : [], ["reached the hourly limit for this action"])
      assert.strictEqual((yield* as("privileged")(Blips.create({ body: "exempt" }))).body, "exempt")
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* Blips.create({ body: "later" })).body, "later")
    }).pipe(Effect.provide(member)))

  it.effect("strict controller (declared strict-search): unknown keys are 403 on the wire", () =>
    Effect.gen(function*() {
      const wire = yield* Effect.flip(E621Client.execute({ method: "GET", path: "/blips.json", query: { "search[bogus]": "1" } }))
      assert.strictEqual(wire._tag, "E621Forbidden")
      const declared = yield* E621Client.execute({ method: "GET", path: "/blips.json", query: { "search[response_to]": "1" } })
      assert.strictEqual(declared.status, 200)
    }).pipe(Effect.provide(anonymous)))
})
