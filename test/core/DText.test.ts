import * as DText from "@effect-e621/core/api/DText"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const anonymous = E621Fake.layer({ posts: 50, seed: 1 })
const member = E621Fake.layer({ posts: 50, seed: 1, client: { credentials: E621Fake.testerCredentials } })

describe("DText", () => {
  it.effect("preview renders the HTML and brings referenced posts", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [id] = yield* fake.postIds
      const result = yield* DText.preview(`[b]hello[/b] and [color=red]red[/color]\n\nthumb #${id}`, { allowColor: true })
      assert.include(result.html, "<strong>hello</strong>")
      assert.include(result.html, "dtext-color")
      assert.strictEqual(result.posts[String(id)]?.id, id)
      const sent = (yield* fake.requests).at(-1)!
      assert.strictEqual(sent.method, "POST")
      assert.strictEqual(sent.body?.allow_color, "true")
    }).pipe(Effect.provide(member)))

  it.effect("anonymous previews fail e621's CSRF check (403)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(DText.preview("hi"))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("a body that is not a string is refused before sending", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(DText.preview(42 as unknown as string))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(member)))
})
