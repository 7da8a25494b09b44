import * as ForumPosts from "@effect-e621/core/api/ForumPosts"
import * as ForumTopics from "@effect-e621/core/api/ForumTopics"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import { anonymous, as, member, requests } from "./communityFake.ts"

describe("ForumTopics", () => {
  it.effect("search filters by category; staff-only categories and hidden topics are left out; stream", () =>
    Effect.gen(function*() {
      const requestsCategory = yield* ForumTopics.search({ categoryId: 2 })
      assert.isAbove(requestsCategory.length, 0)
      assert.isTrue(requestsCategory.every((t) => t.category_id === 2))
      const all = yield* ForumTopics.search({ limit: 320 })
      assert.isTrue(all.every((t) => t.category_id !== 3 && !t.is_hidden))
      const staff = yield* as("admin")(ForumTopics.search({ limit: 320 }))
      assert.isTrue(staff.some((t) => t.category_id === 3) && staff.some((t) => t.is_hidden))
      const streamed = yield* ForumTopics.stream({ pageSize: 5 }).pipe(Stream.map((t) => t.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((t) => t.id).sort((a, b) => b - a))
      assert.strictEqual((yield* requests)[0]!.query["search[category_id]"], "2")
      const sticky = yield* ForumTopics.search({ order: "sticky", limit: 3 })
      assert.isTrue(sticky[0]!.is_sticky)
    }).pipe(Effect.provide(anonymous)))

  it.effect("get: a topic; a staff-only topic is 403", () =>
    Effect.gen(function*() {
      const [first] = yield* ForumTopics.search({ limit: 1 })
      const topic = yield* ForumTopics.get(first!.id)
      assert.strictEqual(topic.title, first!.title)
      assert.strictEqual(topic.updater_name, topic.creator_name)
      const staffOnly = (yield* as("admin")(ForumTopics.search({ categoryId: 3 })))[0]!
      const error = yield* Effect.flip(ForumTopics.get(staffOnly.id))
      assert.strictEqual(error._tag, "E621Forbidden")
    }).pipe(Effect.provide(anonymous)))

  it.effect("create opens a topic with its first post (nested attributes); update by creator only", () =>
    Effect.gen(function*() {
      const topic = yield* ForumTopics.create({ title: "My new topic", categoryId: 1, body: "Opening post" })
      assert.strictEqual(topic.title, "My new topic")
      assert.strictEqual(topic.creator_name, "tester")
      const created = (yield* requests)[0]!
      assert.strictEqual(created.status, 201)
      assert.strictEqual(created.body?.["forum_topic[original_post_attributes][body]"], "Opening post")
      const posts = yield* ForumPosts.search({ topicId: topic.id })
      assert.deepStrictEqual(posts.map((p) => p.body), ["Opening post"])
      yield* ForumTopics.update(topic.id, { title: "Renamed topic" })
      assert.strictEqual((yield* ForumTopics.get(topic.id)).title, "Renamed topic")
      const staffCategory = yield* Effect.flip(ForumTopics.create({ title: "x", categoryId: 3, body: "y" }))
      assert.strictEqual(staffCategory._tag, "E621ValidationFailed")
      const moderatorOnly = yield* Effect.flip(ForumTopics.create({ title: "x", categoryId: 1, body: "y", isSticky: true }))
      assert.strictEqual(moderatorOnly._tag, "E621Forbidden")
      const theirs = (yield* ForumTopics.search({ limit: 40 })).find((t) => t.creator_id !== 4)!
      const foreign = yield* Effect.flip(ForumTopics.update(theirs.id, { title: "Taken over" }))
      assert.strictEqual(foreign._tag, "E621Forbidden")
      yield* as("admin")(ForumTopics.update(theirs.id, { isLocked: true }))
      assert.isTrue((yield* ForumTopics.get(theirs.id)).is_locked)
    }).pipe(Effect.provide(member)))

  it.effect("subscribe / unsubscribe answer the topic (201); mark all as read (204); anonymous is 403", () =>
    Effect.gen(function*() {
      const [first] = yield* ForumTopics.search({ limit: 1 })
      const subscribed = yield* ForumTopics.subscribe(first!.id)
      assert.strictEqual(subscribed.id, first!.id)
      const unsubscribed = yield* ForumTopics.unsubscribe(first!.id)
      assert.strictEqual(unsubscribed.id, first!.id)
      yield* ForumTopics.markAllAsRead()
      const log = (yield* requests).slice(1).map((r) => [r.method, r.path, r.status])
      assert.deepStrictEqual(log, [
        ["POST", `/forum_topics/${first!.id}/subscribe.json`, 201],
        ["POST", `/forum_topics/${first!.id}/unsubscribe.json`, 201],
        ["POST", "/forum_topics/mark_all_as_read.json", 204]
      ])
      const anon = yield* Effect.flip(as("anonymous")(ForumTopics.markAllAsRead()))
      assert.strictEqual(anon._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(ForumTopics.create({ title: "  ", categoryId: 1, body: "text" })),
        yield* Effect.flip(ForumTopics.create({ title: "x".repeat(251), categoryId: 1, body: "text" })),
        yield* Effect.flip(ForumTopics.update(5, {})),
        yield* Effect.flip(ForumTopics.subscribe(0)),
        yield* Effect.flip(ForumTopics.search({ categoryId: 0 }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(5).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(member)))
})

describe("ForumPosts", () => {
  it.effect("search by topic and creator; stream; get", () =>
    Effect.gen(function*() {
      const [topic] = yield* ForumTopics.search({ limit: 1 })
      const inTopic = yield* ForumPosts.search({ topicId: topic!.id })
      assert.isAbove(inTopic.length, 0)
      assert.isTrue(inTopic.every((p) => p.topic_id === topic!.id))
      const byTester = yield* ForumPosts.search({ creatorName: "tester", limit: 100 })
      assert.isTrue(byTester.length > 0 && byTester.every((p) => p.creator_id === 4))
      const all = yield* ForumPosts.search({ limit: 320 })
      const streamed = yield* ForumPosts.stream({ pageSize: 30 }).pipe(Stream.map((p) => p.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((p) => p.id))
      assert.deepStrictEqual(yield* ForumPosts.get(all[0]!.id), all[0])
      assert.strictEqual((yield* requests)[1]!.query["search[topic_id]"], String(topic!.id))
    }).pipe(Effect.provide(anonymous)))

  it.effect("create replies (201, bumps the topic); locked topics refuse; update own posts only", () =>
    Effect.gen(function*() {
      const open = (yield* ForumTopics.search({ isLocked: false, categoryId: 1 }))[0]!
      const post = yield* ForumPosts.create({ topicId: open.id, body: "A reply" })
      assert.strictEqual(post.topic_id, open.id)
      assert.strictEqual((yield* ForumTopics.get(open.id)).response_count, open.response_count + 1)
      yield* ForumPosts.update(post.id, { body: "An edited reply" })
      assert.strictEqual((yield* ForumPosts.get(post.id)).body, "An edited reply")
      const locked = (yield* ForumTopics.search({ isLocked: true }))[0]!
      const refused = yield* Effect.flip(ForumPosts.create({ topicId: locked.id, body: "Let me in" }))
      assert.strictEqual(refused._tag, "E621ValidationFailed")
      const theirs = (yield* ForumPosts.search({ topicId: open.id })).find((p) => p.creator_id !== 4)!
      const foreign = yield* Effect.flip(ForumPosts.update(theirs.id, { body: "Mine now" }))
      assert.strictEqual(foreign._tag, "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("votes on a tag-change request: list, vote (200), refuse twice and own, unvote (200 {})", () =>
    Effect.gen(function*() {
      const request = (yield* ForumTopics.search({ categoryId: 2, limit: 40 })).find((t) => t.creator_name === "privileged")!
      const opening = (yield* ForumPosts.search({ topicId: request.id, order: "id_asc" }))[0]!
      const before = yield* ForumPosts.votes(opening.id)
      assert.isAbove(before.length, 0)
      const vote = yield* ForumPosts.vote(opening.id, 1)
      assert.strictEqual(vote.score, 1)
      assert.strictEqual(vote.creator_name, "tester")
      assert.strictEqual((yield* ForumPosts.votes(opening.id)).length, before.length + 1)
      const twice = yield* Effect.flip(ForumPosts.vote(opening.id, -1))
      assert.strictEqual(twice._tag, "E621Forbidden")
      yield* ForumPosts.unvote(opening.id)
      assert.strictEqual((yield* ForumPosts.votes(opening.id)).length, before.length)
      const flip = yield* ForumPosts.vote(opening.id, 2)
      assert.strictEqual(flip.score, 2)
      yield* ForumPosts.unvote(opening.id)
      const none = yield* Effect.flip(ForumPosts.unvote(opening.id))
      assert.strictEqual(none._tag, "E621NotFound")
      const ordinary = (yield* ForumPosts.search({ topicId: (yield* ForumTopics.search({ categoryId: 1 }))[0]!.id }))[0]!
      const notRequest = yield* Effect.flip(ForumPosts.votes(ordinary.id))
      assert.strictEqual(notRequest._tag, "E621Forbidden")
      const own = yield* Effect.flip(as("privileged")(ForumPosts.vote(opening.id, 1)))
      assert.strictEqual(own._tag, "E621Forbidden")
      assert.include(own._tag === "E621Forbidden" ? own.reason : "", "own requests")
    }).pipe(Effect.provide(member)))

  it.effect("bad input is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(ForumPosts.create({ topicId: 1, body: " " })),
        yield* Effect.flip(ForumPosts.update(1, { body: "" })),
        yield* Effect.flip(ForumPosts.vote(1, 3 as 1)),
        yield* Effect.flip(ForumPosts.votes(0))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(4).fill("E621InvalidInput"))
      assert.strictEqual((yield* requests).length, 0)
    }).pipe(Effect.provide(member)))

  it.effect("e621's hourly forum-post limit: the 16th reply in an hour is refused, for every level", () =>
    Effect.gen(function*() {
      const open = (yield* ForumTopics.search({ isLocked: false, categoryId: 1 }))[0]!
      for (let i = 0; i < 15; i++) yield* ForumPosts.create({ topicId: open.id, body: `reply ${i}` })
      const refused = yield* Effect.flip(ForumPosts.create({ topicId: open.id, body: "one too many" }))
      assert.deepStrictEqual(refused._tag === "E621ValidationFailed" ? refused.errors["creator"] : [], ["reached the hourly limit for this action"])
      for (let i = 0; i < 15; i++) yield* as("admin")(ForumPosts.create({ topicId: open.id, body: `admin ${i}` }))
      assert.strictEqual((yield* Effect.flip(as("admin")(ForumPosts.create({ topicId: open.id, body: "admin too" }))))._tag, "E621ValidationFailed")
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* ForumPosts.create({ topicId: open.id, body: "later" })).body, "later")
    }).pipe(Effect.provide(member)))
})
