import { Comments, E621Client, Favorites, Notes, Pools, Posts, ReadCache, Tags } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Layer, Stream } from "effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import { TestClock } from "effect/testing"
import { accounts, clientLayer } from "./support.ts"

const fakeHttp = () => E621Fake.layerHttpClient({ posts: 120, seed: 8 })

const cached = (options: ReadCache.Options = {}, client: Layer.Layer<E621Client.E621Client, unknown, HttpClient.HttpClient> | undefined = undefined) =>
  ReadCache.layer(options).pipe(
    Layer.provide(client ?? clientLayer(accounts.tester)),
    Layer.provide(KeyValueStore.layerMemory),
    Layer.provideMerge(fakeHttp())
  )

const requests = Effect.flatMap(E621Fake.E621Fake, (fake) => fake.requests)

describe("ReadCache", () => {
  it.effect("repeated reads are answered from the store, marked cached, without a request", () =>
    Effect.gen(function*() {
      const first = yield* Tags.autocomplete("dom")
      const second = yield* Tags.autocomplete("dom")
      assert.deepStrictEqual(second, first)
      const raw = yield* E621Client.execute({ method: "GET", path: "/tags/autocomplete.json", query: { "search[name_matches]": "dom", expiry: 7 } })
      assert.isTrue(raw.cached)
      assert.strictEqual((yield* requests).length, 1)
      assert.deepStrictEqual(yield* ReadCache.stats, { hits: 2, misses: 1, stores: 1, invalidations: 0 })
    }).pipe(Effect.provide(cached())))

  it.effect("a cached answer spends no rate-limit token", () =>
    Effect.gen(function*() {
      const now = Clock.currentTimeMillis
      const fiber = yield* Effect.forkChild(Effect.gen(function*() {
        yield* Tags.autocomplete("dom")
        const t1 = yield* now
        for (let i = 0; i < 20; i++) yield* Tags.autocomplete("dom")
        const t2 = yield* now
        yield* Tags.autocomplete("fox")
        return [t1, t2, yield* now] as const
      }))
      for (let i = 0; i < 300; i++) yield* TestClock.adjust("100 millis")
      const [t1, t2, t3] = yield* Fiber.join(fiber)
      assert.strictEqual(t2, t1, "20 cached answers took no time: no token was waited for")
      assert.isAtLeast(t3 - t2, 9_000, "an uncached read waits for the next token")
      assert.strictEqual((yield* requests).length, 2)
    }).pipe(Effect.provide(cached({}, E621Client.layer({
      host: "e621",
      userAgent: E621Fake.userAgent,
      rateLimit: { limit: 1, window: "10 seconds" },
      retry: false
    })))))

  it.effect("freshness per family: tags for an hour, single posts for a minute, post lists not at all", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [id] = yield* fake.postIds
      yield* Tags.autocomplete("dom")
      yield* Posts.get(id!)
      yield* Posts.search({ limit: 5 })
      yield* Posts.search({ limit: 5 })
      assert.strictEqual((yield* requests).length, 4, "lists are not cached")
      yield* TestClock.adjust("2 minutes")
      yield* Tags.autocomplete("dom")
      yield* Posts.get(id!)
      assert.strictEqual((yield* requests).length, 5, "the post expired, the tags did not")
      yield* TestClock.adjust("1 hour")
      yield* Tags.autocomplete("dom")
      assert.strictEqual((yield* requests).length, 6)
    }).pipe(Effect.provide(cached())))

  it.effect("per-call policy: maxAge 0 asks e621, noStore bypasses, maxAge caches a list", () =>
    Effect.gen(function*() {
      yield* Tags.autocomplete("dom")
      yield* ReadCache.withPolicy(Tags.autocomplete("dom"), { maxAge: 0 })
      yield* Tags.autocomplete("dom").pipe(ReadCache.withPolicy({ noStore: true }))
      assert.strictEqual((yield* requests).length, 3)
      yield* ReadCache.withPolicy(Posts.search({ limit: 5 }), { maxAge: "5 minutes" })
      yield* ReadCache.withPolicy(Posts.search({ limit: 5 }), { maxAge: "5 minutes" })
      assert.strictEqual((yield* requests).length, 4)
    }).pipe(Effect.provide(cached())))

  it.effect("the client's own writes drop the cached reads of what they change", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [a, b] = yield* fake.postIds
      yield* Posts.get(a!)
      yield* Posts.get(b!)
      const before = yield* Posts.get(a!)
      assert.strictEqual((yield* requests).length, 2)
      yield* Posts.vote(a!, 1)
      const after = yield* Posts.get(a!)
      yield* Posts.get(b!)
      assert.strictEqual((yield* requests).length, 4, "post a asked again, post b still cached")
      assert.strictEqual(after.score.up, before.score.up + 1)
      assert.isAbove((yield* ReadCache.stats).invalidations, 0)
    }).pipe(Effect.provide(cached({ ttl: { posts: "1 hour" } }))))

  it.effect("answers are kept per user, and no key or value holds the API key", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [id] = yield* fake.postIds
      const store = yield* Layer.build(KeyValueStore.layerMemory)
      const as = (credentials: E621Client.Credentials | undefined) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        effect.pipe(Effect.provide(ReadCache.layer().pipe(Layer.provide(clientLayer(credentials)))), Effect.provide(store))
      yield* as(accounts.tester)(Posts.get(id!))
      yield* as(accounts.tester)(Posts.get(id!))
      yield* as(accounts.admin)(Posts.get(id!))
      yield* as(undefined)(Posts.get(id!))
      yield* as({ username: accounts.tester.username, apiKey: "someone-elses-guess" })(Effect.ignore(Posts.get(id!)))
      const users = (yield* fake.requests).map((r) => r.user ?? "anonymous")
      assert.deepStrictEqual(users.slice(0, 3), ["tester", "admin", "anonymous"])
      assert.strictEqual(users.length, 4, "the same name with another key is not served the tester's answer")
      const kv = KeyValueStore.KeyValueStore
      const keys = yield* Effect.flatMap(kv, (s) => s.keys).pipe(Effect.provide(store))
      assert.strictEqual(keys.length, 3)
      for (const key of keys) {
        const value = (yield* Effect.flatMap(kv, (s) => s.get(key)).pipe(Effect.provide(store)))!
        const basic = (c: { readonly username: string; readonly apiKey: unknown }) => btoa(`${c.username}:${String(c.apiKey)}`)
        for (const secret of [accounts.tester.apiKey, accounts.admin.apiKey, basic(accounts.tester), basic(accounts.admin)]) {
          assert.notInclude(key, String(secret))
          assert.notInclude(value, String(secret))
        }
      }
    }).pipe(Effect.provide(fakeHttp())))

  it.effect("ReadCache.layerMemory keeps at most its capacity, least recently used out first", () =>
    Effect.gen(function*() {
      yield* Tags.autocomplete("dom")
      yield* Tags.autocomplete("fox")
      yield* Tags.autocomplete("dom") // used: "fox" is now the oldest
      yield* Tags.autocomplete("wol")
      const store = yield* KeyValueStore.KeyValueStore
      assert.strictEqual(yield* store.size, 2)
      yield* Tags.autocomplete("dom")
      yield* Tags.autocomplete("fox")
      assert.strictEqual((yield* requests).length, 4, "dom stayed, fox was evicted")
      const error = yield* Effect.flip(Layer.build(ReadCache.layerMemory(0)))
      assert.strictEqual(error.field, "capacity")
    }).pipe(Effect.provide(
      ReadCache.layer().pipe(
        Layer.provide(clientLayer(undefined)),
        Layer.provideMerge(ReadCache.layerMemory(2)),
        Layer.provideMerge(fakeHttp())
      )
    )))

  it.effect("a failing store never fails a read; bad options are E621InvalidInput", () =>
    Effect.gen(function*() {
      const broken = Layer.succeed(KeyValueStore.KeyValueStore)(KeyValueStore.makeStringOnly({
        get: () => Effect.fail(new KeyValueStore.KeyValueStoreError({ method: "get", message: "down" })),
        set: () => Effect.fail(new KeyValueStore.KeyValueStoreError({ method: "set", message: "down" })),
        remove: () => Effect.void,
        clear: Effect.void,
        size: Effect.succeed(0),
        keys: Effect.succeed([])
      }))
      const tags = yield* Tags.autocomplete("dom").pipe(
        Effect.provide(ReadCache.layer().pipe(Layer.provide(clientLayer(undefined)), Layer.provide(broken)))
      )
      assert.isAbove(tags.length, 0)
      const error = yield* Effect.flip(Layer.build(ReadCache.layer({ ttl: { tags: "forever" as "1 hour" } }).pipe(
        Layer.provide(clientLayer(undefined)),
        Layer.provide(KeyValueStore.layerMemory)
      )))
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : error._tag, "ttl.tags")
      // a value that is not an entry (another program's, a cut write) is a miss, not a crash
      const garbage = Layer.succeed(KeyValueStore.KeyValueStore)(KeyValueStore.makeStringOnly({
        get: () => Effect.succeed("{not json"),
        set: () => Effect.void,
        remove: () => Effect.void,
        clear: Effect.void,
        size: Effect.succeed(0),
        keys: Effect.succeed([])
      }))
      const again = yield* Tags.autocomplete("dom").pipe(
        Effect.provide(ReadCache.layer().pipe(Layer.provide(clientLayer(undefined)), Layer.provide(garbage)))
      )
      assert.deepStrictEqual(again, tags)
      const badAge = yield* Effect.flip(ReadCache.withPolicy(Tags.autocomplete("dom"), { maxAge: "soon" as "1 hour" }).pipe(
        Effect.provide(ReadCache.layer().pipe(Layer.provide(clientLayer(undefined)), Layer.provide(KeyValueStore.layerMemory)))
      ))
      assert.strictEqual(badAge._tag === "E621InvalidInput" ? badAge.field : badAge._tag, "maxAge")
    }).pipe(Effect.provide(fakeHttp())))

  it.effect("every write naming a post drops that post's cached reads (favourite, unfavourite, note, comment, pool)", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids: Array<number> = []
      for (const id of yield* fake.postIds) {
        const post = (yield* fake.post(id))!
        if (!post.flags.deleted && !post.flags.note_locked) ids.push(id)
      }
      const pool = yield* Pools.create({ name: "cache_probe_pool" })
      const cachedPool = (yield* Pools.get(pool.id)).post_ids.length
      const writes: ReadonlyArray<readonly [string, (id: number) => Effect.Effect<unknown, unknown, E621Client.E621Client>]> = [
        ["Favorites.add", (id) => Favorites.add(id)],
        ["Favorites.remove", (id) => Effect.andThen(Favorites.add(id), Favorites.remove(id))],
        ["Notes.create", (id) => Notes.create({ postId: id, x: 1, y: 1, width: 10, height: 10, body: "n" })],
        ["Comments.create", (id) => Comments.create({ postId: id, body: "a comment" })],
        ["Pools.addPost", (id) => Pools.addPost(pool.id, id)],
        ["Posts.update", (id) => Posts.update(id, { tagDiff: "cache_probe" })]
      ]
      for (const [[name, write], index] of writes.map((w, i) => [w, i] as const)) {
        const id = ids[index]!
        yield* Posts.get(id)
        yield* write(id)
        const before = (yield* requests).length
        const after = yield* E621Client.execute({ method: "GET", path: `/posts/${id}.json` })
        assert.isUndefined(after.cached, `${name}: post ${id} asked again`)
        assert.strictEqual((yield* requests).length, before + 1, name)
      }
      assert.strictEqual((yield* Pools.get(pool.id)).post_ids.length, cachedPool + 1, "the pool named by pool_id too")
    }).pipe(Effect.provide(cached({ ttl: { posts: "1 hour", pools: "1 hour" } }))))

  it.effect("a store that hangs or dies holds a read at most ReadCache.storeDeadline", () =>
    Effect.gen(function*() {
      const store = (get: Effect.Effect<string | undefined>) =>
        Layer.succeed(KeyValueStore.KeyValueStore)(KeyValueStore.makeStringOnly({
          get: () => get,
          set: () => get.pipe(Effect.asVoid),
          remove: () => Effect.void,
          clear: Effect.void,
          size: Effect.succeed(0),
          keys: Effect.succeed([])
        }))
      for (const get of [Effect.never, Effect.die("store exploded")]) {
        const fiber = yield* Tags.autocomplete("dom").pipe(
          Effect.provide(ReadCache.layer().pipe(Layer.provide(clientLayer(undefined)), Layer.provide(store(get)))),
          Effect.forkChild
        )
        yield* TestClock.adjust("1 second") // the get gives up
        yield* TestClock.adjust("1 second") // and the set after the request
        const exit = yield* Fiber.await(fiber)
        assert.isTrue(Exit.isSuccess(exit))
        assert.isAbove(Exit.isSuccess(exit) ? exit.value.length : 0, 0)
      }
    }).pipe(Effect.provide(fakeHttp())))

  it.effect("errors are not cached; a tag stream through the cache is answered from it the second time", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(Posts.get(99_999_999))
      yield* Effect.flip(Posts.get(99_999_999))
      assert.strictEqual(missing._tag, "E621NotFound")
      assert.strictEqual((yield* requests).length, 2, "a 404 is asked again")
      const fake = yield* E621Fake.E621Fake
      yield* fake.failNext("502", 1)
      yield* Effect.flip(Tags.autocomplete("dom"))
      const tags = yield* Tags.autocomplete("dom")
      assert.isAbove(tags.length, 0, "a 5xx is not kept")
      yield* fake.clearRequests
      const first = yield* Stream.runCollect(Tags.stream({ order: "count", pageSize: 20 }).pipe(Stream.take(50)))
      const sent = (yield* requests).length
      const second = yield* Stream.runCollect(Tags.stream({ order: "count", pageSize: 20 }).pipe(Stream.take(50)))
      assert.deepStrictEqual(second, first)
      assert.strictEqual((yield* requests).length, sent, "the second walk sent nothing")
    }).pipe(Effect.provide(cached())))

  it.effect("a read that overlaps a write is not stored: a stale answer cannot outlive the write's invalidation", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [tag] = yield* Tags.search({ limit: 1 })
      const target = tag!.category === 5 ? "general" : "species"
      yield* fake.failNext("trickle") // the read is answered now (before the write) but arrives slowly
      const slow = yield* Effect.forkChild(Tags.get(tag!.id))
      yield* TestClock.adjust("1 millis")
      yield* Tags.update(tag!.id, { category: target })
      for (let i = 0; i < 20; i++) yield* TestClock.adjust("1 minute")
      const stale = yield* Fiber.join(slow)
      assert.strictEqual(stale.category, tag!.category, "the slow answer predates the write")
      const before = (yield* requests).length
      const fresh = yield* Tags.get(tag!.id)
      assert.strictEqual((yield* requests).length, before + 1, "not served from the cache")
      assert.notStrictEqual(fresh.category, tag!.category)
    }).pipe(Effect.provide(cached({}, E621Client.layer({
      host: "e621",
      userAgent: E621Fake.userAgent,
      rateLimit: false,
      retry: false,
      timeout: "1 hour",
      credentials: accounts.admin
    })))))
})
