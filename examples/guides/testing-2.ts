// examples/guides/testing-2.ts
import { assert, it } from "@effect/vitest"
import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Effect } from "effect"

// Faults: make the next request fail and watch the client retry it.
// (it.live: the retry really waits; under it.effect's TestClock you would advance the clock.)
it.live("survives a 502", () =>
  Effect.gen(function*() {
    const fake = yield* E621Fake.E621Fake
    yield* fake.failNext("502")
    const posts = yield* Posts.search({ limit: 5 })
    assert.strictEqual(posts.length, 5)
    assert.strictEqual((yield* fake.requests).length, 2) // the 502, then the retry
  }).pipe(Effect.provide(E621Fake.layer({ client: { retry: { times: 2, base: "10 millis" } } }))))

// Logged in as the fake's "tester" account.
it.effect("votes as tester", () =>
  Effect.gen(function*() {
    const fake = yield* E621Fake.E621Fake
    const [id] = yield* fake.postIds
    const result = yield* Posts.vote(id!, 1)
    assert.strictEqual(result.our_score, 1)
    const [request] = yield* fake.requests
    assert.strictEqual(request?.user, E621Fake.TESTER.name)
  }).pipe(Effect.provide(E621Fake.layer({ client: { credentials: E621Fake.testerCredentials } }))))
