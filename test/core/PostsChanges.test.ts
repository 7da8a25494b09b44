import { type Post, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const member = () => E621Fake.layer({ posts: 300, seed: 21, client: { credentials: E621Fake.testerCredentials } })

const collect = <E, R>(stream: Stream.Stream<Post.Post, E, R>) => Effect.map(Stream.runCollect(stream), (c) => [...c])

/** Every stored post, by change_seq ascending. */
const stored = Effect.gen(function*() {
  const fake = yield* E621Fake.E621Fake
  const posts: Array<Post.Post> = []
  for (const id of yield* fake.postIds) posts.push((yield* fake.post(id))!)
  return posts.sort((a, b) => a.change_seq - b.change_seq)
})

const maxSeq = (posts: ReadonlyArray<Post.Post>) => posts.reduce((m, p) => Math.max(m, p.change_seq), 0)

describe("Posts.changes", () => {
  it.effect("from 0 streams every post, deleted ones too, oldest change first, raising change:>N on page 1", () =>
    Effect.gen(function*() {
      const all = yield* stored
      const fake = yield* E621Fake.E621Fake
      const got = yield* Posts.changes({ since: 0, pageSize: 100 }).pipe(Stream.runCollect)
      assert.deepStrictEqual(got.map((p) => p.id), all.map((p) => p.id))
      assert.isTrue(got.some((p) => p.flags.deleted))
      const requests = yield* fake.requests
      assert.strictEqual(requests.length, 4)
      const sent = requests.map((r) => r.query.tags)
      assert.strictEqual(sent[0], "change:>0 order:change_asc status:any")
      assert.strictEqual(sent[1], `change:>${got[99]!.change_seq} order:change_asc status:any`)
      assert.strictEqual(sent[3], `change:>${got[299]!.change_seq} order:change_asc status:any`)
      for (const r of requests) {
        assert.isUndefined(r.query.page)
        assert.strictEqual(r.query.limit, "100")
      }
    }).pipe(Effect.provide(member())))

  it.effect("after edits, exactly the edited posts come back, in edit order; votes do not count", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const since = maxSeq(yield* stored)
      assert.deepStrictEqual(yield* collect(Posts.changes({ since })), [])
      const ids = yield* fake.postIds
      const [a, b, c, d, e] = [ids[10]!, ids[200]!, ids[50]!, ids[120]!, ids[7]!]
      yield* Posts.update(a, { tags: { add: ["sync_test"] } })
      yield* Posts.update(b, { rating: "e" === (yield* fake.post(b))!.rating ? "s" : "e" })
      yield* Posts.vote(c, 1)
      yield* fake.updatePost(d, (p) => ({ ...p, flags: { ...p.flags, deleted: true } }))
      yield* fake.updatePost(e, { fav_count: 99_999 })
      const changed = yield* collect(Posts.changes({ since, pageSize: 2 }))
      assert.deepStrictEqual(changed.map((p) => p.id), [a, b, d])
      assert.isTrue(changed[2]!.flags.deleted)
      assert.isTrue(changed[0]!.change_seq < changed[1]!.change_seq && changed[1]!.change_seq < changed[2]!.change_seq)
      // resuming from the last change seen gives nothing new, then only what changed since
      const last = changed[2]!.change_seq
      assert.deepStrictEqual(yield* collect(Posts.changes({ since: last })), [])
      yield* Posts.update(a, { tags: { remove: ["sync_test"] } })
      assert.deepStrictEqual((yield* collect(Posts.changes({ since: last }))).map((p) => p.id), [a])
    }).pipe(Effect.provide(member())))

  it.effect("is resumable: a run cut short and resumed from its last change_seq sees every post once", () =>
    Effect.gen(function*() {
      const all = yield* stored
      const first = yield* collect(Posts.changes({ since: 0, pageSize: 50 }).pipe(Stream.take(130)))
      const rest = yield* collect(Posts.changes({ since: first[first.length - 1]!.change_seq, pageSize: 50 }))
      assert.deepStrictEqual([...first, ...rest].map((p) => p.id), all.map((p) => p.id))
    }).pipe(Effect.provide(member())))

  it.effect("extra tags narrow the stream; conflicting metatags and bad input are refused before any request", () =>
    Effect.gen(function*() {
      const all = yield* stored
      const safe = yield* collect(Posts.changes({ since: 0, tags: "rating:s" }))
      assert.deepStrictEqual(safe.map((p) => p.id), all.filter((p) => p.rating === "s").map((p) => p.id))
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      const invalid = [
        { since: -1 },
        { since: 1.5 },
        { since: 0, tags: "order:score" },
        { since: 0, tags: "( status:deleted )" },
        { since: 0, pageSize: 0 }
      ]
      for (const params of invalid) {
        const error = yield* Effect.flip(Stream.runDrain(Posts.changes(params)))
        assert.strictEqual(error._tag, "E621InvalidInput", JSON.stringify(params))
      }
      const tooMany = Array.from({ length: 38 }, (_, i) => `t${i}`)
      const error = yield* Effect.flip(Stream.runDrain(Posts.changes({ since: 0, tags: tooMany })))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.deepStrictEqual(yield* fake.requests, [])
    }).pipe(Effect.provide(member())))
})
