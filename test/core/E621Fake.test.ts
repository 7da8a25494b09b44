import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Schema } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { TestClock } from "effect/testing"
import { E621Client } from "@effect-e621/core"
import * as Post from "@effect-e621/core/schemas/Post"
import { E621Fake } from "@effect-e621/core/testing"

const UA = "effect-e621-tests/1.0 (by tester on e621)"
const BASE = "https://e621.net"

interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

type Auth = { readonly user: string; readonly key: string } | undefined

const send = (
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: { readonly auth?: Auth; readonly form?: Record<string, string>; readonly headers?: Record<string, string> } = {}
) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(BASE + path).pipe(
      HttpClientRequest.setHeaders({ "user-agent": UA, ...options.headers })
    )
    if (options.auth) request = HttpClientRequest.basicAuth(request, options.auth.user, options.auth.key)
    if (options.form) request = HttpClientRequest.bodyUrlParams(request, options.form)
    const response = yield* client.execute(request)
    return { status: response.status, headers: response.headers, text: yield* response.text } satisfies Answer
  })

const get = (path: string, auth?: Auth, headers?: Record<string, string>) =>
  send("GET", path, { ...(auth ? { auth } : {}), ...(headers ? { headers } : {}) })

const body = (a: Answer): unknown => JSON.parse(a.text)
const as = <A>(a: Answer): A => JSON.parse(a.text) as A
const posts = (a: Answer) => as<{ readonly posts: ReadonlyArray<Post.PostJson> }>(a).posts
const post = (a: Answer) => as<{ readonly post: Post.PostJson }>(a).post
const ids = (list: ReadonlyArray<{ readonly id: number }>) => list.map((p) => p.id)

const tester: Auth = { user: E621Fake.TESTER.name, key: E621Fake.TESTER.apiKey }
const admin: Auth = { user: E621Fake.ADMIN.name, key: E621Fake.ADMIN.apiKey }

const fake = (options: E621Fake.Options = {}) => E621Fake.layerHttpClient({ posts: 600, seed: 7, ...options })

const decodePost = Schema.decodeUnknownSync(Post.Post)
const decodeV2 = Schema.decodeUnknownSync(Post.PostV2)

describe("E621Fake", () => {
  describe("envelopes and formats", () => {
    it.effect("legacy search is wrapped, 75 by default, newest first, and decodes as Post", () =>
      Effect.gen(function*() {
        const a = yield* get("/posts.json")
        assert.strictEqual(a.status, 200)
        assert.match(a.headers["content-type"] ?? "", /application\/json/)
        const page = as<{ readonly posts: ReadonlyArray<Post.PostJson> }>(a)
        assert.deepStrictEqual(Object.keys(page), ["posts"])
        assert.strictEqual(page.posts.length, 75)
        const order = ids(page.posts)
        assert.deepStrictEqual(order, [...order].sort((x, y) => y - x))
        const first = decodePost(page.posts[0])
        assert.deepStrictEqual(Object.keys(first.tags).slice(0, 9), [...Post.categories])
        assert.isTrue(first.score.down <= 0)
        assert.strictEqual(first.score.total, first.score.up + first.score.down)
        assert.match(first.file.url ?? "", new RegExp(`^https://static1\\.e621\\.net/data/${first.file.md5.slice(0, 2)}/${first.file.md5.slice(2, 4)}/${first.file.md5}\\.${first.file.ext}$`))
      }).pipe(Effect.provide(fake())))

    it.effect("show is {post}, 404 is e621's body, md5 finds one post", () =>
      Effect.gen(function*() {
        const [id] = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const shown = { post: post(yield* get(`/posts/${id}.json`)) }
        assert.strictEqual(shown.post.id, id)
        const missing = yield* get("/posts/1.json")
        assert.strictEqual(missing.status, 404)
        assert.deepStrictEqual(body(missing), { success: false, reason: "not found" })
        const byMd5 = { post: post(yield* get(`/posts.json?md5=${shown.post.file.md5}`)) }
        assert.strictEqual(byMd5.post.id, id)
        assert.strictEqual((yield* get("/posts.json?md5=00000000000000000000000000000000")).status, 404)
      }).pipe(Effect.provide(fake())))

    it.effect("v2 is unwrapped: basic (flat tags), extended (decodes to the legacy post), thumbnail; only= unwraps legacy", () =>
      Effect.gen(function*() {
        const legacy = posts(yield* get("/posts.json?limit=5"))
        const basic = as<ReadonlyArray<{ readonly tags: unknown }>>(yield* get("/posts.json?limit=5&v2=true"))
        const extended = as<ReadonlyArray<Post.PostV2Json>>(yield* get("/posts.json?limit=5&v2=true&mode=extended"))
        const thumbs = as<ReadonlyArray<Post.PostThumbnailJson>>(yield* get("/posts.json?limit=5&v2=true&mode=thumbnail"))
        const only = as<ReadonlyArray<Post.PostJson>>(yield* get("/posts.json?limit=5&only=id"))
        assert.isTrue(Array.isArray(basic) && Array.isArray(extended) && Array.isArray(thumbs) && Array.isArray(only))
        assert.isTrue(Array.isArray(basic[0].tags))
        assert.strictEqual(typeof extended[0].files.meta.md5, "string")
        const fromV2 = decodeV2(extended[0])
        const fromLegacy = decodePost(legacy[0])
        assert.deepStrictEqual({ ...fromV2, hotness: undefined }, { ...fromLegacy, hotness: undefined })
        assert.strictEqual(typeof thumbs[0].tags, "string")
        assert.strictEqual(thumbs[0].md5, legacy[0].file.md5)
        assert.deepStrictEqual(only.map((p) => p.id), legacy.map((p) => p.id))
        const single = as<Post.PostV2Json>(yield* get(`/posts/${legacy[0].id}.json?v2=true&mode=extended`))
        assert.strictEqual(single.id, legacy[0].id)
      }).pipe(Effect.provide(fake())))

    it.effect("unknown routes answer e621's HTML 404", () =>
      Effect.gen(function*() {
        const a = yield* get("/nothing_here.json")
        assert.strictEqual(a.status, 404)
        assert.match(a.headers["content-type"] ?? "", /text\/html/)
        assert.match(a.text, /<html/)
      }).pipe(Effect.provide(fake())))
  })

  describe("pagination", () => {
    it.effect("limit and page rules, with e621's 410 messages", () =>
      Effect.gen(function*() {
        const cases: ReadonlyArray<readonly [string, number, string | undefined]> = [
          ["limit=321", 410, "Limit must be between 0 and 320."],
          ["limit=abc", 410, "Invalid limit."],
          ["limit=-1", 410, "Invalid limit."],
          ["page=751", 410, "You cannot go beyond page 750. Please narrow your search terms."],
          ["page=0", 410, "Invalid page number."],
          ["page=1.5", 410, "Invalid page number."],
          ["page=b3000000000", 410, "Page parameter is out of valid range."],
          ["page=750&limit=1", 200, undefined]
        ]
        for (const [query, status, message] of cases) {
          const a = yield* get(`/posts.json?${query}`)
          assert.strictEqual(a.status, status, query)
          if (message !== undefined) assert.deepStrictEqual(body(a), { success: false, message, code: null })
        }
        assert.deepStrictEqual(body(yield* get("/posts.json?limit=0")), { posts: [] })
        assert.strictEqual(posts(yield* get("/posts.json?limit=320")).length, 320)
        assert.strictEqual(posts(yield* get("/posts.json?tags=limit:3")).length, 3)
      }).pipe(Effect.provide(fake())))

    it.effect("numbered pages follow each other; b<id> goes down, a<id> comes back descending", () =>
      Effect.gen(function*() {
        const ids = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const live = (yield* Effect.forEach(ids, (id) => E621Fake.E621Fake.use((f) => f.post(id))))
          .filter((p) => p !== undefined && !p.flags.deleted).map((p) => p!.id).sort((a, b) => b - a)
        const page1 = posts(yield* get("/posts.json?limit=10")).map((p) => p.id)
        const page2 = posts(yield* get("/posts.json?limit=10&page=2")).map((p) => p.id)
        assert.deepStrictEqual([...page1, ...page2], live.slice(0, 20))
        const before = posts(yield* get(`/posts.json?limit=10&page=b${page1[9]}`)).map((p) => p.id)
        assert.deepStrictEqual(before, page2)
        const pivot = live[100]!
        const after = posts(yield* get(`/posts.json?limit=5&page=a${pivot}`)).map((p) => p.id)
        const expected = live.filter((id) => id > pivot).sort((a, b) => a - b).slice(0, 5).sort((a, b) => b - a)
        assert.deepStrictEqual(after, expected)
        // cursors ignore order:
        const ordered = posts(yield* get(`/posts.json?limit=10&page=b${page1[9]}&tags=order:score`)).map((p) => p.id)
        assert.deepStrictEqual(ordered, page2)
      }).pipe(Effect.provide(fake())))
  })

  describe("tag search", () => {
    it.effect("41 tags are refused with 422; 40 are fine; tags and order: filter and sort", () =>
      Effect.gen(function*() {
        const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag_${i}`).join(" ")
        const over = yield* get(`/posts.json?tags=${encodeURIComponent(tags(41))}`)
        assert.strictEqual(over.status, 422)
        assert.deepStrictEqual(body(over), { success: false, message: "You cannot search for more than 40 tags at a time", code: null })
        assert.strictEqual((yield* get(`/posts.json?tags=${encodeURIComponent(tags(40))}`)).status, 200)
        const canine = posts(yield* get("/posts.json?tags=canine+rating:s&limit=20"))
        assert.isTrue(canine.length > 0)
        for (const p of canine) {
          assert.include(p.tags.species, "canine")
          assert.strictEqual(p.rating, "s")
        }
        const byScore = posts(yield* get("/posts.json?tags=order:score&limit=20")).map((p) => p.score.total)
        assert.deepStrictEqual(byScore, [...byScore].sort((a: number, b: number) => b - a))
        const count = as<{ readonly count: number; readonly capped: boolean }>(yield* get("/posts/count.json?tags=canine"))
        assert.strictEqual(count.capped, false)
        assert.isTrue(count.count >= canine.length)
      }).pipe(Effect.provide(fake())))

    it.effect("deleted posts are hidden unless the query asks, and have null URLs for non-staff", () =>
      Effect.gen(function*() {
        const visible = posts(yield* get("/posts.json?limit=320"))
        assert.isTrue(visible.every((p) => !p.flags.deleted))
        const deleted = posts(yield* get("/posts.json?tags=status:deleted"))
        assert.isTrue(deleted.length > 0)
        for (const p of deleted) {
          assert.isTrue(p.flags.deleted)
          assert.isNull(p.file.url)
          assert.isNull(p.preview.url)
          assert.isNull(p.sample.url)
          assert.match(p.file.md5, /^[0-9a-f]{32}$/)
        }
        const asAdmin = posts(yield* get("/posts.json?tags=status:deleted", admin))
        assert.isString(asAdmin[0].file.url)
      }).pipe(Effect.provide(fake())))

    it.effect("young posts not rated s are login-blocked for anonymous viewers only", () =>
      Effect.gen(function*() {
        const anonymous = posts(yield* get("/posts.json?tags=young+-rating:s&limit=5"))
        assert.isTrue(anonymous.length > 0)
        assert.isTrue(anonymous.every((p) => p.file.url === null))
        const member = posts(yield* get("/posts.json?tags=young+-rating:s&limit=5", tester))
        assert.isTrue(member.every((p) => typeof p.file.url === "string"))
      }).pipe(Effect.provide(fake({ posts: 3000 }))))
  })

  describe("gatekeeping", () => {
    it.effect("missing or browser User-Agent: HTML 403", () =>
      Effect.gen(function*() {
        for (const ua of ["", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"]) {
          const a = yield* get("/posts.json", undefined, { "user-agent": ua })
          assert.strictEqual(a.status, 403)
          assert.match(a.headers["content-type"] ?? "", /text\/html/)
          assert.match(a.text, /403 Forbidden/)
        }
      }).pipe(Effect.provide(fake())))

    it.effect("bad credentials are 401 even on GET; good ones authenticate; anonymous writes are 403", () =>
      Effect.gen(function*() {
        const bad = yield* get("/posts.json", { user: "tester", key: "wrong" })
        assert.strictEqual(bad.status, 401)
        assert.deepStrictEqual(body(bad), { success: false, message: "SessionLoader::AuthenticationFailure", code: null })
        const banned = yield* get("/posts.json", { user: E621Fake.BANNED.name, key: E621Fake.BANNED.apiKey })
        assert.strictEqual(as<{ readonly message: string }>(banned).message, "Account is banned: forever")
        assert.strictEqual((yield* get("/posts.json?limit=1", tester)).status, 200)
        const [id] = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const anonymous = yield* send("POST", `/posts/${id}/votes.json`, { form: { score: "1" } })
        assert.strictEqual(anonymous.status, 403)
        // Rails' CSRF check runs before the controller's member check: no credentials, no authenticity token
        assert.deepStrictEqual(body(anonymous), {
          success: false,
          message: "ActionController::InvalidAuthenticityToken. Did you properly authorize your request?",
          code: null
        })
      }).pipe(Effect.provide(fake())))

    it.effect("the request log keeps the user name, never the API key", () =>
      Effect.gen(function*() {
        yield* get("/posts.json?limit=1", tester)
        yield* get(`/posts.json?limit=2&login=tester&api_key=${E621Fake.TESTER.apiKey}`)
        const log = yield* E621Fake.E621Fake.use((f) => f.requests)
        assert.strictEqual(log.length, 2)
        assert.deepStrictEqual(log.map((r) => r.user), ["tester", "tester"])
        assert.deepStrictEqual(log[1]!.query, { limit: "2", login: "tester" })
        assert.notInclude(JSON.stringify(log), E621Fake.TESTER.apiKey)
        assert.strictEqual(log[0]!.path, "/posts.json")
        yield* E621Fake.E621Fake.use((f) => f.clearRequests)
        assert.strictEqual((yield* E621Fake.E621Fake.use((f) => f.requests)).length, 0)
      }).pipe(Effect.provide(fake())))
  })

  describe("writes", () => {
    it.effect("votes toggle, no_unvote keeps, DELETE removes; the score follows", () =>
      Effect.gen(function*() {
        const ids = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const id = ids[ids.length - 1]!
        const before = (yield* E621Fake.E621Fake.use((f) => f.post(id)))!
        const vote = (form: Record<string, string>) => send("POST", `/posts/${id}/votes.json`, { auth: tester, form })
        type Vote = { readonly score: number; readonly up: number; readonly down: number; readonly our_score: number }
        const up = as<Vote>(yield* vote({ score: "1" }))
        assert.deepStrictEqual(up, { score: before.score.total + 1, up: before.score.up + 1, down: before.score.down, our_score: 1 })
        // e621 keeps the vote but answers our_score 0 (post_votes_controller#create: :need_unvote → 0)
        assert.strictEqual(as<Vote>(yield* vote({ score: "1", no_unvote: "true" })).our_score, 0)
        const mine = post(yield* get(`/posts/${id}.json`, tester))
        assert.strictEqual(mine.vote, 1)
        assert.strictEqual(posts(yield* get(`/posts.json?tags=upvote:me&limit=5`, tester))[0].id, id)
        const toggled = as<Vote>(yield* vote({ score: "1" }))
        assert.deepStrictEqual(toggled, { score: before.score.total, up: before.score.up, down: before.score.down, our_score: 0 })
        const down = as<Vote>(yield* vote({ score: "-1" }))
        assert.deepStrictEqual([down.down, down.our_score], [before.score.down - 1, -1])
        assert.strictEqual((yield* send("DELETE", `/posts/${id}/votes.json`, { auth: tester })).status, 204)
        const after = (yield* E621Fake.E621Fake.use((f) => f.post(id)))!
        assert.deepStrictEqual(after.score, before.score)
        assert.strictEqual(after.change_seq, before.change_seq)
        assert.strictEqual((yield* vote({ score: "2" })).status, 422)
      }).pipe(Effect.provide(fake())))

    it.effect("PATCH edits tags, bumps change_seq, records versions; revert restores", () =>
      Effect.gen(function*() {
        const ids = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const id = ids[ids.length - 2]!
        const before = (yield* E621Fake.E621Fake.use((f) => f.post(id)))!
        const removed = before.tags.general[0]!
        const a = yield* send("PATCH", `/posts/${id}.json`, {
          auth: tester,
          form: { "post[tag_string_diff]": `brand_new_tag -${removed} artist:fresh_artist`, "post[edit_reason]": "test" }
        })
        assert.strictEqual(a.status, 200)
        assert.strictEqual(a.headers["x-api-limit"], "60")
        const edited = post(a)
        assert.include(edited.tags.general, "brand_new_tag")
        assert.include(edited.tags.artist, "fresh_artist")
        assert.notInclude(edited.tags.general, removed)
        assert.isTrue(edited.change_seq > before.change_seq)
        const found = posts(yield* get(`/posts.json?tags=brand_new_tag`))
        assert.deepStrictEqual(found.map((p) => p.id), [id])
        const versions = yield* E621Fake.E621Fake.use((f) => f.versions(id))
        assert.deepStrictEqual(versions.map((v) => v.version), [1, 2])
        assert.deepStrictEqual(versions[1]!.added_tags, ["brand_new_tag", "fresh_artist"])
        assert.strictEqual(versions[1]!.reason, "test")
        // no-op edit: no bump, no version
        const same = post(yield* send("PATCH", `/posts/${id}.json`, { auth: tester, form: { "post[description]": edited.description } }))
        assert.strictEqual(same.change_seq, edited.change_seq)
        const reverted = yield* send("PUT", `/posts/${id}/revert.json`, { auth: tester, form: { version_id: String(versions[0]!.id) } })
        assert.strictEqual(reverted.status, 204)
        const back = (yield* E621Fake.E621Fake.use((f) => f.post(id)))!
        assert.deepStrictEqual(back.tags, before.tags)
        assert.isTrue(back.change_seq > edited.change_seq)
        const member = yield* send("PATCH", `/posts/${id}.json`, { auth: tester, form: { "post[is_note_locked]": "true" } })
        assert.deepStrictEqual(body(member), { success: false, reason: "found unpermitted parameter: :is_note_locked" })
      }).pipe(Effect.provide(fake())))

    it.effect("a first parent_id does not bump change_seq (e621's trigger), the parent learns its child", () =>
      Effect.gen(function*() {
        const all = yield* E621Fake.E621Fake.use((f) => Effect.flatMap(f.postIds, (ids) => Effect.forEach(ids, f.post)))
        const orphans = all.filter((p) => p !== undefined && p.relationships.parent_id === null && !p.relationships.has_children && !p.flags.deleted)
        const [child, parent] = [orphans[orphans.length - 1]!, orphans[orphans.length - 2]!]
        const edited = post(yield* send("PATCH", `/posts/${child.id}.json`, { auth: tester, form: { "post[parent_id]": String(parent.id) } }))
        assert.strictEqual(edited.relationships.parent_id, parent.id)
        assert.strictEqual(edited.change_seq, child.change_seq)
        const p = post(yield* get(`/posts/${parent.id}.json`))
        assert.deepStrictEqual(p.relationships.children, [child.id])
        assert.isTrue(p.relationships.has_active_children)
      }).pipe(Effect.provide(fake())))

    it.effect("copy_notes: 400 without notes, 204 with", () =>
      Effect.gen(function*() {
        const all = yield* E621Fake.E621Fake.use((f) => Effect.flatMap(f.postIds, (ids) => Effect.forEach(ids, f.post)))
        const withNotes = all.find((p) => p!.has_notes)!
        const without = all.find((p) => !p!.has_notes)!
        const bad = yield* send("PUT", `/posts/${without.id}/copy_notes.json`, { auth: tester, form: { other_post_id: String(withNotes.id) } })
        assert.deepStrictEqual([bad.status, body(bad)], [400, { success: false, reason: "Post has no notes" }])
        const ok = yield* send("PUT", `/posts/${withNotes.id}/copy_notes.json`, { auth: tester, form: { other_post_id: String(without.id) } })
        assert.strictEqual(ok.status, 204)
        assert.isTrue((yield* E621Fake.E621Fake.use((f) => f.post(without.id)))!.has_notes)
      }).pipe(Effect.provide(fake())))
  })

  describe("other post routes", () => {
    it.effect("favorites list, random (seeded), similar", () =>
      Effect.gen(function*() {
        const favs = yield* E621Fake.E621Fake.use((f) => f.favorites("tester"))
        const list = as<ReadonlyArray<{ readonly name: string; readonly level_string: string }>>(yield* get(`/posts/${favs[0]}/favorites.json`))
        assert.isTrue(list.some((u) => u.name === "tester" && u.level_string === "Member"))
        const names = list.map((u) => u.name)
        assert.deepStrictEqual(names, [...names].sort())
        assert.strictEqual(post(yield* get(`/posts/${favs[0]}.json`, tester)).is_favorited, true)
        const liveFavs = (yield* E621Fake.E621Fake.use((f) => Effect.forEach(favs, f.post))).filter((p) => !p!.flags.deleted)
        assert.isTrue(liveFavs.length < favs.length) // fav: searches hide deleted favourites
        const found = posts(yield* get(`/posts.json?tags=fav:tester&limit=320`)).map((p) => p.id)
        assert.deepStrictEqual(found, liveFavs.map((p) => p!.id).sort((a, b) => b - a).slice(0, 320))
        const random = post(yield* get("/posts/random.json?tags=canine"))
        assert.include(random.tags.species, "canine")
        const [id] = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const similar = as<{
          readonly model_version: string
          readonly results: ReadonlyArray<{ readonly post_id: number; readonly explanation: null }>
          readonly post_data: ReadonlyArray<{ readonly id: number }>
        }>(yield* get(`/posts/${random.id}/similar/tags.json?limit=3`))
        assert.strictEqual(similar.model_version, "os.tags")
        assert.strictEqual(similar.results.length, 3)
        assert.deepStrictEqual(similar.results[0].explanation, null)
        assert.strictEqual(similar.post_data[0].id, similar.results[0].post_id)
        assert.strictEqual((yield* get(`/posts/${id}/similar/artist.json`)).status, 200)
      }).pipe(Effect.provide(fake())))

    it.effect("same seed, same data and same random picks", () =>
      Effect.gen(function*() {
        const run = Effect.gen(function*() {
          const a = posts(yield* get("/posts.json?limit=3"))
          const b = post(yield* get("/posts/random.json"))
          return [a, b.id]
        })
        const one = yield* run.pipe(Effect.provide(fake({ seed: 42 })))
        const two = yield* run.pipe(Effect.provide(fake({ seed: 42 })))
        const other = yield* run.pipe(Effect.provide(fake({ seed: 43 })))
        assert.deepStrictEqual(one, two)
        assert.notDeepEqual(one, other)
      }))
  })

  describe("limits", () => {
    it.effect("enforceLimits: a third read in the same second is an HTML 503, fine a second later", () =>
      Effect.gen(function*() {
        const statuses = [(yield* get("/posts.json?limit=1")).status, (yield* get("/posts.json?limit=1")).status]
        const third = yield* get("/posts.json?limit=1")
        assert.deepStrictEqual([...statuses, third.status], [200, 200, 503])
        assert.match(third.headers["content-type"] ?? "", /text\/html/)
        yield* TestClock.adjust("1 second")
        assert.strictEqual((yield* get("/posts.json?limit=1")).status, 200)
        assert.deepStrictEqual(yield* E621Fake.E621Fake.use((f) => f.violations), { reads: 1, writes: 0, iqdb: 0 })
      }).pipe(Effect.provide(fake({ enforceLimits: true }))))

    it.effect("violations are counted even when not enforced", () =>
      Effect.gen(function*() {
        for (let i = 0; i < 4; i++) assert.strictEqual((yield* get("/posts.json?limit=1")).status, 200)
        assert.deepStrictEqual(yield* E621Fake.E621Fake.use((f) => f.violations), { reads: 2, writes: 0, iqdb: 0 })
      }).pipe(Effect.provide(fake())))

    it.effect("writes: 60 per sliding minute for a Member, X-Api-Limit counts down, then 429", () =>
      Effect.gen(function*() {
        const [id] = yield* E621Fake.E621Fake.use((f) => f.postIds)
        const patch = (i: number) =>
          send("PATCH", `/posts/${id}.json`, { auth: tester, form: { "post[description]": `edit ${i}` } })
        const first = yield* patch(0)
        assert.strictEqual(first.headers["x-api-limit"], "60")
        let last: Answer = first
        for (let i = 1; i < 60; i++) last = yield* patch(i)
        assert.deepStrictEqual([last.status, last.headers["x-api-limit"]], [200, "1"])
        const over = yield* patch(60)
        assert.strictEqual(over.status, 429)
        assert.deepStrictEqual(body(over), { success: false, message: "Throttled: Too many requests", code: null })
        assert.strictEqual(over.headers["x-api-limit"], "0")
        yield* TestClock.adjust("61 seconds")
        assert.strictEqual((yield* patch(61)).status, 200)
        assert.strictEqual((yield* E621Fake.E621Fake.use((f) => f.violations)).writes, 1)
      }).pipe(Effect.provide(fake({ enforceLimits: true }))))
  })

  describe("faults", () => {
    it.effect("random faults are deterministic for a seed", () =>
      Effect.gen(function*() {
        const run = Effect.forEach(Array.from({ length: 30 }), () =>
          get("/posts.json?limit=1").pipe(Effect.map((a) => a.status), Effect.orElseSucceed(() => -1)))
        const options = { faults: { rate: 0.5, kinds: ["500", "502", "522", "429", "drop"] as const, seed: 9 } }
        const one = yield* run.pipe(Effect.provide(fake(options)))
        const two = yield* run.pipe(Effect.provide(fake(options)))
        assert.deepStrictEqual(one, two)
        assert.isTrue(one.includes(200) && one.some((s) => s !== 200))
        assert.isTrue(one.every((s) => [200, 500, 502, 522, 429, -1].includes(s)))
      }))

    it.effect("failNext: HTML 5xx, Retry-After, dropped connections, cut bodies, drop-after applies the write", () =>
      Effect.gen(function*() {
        const fakeService = yield* E621Fake.E621Fake
        yield* fakeService.failNext("502")
        const bad = yield* get("/posts.json")
        assert.deepStrictEqual([bad.status, /text\/html/.test(bad.headers["content-type"] ?? "")], [502, true])
        yield* fakeService.failNext("503-retry-after")
        assert.strictEqual((yield* get("/posts.json")).headers["retry-after"], "1")
        yield* fakeService.failNext("drop")
        const dropped = yield* Effect.flip(get("/posts.json"))
        assert.strictEqual(dropped.reason._tag, "TransportError")
        yield* fakeService.failNext("truncate")
        const cut = yield* Effect.flip(get("/posts.json"))
        assert.strictEqual(cut._tag, "HttpClientError")
        const [id] = yield* fakeService.postIds
        yield* fakeService.failNext("drop-after")
        const lost = yield* Effect.flip(send("POST", `/posts/${id}/votes.json`, { auth: tester, form: { score: "1" } }))
        assert.strictEqual(lost.reason._tag, "TransportError")
        const voted = post(yield* get(`/posts/${id}.json`, tester))
        assert.strictEqual(voted.vote, 1)
        const log = yield* fakeService.requests
        assert.deepStrictEqual(log.map((r) => r.fault), ["502", "503-retry-after", "drop", "truncate", "drop-after", undefined])
        assert.strictEqual(log[4]!.status, 200)
      }).pipe(Effect.provide(fake())))

    it.effect("slow answers wait on the Clock", () =>
      Effect.gen(function*() {
        yield* E621Fake.E621Fake.use((f) => f.failNext("slow"))
        const fiber = yield* Effect.forkChild(get("/posts.json?limit=1"))
        yield* TestClock.adjust("59 seconds")
        assert.isUndefined(fiber.pollUnsafe())
        yield* TestClock.adjust("1 second")
        assert.strictEqual((yield* Fiber.join(fiber)).status, 200)
      }).pipe(Effect.provide(fake())))
  })

  describe("layer", () => {
    it.effect("E621Fake.layer wires an E621Client to the same fake", () =>
      Effect.gen(function*() {
        const response = yield* E621Client.execute({ method: "GET", path: "/posts.json", query: { limit: 2 } })
        assert.strictEqual((response.body as { posts: Array<unknown> }).posts.length, 2)
        const log = yield* E621Fake.E621Fake.use((f) => f.requests)
        assert.strictEqual(log.length, 1)
        assert.strictEqual(log[0]!.user, "tester")
        assert.strictEqual(log[0]!.query.limit, "2")
      }).pipe(Effect.provide(E621Fake.layer({ posts: 100, client: { credentials: E621Fake.testerCredentials } }))))

    it.effect("scales: 250,000 posts build fast and serve a 320-post page", () =>
      Effect.gen(function*() {
        const started = Date.now()
        const a = yield* get("/posts.json?limit=320")
        assert.strictEqual(posts(a).length, 320)
        assert.isTrue(Date.now() - started < 5000)
        assert.strictEqual(yield* E621Fake.E621Fake.use((f) => f.posts), 250_000)
      }).pipe(Effect.provide(fake({ posts: 250_000 }))))
  })
})
