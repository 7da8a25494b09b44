import * as BulkUpdateRequests from "@effect-e621/core/api/BulkUpdateRequests"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const options = { posts: 600, seed: 13 }
const layer = E621Fake.layer(options)
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

describe("BulkUpdateRequests", () => {
  it.effect("search: pending first, status filter, script_matches", () =>
    Effect.gen(function*() {
      const page = yield* BulkUpdateRequests.search()
      const firstOther = page.findIndex((b) => b.status !== "pending")
      assert.isTrue(firstOther > 0)
      assert.isTrue(page.slice(firstOther).every((b) => b.status !== "pending"))
      const done = yield* BulkUpdateRequests.search({ status: ["approved", "rejected"] })
      assert.isTrue(done.length > 0 && done.every((b) => b.status !== "pending"))
      assert.strictEqual((yield* requests).at(-1)!.query["search[status]"], "approved,rejected")
      const wolves = yield* BulkUpdateRequests.search({ scriptMatches: "*wolf*" })
      assert.isTrue(wolves.every((b) => b.script.includes("wolf")))
    }).pipe(Effect.provide(layer)))

  it.effect("stream with id order and get", () =>
    Effect.gen(function*() {
      const all = yield* BulkUpdateRequests.stream({ order: "id_desc", pageSize: 4 }).pipe(Stream.runCollect)
      assert.strictEqual(all.length, 24)
      const one = yield* BulkUpdateRequests.get(all[5]!.id)
      assert.deepStrictEqual(one, all[5])
    }).pipe(Effect.provide(layer)))

  it.effect("create (201), update script (204), reject (204); e621's 422s", () =>
    Effect.gen(function*() {
      const bur = yield* BulkUpdateRequests.create({
        script: "Alias Doggo -> domestic_dog\nimply wolf -> canis",
        title: "Dogs",
        reason: "Cleaning up dog tags."
      })
      assert.strictEqual(bur.status, "pending")
      assert.strictEqual(bur.user_id, E621Fake.TESTER.id)
      assert.strictEqual(bur.title, "Dogs")
      assert.match(bur.script, /^alias doggo -> domestic_dog\nimplicate wolf -> canis # duplicate of implication #\d+$/)
      yield* BulkUpdateRequests.update(bur.id, { script: "alias doggo -> domestic_dog" })
      assert.strictEqual((yield* BulkUpdateRequests.get(bur.id)).script, "alias doggo -> domestic_dog")
      const self = yield* Effect.flip(BulkUpdateRequests.create({ script: "alias a -> a", title: "t", reason: "reason" }))
      assert.strictEqual(self._tag, "E621ValidationFailed")
      yield* BulkUpdateRequests.delete(bur.id)
      assert.strictEqual((yield* BulkUpdateRequests.get(bur.id)).status, "rejected")
      const other = (yield* BulkUpdateRequests.search({ status: "pending" })).find((b) => b.user_id !== E621Fake.TESTER.id)!
      assert.strictEqual((yield* Effect.flip(BulkUpdateRequests.update(other.id, { script: "alias x -> y" })))._tag, "E621Forbidden")
      assert.strictEqual((yield* Effect.flip(BulkUpdateRequests.delete(other.id)))._tag, "E621Forbidden")
      const post = (yield* requests).find((r) => r.method === "POST")!
      assert.strictEqual(post.status, 201)
      assert.strictEqual(post.body?.["bulk_update_request[title]"], "Dogs")
    }).pipe(Effect.provide(member)))

  it.effect("bad input refused locally; anonymous create refused", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(BulkUpdateRequests.create({ script: "make wolf a dog", title: "t", reason: "reason" })),
        yield* Effect.flip(BulkUpdateRequests.create({ script: "alias a -> b", reason: "reason" })),
        yield* Effect.flip(BulkUpdateRequests.create({ script: "alias a -> b", title: "t", reason: "why" })),
        yield* Effect.flip(BulkUpdateRequests.update(1, { script: "hello" })),
        yield* Effect.flip(BulkUpdateRequests.search({ status: "open" as "pending" }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(5).fill("E621InvalidInput"))
      assert.strictEqual(errors[0]!._tag === "E621InvalidInput" ? errors[0]!.field : "", "script")
      assert.strictEqual((yield* requests).length, 0)
      const anonymous = yield* Effect.flip(BulkUpdateRequests.create({ script: "alias a -> b", title: "t", reason: "reason" }))
      assert.strictEqual(anonymous._tag, "E621Forbidden")
    }).pipe(Effect.provide(layer)))
})
