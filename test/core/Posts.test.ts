import { E621Client, type E621Error, Posts, TagQuery } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Stream } from "effect"

const fake = (options: E621Fake.Options = {}) => E621Fake.layer({ posts: 300, seed: 11, ...options })
const member = (options: E621Fake.Options = {}) =>
  fake({ ...options, client: { credentials: E621Fake.testerCredentials, ...options.client } })

/** Runs `effect` against a fresh fake and returns its result with the fake's request log. */
const withFake = <A, E>(
  effect: Effect.Effect<A, E, E621Client.E621Client | E621Fake.E621Fake>,
  layer: Layer.Layer<E621Client.E621Client | E621Fake.E621Fake, unknown> = fake()
) => Effect.provide(effect, layer)

const visibleIds = Effect.gen(function*() {
  const fake = yield* E621Fake.E621Fake
  const ids: Array<number> = []
  for (const id of yield* fake.postIds) {
    const post = yield* fake.post(id)
    if (post !== undefined && !post.flags.deleted) ids.push(id)
  }
  return ids
})

describe("Posts.search", () => {
  it.effect("returns one page, newest first, with the limit", () =>
    withFake(Effect.gen(function*() {
      const page = yield* Posts.search({ limit: 25 })
      assert.strictEqual(page.length, 25)
      const ids = yield* visibleIds
      assert.deepStrictEqual(page.map((p) => p.id), ids.reverse().slice(0, 25))
      const [request] = yield* (yield* E621Fake.E621Fake).requests
      assert.strictEqual(request!.path, "/posts.json")
      assert.strictEqual(request!.query.limit, "25")
    })))

  it.effect("every result matches the tag query, as TagQuery.evaluate says", () =>
    withFake(Effect.gen(function*() {
      const query = "rating:s -solo"
      const page = yield* Posts.search({ tags: query, limit: 320 })
      assert.isAbove(page.length, 0)
      const parsed = yield* TagQuery.parse(query)
      for (const post of page) assert.isTrue(TagQuery.evaluate(parsed, post), `post ${post.id}`)
    })))

  it.effect("accepts a token list and a TagQuery", () =>
    withFake(Effect.gen(function*() {
      const a = yield* Posts.search({ tags: ["rating:s", "-solo"], limit: 10 })
      const b = yield* Posts.search({ tags: TagQuery.make(["rating:s", TagQuery.not("solo")]), limit: 10 })
      assert.deepStrictEqual(a.map((p) => p.id), b.map((p) => p.id))
      const sent = (yield* (yield* E621Fake.E621Fake).requests).map((r) => r.query.tags)
      assert.deepStrictEqual(sent, ["rating:s -solo", "rating:s -solo"])
    })))

  it.effect("pages with b<id> and a<id> cursors", () =>
    withFake(Effect.gen(function*() {
      const first = yield* Posts.search({ limit: 10 })
      const lowest = first[first.length - 1]!.id
      const next = yield* Posts.search({ limit: 10, page: `b${lowest}` })
      assert.isTrue(next.every((p) => p.id < lowest))
      const back = yield* Posts.search({ limit: 10, page: `a${next[next.length - 1]!.id}` })
      assert.deepStrictEqual(back.map((p) => p.id).slice(1), next.map((p) => p.id).slice(0, 9))
    })))

  it.effect("decodes the v2 format to the same posts", () =>
    Effect.gen(function*() {
      const legacy = yield* withFake(Posts.search({ limit: 30 }))
      const v2 = yield* withFake(Posts.search({ limit: 30 }), fake({ client: { postFormat: "v2" } }))
      assert.deepStrictEqual(v2.map((p) => [p.id, p.file.md5, p.rating, p.tags.general]), legacy.map((p) => [p.id, p.file.md5, p.rating, p.tags.general]))
    }))

  it.effect("41 tags are refused before any request; 40 pass", () =>
    withFake(Effect.gen(function*() {
      const tags = Array.from({ length: 41 }, (_, i) => `tag_${i}`)
      const error = yield* Effect.flip(Posts.search({ tags }))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
      yield* Posts.search({ tags: tags.slice(0, 40).concat("rating:s"), limit: 1 })
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 1)
    })))

  it.effect("a bad API key is a 401 even for a search", () =>
    withFake(
      Effect.gen(function*() {
        const error = yield* Effect.flip(Posts.search({ limit: 1 }))
        assert.strictEqual(error._tag, "E621Unauthorized")
      }),
      fake({ client: { credentials: { username: "tester", apiKey: "nope" } } })
    ))

  it.effect("deleted posts come without URLs and say why", () =>
    withFake(Effect.gen(function*() {
      const deleted = yield* Posts.search({ tags: "status:deleted", limit: 5 })
      assert.isAbove(deleted.length, 0)
      for (const post of deleted) {
        assert.isTrue(post.flags.deleted)
        assert.isNull(post.file.url)
      }
    })))
})

describe("Posts.stream", () => {
  it.effect("walks more than 750 pages with cursors: every visible post once, newest first", () =>
    withFake(
      Effect.gen(function*() {
        const ids = yield* Posts.stream({ pageSize: 5 }).pipe(Stream.map((p) => p.id), Stream.runCollect)
        const expected = (yield* visibleIds).reverse()
        assert.isAbove(expected.length / 5, 750)
        assert.deepStrictEqual([...ids], expected)
        const pages = (yield* (yield* E621Fake.E621Fake).requests).map((r) => r.query.page)
        assert.strictEqual(pages[0], undefined)
        assert.isTrue(pages.slice(1).every((page) => /^b\d+$/.test(page ?? "")))
      }),
      fake({ posts: 4_000 })
    ))

  it.effect("stops early when the consumer takes fewer", () =>
    withFake(Effect.gen(function*() {
      const taken = yield* Posts.stream({ pageSize: 10 }).pipe(Stream.take(25), Stream.runCollect)
      assert.strictEqual(taken.length, 25)
      // 3 pages are needed; the stream fetches one page ahead of the consumer
      assert.isAtMost((yield* (yield* E621Fake.E621Fake).requests).length, 4)
    })))

  for (const prefetch of [1, 2]) {
    it.effect(`fetches ${prefetch} page(s) ahead while the consumer works, never more (prefetch: ${prefetch})`, () =>
      withFake(Effect.gen(function*() {
        const fake = yield* E621Fake.E621Fake
        // at the first post of each page, the consumer lingers (yields many times), then notes the requests so far
        const seen: Array<number> = []
        let index = 0
        yield* Posts.stream({ pageSize: 10, prefetch }).pipe(
          Stream.take(60),
          Stream.runForEach(() =>
            index++ % 10 !== 0 ? Effect.void : Effect.gen(function*() {
              for (let i = 0; i < 200; i++) yield* Effect.yieldNow
              seen.push((yield* fake.requests).length)
            })
          )
        )
        // while page N (0-based) is consumed, pages up to N + prefetch have been asked for: N + 1 + prefetch requests
        assert.deepStrictEqual(seen, [0, 1, 2, 3, 4, 5].map((page) => page + 1 + prefetch))
      })))
  }

  it.effect("asks for the next page before a page reaches a consumer that never yields", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const seen: Array<number> = []
      let index = 0
      yield* Posts.stream({ pageSize: 10 }).pipe(
        Stream.take(60),
        Stream.runForEach(() =>
          index++ % 10 !== 0 ? Effect.void : Effect.map(fake.requests, (log) => {
            seen.push(log.length)
          })
        )
      )
      // the page is decoded only after the producer has sent the next request
      assert.deepStrictEqual(seen, [2, 3, 4, 5, 6, 7])
    })))

  it.effect("orders other than id walk numbered pages without duplicates", () =>
    withFake(Effect.gen(function*() {
      const posts = yield* Posts.stream({ tags: "order:score", pageSize: 40 }).pipe(Stream.runCollect)
      const ids = posts.map((p) => p.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.strictEqual(ids.length, (yield* visibleIds).length)
      for (let i = 1; i < posts.length; i++) assert.isAtLeast(posts[i - 1]!.score.total, posts[i]!.score.total)
      const pages = (yield* (yield* E621Fake.E621Fake).requests).map((r) => r.query.page)
      assert.deepStrictEqual(pages.slice(0, 3), ["1", "2", "3"])
    })))

  it.effect("at the 750-page cap a numbered stream stops, or fails with E621PageLimit", () =>
    Effect.gen(function*() {
      const layer = fake({ posts: 900 })
      const stopped = yield* withFake(Posts.stream({ tags: "order:score", pageSize: 1 }).pipe(Stream.runCount), layer)
      assert.strictEqual(stopped, 750)
      const failed = yield* withFake(
        Posts.stream({ tags: "order:score", pageSize: 1, onPageLimit: "fail" }).pipe(Stream.runDrain, Effect.flip),
        layer
      )
      assert.strictEqual(failed._tag, "E621PageLimit")
    }))

  it.effect("bad stream parameters fail before any request", () =>
    withFake(Effect.gen(function*() {
      for (const params of [{ pageSize: 0 }, { pageSize: 321 }, { tags: "( a" }, { prefetch: 0 }]) {
        const error = yield* Effect.flip(Stream.runDrain(Posts.stream(params)))
        assert.strictEqual(error._tag, "E621InvalidInput")
      }
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    })))
})

describe("Posts single-post reads", () => {
  it.effect("get, getByMd5, and 404s", () =>
    withFake(Effect.gen(function*() {
      const [id] = yield* visibleIds
      const post = yield* Posts.get(id!)
      assert.strictEqual(post.id, id)
      const same = yield* Posts.getByMd5(post.file.md5.toUpperCase())
      assert.strictEqual(same.id, id)
      assert.strictEqual((yield* Effect.flip(Posts.get(999_999))). _tag, "E621NotFound")
      assert.strictEqual((yield* Effect.flip(Posts.getByMd5("0".repeat(32))))._tag, "E621NotFound")
    })))

  it.effect("getMany keeps the caller's order across batches of 100", () =>
    withFake(Effect.gen(function*() {
      const ids = (yield* (yield* E621Fake.E621Fake).postIds).slice(0, 230)
      const shuffled = [...ids].reverse().sort((a, b) => (a % 7) - (b % 7))
      const posts = yield* Posts.getMany([...shuffled, 999_999])
      assert.deepStrictEqual(posts.map((p) => p.id), shuffled)
      const requests = yield* (yield* E621Fake.E621Fake).requests
      assert.strictEqual(requests.length, 3)
      assert.match(requests[0]!.query.tags ?? "", /^id:[\d,]+ status:any$/)
    })))

  it.effect("random and count follow the query", () =>
    withFake(Effect.gen(function*() {
      const post = yield* Posts.random({ tags: "rating:e" })
      assert.strictEqual(post.rating, "e")
      const { count, capped } = yield* Posts.count({ tags: "rating:e" })
      const all = yield* Posts.stream({ tags: "rating:e" }).pipe(Stream.runCount)
      assert.strictEqual(count, all)
      assert.isFalse(capped)
      assert.strictEqual((yield* Effect.flip(Posts.random({ tags: "no_such_tag_anywhere" })))._tag, "E621NotFound")
    })))

  it.effect("favorites lists users by name; similar returns ranked thumbnails", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const tester = E621Fake.TESTER.name
      const [favourite] = yield* fake.favorites(tester)
      assert.isDefined(favourite)
      const users = yield* Posts.favorites(favourite!, { limit: 100 })
      assert.include(users.map((u) => u.name), tester)
      const names = users.map((u) => u.name)
      assert.deepStrictEqual(names, [...names].sort())
      const similar = yield* Posts.similar(favourite!, { by: "tags", limit: 5 })
      assert.strictEqual(similar.post_id, favourite)
      assert.isAtMost(similar.results.length, 5)
      assert.strictEqual(similar.post_data.length, similar.results.length)
    })))

  it.effect("bad ids, md5s and limits are refused before any request", () =>
    withFake(Effect.gen(function*() {
      const attempts: ReadonlyArray<Effect.Effect<unknown, E621Error.E621Error, E621Client.E621Client>> = [
        Posts.get(-1),
        Posts.get(1.5),
        Posts.get(3_000_000_000),
        Posts.getMany([1, 0]),
        Posts.getByMd5("xyz"),
        Posts.search({ limit: 321 }),
        Posts.search({ limit: -1 }),
        Posts.search({ page: 751 }),
        Posts.search({ page: 0 }),
        Posts.search({ page: "c12" as Posts.Page }),
        Posts.search({ tags: "a ( b" }),
        Posts.favorites(1, { limit: 101 }),
        Posts.similar(1, { limit: 21 })
      ]
      for (const attempt of attempts) {
        const exit = yield* Effect.exit(attempt)
        assert.isTrue(Exit.isFailure(exit))
        const error = yield* Effect.flip(attempt)
        assert.strictEqual(error._tag, "E621InvalidInput")
      }
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    })))
})

describe("Posts writes", () => {
  it.effect("anonymous writes are refused by e621 with 403", () =>
    withFake(Effect.gen(function*() {
      const [id] = yield* visibleIds
      const error = yield* Effect.flip(Posts.vote(id!, 1))
      assert.strictEqual(error._tag, "E621Forbidden")
    })))

  it.effect("update applies a tag diff and a rating, and bumps change_seq", () =>
    withFake(
      Effect.gen(function*() {
        const fake = yield* E621Fake.E621Fake
        const [id] = yield* visibleIds
        const before = (yield* fake.post(id!))!
        const removed = before.tags.general[0]!
        const rating = before.rating === "s" ? "q" : "s"
        const after = yield* Posts.update(id!, {
          tags: { add: ["effect_test_tag"], remove: [removed] },
          rating,
          editReason: "test"
        })
        assert.include(after.tags.general, "effect_test_tag")
        assert.notInclude(after.tags.general, removed)
        assert.strictEqual(after.rating, rating)
        assert.isAbove(after.change_seq, before.change_seq)
        const request = (yield* fake.requests)[0]!
        assert.strictEqual(request.method, "PATCH")
        assert.strictEqual(request.body?.["post[tag_string_diff]"], `effect_test_tag -${removed}`)
        assert.strictEqual((yield* fake.versions(id!)).length, 2)
      }),
      member()
    ))

  it.effect("update refuses empty or contradictory patches before any request", () =>
    withFake(
      Effect.gen(function*() {
        for (const patch of [{}, { tags: {} }, { tags: { add: ["two words"] } }, { tags: { add: ["a"] }, tagString: "a b" }, { rating: "x" as "s" }, { parentId: -2 }]) {
          const error = yield* Effect.flip(Posts.update(1, patch))
          assert.strictEqual(error._tag, "E621InvalidInput")
        }
        assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
      }),
      member()
    ))

  it.effect("revert restores a version", () =>
    withFake(
      Effect.gen(function*() {
        const fake = yield* E621Fake.E621Fake
        const [id] = yield* visibleIds
        const original = (yield* fake.post(id!))!
        yield* Posts.update(id!, { description: "changed once" })
        yield* Posts.update(id!, { description: "changed twice" })
        // e621 keeps the upload as version 1, then one version per edit
        const versions = yield* fake.versions(id!)
        assert.strictEqual(versions.length, 3)
        yield* Posts.revert(id!, versions[1]!.id)
        assert.strictEqual((yield* Posts.get(id!)).description, "changed once")
        assert.notStrictEqual(original.description, "changed twice")
      }),
      member()
    ))

  it.effect("votes never toggle off by default (no_unvote); toggle: true does", () =>
    withFake(
      Effect.gen(function*() {
        const [id] = yield* visibleIds
        const first = yield* Posts.vote(id!, 1)
        const again = yield* Posts.vote(id!, 1)
        assert.strictEqual(first.our_score, 1)
        assert.strictEqual(again.our_score, 1)
        assert.strictEqual(again.up, first.up)
        // e621 itself answers a repeated no_unvote vote with our_score 0 (post_votes_controller#create)
        const raw = yield* E621Client.execute({
          method: "POST",
          path: `/posts/${id}/votes.json`,
          body: { _tag: "Form", fields: { score: 1, no_unvote: "true" } }
        })
        assert.strictEqual((raw.body as { readonly our_score: number }).our_score, 0)
        assert.strictEqual((raw.body as { readonly up: number }).up, first.up)
        const toggled = yield* Posts.vote(id!, 1, { toggle: true })
        assert.strictEqual(toggled.our_score, 0)
        yield* Posts.vote(id!, -1)
        yield* Posts.unvote(id!)
        const bodies = (yield* (yield* E621Fake.E621Fake).requests).filter((r) => r.method === "POST")
        assert.strictEqual(bodies.length, 5)
      }),
      member()
    ))

  it.effect("copyNotes answers 204, or a typed failure e621 explains", () =>
    withFake(
      Effect.gen(function*() {
        const [a, b] = yield* visibleIds
        const exit = yield* Effect.exit(Posts.copyNotes(a!, b!))
        if (Exit.isFailure(exit)) {
          const error = yield* Effect.flip(Posts.copyNotes(a!, b!))
          assert.strictEqual(error._tag, "E621ValidationFailed")
        }
        assert.strictEqual((yield* Effect.flip(Posts.copyNotes(a!, a!)))._tag, "E621InvalidInput")
      }),
      member()
    ))
})
