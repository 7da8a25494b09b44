import { E621Client } from "@effect-e621/core"
import * as Comments from "@effect-e621/core/api/Comments"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { accounts, anonymous, as, member, requests } from "./communityFake.ts"

describe("Comments", () => {
  it.effect("search filters by creator, hides hidden and below-threshold comments, sends group_by=comment", () =>
    Effect.gen(function*() {
      const page = yield* Comments.search({ creatorName: "tester", limit: 50 })
      assert.isAbove(page.length, 0)
      assert.isTrue(page.every((c) => c.creator_id === 4 && c.creator_name === "tester"))
      const all = yield* Comments.search({ limit: 320 })
      assert.isTrue(all.every((c) => !c.is_hidden && (c.is_sticky || c.score >= -10)))
      const [request] = yield* requests
      assert.strictEqual(request!.query["search[creator_name]"], "tester")
      assert.strictEqual(request!.query.group_by, "comment")
    }).pipe(Effect.provide(anonymous)))

  it.effect("searching by id bypasses the score threshold (§9 item 24)", () =>
    Effect.gen(function*() {
      const plain = yield* Comments.search({ limit: 320 })
      const byId = yield* Comments.search({ id: "1..100000", limit: 320 })
      assert.isFalse(plain.some((c) => c.score < -10))
      assert.isTrue(byId.some((c) => c.score < -10))
    }).pipe(Effect.provide(anonymous)))

  it.effect("stream walks b<id> cursors and returns every visible comment once", () =>
    Effect.gen(function*() {
      const page = yield* Comments.search({ limit: 320 })
      const streamed = yield* Comments.stream({ pageSize: 40 }).pipe(Stream.map((c) => c.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], page.map((c) => c.id))
      const pages = (yield* requests).slice(1).map((r) => r.query.page)
      assert.isAbove(pages.length, 1)
      assert.isTrue(pages.every((page) => /^b\d+$/.test(page ?? "")))
    }).pipe(Effect.provide(anonymous)))

  it.effect("get: updater_name is the creator's on single records; hidden comments are 403 for others", () =>
    Effect.gen(function*() {
      const [first] = yield* Comments.search({ limit: 1 })
      const one = yield* Comments.get(first!.id)
      assert.strictEqual(one.id, first!.id)
      assert.strictEqual(one.updater_name, one.creator_name)
      const hidden = yield* as("admin")(Comments.search({ isHidden: true, id: "1..100000", limit: 5 }))
      assert.isAbove(hidden.length, 0)
      const error = yield* Effect.flip(Comments.get(hidden[0]!.id))
      assert.strictEqual(error._tag, "E621Forbidden")
      const staffOnly = yield* Effect.flip(Comments.search({ isHidden: true }))
      assert.strictEqual(staffOnly._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("searchByPost returns raw-model posts (5 per page) with their comments", () =>
    Effect.gen(function*() {
      const groups = yield* Comments.searchByPost({ tags: "rating:s" })
      assert.isAbove(groups.length, 0)
      assert.isAtMost(groups.length, 5)
      for (const { comments, post } of groups) {
        assert.strictEqual(post.rating, "s")
        assert.isAbove(post.file.width, 0)
        assert.isTrue(comments.every((c) => c.post_id === post.id))
      }
      assert.isTrue(groups.some((g) => g.comments.length > 0))
      const [byPost, byComment] = yield* requests
      assert.strictEqual(byPost!.query.group_by, "post")
      assert.strictEqual(byPost!.query.tags, "rating:s")
      assert.strictEqual(byComment!.query["search[post_id]"], groups.map((g) => g.post.id).join(","))
    }).pipe(Effect.provide(anonymous)))

  it.effect("create posts a comment; an unsaved one (id null) is E621ValidationFailed; anonymous is 403", () =>
    Effect.gen(function*() {
      const [some] = yield* Comments.search({ limit: 1 })
      const created = yield* Comments.create({ postId: some!.post_id, body: "Nice work!\r\nReally." })
      assert.isNumber(created.id)
      assert.strictEqual(created.body, "Nice work!\nReally.")
      assert.strictEqual(created.creator_name, "tester")
      const missing = yield* Effect.flip(Comments.create({ postId: 999_999_999, body: "hello" }))
      assert.strictEqual(missing._tag, "E621ValidationFailed")
      const log = yield* requests
      assert.strictEqual(log[log.length - 1]!.status, 200)
      assert.strictEqual(log[1]!.body?.["comment[body]"], "Nice work!\r\nReally.")
      const anon = yield* Effect.flip(as("anonymous")(Comments.create({ postId: some!.post_id, body: "hi" })))
      assert.strictEqual(anon._tag, "E621Forbidden")
      const sticky = yield* Effect.flip(Comments.create({ postId: some!.post_id, body: "hi", isSticky: true }))
      assert.strictEqual(sticky._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("update edits own comments only", () =>
    Effect.gen(function*() {
      const mine = yield* Comments.search({ creatorName: "tester", limit: 1 })
      const updated = yield* Comments.update(mine[0]!.id, { body: "Edited text" })
      assert.strictEqual(updated.body, "Edited text")
      assert.strictEqual((yield* Comments.get(mine[0]!.id)).body, "Edited text")
      const theirs = (yield* Comments.search({ limit: 100 })).find((c) => c.creator_id !== 4)!
      const error = yield* Effect.flip(Comments.update(theirs.id, { body: "mine now" }))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("hide by the creator, unhide by moderators only", () =>
    Effect.gen(function*() {
      const [mine] = yield* Comments.search({ creatorName: "tester", limit: 1 })
      const hidden = yield* Comments.hide(mine!.id)
      assert.isTrue(hidden.is_hidden)
      const refused = yield* Effect.flip(Comments.unhide(mine!.id))
      assert.strictEqual(refused._tag, "E621Forbidden")
      const shown = yield* as("admin")(Comments.unhide(mine!.id))
      assert.isFalse(shown.is_hidden)
    }).pipe(Effect.provide(member)))

  it.effect("vote keeps a repeated vote (no_unvote), toggles on request, refuses own comments; unvote", () =>
    Effect.gen(function*() {
      const theirs = (yield* Comments.search({ limit: 100 })).find((c) => c.creator_id !== 4 && !c.is_sticky)!
      const first = yield* Comments.vote(theirs.id, 1)
      assert.deepStrictEqual(first, { score: theirs.score + 1, our_score: 1 })
      const again = yield* Comments.vote(theirs.id, 1)
      assert.deepStrictEqual(again, { score: theirs.score + 1, our_score: 1 })
      const toggled = yield* Comments.vote(theirs.id, 1, { toggle: true })
      assert.deepStrictEqual(toggled, { score: theirs.score, our_score: 0 })
      const down = yield* Comments.vote(theirs.id, -1)
      assert.strictEqual(down.score, theirs.score - 1)
      assert.strictEqual((yield* Comments.get(theirs.id)).vote, -1)
      yield* Comments.unvote(theirs.id)
      assert.strictEqual((yield* Comments.get(theirs.id)).score, theirs.score)
      const [mine] = yield* Comments.search({ creatorName: "tester", limit: 1 })
      const own = yield* Effect.flip(Comments.vote(mine!.id, 1))
      assert.strictEqual(own._tag, "E621ValidationFailed")
      const sent = (yield* requests).filter((r) => r.path.endsWith("/votes.json"))
      assert.strictEqual(sent[0]!.body?.no_unvote, "true")
      assert.strictEqual(sent[2]!.body?.no_unvote, undefined)
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Comments.search({ limit: 321 })),
        yield* Effect.flip(Comments.search({ bogus: 1 } as Comments.CommentSearch)),
        yield* Effect.flip(Comments.create({ postId: 1, body: "   " })),
        yield* Effect.flip(Comments.update(0, { body: "x" })),
        yield* Effect.flip(Comments.update(1, {})),
        yield* Effect.flip(Comments.vote(1, 2 as 1))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(6).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
      assert.strictEqual(accounts.tester.username, "tester")
    }).pipe(Effect.provide(member)))

  it.effect("e621's hourly comment limit: the 16th comment in an hour is refused, Privileged and above are exempt", () =>
    Effect.gen(function*() {
      const [some] = yield* Comments.search({ limit: 1 })
      const post = some!.post_id
      for (let i = 0; i < 15; i++) yield* Comments.create({ postId: post, body: `comment ${i}` })
      const refused = yield* Effect.flip(Comments.create({ postId: post, body: "one too many" }))
      assert.strictEqual(refused._tag, "E621ValidationFailed")
      const privileged = yield* as("privileged")(Comments.create({ postId: post, body: "exempt" }))
      assert.strictEqual(privileged.body, "exempt")
      yield* TestClock.adjust("1 hour")
      const later = yield* Comments.create({ postId: post, body: "an hour later" })
      assert.strictEqual(later.body, "an hour later")
    }).pipe(Effect.provide(member)))

  it.effect("strict controller (declared strict-search): unknown keys are 403 on the wire, declared ones served", () =>
    Effect.gen(function*() {
      const wire = yield* Effect.flip(E621Client.execute({ method: "GET", path: "/comments.json", query: { "search[bogus]": "1" } }))
      assert.strictEqual(wire._tag, "E621Forbidden")
      assert.include(wire._tag === "E621Forbidden" ? wire.reason : "", "unpermitted parameter: :bogus")
      const declared = yield* E621Client.execute({
        method: "GET",
        path: "/comments.json",
        query: { "search[body_matches]": "*", "search[advanced_search]": "true" }
      })
      assert.strictEqual(declared.status, 200)
    }).pipe(Effect.provide(anonymous)))
})
