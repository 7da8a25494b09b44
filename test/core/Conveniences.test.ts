import { Favorites, Post, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const member = E621Fake.layer({ posts: 300, seed: 11, client: { credentials: E621Fake.testerCredentials } })

describe("Posts.update tagDiff", () => {
  it.effect("a string diff adds and removes tags as e621's tag_string_diff", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const id = ids[0]!
      const before = (yield* fake.post(id))!
      const removed = Post.allTags(before)[0]!
      const after = yield* Posts.update(id, { tagDiff: `  effect_diff_tag\n -${removed}  ` })
      assert.include(Post.allTags(after), "effect_diff_tag")
      assert.notInclude(Post.allTags(after), removed)
      const request = (yield* fake.requests)[0]!
      assert.strictEqual(request.body?.["post[tag_string_diff]"], `effect_diff_tag -${removed}`)
    }).pipe(Effect.provide(member)))

  it.effect("empty diffs, bare or doubled minus signs and mixing with tags/tagString are refused before any request", () =>
    Effect.gen(function*() {
      const patches: ReadonlyArray<Posts.Update> = [
        { tagDiff: "" },
        { tagDiff: "  " },
        { tagDiff: "canine -" },
        { tagDiff: "--male" },
        { tagDiff: "a\u0001b" },
        { tagDiff: "canine\u00a0male" }, // one token for e621 (it splits on ASCII whitespace), not two tags
        { tagDiff: "canine\u200b" },
        { tags: { add: ["canine\u200b"] } },
        { tagDiff: "a ".repeat(50_001) },
        { tagDiff: "a", tags: { add: ["b"] } },
        { tagDiff: "a", tagString: "a b" }
      ]
      const fields: Array<string> = []
      for (const patch of patches) {
        const error = yield* Effect.flip(Posts.update(1, patch))
        fields.push(error._tag === "E621InvalidInput" ? error.field : error._tag)
      }
      assert.deepStrictEqual(fields, ["tagDiff", "tagDiff", "tagDiff", "tagDiff", "tagDiff", "tagDiff", "tagDiff", "tags", "tagDiff", "tagDiff", "tagString"])
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(member)))
})

describe("Favorites by user name", () => {
  it.effect("stream and search take a username: one look-up, then the user's favourites by id", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      let user = E621Fake.TESTER
      let expected: ReadonlyArray<number> = []
      for (const candidate of yield* fake.users) {
        const favorites = yield* fake.favorites(candidate.name)
        if (favorites.length > expected.length && candidate.name !== E621Fake.TESTER.name) {
          user = candidate
          expected = favorites
        }
      }
      assert.isAbove(expected.length, 1)
      const streamed = yield* Favorites.stream({ username: user.name, pageSize: 1 }).pipe(Stream.runCollect)
      assert.deepStrictEqual(streamed.map((p) => p.id).sort((a, b) => a - b), [...expected])
      const page = yield* Favorites.search({ username: user.name.toUpperCase(), limit: 3 })
      assert.isAtMost(page.length, 3)
      const requests = yield* fake.requests
      assert.strictEqual(requests[0]!.path, `/users/${user.name}.json`)
      assert.strictEqual(requests[1]!.query.user_id, String(user.id))
      const both = yield* Effect.flip(Favorites.stream({ username: user.name, userId: user.id }).pipe(Stream.runDrain))
      const blank = yield* Effect.flip(Favorites.search({ username: " " }))
      // e621 reads /users/<digits>.json as an id: that would be another user's favourites
      const digits = yield* Effect.flip(Favorites.stream({ username: String(user.id + 1) }).pipe(Stream.runDrain))
      assert.deepStrictEqual([both, blank, digits].map((e) => e._tag === "E621InvalidInput" ? e.field : e._tag), ["username", "username", "username"])
      assert.strictEqual((yield* fake.requests).length, requests.length, "refused before any request")
    }).pipe(Effect.provide(member)))
})
