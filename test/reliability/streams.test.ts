/**
 * Guarantee 10 — exactly once against a hostile server: whatever the pages hold (overlaps, ids above the
 * cursor, repeats inside a page, pages out of order), a stream yields each id at most once and, on cursors,
 * strictly newest first; it never sends a cursor its own input checks would refuse; ids that are not ids fail
 * typed; a server that makes no progress (the same page again, forever) ends the stream with a typed error
 * after a bounded number of requests, never a loop.
 *
 * The hostile server is the fake with its answers rewritten (`handle` wrapped), in memory for the table and
 * over real HTTP (`NodeE621Fake.serveFake`) for one case.
 */
import { E621Client, Favorites, Pools, Posts, SearchTrends, Tags } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Layer, Stream } from "effect"
import { TestClock } from "effect/testing"
import { HttpClient } from "effect/http"

type Handle = E621Fake.E621Fake["Service"]["handle"]
type Item = { id: number; [key: string]: unknown }

/** The list in a fake answer (a bare array, or `{posts: [...]}`), rewritten by `f`. */
const rewriteList = (body: string, f: (items: Array<Item>) => Array<Item>): string => {
  const parsed: unknown = JSON.parse(body)
  if (Array.isArray(parsed)) return JSON.stringify(f(parsed as Array<Item>))
  const record = parsed as { posts?: Array<Item> }
  return record.posts === undefined ? body : JSON.stringify({ ...record, posts: f(record.posts) })
}

/** A hostile server: rewrites the request before the fake sees it, and the list it answers. */
interface Hostility {
  readonly request?: (url: URL) => URL
  readonly list?: (items: Array<Item>, url: URL) => Array<Item>
}

const hostile = (handle: Handle, hostility: Hostility): Handle => (request) => {
  const url = hostility.request === undefined ? request.url : hostility.request(new URL(request.url))
  return Effect.map(handle({ ...request, url }), (answer) =>
    hostility.list === undefined || answer.status !== 200 || answer.body === ""
      ? answer
      : { ...answer, body: rewriteList(answer.body, (items) => hostility.list!(items, request.url)) })
}

const withPage = (url: URL, page: string | undefined): URL => {
  const next = new URL(url)
  if (page === undefined) next.searchParams.delete("page")
  else next.searchParams.set("page", page)
  return next
}

const cursorOf = (url: URL): number | undefined => {
  const match = /^b(\d+)$/.exec(url.searchParams.get("page") ?? "")
  return match === null ? undefined : Number(match[1])
}

/** What the client may send as `page`: what `Params.page` accepts, and never a cursor that can only be empty. */
const acceptablePage = (page: string | null): boolean =>
  page === null || (/^[1-9]\d{0,2}$/.test(page) && Number(page) <= 750) ||
  (/^[ab][1-9]\d{0,9}$/.test(page) && Number(page.slice(1)) <= 2_147_483_647 && page !== "b1")

const firstPageOf = (handle: Handle, path: string, query: string) =>
  Effect.map(
    handle({ method: "GET", url: new URL(`https://e621.net${path}?${query}`), headers: { "user-agent": E621Fake.userAgent }, body: undefined }),
    (answer) => {
      let items: Array<Item> = []
      rewriteList(answer.body, (list) => (items = list))
      return items
    }
  )

const hostilities: ReadonlyArray<readonly [string, (handle: Handle) => Effect.Effect<Hostility>]> = [
  ["pages overlap (each cursor page starts 7 ids higher)", () =>
    Effect.succeed({ request: (url) => {
      const cursor = cursorOf(url)
      return cursor === undefined ? url : withPage(url, `b${Math.min(cursor + 7, 2_147_483_647)}`)
    } })],
  ["every page also holds the newest ids (above the cursor)", () =>
    Effect.sync(() => {
      const newest = new Map<string, Array<Item>>()
      return {
        list: (items, url) => {
          if (!newest.has(url.pathname)) newest.set(url.pathname, items.slice(0, 5))
          return [...newest.get(url.pathname)!, ...items]
        }
      }
    })],
  ["pages come in reverse order", () => Effect.succeed({ list: (items) => [...items].reverse() })],
  ["every item twice in a page, interleaved", () => Effect.succeed({ list: (items) => items.flatMap((item) => [item, item]) })],
  ["pages shuffled and overlapping at once", () =>
    Effect.succeed({
      request: (url) => {
        const cursor = cursorOf(url)
        return cursor === undefined ? url : withPage(url, `b${Math.min(cursor + 3, 2_147_483_647)}`)
      },
      list: (items) => items.map((_, i) => items[(i * 7) % items.length]!).concat(items)
    })]
]

/** The fake's client, its HTTP answers made hostile; every page parameter sent is recorded. */
const hostileClient = (fake: E621Fake.E621Fake["Service"], hostility: Hostility, sent: Array<string | null>) =>
  E621Client.layer({ userAgent: E621Fake.userAgent, rateLimit: false, retry: false }).pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      E621Fake.httpClient({
        ...fake,
        handle: (request) => {
          sent.push(request.url.searchParams.get("page"))
          return hostile(fake.handle, hostility)(request)
        }
      })
    ))
  )

const failure = <A, E>(exit: Exit.Exit<A, E>): { readonly _tag: string; readonly message: string } => {
  assert.isTrue(Exit.isFailure(exit), "the stream failed")
  if (Exit.isSuccess(exit)) throw new Error("unreachable")
  assert.isFalse(Cause.hasDies(exit.cause), `no defect: ${Cause.pretty(exit.cause)}`)
  return Cause.squash(exit.cause) as { readonly _tag: string; readonly message: string }
}

const strictlyDescending = (ids: ReadonlyArray<number>) => ids.every((id, i) => i === 0 || id < ids[i - 1]!)

describe("exactly once against a hostile server", () => {
  for (const [label, make] of hostilities) {
    it.effect(`Posts.stream and Pools.stream, ${label}: every id once, newest first, valid cursors`, () =>
      Effect.gen(function*() {
        const fake = yield* E621Fake.make({ posts: 700, seed: 5 })
        const hostility = yield* make(fake.handle)
        const sent: Array<string | null> = []
        const honestPosts = yield* Posts.stream({ pageSize: 40 }).pipe(
          Stream.map((p) => p.id),
          Stream.runCollect,
          Effect.provide(E621Client.layer({ userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
            Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake)))
          ))
        )
        const posts = yield* Posts.stream({ pageSize: 40 }).pipe(
          Stream.map((p) => p.id),
          Stream.runCollect,
          Effect.provide(hostileClient(fake, hostility, sent))
        )
        assert.isAbove(honestPosts.length, 500)
        assert.deepStrictEqual([...posts], [...honestPosts])
        assert.isTrue(strictlyDescending(posts))
        const pools = yield* Pools.stream({ pageSize: 7 }).pipe(
          Stream.map((p) => p.id),
          Stream.runCollect,
          Effect.provide(hostileClient(fake, hostility, sent))
        )
        assert.deepStrictEqual([...pools], (yield* fake.pools).map((p) => p.id).sort((a, b) => b - a))
        for (const page of sent) assert.isTrue(acceptablePage(page), `page=${page} is a page the client accepts`)
      }))
  }

  it.effect("a numbered stream (order:score) over overlapping, doubled pages yields each id once", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 300, seed: 6 })
      const sent: Array<string | null> = []
      const shifted: Hostility = {
        request: (url) => {
          const page = Number(url.searchParams.get("page") ?? "1")
          return page > 1 ? withPage(url, String(page - 1)) : url
        },
        list: (items, url) => (url.searchParams.get("page") === "3" ? [...items, ...items] : items)
      }
      const ids = yield* Posts.stream({ tags: "order:score", pageSize: 50 }).pipe(
        Stream.map((p) => p.id),
        Stream.runCollect,
        Effect.provide(hostileClient(fake, shifted, sent)),
        Effect.exit
      )
      // page 2 answers page 1 again: nothing new, so the stream stops with a typed error instead of walking on
      const error = failure(ids)
      assert.strictEqual(error._tag, "E621DecodeError")
      assert.include(error.message, "no progress")
      assert.deepStrictEqual(sent, ["1", "2"])
    }))

  it.effect("numbered pages that overlap by half: every id once, nothing lost", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 300, seed: 6 })
      const honest = yield* Favorites.stream({ userId: E621Fake.TESTER.id, pageSize: 3 }).pipe(
        Stream.map((p) => p.id),
        Stream.runCollect,
        Effect.provide(hostileClient(fake, {}, []))
      )
      assert.isAbove(honest.length, 6)
      // every page starts with the last two items of the page before
      let previous: Array<Item> = []
      const overlapping: Hostility = {
        list: (items) => {
          const out = [...previous, ...items]
          previous = items.slice(-2)
          return out
        }
      }
      const ids = yield* Favorites.stream({ userId: E621Fake.TESTER.id, pageSize: 3 }).pipe(
        Stream.map((p) => p.id),
        Stream.runCollect,
        Effect.provide(hostileClient(fake, overlapping, []))
      )
      assert.deepStrictEqual([...ids], [...honest])
    }))

  const invalid: ReadonlyArray<readonly [string, number]> = [
    ["negative", -2199],
    ["zero", 0],
    ["fractional", 12.5],
    ["too large", 2_147_483_648]
  ]
  for (const [label, bad] of invalid) {
    it.effect(`a ${label} id (${bad}) fails the stream typed; no cursor is built from it`, () =>
      Effect.gen(function*() {
        const fake = yield* E621Fake.make({ posts: 200, seed: 7 })
        const sent: Array<string | null> = []
        const poisoned: Hostility = {
          list: (items, url) => (url.searchParams.get("page") !== null && items.length > 0 ? [...items.slice(0, -1), { ...items.at(-1)!, id: bad }] : items)
        }
        const exit = yield* Posts.stream({ pageSize: 20 }).pipe(Stream.runCollect, Effect.provide(hostileClient(fake, poisoned, sent)), Effect.exit)
        const error = failure(exit)
        assert.strictEqual(error._tag, "E621DecodeError")
        assert.include(error.message, String(bad))
        assert.strictEqual(sent.length, 2)
        for (const page of sent) assert.isTrue(acceptablePage(page), `page=${page}`)
      }))
  }

  for (const [label, bad] of invalid) {
    it.effect(`Posts.changes: a ${label} id (${bad}) fails the stream typed, never yielded`, () =>
      Effect.gen(function*() {
        const fake = yield* E621Fake.make({ posts: 120, seed: 7 })
        const poisoned: Hostility = { list: (items) => (items.length > 1 ? [...items.slice(0, -1), { ...items.at(-1)!, id: bad }] : items) }
        const exit = yield* Posts.changes({ since: 0, pageSize: 20 }).pipe(Stream.runCollect, Effect.provide(hostileClient(fake, poisoned, [])), Effect.exit)
        const error = failure(exit)
        assert.strictEqual(error._tag, "E621DecodeError")
        assert.include(error.message, `the id ${bad}, which is not an e621 id`)
      }))
  }

  it.effect("the same page forever (cursor ignored): a typed error after two requests, not a loop", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 200, seed: 8 })
      for (const run of [
        Posts.stream({ pageSize: 20 }),
        Tags.stream({ pageSize: 20 }) as Stream.Stream<unknown, unknown, E621Client.E621Client>,
        Posts.stream({ tags: "order:score", pageSize: 20 }) as Stream.Stream<unknown, unknown, E621Client.E621Client>,
        SearchTrends.stream({ pageSize: 2 }) as Stream.Stream<unknown, unknown, E621Client.E621Client>
      ]) {
        const sent: Array<string | null> = []
        const exit = yield* run.pipe(
          Stream.runCollect,
          Effect.provide(hostileClient(fake, { request: (url) => withPage(url, undefined) }, sent)),
          Effect.exit
        )
        const error = failure(exit)
        assert.strictEqual(error._tag, "E621DecodeError")
        assert.include(error.message, "no progress")
        assert.strictEqual(sent.length, 2)
      }
    }))

  it.effect("ids only above the cursor (an empty advance): a typed error, not a loop", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 200, seed: 8 })
      const sent: Array<string | null> = []
      // cursor pages answer what the first page held: only ids above the cursor
      let first: Array<Item> | undefined
      const stale: Hostility = { list: (items) => (first ??= items) }
      const exit = yield* Posts.stream({ pageSize: 20 }).pipe(Stream.runCollect, Effect.provide(hostileClient(fake, stale, sent)), Effect.exit)
      assert.include(failure(exit).message, "no progress")
      assert.strictEqual(sent.length, 2)
    }))

  it.effect("Posts.changes never yields a change twice or out of order, whatever the server repeats", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 120, seed: 9 })
      const honest = yield* Posts.changes({ since: 0, pageSize: 25 }).pipe(
        Stream.map((p) => `${p.id}@${p.change_seq}`),
        Stream.runCollect,
        Effect.provide(hostileClient(fake, {}, []))
      )
      // every page comes backwards and repeats five posts of the first page
      const first = yield* firstPageOf(fake.handle, "/posts.json", "limit=25&tags=change%3A%3E0+order%3Achange_asc+status%3Aany")
      const changes = yield* Posts.changes({ since: 0, pageSize: 25 }).pipe(
        Stream.map((p) => `${p.id}@${p.change_seq}`),
        Stream.runCollect,
        Effect.provide(hostileClient(fake, { list: (items) => [...items].reverse().concat(first.slice(0, 5), first.slice(0, 2)) }, []))
      )
      assert.deepStrictEqual([...changes], [...honest])
    }))

  // Posts.watch pages upwards with `a<position>` cursors: whatever the server answers (ids at or below the
  // position, repeats, pages reversed, cursors ignored or moved back, ids that are not ids), every post is
  // yielded at most once, oldest first, and every cursor sent is a valid `a<id>`.
  const watchHostilities: ReadonlyArray<readonly [string, boolean, (low: ReadonlyArray<Item>) => Hostility]> = [
    ["every page also holds posts at or below the position", true, (low) => ({ list: (items) => [...low, ...items] })],
    ["pages come in reverse order, every post twice", true, () => ({ list: (items) => [...items].reverse().flatMap((item) => [item, item]) })],
    ["ids that are not ids (0, -1, 1.5, 2^31) in every page", true, () => ({
      list: (items) => items.length === 0 ? items : [
        ...items,
        ...[0, -1, 1.5, 2_147_483_648].map((id) => ({ ...items[0]!, id }))
      ]
    })],
    ["the cursor moved back (going backwards)", false, () => ({
      request: (url) => {
        const page = /^a(\d+)$/.exec(url.searchParams.get("page") ?? "")
        return page === null ? url : withPage(url, `a${Math.max(1, Number(page[1]) - 15)}`)
      }
    })],
    ["the cursor ignored (the newest page, every time)", false, () => ({ request: (url) => withPage(url, undefined) })]
  ]
  for (const [label, lossless, hostility] of watchHostilities) {
    it.effect(`Posts.watch, ${label}: each post at most once, oldest first, valid a<id> cursors`, () =>
      Effect.gen(function*() {
        const fake = yield* E621Fake.make({ posts: 120, seed: 12 })
        const ids = [...(yield* fake.postIds)].sort((a, b) => a - b)
        const since = ids[70]!
        const low = (yield* firstPageOf(fake.handle, "/posts.json", `limit=5&page=b${since + 1}`))
        const watch = (hostile: Hostility, sent: Array<string | null>) =>
          Effect.gen(function*() {
            const seen: Array<number> = []
            const fiber = yield* Posts.watch({}, { since, every: "1 minute", pageSize: 10 }).pipe(
              Stream.runForEach((post) => Effect.sync(() => seen.push(post.id))),
              Effect.provide(hostileClient(fake, hostile, sent)),
              Effect.exit,
              Effect.forkChild
            )
            yield* TestClock.adjust("10 minutes")
            yield* Fiber.interrupt(fiber)
            return seen
          })
        const honest = yield* watch({}, [])
        const sent: Array<string | null> = []
        const seen = yield* watch(hostility(low), sent)
        assert.isTrue(seen.every((id, i) => i === 0 || id > seen[i - 1]!), `strictly ascending: ${seen.join(",")}`)
        assert.isTrue(seen.every((id) => id > since && ids.includes(id)), `only posts above the position: ${seen.join(",")}`)
        if (lossless) assert.deepStrictEqual(seen, honest)
        for (const page of sent) assert.isTrue(page === null || /^a[1-9]\d*$/.test(page) && acceptablePage(page), `page=${page}`)
      }))
  }

  it.live("over real HTTP: overlapping, reordered pages still give every post once, newest first", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.make({ posts: 400, seed: 10 })
      const expected = [...(yield* fake.postIds)].reverse()
      const server = yield* NodeE621Fake.serveFake({
        ...fake,
        handle: hostile(fake.handle, {
          request: (url) => (cursorOf(url) === undefined ? url : withPage(url, `b${cursorOf(url)! + 11}`)),
          list: (items) => [...items].reverse()
        })
      })
      const ids = yield* Posts.stream({ pageSize: 50 }).pipe(
        Stream.map((p) => p.id),
        Stream.runCollect,
        Effect.provide(NodeE621.layer({ host: server.url, userAgent: E621Fake.userAgent, rateLimit: false, retry: false }))
      )
      const visible = new Set(ids)
      assert.isTrue(strictlyDescending(ids))
      assert.deepStrictEqual([...ids], expected.filter((id) => visible.has(id)))
      assert.isAbove(ids.length, 350)
    }))
})
