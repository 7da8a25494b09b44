import * as TagImplications from "@effect-e621/core/api/TagImplications"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { requests } from "./support.ts"

const options = { posts: 600, seed: 12 }
const layer = E621Fake.layer(options)
const member = E621Fake.layer({ ...options, client: { credentials: E621Fake.testerCredentials } })

describe("TagImplications", () => {
  it.effect("search by antecedent; descendant_names are transitive", () =>
    Effect.gen(function*() {
      const [wolf] = yield* TagImplications.search({ antecedentName: "wolf" })
      assert.strictEqual(wolf!.consequent_name, "canis")
      assert.isTrue(wolf!.descendant_names!.includes("canis"))
      assert.deepStrictEqual(wolf!.descendant_names, [...wolf!.descendant_names!].sort())
      const byName = yield* TagImplications.search({ order: "name", limit: 320 })
      const names = byName.map((i) => i.antecedent_name)
      assert.deepStrictEqual(names, [...names].sort((a, b) => a.localeCompare(b)))
      assert.strictEqual((yield* requests).at(-1)!.query["search[order]"], "name")
    }).pipe(Effect.provide(layer)))

  it.effect("stream (numbered pages in the default order) and get", () =>
    Effect.gen(function*() {
      const all = yield* TagImplications.stream({ pageSize: 10 }).pipe(Stream.runCollect)
      const ids = [...all].map((i) => i.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.isTrue((yield* requests).some((r) => r.query.page === "2"))
      const one = yield* TagImplications.get(ids[0]!)
      assert.strictEqual(one.id, ids[0])
      assert.strictEqual((yield* Effect.flip(TagImplications.get(0)))._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))

  it.effect("request creates a pending implication; circular and duplicate requests are refused", () =>
    Effect.gen(function*() {
      const created = yield* TagImplications.request({ antecedentName: "hyena", consequentName: "canid", reason: "Taxonomy, kind of." })
      assert.strictEqual(created.status, "pending")
      assert.deepStrictEqual(created.descendant_names!.includes("canid"), true)
      const [active] = yield* TagImplications.search({ status: "active", limit: 1 })
      const circular = yield* Effect.flip(
        TagImplications.request({ antecedentName: active!.consequent_name, consequentName: active!.antecedent_name, reason: "Backwards!" })
      )
      assert.strictEqual(circular._tag, "E621ValidationFailed")
      assert.strictEqual((yield* TagImplications.search({ antecedentName: active!.consequent_name, consequentName: active!.antecedent_name })).length, 0)
      const post = (yield* requests).find((r) => r.path === "/tag_implication_request.json")!
      assert.strictEqual(post.body?.["tag_implication_request[reason]"], "Taxonomy, kind of.")
      yield* TagImplications.delete(created.id)
      assert.strictEqual((yield* TagImplications.get(created.id)).status, "deleted")
    }).pipe(Effect.provide(member)))

  it.effect("anonymous requests and deletes are refused", () =>
    Effect.gen(function*() {
      const request = yield* Effect.flip(TagImplications.request({ antecedentName: "a", consequentName: "b", reason: "reason" }))
      assert.strictEqual(request._tag, "E621Forbidden")
      const [first] = yield* TagImplications.search({ limit: 1 })
      assert.strictEqual((yield* Effect.flip(TagImplications.delete(first!.id)))._tag, "E621Forbidden")
    }).pipe(Effect.provide(layer)))
})
