import * as Tickets from "@effect-e621/core/api/Tickets"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const anonymous = E621Fake.layer({ posts: 100, seed: 6 })
const member = E621Fake.layer({ posts: 100, seed: 6, client: { credentials: E621Fake.testerCredentials } })
const admin = E621Fake.layer({
  posts: 100,
  seed: 6,
  client: { credentials: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey } }
})

describe("Tickets", () => {
  it.effect("updated_at filters are sent (permit_search_params always permits them)", () =>
    Effect.gen(function*() {
      const all = yield* Tickets.search({ limit: 320 })
      assert.isAbove(all.length, 0)
      assert.strictEqual((yield* Tickets.search({ updatedAt: "<1990-01-01", limit: 320 })).length, 0)
      const since = yield* Tickets.search({ updatedAt: ">1990-01-01", limit: 320 })
      assert.strictEqual(since.length, all.length)
      const last = (yield* requests).at(-1)!
      assert.strictEqual(last.query["search[updated_at]"], ">1990-01-01")
    }).pipe(Effect.provide(member)))

  it.effect("anonymous callers see no tickets and may not read one", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* Tickets.search(), [])
      const error = yield* Effect.flip(Tickets.get(3))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("members see their own tickets with details; others' are 403", () =>
    Effect.gen(function*() {
      const mine = yield* Tickets.search({ creatorId: E621Fake.TESTER.id })
      assert.isAbove(mine.length, 0)
      assert.isTrue(mine.every((t) => t.creator_id === E621Fake.TESTER.id && t.reason !== undefined))
      assert.isFalse("claimant_id" in mine[0]!)
      const pending = yield* Tickets.search({ status: "pending" })
      assert.isTrue(pending.every((t) => t.status === "pending"))
      const one = yield* Tickets.get(mine[0]!.id)
      assert.strictEqual(one.id, mine[0]!.id)
      const other = yield* Effect.flip(Tickets.get(1))
      assert.strictEqual(other._tag, "E621Forbidden")
      const staffKey = yield* Effect.flip(Tickets.search({ accusedId: 4 }))
      assert.strictEqual(staffKey._tag, "E621Forbidden")
      const someoneElse = yield* Effect.flip(Tickets.search({ creatorId: 1 }))
      assert.strictEqual(someoneElse._tag, "E621Forbidden")
      const before = (yield* requests).length
      const bad = yield* Effect.flip(Tickets.search({ qtype: "song" } as unknown as Tickets.TicketSearch))
      assert.strictEqual(bad._tag, "E621InvalidInput")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(member)))

  it.effect("admins stream every ticket, claimant included", () =>
    Effect.gen(function*() {
      const all = yield* Tickets.stream({ pageSize: 10 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 25)
      assert.isTrue(all.every((t) => "claimant_id" in t))
      const ids = all.map((t) => t.id)
      assert.deepStrictEqual(ids, [...ids].sort((a, b) => b - a))
    }).pipe(Effect.provide(admin)))
})
