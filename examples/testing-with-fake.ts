/**
 * Testing your own program against the fake e621: the program only needs `E621Client`, so the test provides
 * `E621Fake.layer` instead of `NodeE621.layer` — no network, deterministic data from a seed, and the fake's
 * request log and data to assert on. In a vitest suite the same code goes inside `it.effect(…)`.
 *
 *   npx tsx examples/testing-with-fake.ts
 */
import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Console, Effect, Stream } from "effect"
import * as assert from "node:assert/strict"
import { pathToFileURL } from "node:url"

/** The program under test: the most frequent artists among the first `n` posts of a search. */
export const topArtists = (tags: string, n: number) =>
  Posts.stream({ tags, pageSize: 100 }).pipe(
    Stream.take(n),
    Stream.runFold(() => new Map<string, number>(), (counts, post) => {
      for (const artist of post.tags.artist) counts.set(artist, (counts.get(artist) ?? 0) + 1)
      return counts
    }),
    Effect.map((counts) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3))
  )

/** The test: run it against a seeded fake and check it against the fake's own data and request log. */
export const test = Effect.gen(function*() {
  const top = yield* topArtists("rating:s", 250)
  const fake = yield* E621Fake.E621Fake
  const requests = yield* fake.requests
  // 250 posts at 100 per page take 3 pages; the stream prefetches one page ahead
  assert.ok(requests.length === 3 || requests.length === 4, `${requests.length} requests`)
  assert.ok(requests.every((r) => r.query.tags === "rating:s"))
  assert.equal(top.length, 3)
  assert.ok(top[0]![1] >= top[1]![1] && top[1]![1] >= top[2]![1])
  return top
}).pipe(Effect.provide(E621Fake.layer({ posts: 2_000, seed: 42 })))

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  Effect.runPromise(test.pipe(Effect.tap((top) => Console.log("ok: top artists", top))))
}
