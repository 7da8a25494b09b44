/**
 * One odd item never costs the others: list answers decode item by item when a page does not decode as a
 * whole. Lenient (the default) delivers the rest and reports each rejected item (`onRejected`, a warning
 * log, `E621DecodeError` with index / id / path); strict fails the call naming the item. Every case goes
 * through HTTP: the fake serves a real page and `rewriteNext` corrupts one item of it.
 */
import {
  Comments,
  Decoding,
  E621Client,
  E621Error,
  Favorites,
  Pools,
  Posts,
  SearchTrends,
  Tags,
  Users
} from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, References, Stream } from "effect"

type Json = Record<string, unknown>
type Client = E621Client.E621Client | E621Fake.E621Fake

const fake = (client: Partial<E621Client.Options> = {}, posts = 1_000) =>
  E621Fake.layer({ posts, seed: 21, client: { retry: false, ...client } })

const isRecord = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

/** The items of an answer: a bare array, or the one array inside `{"posts":[…]}`-like wrappers. */
const itemsOf = (body: unknown): Array<unknown> => {
  if (Array.isArray(body)) return body
  if (isRecord(body)) {
    const arrays = Object.values(body).filter(Array.isArray)
    if (arrays.length === 1) return arrays[0] as Array<unknown>
  }
  throw new Error(`not a list answer: ${JSON.stringify(body).slice(0, 200)}`)
}

/** Queues a rewrite of the next answer that replaces its item `index` by `corrupt(item)`; the item's id is kept. */
const corruptNext = (index: number | "last", corrupt: (item: Json) => unknown) =>
  Effect.flatMap(E621Fake.E621Fake, (fake) =>
    fake.rewriteNext((body) => {
      const items = itemsOf(body)
      const at = index === "last" ? items.length - 1 : index
      items[at] = corrupt(structuredClone(items[at]) as Json)
      return body
    }))

const idAt = (index: number | "last") => (body: unknown): number => {
  const items = itemsOf(body)
  return (items[index === "last" ? items.length - 1 : index] as Json).id as number
}

/** Malformations at several depths of a post (legacy format). */
const postCorruptions: ReadonlyArray<{ readonly name: string; readonly corrupt: (post: Json) => unknown; readonly path: string; readonly keepsId: boolean }> = [
  { name: "a top-level field of the wrong type", corrupt: (p) => ({ ...p, rating: 42 }), path: `["rating"]`, keepsId: true },
  { name: "a nested flags.deleted", corrupt: (p) => ({ ...p, flags: { ...(p.flags as Json), deleted: "yes" } }), path: `["flags"]["deleted"]`, keepsId: true },
  {
    name: "an array element in tags.general",
    corrupt: (p) => ({ ...p, tags: { ...(p.tags as Json), general: ["ok", 7] } }),
    path: `["tags"]["general"][1]`,
    keepsId: true
  },
  { name: "an id of the wrong type", corrupt: (p) => ({ ...p, id: String(p.id) }), path: `["id"]`, keepsId: false },
  { name: "an item that is not an object", corrupt: () => "not a post", path: "", keepsId: false }
]

/** Records what `onRejected` receives. */
const collector = () => {
  const rejected: Array<E621Error.E621DecodeError> = []
  const onRejected: Decoding.OnRejected = (error) => Effect.sync(() => void rejected.push(error))
  return { rejected, onRejected }
}

/** Runs `effect` with a logger that keeps every warning. */
const withLogs = <A, E, R>(effect: Effect.Effect<A, E, R>) => {
  const logs: Array<string> = []
  const logger = Logger.make((options) => {
    if (options.logLevel === "Warn") logs.push(String(options.message))
  })
  return effect.pipe(
    Effect.provide(Logger.layer([logger])),
    Effect.provideService(References.MinimumLogLevel, "All"),
    Effect.map((value) => ({ value, logs }))
  )
}

const decodeFailure = <A>(exit: Exit.Exit<A, unknown>): E621Error.E621DecodeError => {
  assert.isTrue(Exit.isFailure(exit), "expected the call to fail")
  const error = Cause.squash((exit as Exit.Failure<A, unknown>).cause)
  assert.instanceOf(error, E621Error.E621DecodeError)
  return error as E621Error.E621DecodeError
}

describe("a 320-post page with one malformed post", () => {
  for (const { corrupt, keepsId, name, path } of postCorruptions) {
    it.effect(`lenient (default): 319 posts and a report naming the post — ${name}`, () => {
      const { onRejected, rejected } = collector()
      return Effect.gen(function*() {
        const fakeService = yield* E621Fake.E621Fake
        let badId = 0
        yield* fakeService.rewriteNext((body) => {
          badId = idAt(137)(body)
          const items = itemsOf(body)
          items[137] = corrupt(structuredClone(items[137]) as Json)
          return body
        })
        const { logs, value: page } = yield* withLogs(Posts.search({ limit: 320 }))
        assert.strictEqual(page.length, 319)
        assert.isFalse(page.some((post) => post.id === badId))
        assert.strictEqual(rejected.length, 1)
        const report = rejected[0]!
        assert.strictEqual(report.index, 137)
        assert.strictEqual(report.path, path)
        assert.strictEqual(report.id, keepsId ? badId : undefined)
        assert.include(report.url ?? "", "/posts.json")
        if (keepsId) {
          assert.include(report.message, `id ${badId}`)
          assert.include(report.excerpt, `"id":${badId}`)
        }
        assert.strictEqual(logs.length, 1)
        assert.include(logs[0]!, keepsId ? `id ${badId}` : "item 137")
      }).pipe(Effect.provide(fake({ onRejected })))
    })

    it.effect(`strict: the call fails with the post's id and path — ${name}`, () =>
      Effect.gen(function*() {
        const fakeService = yield* E621Fake.E621Fake
        let badId = 0
        yield* fakeService.rewriteNext((body) => {
          badId = idAt(200)(body)
          const items = itemsOf(body)
          items[200] = corrupt(structuredClone(items[200]) as Json)
          return body
        })
        const error = decodeFailure(yield* Effect.exit(Posts.search({ limit: 320 })))
        assert.strictEqual(error.index, 200)
        assert.strictEqual(error.path, path)
        if (keepsId) {
          assert.strictEqual(error.id, badId)
          assert.include(error.message, `id ${badId}`)
        }
      }).pipe(Effect.provide(fake({ decoding: "strict" }))))
  }

  it.effect("the v2 format is decoded item by item too", () => {
    const { onRejected, rejected } = collector()
    return Effect.gen(function*() {
      yield* corruptNext(3, (p) => ({ ...p, flags: { ...(p.flags as Json), pending: 1 } }))
      const page = yield* Posts.search({ limit: 320 })
      assert.strictEqual(page.length, 319)
      assert.strictEqual(rejected[0]?.path, `["flags"]["pending"]`)
    }).pipe(Effect.provide(fake({ postFormat: "v2", onRejected })))
  })

  it.effect("an answer that is not a list fails in both modes", () =>
    Effect.gen(function*() {
      const fakeService = yield* E621Fake.E621Fake
      yield* fakeService.rewriteNext(() => ({ posts: "nope" }))
      const error = decodeFailure(yield* Effect.exit(Posts.search({ limit: 5 })))
      assert.isUndefined(error.index)
    }).pipe(Effect.provide(fake())))

  it.effect("lenient, but no item decodes: a changed answer, not an odd item — the call fails", () =>
    Effect.gen(function*() {
      const fakeService = yield* E621Fake.E621Fake
      yield* fakeService.rewriteNext((body) => ({ posts: itemsOf(body).map((post) => ({ ...(post as Json), rating: 1 })) }))
      const error = decodeFailure(yield* Effect.exit(Posts.search({ limit: 20 })))
      assert.strictEqual(error.index, 0)
      assert.strictEqual(error.path, `["rating"]`)
    }).pipe(Effect.provide(fake())))

  it.effect("lenient, a page of one item the schema rejects: nothing else to deliver, so it fails (fail closed)", () =>
    Effect.gen(function*() {
      yield* corruptNext(0, (p) => ({ ...p, rating: 1 }))
      const error = decodeFailure(yield* Effect.exit(Posts.search({ limit: 1 })))
      assert.strictEqual(error.index, 0)
      assert.isNumber(error.id)
    }).pipe(Effect.provide(fake())))

  it.effect("a page that decodes whole never reports anything", () => {
    const { onRejected, rejected } = collector()
    return Effect.gen(function*() {
      const page = yield* Posts.search({ limit: 320 })
      assert.strictEqual(page.length, 320)
      assert.strictEqual(rejected.length, 0)
    }).pipe(Effect.provide(fake({ onRejected, decoding: "strict" })))
  })
})

describe("per-call policy (Decoding.Override)", () => {
  it.effect("overrides the client's mode and onRejected for one Effect", () => {
    const client = collector()
    const call = collector()
    return Effect.gen(function*() {
      yield* corruptNext(0, (p) => ({ ...p, rating: null }))
      const page = yield* Posts.search({ limit: 50 }).pipe(
        Effect.provideService(Decoding.Override, { mode: "lenient", onRejected: call.onRejected })
      )
      assert.strictEqual(page.length, 49)
      assert.strictEqual(call.rejected.length, 1)
      assert.strictEqual(client.rejected.length, 0)
      yield* corruptNext(0, (p) => ({ ...p, rating: null }))
      decodeFailure(yield* Effect.exit(Posts.search({ limit: 50 })))
    }).pipe(Effect.provide(fake({ decoding: "strict", onRejected: client.onRejected })))
  })

  it.effect("overrides it for a Stream", () =>
    Effect.gen(function*() {
      yield* corruptNext(5, (p) => ({ ...p, rating: null }))
      const exit = yield* Posts.stream({ pageSize: 100 }).pipe(
        Stream.take(150),
        Stream.provideService(Decoding.Override, { mode: "strict" }),
        Stream.runCollect,
        Effect.exit
      )
      assert.strictEqual(decodeFailure(exit).index, 5)
    }).pipe(Effect.provide(fake())))

  it.effect("a bad decoding option is refused before any request", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Layer.build(fake({ decoding: "loose" as Decoding.Mode })))
      assert.isTrue(Exit.isFailure(exit))
      const error = Cause.squash((exit as Exit.Failure<unknown, unknown>).cause)
      assert.instanceOf(error, E621Error.E621InvalidInput)
      assert.strictEqual((error as E621Error.E621InvalidInput).field, "decoding")
    }).pipe(Effect.scoped))
})

describe("streams skip a rejected item and keep their cursor from the raw ids", () => {
  const walk = (client: Partial<E621Client.Options>, index: number | "last", corrupt: (item: Json) => unknown) => {
    const { onRejected, rejected } = collector()
    return Effect.gen(function*() {
      const fakeService = yield* E621Fake.E621Fake
      const all = yield* Posts.stream({ pageSize: 320 }).pipe(Stream.runCollect)
      yield* fakeService.clearRequests
      let badId = 0
      yield* fakeService.rewriteNext((body) => {
        badId = idAt(index)(body)
        const items = itemsOf(body)
        const at = index === "last" ? items.length - 1 : index
        items[at] = corrupt(structuredClone(items[at]) as Json)
        return body
      })
      const streamed = yield* Posts.stream({ pageSize: 320 }).pipe(Stream.runCollect)
      const requests = yield* fakeService.requests
      return { all: Array.from(all, (p) => p.id), streamed: Array.from(streamed, (p) => p.id), badId, rejected, requests }
    }).pipe(Effect.provide(fake({ ...client, onRejected })))
  }

  it.effect("the page's lowest-id post is malformed: every other post once, the cursor still from its id", () =>
    Effect.gen(function*() {
      const { all, badId, rejected, requests, streamed } = yield* walk({}, "last", (p) => ({ ...p, flags: { ...(p.flags as Json), deleted: 0 } }))
      assert.deepStrictEqual(streamed, all.filter((id) => id !== badId))
      assert.strictEqual(rejected.length, 1)
      assert.strictEqual(rejected[0]!.id, badId)
      assert.strictEqual(requests[1]!.query.page, `b${badId}`)
    }))

  it.effect("an item whose id is not a number: the cursor comes from the others, nothing is lost or repeated", () =>
    Effect.gen(function*() {
      const { all, badId, rejected, requests, streamed } = yield* walk({}, "last", (p) => ({ ...p, id: `#${String(p.id)}` }))
      // the next cursor is the lowest numeric id, so the post comes back (intact) on the next page
      assert.deepStrictEqual(streamed, all)
      assert.strictEqual(rejected.length, 1)
      assert.notStrictEqual(requests[1]!.query.page, `b${badId}`)
    }))

  it.effect("a full page with a rejected item is still a full page: the walk goes on", () =>
    Effect.gen(function*() {
      const { all, streamed } = yield* walk({}, 10, () => null)
      assert.strictEqual(streamed.length, all.length - 1)
    }))

  it.effect("strict: the stream fails with the post's id", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.gen(function*() {
        yield* corruptNext(100, (p) => ({ ...p, score: "high" }))
        return yield* Posts.stream({ pageSize: 320 }).pipe(Stream.runCollect)
      }))
      const error = decodeFailure(exit)
      assert.strictEqual(error.index, 100)
      assert.isNumber(error.id)
      assert.strictEqual(error.path, `["score"]`)
    }).pipe(Effect.provide(fake({ decoding: "strict" }))))
})

/** Every kind of list call: generic searches and streams, getMany, favourites, the changes feed, hand-paged walks. */
const lists: ReadonlyArray<{
  readonly name: string
  readonly call: Effect.Effect<ReadonlyArray<unknown>, unknown, Client>
  readonly client?: Partial<E621Client.Options>
}> = [
  { name: "Pools.search", call: Pools.search({ limit: 20 }) },
  { name: "Pools.stream", call: Stream.runCollect(Pools.stream({ pageSize: 20 })).pipe(Effect.map((c) => Array.from(c))) },
  { name: "Tags.search", call: Tags.search({ limit: 20 }) },
  { name: "Users.stream", call: Stream.runCollect(Users.stream({ pageSize: 20 })).pipe(Effect.map((c) => Array.from(c))) },
  { name: "Comments.search", call: Comments.search({ limit: 20 }) },
  { name: "Users.search", call: Users.search({ limit: 20 }) },
  {
    name: "SearchTrends.stream",
    call: Stream.runCollect(SearchTrends.stream({ pageSize: 5 })).pipe(Effect.map((c) => Array.from(c)))
  },
  { name: "Posts.getMany", call: Effect.flatMap(E621Fake.E621Fake.use((f) => f.postIds), (ids) => Posts.getMany(ids.slice(0, 150))) },
  {
    name: "Favorites.stream",
    call: Stream.runCollect(Favorites.stream({ pageSize: 20 })).pipe(Effect.map((c) => Array.from(c))),
    client: { credentials: E621Fake.testerCredentials }
  },
  {
    name: "Posts.changes",
    call: Stream.runCollect(Posts.changes({ since: 0, pageSize: 100 })).pipe(Effect.map((c) => Array.from(c)))
  }
]

describe("Pools.posts", () => {
  it.effect("a pool page whose post e621 sent malformed is Missing with reason \"rejected\", at its index", () =>
    Effect.gen(function*() {
      const fakeService = yield* E621Fake.E621Fake
      const pool = (yield* fakeService.pools).find((p) => new Set(p.post_ids).size >= 3 && p.post_ids.length <= 100)!
      const bad = pool.post_ids[1]!
      const { onRejected, rejected } = collector()
      const pages = yield* Effect.gen(function*() {
        // the pool itself is read first, the posts second
        yield* fakeService.rewriteNext((body) => body)
        yield* fakeService.rewriteNext((body) => {
          for (const post of itemsOf(body) as Array<Json>) if (post.id === bad) post.rating = 5
          return body
        })
        return yield* Stream.runCollect(Pools.posts(pool.id))
      }).pipe(Effect.provideService(Decoding.Override, { onRejected }))
      assert.deepStrictEqual(pages.map((page) => page.postId), pool.post_ids)
      for (const page of pages) {
        if (page.postId === bad) assert.deepInclude(page, { _tag: "Missing", reason: "rejected", post: undefined })
        else assert.notStrictEqual(page._tag === "Missing" ? page.reason : "", "rejected")
      }
      assert.strictEqual(rejected[0]?.id, bad)
    }).pipe(Effect.provide(fake({}, 2_000))))
})

describe("every list call decodes item by item", () => {
  for (const { call, client, name } of lists) {
    it.effect(`${name}: lenient delivers all but the rejected item, strict fails naming it`, () =>
      Effect.gen(function*() {
        const { onRejected, rejected } = collector()
        const policy = (mode: Decoding.Mode) =>
          Effect.provideService(Decoding.Override, { mode, onRejected })
        const whole = yield* call
        assert.isAbove(whole.length, 2, `${name} needs data in the fake`)
        // item 1 keeps its id (if any) and loses every other field
        yield* corruptNext(1, (item) => ("id" in item ? { id: item.id } : {}))
        const lenient = yield* policy("lenient")(call)
        assert.strictEqual(lenient.length, whole.length - 1)
        assert.strictEqual(rejected.length, 1)
        assert.strictEqual(rejected[0]!.index, 1)
        yield* corruptNext(1, (item) => ("id" in item ? { id: item.id } : {}))
        const error = decodeFailure(yield* Effect.exit(policy("strict")(call)))
        assert.strictEqual(error.index, 1)
      }).pipe(Effect.provide(fake(client, 400))))
  }
})
