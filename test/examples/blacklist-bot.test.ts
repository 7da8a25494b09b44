import { Post } from "@effect-e621/core"
import * as Users from "@effect-e621/core/api/Users"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Bot from "../../examples/blacklist-bot.ts"

const member = E621Fake.layer({ posts: 400, seed: 9, client: { credentials: E621Fake.testerCredentials } })

describe("examples/blacklist-bot", () => {
  it.live("handles only the new posts its owner's blacklist lets through, round after round", () =>
    Effect.gen(function*() {
      yield* Users.update({ blacklistedTags: "rating:e\nsolo\nfox* # no foxes" })
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const since = ids[ids.length - 120]!
      yield* fake.clearRequests
      const result = yield* Bot.program({ tags: "anthro", rounds: 2, every: "5 millis", since })
      const expected: Array<number> = []
      for (const id of [...ids].reverse()) {
        const post = (yield* fake.post(id))!
        const tags = Post.allTags(post)
        if (id <= since || post.flags.deleted || !tags.includes("anthro")) continue
        if (post.rating === "e" || tags.includes("solo") || tags.some((t) => t.startsWith("fox"))) continue
        expected.push(id)
      }
      assert.strictEqual(result.rules, 3)
      assert.isAbove(expected.length, 5)
      assert.deepStrictEqual(result.handled, expected)
      const searches = (yield* fake.requests).filter((r) => r.path === "/posts.json").map((r) => r.query.tags)
      assert.deepStrictEqual(searches, [
        `-rating:e -solo anthro id:>${since}`,
        `-rating:e -solo anthro id:>${expected[0]}`
      ])
    }).pipe(Effect.provide(member)))
})
