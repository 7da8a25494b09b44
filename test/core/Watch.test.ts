import { Post, Posts, TagQuery, Watch } from "@effect-e621/core"
import * as Blacklist from "@effect-e621/core/Blacklist"
import * as Favorites from "@effect-e621/core/api/Favorites"
import * as Uploads from "@effect-e621/core/api/Uploads"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Ref, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"

const member = (retry: false | undefined = undefined) =>
  E621Fake.layer({
    posts: 300,
    seed: 17,
    client: { credentials: E621Fake.testerCredentials, ...(retry === false ? { retry: false } : {}) }
  })

let counter = 0
const upload = (tags: string, rating: "s" | "q" | "e" = "s") =>
  Effect.map(
    Uploads.create({
      file: { data: new TextEncoder().encode(`watched upload ${++counter} `.repeat(4)), filename: `f${counter}.png` },
      tags,
      rating
    }),
    (result) => result.post_id
  )

const postSearches = Effect.map(
  Effect.flatMap(E621Fake.E621Fake, (fake) => fake.requests),
  (requests) => requests.filter((r) => r.path === "/posts.json")
)

/** Lets the forked stream run until it waits on the clock. */
const settle = TestClock.adjust("1 millis")

describe("Posts.watch", () => {
  it.effect("streams the uploads that appear while it runs, oldest first, each once, one poll per tick", () =>
    Effect.gen(function*() {
      const start = (yield* Effect.flatMap(E621Fake.E621Fake, (fake) => fake.postIds)).at(-1)!
      const seen = yield* Ref.make<ReadonlyArray<number>>([])
      const fiber = yield* Posts.watch({ tags: "zebra_watch" }, { every: "1 minute" }).pipe(
        Stream.runForEach((post) => Ref.update(seen, (ids) => [...ids, post.id])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("zebra_watch solo")
      yield* upload("unrelated_tag")
      const b = yield* upload("zebra_watch duo")
      assert.deepStrictEqual(yield* Ref.get(seen), [], "nothing before the tick")
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Ref.get(seen), [a, b])
      yield* TestClock.adjust("1 minute")
      const c = yield* upload("zebra_watch")
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Ref.get(seen), [a, b, c])
      const searches = yield* postSearches
      // one request for the starting point, then one per tick, each from the last position
      assert.strictEqual(searches.length, 4)
      assert.strictEqual(searches[1]!.query.page, `a${start}`)
      assert.strictEqual(searches[2]!.query.page, `a${b}`)
      assert.strictEqual(searches[3]!.query.page, `a${b}`)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("a burst larger than a page is paged through before sleeping", () =>
    Effect.gen(function*() {
      const seen = yield* Ref.make<ReadonlyArray<number>>([])
      const fiber = yield* Posts.watch({ tags: "burst_tag" }, { every: "30 seconds", pageSize: 2 }).pipe(
        Stream.runForEach((post) => Ref.update(seen, (ids) => [...ids, post.id])),
        Effect.forkChild
      )
      yield* settle
      const ids: Array<number> = []
      for (let i = 0; i < 5; i++) ids.push(yield* upload("burst_tag"))
      yield* TestClock.adjust("30 seconds")
      assert.deepStrictEqual(yield* Ref.get(seen), ids)
      const pages = (yield* postSearches).slice(1).map((r) => r.query.page)
      assert.deepStrictEqual(pages.slice(1), [`a${ids[1]}`, `a${ids[3]}`], "full pages are followed at once")
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("resumes from a stored position without gaps or repeats; a finite Schedule ends the stream", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const all = yield* fake.postIds
      const since = all[all.length - 100]!
      const expected: Array<number> = []
      for (const id of all) {
        const post = (yield* fake.post(id))!
        if (id > since && !post.flags.deleted && Post.allTags(post).includes("solo")) expected.push(id)
      }
      // first run: three polls of 4 posts, then "crash"; store the position of the last poll handled
      const first = yield* Watch.follow({ solo: "solo" }, { every: Schedule.forever, since, pageSize: 4 }).pipe(
        Stream.take(4),
        Stream.runCollect
      )
      const position = first.at(-1)!.position
      const rest = yield* Posts.watch({ tags: "solo" }, { every: Schedule.recurs(0), since: position, pageSize: 4 }).pipe(
        Stream.runCollect
      )
      const ids = [...first.flatMap((poll) => poll.posts.map((hit) => hit.post.id)), ...rest.map((p) => p.id)]
      assert.isAbove(expected.length, 12)
      assert.deepStrictEqual(ids, expected)
    }).pipe(Effect.provide(member())))

  it.effect("a transient failure after the client's retries is retried at the next tick, losing nothing", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const seen = yield* Ref.make<ReadonlyArray<number>>([])
      const fiber = yield* Posts.watch({ tags: "flaky_tag" }, { every: "1 minute" }).pipe(
        Stream.runForEach((post) => Ref.update(seen, (ids) => [...ids, post.id])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("flaky_tag")
      yield* fake.failNext("502", 2)
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Ref.get(seen), [])
      yield* TestClock.adjust("1 minute") // still failing
      const b = yield* upload("flaky_tag")
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Ref.get(seen), [a, b])
      assert.isUndefined(fiber.pollUnsafe())
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member(false))))

  it.effect("under random faults (half the answers) every upload arrives exactly once, in order", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const seen = yield* Ref.make<ReadonlyArray<number>>([])
      const fiber = yield* Posts.watch({ tags: "faulty_tag" }, { every: "1 minute", pageSize: 3 }).pipe(
        Stream.runForEach((post) => Ref.update(seen, (ids) => [...ids, post.id])),
        Effect.forkChild
      )
      yield* settle
      const uploaded: Array<number> = []
      for (let round = 0; round < 8; round++) {
        for (let i = 0; i < round % 4 + 1; i++) uploaded.push(yield* upload(`faulty_tag n${round}_${i}`))
        yield* upload("other_tag")
        yield* fake.setFaults({ rate: 0.5, kinds: ["500", "502", "503", "drop", "truncate", "429"], seed: round + 1 })
        for (let step = 0; step < 60; step++) yield* TestClock.adjust("1 second")
        yield* fake.setFaults(undefined)
      }
      for (let step = 0; step < 5; step++) yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Ref.get(seen), uploaded)
      assert.isUndefined(fiber.pollUnsafe())
      const failed = (yield* fake.requests).filter((r) => r.path === "/posts.json" && r.fault !== undefined)
      assert.isAtLeast(failed.length, 5, `faults were injected (${failed.length})`)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(E621Fake.layer({
      posts: 100,
      seed: 5,
      client: { credentials: E621Fake.testerCredentials, retry: { times: 2, base: "200 millis" } }
    }))))

  it.effect("a post the schema rejects is skipped (and reported), not a stop: paging and the position go past it", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<"q">>>([])
      const fiber = yield* Watch.follow({ q: "odd_tag" }, { every: "1 minute", pageSize: 2 }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("odd_tag")
      const b = yield* upload("odd_tag")
      const c = yield* upload("odd_tag")
      yield* fake.updatePost(b, (post) => ({ ...post, rating: "zz" as "s" }))
      yield* TestClock.adjust("1 minute")
      const all = yield* Ref.get(polls)
      assert.deepStrictEqual(all.flatMap((poll) => poll.posts.map((hit) => hit.post.id)), [a, c], "c in the same tick")
      assert.strictEqual(all.at(-1)!.position, c)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("a non-transient failure ends the stream; bad input fails before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a order:score" }, { every: "1 minute" }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "soon" as "1 minute" }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: 0 }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: Array.from({ length: 41 }, (_, i) => `t${i}`) }, { every: "1 minute" }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", since: -1 }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", since: 2 ** 31 }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", since: 1.5 }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", since: "12" as unknown as number }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", since: Number.NaN }))),
        yield* Effect.flip(Stream.runDrain(Posts.watch({ tags: "a" }, { every: "1 minute", pageSize: 321 }))),
        yield* Effect.flip(Stream.runDrain(Watch.follow({}, { every: "1 minute" })))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(11).fill("E621InvalidInput"))
      assert.deepStrictEqual(errors.map((e) => e._tag === "E621InvalidInput" ? e.field : ""), [
        "tags",
        "every",
        "every",
        "tags",
        "since",
        "since",
        "since",
        "since",
        "since",
        "pageSize",
        "queries"
      ])
      assert.strictEqual((yield* postSearches).length, 0)
    }).pipe(Effect.provide(member())))

  it.effect("the blacklist hides posts, and Watch.follow counts them", () =>
    Effect.gen(function*() {
      const blacklist = Blacklist.parse("rating:e")
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<"q">>>([])
      const fiber = yield* Watch.follow({ q: "bl_tag" }, { every: "1 minute", blacklist }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("bl_tag", "s")
      yield* upload("bl_tag", "e")
      const c = yield* upload("bl_tag", "q")
      yield* TestClock.adjust("1 minute")
      const last = (yield* Ref.get(polls)).at(-1)!
      assert.deepStrictEqual(last.posts.map((hit) => hit.post.id), [a, c])
      assert.strictEqual(last.hidden, 1)
      assert.strictEqual(last.position, c)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))
})

describe("Watch.follow", () => {
  it.effect("50 followed tags: one request per poll per 40 tags, posts attributed and counted per query", () =>
    Effect.gen(function*() {
      const names = Array.from({ length: 50 }, (_, i) => `follow_${i}`)
      const queries = Object.fromEntries(names.map((n) => [n, n]))
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<string>>>([])
      const fiber = yield* Watch.follow(queries, { every: "5 minutes" }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("follow_3 follow_45")
      const b = yield* upload("follow_3")
      yield* upload("follow_none")
      const c = yield* upload("follow_49 solo")
      yield* TestClock.adjust("5 minutes")
      const poll = (yield* Ref.get(polls)).at(-1)!
      assert.deepStrictEqual(poll.posts.map((hit) => [hit.post.id, hit.queries]), [
        [a, ["follow_3", "follow_45"]],
        [b, ["follow_3"]],
        [c, ["follow_49"]]
      ])
      assert.strictEqual(poll.counts.follow_3, 2)
      assert.strictEqual(poll.counts.follow_45, 1)
      assert.strictEqual(poll.counts.follow_0, 0)
      const sent = (yield* postSearches).slice(1)
      assert.strictEqual(sent.length, 2, "50 single-tag queries fit two requests")
      for (const request of sent) {
        const query = yield* TagQuery.parse(String(request.query.tags))
        assert.isAtMost(TagQuery.count(query), TagQuery.tagLimit)
      }
      assert.strictEqual(sent[0]!.query.tags, names.slice(0, 40).map((n) => `~${n}`).join(" "))
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("complex queries share a request as ~( … ) groups; aliases are resolved as e621 does for attribution", () =>
    Effect.gen(function*() {
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<"wolves" | "foxes" | "everything">>>([])
      const fiber = yield* Watch.follow(
        { wolves: "lupine -comic", foxes: ["fox", "rating:s"], everything: undefined },
        { every: "1 minute" }
      ).pipe(Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])), Effect.forkChild)
      yield* settle
      const a = yield* upload("wolf solo")
      const b = yield* upload("wolf comic")
      const c = yield* upload("fox", "s")
      const d = yield* upload("fox", "e")
      yield* TestClock.adjust("1 minute")
      const poll = (yield* Ref.get(polls)).at(-1)!
      assert.deepStrictEqual(poll.posts.map((hit) => [hit.post.id, hit.queries]), [
        [a, ["wolves", "everything"]],
        [b, ["everything"]],
        [c, ["foxes", "everything"]],
        [d, ["everything"]]
      ])
      const tags = (yield* postSearches).filter((r) => r.query.page !== undefined).map((r) => r.query.tags)
      assert.deepStrictEqual(tags, [undefined, "~( lupine -comic ) ~( fox rating:s )"])
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("50 mixed queries (negations, groups, metatags, fav:): each gets exactly the posts e621's own search gives it", () =>
    Effect.gen(function*() {
      const queries: Record<string, string> = {}
      for (let i = 0; i < 40; i++) queries[`t${i}`] = `mx_${i}`
      Object.assign(queries, {
        neg: "mx_a -mx_b",
        any: "~mx_c ~mx_d",
        nested: "mx_e ( ~mx_f ~mx_g )",
        negGroup: "mx_a -( mx_b mx_c )",
        rating: "rating:s mx_h",
        explicit: "rating:e mx_0",
        pending: "status:pending mx_i",
        notPending: "-status:pending mx_i",
        wild: "mx_wild*",
        fav: "fav:tester mx_j"
      })
      const start = (yield* Effect.flatMap(E621Fake.E621Fake, (fake) => fake.postIds)).at(-1)!
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<string>>>([])
      const fiber = yield* Watch.follow(queries, { every: "1 minute" }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const uploads: ReadonlyArray<readonly [string, "s" | "q" | "e"]> = [
        ["mx_0 mx_a", "e"],
        ["mx_a mx_b", "s"],
        ["mx_a mx_c", "s"],
        ["mx_c mx_e mx_g", "q"],
        ["mx_d mx_e", "s"],
        ["mx_h mx_39 mx_i", "s"],
        ["mx_h mx_i", "q"],
        ["mx_wild_one mx_j", "s"],
        ["mx_j mx_5", "e"],
        ["mx_j", "s"],
        ["unrelated_mx", "s"]
      ]
      const ids: Array<number> = []
      for (const [tags, rating] of uploads) ids.push(yield* upload(tags, rating))
      yield* Favorites.add(ids[8]!) // fav:tester mx_j: this one, not the other two mx_j posts
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      yield* TestClock.adjust("1 minute")
      const all = yield* Ref.get(polls)
      const got = new Map<string, Array<number>>(Object.keys(queries).map((k) => [k, []]))
      for (const poll of all) for (const hit of poll.posts) for (const key of hit.queries) got.get(key)!.push(hit.post.id)
      for (const [key, tags] of Object.entries(queries)) {
        const expected = yield* Posts.search({ tags: `${tags} id:>${start}`, limit: 320 })
        assert.deepStrictEqual(got.get(key), expected.map((p) => p.id).sort((a, b) => a - b), `${key}: ${tags}`)
        assert.strictEqual(all.reduce((n, poll) => n + (poll.counts[key] ?? 0), 0), expected.length, `count of ${key}`)
      }
      assert.deepStrictEqual(got.get("fav"), [ids[8]])
      const sent = (yield* fake.requests).filter((r) => r.path === "/posts.json" && String(r.query.page).startsWith("a"))
      assert.isAtMost(sent.length, 4, "one request per poll per 40 tags, plus fav: alone")
      assert.isTrue(sent.some((r) => r.query.tags === "fav:tester mx_j"), "fav: is asked alone: only e621 knows favourites")
      for (const request of sent) assert.isAtMost(TagQuery.count(yield* TagQuery.parse(String(request.query.tags))), TagQuery.tagLimit)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("every as a Duration object or a Schedule; a Schedule that ends ends the stream after its last poll", () =>
    Effect.gen(function*() {
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<"q">>>([])
      const every = Schedule.spaced("1 minute").pipe(Schedule.upTo({ times: 2 }))
      const fiber = yield* Watch.follow({ q: "ending_tag" }, { every }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const a = yield* upload("ending_tag")
      yield* TestClock.adjust("1 minute")
      const b = yield* upload("ending_tag")
      yield* TestClock.adjust("1 minute")
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const all = yield* Ref.get(polls)
      assert.strictEqual(all.length, 3, "the starting poll and one per recurrence")
      assert.deepStrictEqual(all.flatMap((poll) => poll.posts.map((hit) => hit.post.id)), [a, b])
      const byObject = yield* Posts.watch({ tags: "ending_tag" }, { every: { minutes: 1 }, since: a - 1 }).pipe(
        Stream.take(2),
        Stream.runCollect
      )
      assert.deepStrictEqual(byObject.map((p) => p.id), [a, b])
    }).pipe(Effect.provide(member())))

  it.effect("a burst over two shared requests, both pages full: every post once, in id order, nothing skipped", () =>
    Effect.gen(function*() {
      const queries = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`q${i}`, `two_${i}`]))
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<string>>>([])
      const fiber = yield* Watch.follow(queries, { every: "1 minute", pageSize: 3 }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const expected: Array<[number, ReadonlyArray<string>]> = []
      // interleaved: the first request (two_0..two_39) and the second (two_40..two_44) both fill their pages
      for (let i = 0; i < 8; i++) {
        expected.push([yield* upload(`two_${i}`), [`q${i}`]])
        expected.push([yield* upload(`two_${40 + (i % 5)}`), [`q${40 + (i % 5)}`]])
        if (i % 3 === 0) expected.push([yield* upload(`two_1 two_44`), ["q1", "q44"]])
      }
      yield* TestClock.adjust("1 minute")
      const all = yield* Ref.get(polls)
      assert.deepStrictEqual(all.flatMap((poll) => poll.posts.map((hit) => [hit.post.id, hit.queries])), expected)
      const positions = all.map((poll) => poll.position)
      assert.deepStrictEqual(positions, [...positions].sort((a, b) => a - b), "the position only moves forward")
      assert.strictEqual(positions.at(-1), expected.at(-1)![0])
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(member())))

  it.effect("two shared requests under random faults: a round that fails half-way is asked again whole, nothing twice", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const queries = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`q${i}`, `rf_${i}`]))
      const polls = yield* Ref.make<ReadonlyArray<Watch.Poll<string>>>([])
      const fiber = yield* Watch.follow(queries, { every: "1 minute", pageSize: 2 }).pipe(
        Stream.runForEach((poll) => Ref.update(polls, (all) => [...all, poll])),
        Effect.forkChild
      )
      yield* settle
      const expected: Array<number> = []
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < 3; i++) expected.push(yield* upload(`rf_${(round * 7 + i * 19) % 45}`))
        yield* fake.setFaults({ rate: 0.5, kinds: ["500", "502", "503", "drop", "truncate"], seed: round + 11 })
        for (let step = 0; step < 60; step++) yield* TestClock.adjust("1 second")
        yield* fake.setFaults(undefined)
      }
      for (let step = 0; step < 5; step++) yield* TestClock.adjust("1 minute")
      const delivered = (yield* Ref.get(polls)).flatMap((poll) => poll.posts.map((hit) => hit.post.id))
      assert.deepStrictEqual(delivered, expected)
      const failed = (yield* fake.requests).filter((r) => r.path === "/posts.json" && r.fault !== undefined)
      assert.isAtLeast(failed.length, 3, `faults were injected (${failed.length})`)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(E621Fake.layer({
      posts: 100,
      seed: 5,
      client: { credentials: E621Fake.testerCredentials, retry: { times: 1, base: "200 millis" } }
    }))))
})
