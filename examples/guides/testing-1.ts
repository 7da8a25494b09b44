// examples/guides/testing-1.ts
import { assert, describe, it } from "@effect/vitest"
import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Effect, Stream } from "effect"

// The code under test needs only E621Client.
const safeIds = (n: number) =>
  Posts.stream({ tags: "rating:s", pageSize: 100 }).pipe(Stream.take(n), Stream.map((p) => p.id), Stream.runCollect)

describe("safeIds", () => {
  it.effect("pages through the results, newest first", () =>
    Effect.gen(function*() {
      const ids = yield* safeIds(250)
      assert.strictEqual(ids.length, 250)
      assert.deepStrictEqual([...ids], [...ids].sort((a, b) => b - a))

      // the fake's request log: what went over the wire
      const fake = yield* E621Fake.E621Fake
      const requests = yield* fake.requests
      assert.isTrue(requests.every((r) => r.path === "/posts.json" && r.query.tags === "rating:s"))
    }).pipe(Effect.provide(E621Fake.layer({ posts: 2_000, seed: 1 }))))
})
