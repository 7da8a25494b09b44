import { E621Client } from "@effect-e621/core"
import * as Pools from "@effect-e621/core/api/Pools"
import * as PoolVersions from "@effect-e621/core/api/PoolVersions"
import { Pool } from "@effect-e621/core/schemas/Pool"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema, Stream } from "effect"
import { HttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { accounts, as, fixture, requests } from "./support.ts"

const layer = E621Fake.layer({ posts: 4_000, seed: 21 })

/** A fake without a client: each step picks its user with {@link as}. */
const shared = E621Fake.layerHttpClient({ posts: 4_000, seed: 21 })

const admin = accounts.admin
const tester = as(E621Fake.testerCredentials)
const anonymous = as(undefined)

describe("Pools reads", () => {
  it.effect("search filters by category and pages with limit", () =>
    Effect.gen(function*() {
      const pools = yield* Pools.search({ category: "series", limit: 5 })
      assert.strictEqual(pools.length, 5)
      assert.isTrue(pools.every((pool) => pool.category === "series"))
      const request = (yield* (yield* E621Fake.E621Fake).requests)[0]!
      assert.strictEqual(request.query["search[category]"], "series")
      assert.strictEqual(request.query.limit, "5")
    }).pipe(Effect.provide(layer)))

  it.effect("stream returns every pool once with cursors", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const all = yield* fake.pools
      const streamed = yield* Pools.stream({ pageSize: 7 }).pipe(Stream.map((pool) => pool.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((pool) => pool.id).sort((a, b) => b - a))
    }).pipe(Effect.provide(layer)))

  it.effect("get returns post_ids in reading order; unknown search keys are refused locally", () =>
    Effect.gen(function*() {
      const [first] = yield* (yield* E621Fake.E621Fake).pools
      const pool = yield* Pools.get(first!.id)
      assert.deepStrictEqual(pool.post_ids, first!.post_ids)
      const error = yield* Effect.flip(Pools.search({ nameMatches: "" }))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : "", "search.nameMatches")
      const unknown = yield* Effect.flip(Pools.search({ bogus: 1 } as Pools.PoolSearch))
      assert.strictEqual(unknown._tag, "E621InvalidInput")
    }).pipe(Effect.provide(layer)))

  it("real pool answers decode (a single pool, and a search with the old is_deleted key)", () => {
    const one = Schema.decodeUnknownSync(Pool)(fixture("aioe621/pool_36878.json"))
    assert.strictEqual(one.id, 36878)
    assert.deepStrictEqual(one.post_ids, [4341598])
    assert.strictEqual(one.post_count, 1)
    const many = Schema.decodeUnknownSync(Schema.Array(Pool))(fixture("rs621/pool_search-foo.json"))
    assert.isAbove(many.length, 1)
    assert.deepStrictEqual(many[0]!.post_ids.slice(0, 2), [2252881, 2252888])
    assert.isTrue(many.every((pool) => pool.post_ids.length === pool.post_count))
  })
})

describe("Pools writes", () => {
  it.effect("create answers 201 with the pool; name taken → 422; anonymous → 403; bad names never leave", () =>
    Effect.gen(function*() {
      const ids = (yield* (yield* E621Fake.E621Fake).postIds).slice(10, 13)
      const pool = yield* tester(Pools.create({ name: "My  new comic", description: "d", postIds: [ids[2]!, ids[0]!, ids[1]!] }))
      assert.strictEqual(pool.name, "My_new_comic")
      assert.deepStrictEqual(pool.post_ids, [ids[2], ids[0], ids[1]])
      assert.strictEqual(pool.creator_name, "tester")
      const log = yield* requests
      assert.strictEqual(log.at(-1)!.status, 201)
      assert.strictEqual(log.at(-1)!.body!["pool[name]"], "My  new comic")
      const taken = yield* Effect.flip(tester(Pools.create({ name: "my_new_COMIC" })))
      assert.strictEqual(taken._tag, "E621ValidationFailed")
      assert.deepStrictEqual(taken._tag === "E621ValidationFailed" ? taken.errors.name : [], ["has already been taken"])
      const denied = yield* Effect.flip(anonymous(Pools.create({ name: "anonymous pool" })))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const before = (yield* requests).length
      for (const name of ["", "12345", "series", "a*b", "a,b"]) {
        const bad = yield* Effect.flip(tester(Pools.create({ name })))
        assert.strictEqual(bad._tag, "E621InvalidInput", name)
      }
      const badId = yield* Effect.flip(tester(Pools.create({ name: "ok name", postIds: [0] })))
      assert.strictEqual(badId._tag === "E621InvalidInput" ? badId.field : "", "pool.postIds.0")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(shared)))

  it.effect("update answers 204; unknown posts and category changes of big pools are 422; empty patch refused", () =>
    Effect.gen(function*() {
      const ids = yield* (yield* E621Fake.E621Fake).postIds
      const pool = yield* tester(Pools.create({ name: "big pool", postIds: ids.slice(0, 31) }))
      yield* tester(Pools.update(pool.id, { description: "changed", isActive: false, postIds: ids.slice(0, 32) }))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      const after = yield* Pools.get(pool.id).pipe(anonymous)
      assert.strictEqual(after.description, "changed")
      assert.isFalse(after.is_active)
      assert.strictEqual(after.post_count, 32)
      const category = yield* Effect.flip(tester(Pools.update(pool.id, { category: "collection" })))
      assert.strictEqual(category._tag, "E621ValidationFailed")
      yield* as(admin)(Pools.update(pool.id, { category: "collection" }))
      assert.strictEqual((yield* anonymous(Pools.get(pool.id))).category, "collection")
      const unknown = yield* Effect.flip(tester(Pools.update(pool.id, { postIds: [ids.at(-1)! + 1000] })))
      assert.strictEqual(unknown._tag, "E621ValidationFailed")
      const before = (yield* requests).length
      const empty = yield* Effect.flip(tester(Pools.update(pool.id, {})))
      assert.strictEqual(empty._tag === "E621InvalidInput" ? empty.field : "", "patch")
      const badId = yield* Effect.flip(tester(Pools.update(0, { name: "x y" })))
      assert.strictEqual(badId._tag === "E621InvalidInput" ? badId.field : "", "id")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(shared)))

  it.effect("revert restores a version (204); a version of another pool is 404", () =>
    Effect.gen(function*() {
      const [first, second] = yield* (yield* E621Fake.E621Fake).pools
      const history = yield* tester(PoolVersions.search({ poolId: first!.id }))
      assert.strictEqual(history.length, 1)
      yield* tester(Pools.update(first!.id, { name: "renamed pool", postIds: first!.post_ids.slice(1) }))
      const changed = yield* anonymous(Pools.get(first!.id))
      assert.strictEqual(changed.name, "renamed_pool")
      yield* tester(Pools.revert(first!.id, history[0]!.id))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      const reverted = yield* anonymous(Pools.get(first!.id))
      assert.strictEqual(reverted.name, first!.name)
      assert.deepStrictEqual(reverted.post_ids, first!.post_ids)
      const versions = yield* tester(PoolVersions.search({ poolId: first!.id }))
      assert.deepStrictEqual(versions.map((v) => v.version).sort(), [1, 2, 3])
      const other = yield* tester(PoolVersions.search({ poolId: second!.id }))
      const wrong = yield* Effect.flip(tester(Pools.revert(first!.id, other[0]!.id)))
      assert.strictEqual(wrong._tag, "E621NotFound")
    }).pipe(Effect.provide(shared)))

  it.effect("delete is staff only: member 403, admin 204, then 404", () =>
    Effect.gen(function*() {
      const [pool] = yield* (yield* E621Fake.E621Fake).pools
      const denied = yield* Effect.flip(tester(Pools.delete(pool!.id)))
      assert.strictEqual(denied._tag, "E621Forbidden")
      yield* as(admin)(Pools.delete(pool!.id))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      const gone = yield* Effect.flip(anonymous(Pools.get(pool!.id)))
      assert.strictEqual(gone._tag, "E621NotFound")
      const post = yield* (yield* E621Fake.E621Fake).post(pool!.post_ids[0]!)
      assert.notInclude(post!.pools, pool!.id)
    }).pipe(Effect.provide(shared)))

  it.effect("addPost (201 + pool) and removePost (204) keep the posts' pools in step", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [pool] = yield* fake.pools
      const postId = (yield* fake.postIds).find((id) => !pool!.post_ids.includes(id))!
      const added = yield* tester(Pools.addPost(pool!.id, postId))
      assert.strictEqual((yield* requests).at(-1)!.status, 201)
      assert.deepStrictEqual(added.post_ids, [...pool!.post_ids, postId])
      assert.include((yield* fake.post(postId))!.pools, pool!.id)
      const byName = yield* tester(Pools.addPost(pool!.name, postId))
      assert.strictEqual(byName.post_count, pool!.post_count + 1)
      assert.strictEqual((yield* requests).at(-1)!.body!.pool_name, pool!.name)
      yield* tester(Pools.removePost(pool!.id, postId))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      assert.deepStrictEqual((yield* anonymous(Pools.get(pool!.id))).post_ids, pool!.post_ids)
      assert.notInclude((yield* fake.post(postId))!.pools, pool!.id)
      const missing = yield* Effect.flip(tester(Pools.addPost(pool!.id, (yield* fake.postIds).at(-1)! + 50)))
      assert.strictEqual(missing._tag, "E621NotFound")
      const denied = yield* Effect.flip(anonymous(Pools.addPost(pool!.id, postId)))
      assert.strictEqual(denied._tag, "E621Forbidden")
      const before = (yield* requests).length
      const bad = yield* Effect.flip(tester(Pools.removePost(pool!.id, -1)))
      assert.strictEqual(bad._tag === "E621InvalidInput" ? bad.field : "", "postId")
      assert.strictEqual((yield* requests).length, before)
    }).pipe(Effect.provide(shared)))

  it.effect("removePost by an account younger than 7 days answers 204 and removes nothing (e621's bug)", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const [pool] = yield* fake.pools
      const young = (yield* fake.users).find((u) => u.level_string === "Member" && u.id > 5)!
      yield* TestClock.setTime(Date.parse(young.created_at) + 86_400_000)
      yield* as({ username: young.name, apiKey: young.apiKey })(Pools.removePost(pool!.id, pool!.post_ids[0]!))
      assert.strictEqual((yield* requests).at(-1)!.status, 204)
      assert.deepStrictEqual((yield* anonymous(Pools.get(pool!.id))).post_ids, pool!.post_ids)
    }).pipe(Effect.provide(shared)))
})

describe("Pools.posts", () => {
  it.effect("walks the pool in post_ids order, in batches, reporting deleted and hidden posts at their index", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      // a pool whose reading order is not id order
      const order = [ids[40]!, ids[3]!, ids[25]!, ids[7]!, ids[12]!, ids[1]!, ids[30]!]
      for (const id of order) yield* fake.updatePost(id, (post) => ({ ...post, flags: { ...post.flags, deleted: false } }))
      const pool = yield* tester(Pools.create({ name: "reading order", postIds: order }))
      yield* fake.updatePost(order[2]!, (post) => ({ ...post, flags: { ...post.flags, deleted: true } }))
      yield* fake.updatePost(order[5]!, (post) => ({
        ...post,
        rating: "e",
        tags: { ...post.tags, general: [...post.tags.general, "young"] }
      }))
      yield* fake.clearRequests
      const pages = yield* anonymous(Pools.posts(pool.id, { batchSize: 3 }).pipe(Stream.runCollect))
      assert.deepStrictEqual(pages.map((page) => page.postId), order)
      assert.deepStrictEqual(pages.map((page) => page.index), [0, 1, 2, 3, 4, 5, 6])
      assert.deepStrictEqual(pages.map((page) => page._tag === "Found" ? "ok" : page.reason), [
        "ok",
        "ok",
        "deleted",
        "ok",
        "ok",
        "hidden",
        "ok"
      ])
      const deleted = pages[2]!
      assert.strictEqual(deleted._tag === "Missing" ? deleted.post?.id : undefined, order[2])
      for (const page of pages) if (page._tag === "Found") assert.strictEqual(page.post.id, page.postId)
      const log = yield* fake.requests
      assert.deepStrictEqual(log.map((r) => r.path), ["/pools/" + pool.id + ".json", "/posts.json", "/posts.json", "/posts.json"])
      assert.strictEqual(log[1]!.query.tags, `id:${order.slice(0, 3).join(",")} status:any`)
    }).pipe(Effect.provide(shared)))

  it.effect("a post e621 does not return at all is reported as not-found at its index", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 2_000, seed: 3 })
      const pool = (yield* fake.pools).find((p) => p.post_ids.length >= 3)!
      const dropped = pool.post_ids[1]!
      // an e621 that leaves one post out of its answers (expunged, or hidden from searches)
      const handle = (request: E621Fake.FakeRequest) =>
        Effect.map(fake.handle(request), (response) => {
          if (request.url.pathname !== "/posts.json") return response
          const body = JSON.parse(response.body) as { posts: Array<{ id: number }> }
          return { ...response, body: JSON.stringify({ posts: body.posts.filter((post) => post.id !== dropped) }) }
        })
      const client = E621Client.layer({ host: "e621", userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient({ ...fake, handle })))
      )
      const pages = yield* Pools.posts(pool.id).pipe(Stream.runCollect, Effect.provide(client))
      assert.deepStrictEqual(pages.map((page) => page.postId), pool.post_ids)
      const missing = pages[1]!
      assert.strictEqual(missing._tag, "Missing")
      assert.strictEqual(missing._tag === "Missing" ? missing.reason : "", "not-found")
      assert.isUndefined(missing._tag === "Missing" ? missing.post : "x")
    }))

  it.effect("fetches lazily and refuses a bad batch size before any request", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const pool = (yield* fake.pools).find((p) => p.post_ids.length >= 5)!
      const first = yield* Pools.posts(pool.id, { batchSize: 2 }).pipe(Stream.take(1), Stream.runCollect)
      assert.strictEqual(first[0]!.postId, pool.post_ids[0])
      assert.strictEqual((yield* fake.requests).length, 2)
      const bad = yield* Effect.flip(Stream.runCollect(Pools.posts(pool.id, { batchSize: 101 })))
      assert.strictEqual(bad._tag === "E621InvalidInput" ? bad.field : "", "batchSize")
      const missing = yield* Effect.flip(Stream.runCollect(Pools.posts(1)))
      assert.strictEqual(missing._tag, "E621NotFound")
      assert.strictEqual((yield* fake.requests).length, 3)
    }).pipe(Effect.provide(layer)))

  it.effect("e621's hourly pool limits: 5 creations, 10 versions before a name/description change, 30 pools' posts", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const creatorErrors = (error: { readonly _tag: string }) =>
        error._tag === "E621ValidationFailed" ? (error as unknown as { errors: Record<string, Array<string>> }).errors : {}
      // creations: 5 an hour (staff exempt)
      const created: Array<number> = []
      for (let i = 0; i < 5; i++) created.push((yield* tester(Pools.create({ name: `limited pool ${i}` }))).id)
      const sixth = yield* Effect.flip(tester(Pools.create({ name: "limited pool 5" })))
      assert.deepStrictEqual(creatorErrors(sixth)["creator"], ["reached the hourly limit for this action"])
      assert.strictEqual((yield* as(admin)(Pools.create({ name: "staff pool" }))).name, "staff_pool")
      // posts of 30 distinct pools an hour (the 5 creations made versions too)
      const others = (yield* anonymous(Pools.search({ limit: 40, order: "created_at" }))).filter((p) => !created.includes(p.id)).map((p) => p.id)
      for (const pool of others.slice(0, 25)) yield* tester(Pools.addPost(pool, ids[0]!))
      const thirtyFirst = yield* Effect.flip(tester(Pools.addPost(others[25]!, ids[0]!)))
      assert.deepStrictEqual(creatorErrors(thirtyFirst)["updater"], ["reached the hourly limit for this action: updating unique pools posts"])
      // 30 versions this hour: a description change is refused too
      const edit = yield* Effect.flip(tester(Pools.update(created[0]!, { description: "new words" })))
      assert.deepStrictEqual(creatorErrors(edit)["updater"], ["reached the hourly limit for this action"])
      yield* TestClock.adjust("1 hour")
      yield* tester(Pools.update(created[0]!, { description: "an hour later" }))
      assert.strictEqual((yield* anonymous(Pools.get(created[0]!))).description, "an hour later")
    }).pipe(Effect.provide(shared)))
})
