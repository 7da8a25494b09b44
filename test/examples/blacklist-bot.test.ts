import { Post } from "@effect-e621/core"
import * as Uploads from "@effect-e621/core/api/Uploads"
import * as Users from "@effect-e621/core/api/Users"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import * as Bot from "../../examples/blacklist-bot.ts"

const member = E621Fake.layer({ posts: 400, seed: 9, client: { credentials: E621Fake.testerCredentials } })

const upload = (n: number, tags: string, rating: "s" | "q" | "e") =>
  Effect.map(
    Uploads.create({ file: { data: new TextEncoder().encode(`bot upload ${n} `.repeat(4)), filename: `${n}.png` }, tags, rating }),
    (result) => result.post_id
  )

describe("examples/blacklist-bot", () => {
  it.effect("catches up from a stored position, then posts each new upload its owner's blacklist lets through, once", () =>
    Effect.gen(function*() {
      yield* Users.update({ blacklistedTags: "rating:e\nsolo\nfox* # no foxes" })
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const since = ids[ids.length - 120]!
      const expected: Array<number> = []
      let hiddenBefore = 0
      let lastMatch = since
      for (const id of ids) {
        const post = (yield* fake.post(id))!
        const tags = Post.allTags(post)
        if (id <= since || post.flags.deleted || !tags.includes("anthro")) continue
        lastMatch = id
        if (post.rating === "e" || tags.includes("solo") || tags.some((t) => t.startsWith("fox"))) hiddenBefore++
        else expected.push(id)
      }
      yield* fake.clearRequests
      const fiber = yield* Effect.forkChild(Bot.program({ tags: "anthro", every: "1 minute", rounds: 2, since }))
      yield* TestClock.adjust("1 millis")
      const a = yield* upload(1, "anthro duo", "s")
      yield* upload(2, "anthro solo", "s")
      yield* upload(3, "anthro", "e")
      const d = yield* upload(4, "anthro duo", "q")
      yield* TestClock.adjust("1 minute")
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.rules, 3)
      assert.isAbove(expected.length, 5)
      assert.deepStrictEqual(result.handled, [...expected, a, d])
      assert.strictEqual(result.hidden, hiddenBefore + 2)
      assert.strictEqual(result.position, d)
      const pages = (yield* fake.requests).filter((r) => r.path === "/posts.json").map((r) => [r.query.tags, r.query.page])
      assert.deepStrictEqual(pages[0], ["anthro", `a${since}`])
      // the catch-up moved the position past the last matching post, hidden ones included
      assert.deepStrictEqual(pages[1], ["anthro", `a${lastMatch}`])
      assert.strictEqual(pages.length, 3)
    }).pipe(Effect.provide(member)))
})
