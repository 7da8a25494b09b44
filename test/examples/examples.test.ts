import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Search from "../../examples/search.ts"
import * as StreamExample from "../../examples/stream.ts"
import * as Testing from "../../examples/testing-with-fake.ts"

const fake = E621Fake.layer({ posts: 1_500, seed: 5 })

describe("examples run against the fake", () => {
  it.effect("search prints one page", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* Search.program("rating:s"), 10)
      const [request] = yield* (yield* E621Fake.E621Fake).requests
      assert.strictEqual(request!.query.limit, "10")
    }).pipe(Effect.provide(fake)))

  it.effect("stream visits the requested number of posts across pages", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* StreamExample.program("rating:s", 450), 450)
      assert.isAtLeast((yield* (yield* E621Fake.E621Fake).requests).length, 2)
    }).pipe(Effect.provide(fake)))

  it.effect("the testing example's own checks pass", () =>
    Effect.gen(function*() {
      const top = yield* Testing.test
      assert.strictEqual(top.length, 3)
    }))
})
