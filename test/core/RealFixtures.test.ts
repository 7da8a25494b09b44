/**
 * Every real e621 answer in `test/fixtures/real/` (provenance in its README) decodes through the public
 * endpoint function a user would call for its route. Each file is served over an `HttpClient` that checks
 * the request (method, path, the query that picks the recorded answer) and answers the recorded body; the
 * decoded result is then checked against the raw JSON, item by item, so no item may be skipped.
 *
 * A fixture file without a route here fails the suite: adding a recording means mapping it.
 */
import { E621Client } from "@effect-e621/core"
import * as ArtistUrls from "@effect-e621/core/api/ArtistUrls"
import * as Artists from "@effect-e621/core/api/Artists"
import * as ArtistVersions from "@effect-e621/core/api/ArtistVersions"
import * as Comments from "@effect-e621/core/api/Comments"
import * as Favorites from "@effect-e621/core/api/Favorites"
import * as Notes from "@effect-e621/core/api/Notes"
import * as NoteVersions from "@effect-e621/core/api/NoteVersions"
import * as PoolVersions from "@effect-e621/core/api/PoolVersions"
import * as PostApprovals from "@effect-e621/core/api/PostApprovals"
import * as PostEvents from "@effect-e621/core/api/PostEvents"
import * as PostFlags from "@effect-e621/core/api/PostFlags"
import * as PostReplacements from "@effect-e621/core/api/PostReplacements"
import * as PostSets from "@effect-e621/core/api/PostSets"
import * as PostVersions from "@effect-e621/core/api/PostVersions"
import * as Pools from "@effect-e621/core/api/Pools"
import * as Posts from "@effect-e621/core/api/Posts"
import * as Tags from "@effect-e621/core/api/Tags"
import * as Users from "@effect-e621/core/api/Users"
import type { E621Error } from "@effect-e621/core/E621Error"
import * as Post from "@effect-e621/core/schemas/Post"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../fixtures/real/", import.meta.url))

/** Every `.json` under the fixtures folder, as `<source>/<file>`. */
const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((path) => path.endsWith(".json"))
  .map((path) => path.split("\\").join("/"))
  .sort()

type Json = { readonly [key: string]: unknown }
type Call = Effect.Effect<unknown, E621Error, E621Client.E621Client>

/** How a recorded answer is reached and what its decoding must show. */
interface Route {
  /** What a user calls. */
  readonly call: Call
  readonly method?: "GET" | "POST"
  /** The request the call must send: its path and the query parameters that pick the recorded answer. */
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  /** The status e621 answered with (200 unless told). */
  readonly status?: number
  /** The saved file is a bare post whose `{"post":…}` envelope the saver removed; it is re-added. */
  readonly envelope?: "post"
  /** The client's post format for this answer. */
  readonly postFormat?: "v2"
  /** Checks the decoded answer against the recorded JSON. */
  readonly check: (decoded: unknown, json: unknown) => void
}

const ids = (items: unknown): ReadonlyArray<unknown> => (items as ReadonlyArray<{ readonly id: unknown }>).map((i) => i.id)

/** A list answer: every recorded item decoded, in order (`key` is e621's envelope, none for bare arrays). */
const sameItems = (key?: string) => (decoded: unknown, json: unknown) => {
  const wire = key === undefined ? json : (json as Json)[key]
  assert.isTrue(Array.isArray(wire))
  assert.deepStrictEqual(ids(decoded), ids(wire))
}

/** A single-item answer: the recorded object (inside `key` when e621 wrapped it), decoded. */
const sameItem = (key?: string) => (decoded: unknown, json: unknown) => {
  const wire = (key === undefined ? json : (json as Json)[key]) as Json
  assert.strictEqual((decoded as Json).id, wire.id)
}

/** Post checks beyond the id: e621's invariants after decoding. */
const postInvariants = (decoded: unknown) => {
  const posts = Array.isArray(decoded) ? decoded as ReadonlyArray<Post.Post> : [decoded as Post.Post]
  for (const post of posts) {
    assert.isTrue(Post.categories.every((c) => Array.isArray(post.tags[c])), `${post.id} tags`)
    for (const flag of Object.values(post.flags)) assert.isBoolean(flag, `${post.id} flags`)
    assert.isBoolean(post.sample.has, `${post.id} sample.has`)
    assert.isTrue(post.score.down <= 0, `${post.id} score.down`)
  }
}

const posts = (key?: string) => (decoded: unknown, json: unknown) => {
  sameItems(key)(decoded, json)
  postInvariants(decoded)
}

const post = (key?: string) => (decoded: unknown, json: unknown) => {
  sameItem(key)(decoded, json)
  postInvariants(decoded)
}

const getPost = (id: number, extra: Partial<Route> = {}): Route => ({
  call: Posts.get(id),
  path: `/posts/${id}.json`,
  check: post("post"),
  ...extra
})

const fluffyPage = (page: number): Route => ({
  call: Posts.search({ tags: "fluffy rating:s order:score", limit: 320, page }),
  path: "/posts.json",
  query: { tags: "fluffy rating:s order:score", limit: "320", page: String(page) },
  check: posts("posts")
})

/** e621 answers a tag page as a bare array, and an empty one as `{"tags":[]}`. */
const tagCursor = (page: `a${number}` | `b${number}`, key?: string): Route => ({
  call: Tags.search({ limit: 2, page }),
  path: "/tags.json",
  query: { limit: "2", page },
  check: sameItems(key)
})

/** The search six2one's script sends for a post's records. */
const onPost = { postId: 6407238, limit: 1, page: 1 } as const

/** A one-page search (`limit=1&page=1`) of a post's records, as nollafox/six2one recorded them. */
const byPost = (call: Call, path: string, key?: string): Route => ({
  call,
  path,
  query: { "search[post_id]": "6407238", limit: "1", page: "1" },
  check: sameItems(key)
})

const getUser = (id: number, file = `user_${id}`): readonly [string, Route] => [
  `nollafox__six2one/${file}.json`,
  { call: Users.get(id), path: `/users/${id}.json`, check: sameItem() }
]

/** Every fixture, by its path under `test/fixtures/real/`. */
const routes: Readonly<Record<string, Route>> = {
  // aioe621 (2026)
  "aioe621/error_404_not_found.json": {
    call: Posts.get(999999999),
    path: "/posts/999999999.json",
    status: 404,
    check: (decoded) => assert.deepInclude(decoded, { _tag: "E621NotFound", status: 404, reason: "not found" })
  },
  "aioe621/pool_36878.json": { call: Pools.get(36878), path: "/pools/36878.json", check: sameItem() },
  "aioe621/post_4842101_v1.json": getPost(4842101),
  "aioe621/post_4842101_v2.json": getPost(4842101, {
    postFormat: "v2",
    query: { v2: "true", mode: "extended" },
    check: post()
  }),
  "aioe621/post_6543578_v2.json": getPost(6543578, {
    postFormat: "v2",
    query: { v2: "true", mode: "extended" },
    check: post()
  }),
  "aioe621/tag_1068.json": { call: Tags.get(1068), path: "/tags/1068.json", check: sameItem() },
  // booru-rs (2023)
  "booru-rs/post_id.json": getPost(3937132),
  "booru-rs/posts.json": {
    call: Posts.search({ limit: 10 }),
    path: "/posts.json",
    query: { limit: "10" },
    check: posts("posts")
  },
  // rs621 (2020–2022)
  "rs621/320_fluffy_rating-s.json": {
    call: Posts.search({ tags: "fluffy rating:s", limit: 320 }),
    path: "/posts.json",
    query: { tags: "fluffy rating:s", limit: "320" },
    check: posts("posts")
  },
  "rs621/320_fluffy_rating-s_before-2269211.json": {
    call: Posts.search({ tags: "fluffy rating:s", limit: 320, page: "b2269211" }),
    path: "/posts.json",
    query: { tags: "fluffy rating:s", limit: "320", page: "b2269211" },
    check: posts("posts")
  },
  "rs621/favorite.json": {
    call: Favorites.add(3758515),
    method: "POST",
    path: "/favorites.json",
    status: 201,
    check: (decoded, json) => {
      const change = decoded as { readonly post_id: number; readonly post?: Post.Post }
      assert.strictEqual(change.post_id, 3758515)
      post()(change.post, (json as Json).post)
    }
  },
  "rs621/id_8595.json": getPost(8595),
  "rs621/id_8595_535_2105_1470.json": {
    call: Posts.getMany([8595, 535, 2105, 1470]),
    path: "/posts.json",
    query: { tags: "id:8595,535,2105,1470 status:any", limit: "4" },
    check: (decoded, json) => {
      // getMany answers in the asked order; e621's page has its own
      assert.deepStrictEqual(ids(decoded), [8595, 535, 2105, 1470])
      assert.sameMembers([...ids(decoded)], [...ids((json as Json).posts)])
      postInvariants(decoded)
    }
  },
  "rs621/pool_search-foo.json": {
    call: Pools.search({ nameMatches: "foo" }),
    path: "/pools.json",
    query: { "search[name_matches]": "foo" },
    check: sameItems()
  },
  // nasso/rs621 (2020, 2024)
  "nasso__rs621/320_page-1_fluffy_rating-s_order-score.json": fluffyPage(1),
  "nasso__rs621/320_page-2_fluffy_rating-s_order-score.json": fluffyPage(2),
  "nasso__rs621/tags_empty.json": tagCursor("b12048", "tags"),
  "nasso__rs621/tags_limit-2_page-a12047.json": tagCursor("a12047"),
  "nasso__rs621/tags_limit-2_page-a12051.json": tagCursor("a12051"),
  "nasso__rs621/tags_limit-2_page-b12052.json": tagCursor("b12052"),
  "nasso__rs621/tags_limit-2_page-b12054.json": tagCursor("b12054"),
  "nasso__rs621/tags_order-count_limit-1_page-1.json": {
    call: Tags.search({ order: "count", limit: 1 }),
    path: "/tags.json",
    query: { "search[order]": "count", limit: "1" },
    check: sameItems()
  },
  "nasso__rs621/tags_order-count_limit-1_page-2.json": {
    call: Tags.search({ order: "count", limit: 1, page: 2 }),
    path: "/tags.json",
    query: { "search[order]": "count", limit: "1", page: "2" },
    check: sameItems()
  },
  // Bionus/imgbrd-grabber (2021)
  "Bionus__imgbrd-grabber/posts_rating-safe_2021.json": {
    call: Posts.search({ tags: "rating:safe" }),
    path: "/posts.json",
    query: { tags: "rating:safe" },
    check: posts("posts")
  },
  "Bionus__imgbrd-grabber/tags_order-count_2021.json": {
    call: Tags.search({ order: "count", limit: 75 }),
    path: "/tags.json",
    query: { "search[order]": "count", limit: "75" },
    check: sameItems()
  },
  // single posts saved without their envelope, or pretty-printed (2020–2024)
  "HeroBrine1st__E621/post_3159688_object.json": getPost(3159688, { envelope: "post" }),
  "McSib__e621_downloader/post_1821864_object.json": getPost(1821864, { envelope: "post" }),
  "s0ph0s-dog__werehouse/e6_gif_example.json": getPost(3105830),
  "s0ph0s-dog__werehouse/e6_pool_1.json": getPost(4763407),
  "s0ph0s-dog__werehouse/e6_pool_2.json": getPost(4764946),
  "s0ph0s-dog__werehouse/e6_regular_example.json": getPost(4366241),
  "s0ph0s-dog__werehouse/e6_third_party_edit.json": getPost(4721029),
  "s0ph0s-dog__werehouse/e6_video_example.json": getPost(2848682),
  "s0ph0s-dog__werehouse/pool_40574_inline.json": { call: Pools.get(40574), path: "/pools/40574.json", check: sameItem() },
  // nollafox/six2one (2026-05), recorded by its scripts/update_fixtures.py, keys sorted
  "nollafox__six2one/artist_show.json": { call: Artists.get(119571), path: "/artists/119571.json", check: sameItem() },
  "nollafox__six2one/artist_urls_index.json": {
    call: ArtistUrls.search({ artistId: 119571, limit: 1, page: 1 }),
    path: "/artist_urls.json",
    query: { "search[artist_id]": "119571", limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/artist_versions_index.json": {
    call: ArtistVersions.search({ artistId: 119571, limit: 1, page: 1 }),
    path: "/artist_versions.json",
    query: { "search[artist_id]": "119571", limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/artists_index.json": {
    call: Artists.search({ limit: 1, page: 1 }),
    path: "/artists.json",
    query: { limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/comments_index.json": byPost(Comments.search(onPost), "/comments.json"),
  "nollafox__six2one/deleted_posts_search.json": {
    call: Posts.search({ tags: "status:deleted", limit: 1, page: 1 }),
    path: "/posts.json",
    query: { tags: "status:deleted", limit: "1", page: "1" },
    check: posts("posts")
  },
  "nollafox__six2one/favorites_index.json": {
    call: Posts.favorites(6407238, { limit: 1, page: 1 }),
    path: "/posts/6407238/favorites.json",
    query: { limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/note_versions_index.json": byPost(NoteVersions.search(onPost), "/note_versions.json"),
  "nollafox__six2one/notes_index.json": byPost(Notes.search(onPost), "/notes.json"),
  "nollafox__six2one/pool_show.json": { call: Pools.get(56312), path: "/pools/56312.json", check: sameItem() },
  "nollafox__six2one/pool_versions_index.json": {
    call: PoolVersions.search({ poolId: 56312, limit: 1, page: 1 }),
    path: "/pool_versions.json",
    query: { "search[pool_id]": "56312", limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/pools_index.json": {
    call: Pools.search({ limit: 1, page: 1 }),
    path: "/pools.json",
    query: { limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/post_approvals_index.json": byPost(PostApprovals.search(onPost), "/post_approvals.json"),
  "nollafox__six2one/post_events_index.json": byPost(PostEvents.search(onPost), "/post_events.json", "post_events"),
  "nollafox__six2one/post_flags_index.json": byPost(PostFlags.search(onPost), "/post_flags.json"),
  "nollafox__six2one/post_random.json": {
    call: Posts.random({ tags: "rating:s" }),
    path: "/posts/random.json",
    query: { tags: "rating:s" },
    check: post("post")
  },
  "nollafox__six2one/post_replacements_index.json": byPost(PostReplacements.search(onPost), "/post_replacements.json"),
  "nollafox__six2one/post_set_show.json": { call: PostSets.get(91752), path: "/post_sets/91752.json", check: sameItem() },
  "nollafox__six2one/post_sets_index.json": {
    call: PostSets.search({ limit: 1, page: 1 }),
    path: "/post_sets.json",
    query: { limit: "1", page: "1" },
    check: sameItems()
  },
  "nollafox__six2one/post_show.json": getPost(6407238),
  "nollafox__six2one/post_versions_index.json": byPost(PostVersions.search(onPost), "/post_versions.json"),
  "nollafox__six2one/posts_search.json": {
    call: Posts.search({ tags: "rating:s", limit: 2, page: 1 }),
    path: "/posts.json",
    query: { tags: "rating:s", limit: "2", page: "1" },
    check: posts("posts")
  },
  ...Object.fromEntries([
    getUser(105815),
    getUser(1314348),
    getUser(1501406),
    getUser(2328751),
    getUser(2452840),
    getUser(2500624),
    getUser(2582),
    getUser(48753),
    getUser(523770),
    getUser(2328751, "user_show")
  ]),
  "nollafox__six2one/users_index.json": {
    call: Users.search({ id: 2328751 }),
    path: "/users.json",
    query: { "search[id]": "2328751" },
    check: sameItems()
  },
  // FernandLvl/Tegami (2025-06): three successive 100-post pages of one artist, one per commit
  ...Object.fromEntries([1, 2, 3].map((page) => [
    `FernandLvl__Tegami/posts_tailzkim_page-${page}.json`,
    {
      call: Posts.search({ tags: "tailzkim", limit: 100, page }),
      path: "/posts.json",
      query: { tags: "tailzkim", limit: "100", page: String(page) },
      check: posts("posts")
    } satisfies Route
  ])),
  // parabirb/YIFF-SAMPLER (2022-01): 100 Flash/WebM posts, legacy alternates with null urls, null file urls
  "parabirb__YIFF-SAMPLER/posts_order-favcount_sound_male-male_limit-100.json": {
    call: Posts.search({ tags: "order:favcount sound male/male", limit: 100 }),
    path: "/posts.json",
    query: { tags: "order:favcount sound male/male", limit: "100" },
    check: posts("posts")
  },
  // pizzav-xyz/goondex (2026-10): the 2026 `alternates` shape (`has`/`original`/`variants`/`samples`)
  "pizzav-xyz__goondex/e621_post_detail.json": getPost(6749636),
  "pizzav-xyz__goondex/e621_posts.json": {
    call: Posts.search({ limit: 4 }),
    path: "/posts.json",
    query: { limit: "4" },
    check: posts("posts")
  },
  "pizzav-xyz__goondex/e621_posts_video.json": {
    call: Posts.search({ tags: "type:webm", limit: 3 }),
    path: "/posts.json",
    query: { tags: "type:webm", limit: "3" },
    check: posts("posts")
  },
  "pizzav-xyz__goondex/e621_tags.json": {
    call: Tags.search({ nameMatches: "sol*", order: "count", limit: 8 }),
    path: "/tags.json",
    query: { "search[name_matches]": "sol*", "search[order]": "count", limit: "8" },
    check: sameItems()
  },
  // shalien/e621 (2024)
  "shalien__e621/pool_response.json": { call: Pools.search(), path: "/pools.json", check: sameItems() }
}

/** The body e621 sent for a fixture (the saved file, with a removed envelope put back). */
const recordedBody = (file: string, route: Route): string => {
  const text = readFileSync(`${root}${file}`, "utf8")
  return route.envelope === undefined ? text : `{"${route.envelope}":${text}}`
}

/**
 * An `HttpClient` that answers one recorded body, failing the test if the request is not the route's; the
 * requests it saw are collected in `seen`.
 */
const recorded = (file: string, route: Route, seen: Array<URL>, body: string): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.sync(() => {
      seen.push(url)
      assert.strictEqual(request.method, route.method ?? "GET", `${file}: method`)
      assert.strictEqual(url.pathname, route.path, `${file}: path`)
      for (const [key, value] of Object.entries(route.query ?? {})) {
        assert.strictEqual(url.searchParams.get(key), value, `${file}: query ${key}`)
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, {
          status: route.status ?? 200,
          headers: { "content-type": "application/json; charset=utf-8" }
        })
      )
    })
  )

const run = (file: string, route: Route, body = recordedBody(file, route)) => {
  const seen: Array<URL> = []
  const client = E621Client.layer({
    host: "e621",
    userAgent: E621Fake.userAgent,
    credentials: E621Fake.testerCredentials,
    retry: false,
    ...(route.postFormat === undefined ? {} : { postFormat: route.postFormat })
  }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, recorded(file, route, seen, body))))
  return Effect.exit(route.call).pipe(
    Effect.provide(client),
    Effect.map((exit) => ({ exit, seen }))
  )
}

describe("real e621 answers through the endpoint functions", () => {
  it("every fixture file has a route, and every route a file", () => {
    assert.isAtLeast(files.length, 35)
    assert.deepStrictEqual(files.filter((file) => routes[file] === undefined), [], "fixtures without a route")
    assert.deepStrictEqual(Object.keys(routes).filter((file) => !files.includes(file)), [], "routes without a file")
  })

  for (const file of files) {
    const route = routes[file]
    it.effect(file, () =>
      Effect.gen(function*() {
        assert.isDefined(route, `${file} has no route: map it in RealFixtures.test.ts`)
        if (route === undefined) return
        const { exit, seen } = yield* run(file, route)
        assert.strictEqual(seen.length, 1, `${file}: one request`)
        const json: unknown = JSON.parse(recordedBody(file, route))
        const failed = (route.status ?? 200) >= 400
        if (Exit.isSuccess(exit) === failed) assert.fail(`${file}: ${Exit.isSuccess(exit) ? "succeeded" : exit.cause}`)
        route.check(Exit.isSuccess(exit) ? exit.value : Option.getOrUndefined(Exit.findErrorOption(exit)), json)
      }))
  }
})

/**
 * Shapes e621 has sent (or documents) that no recording above happens to hold, made from a recorded answer by
 * changing only what the shape is about, and decoded through the same endpoint function. Each names the
 * recording it starts from and checks the decoded value, not just that decoding succeeded.
 */
interface Variant {
  readonly name: string
  /** The recording it is made from (a key of `routes`). */
  readonly from: string
  /** Changes the recorded JSON (a structured clone) into the shape. */
  readonly edit: (json: Json) => unknown
  /** Checks the decoded answer. */
  readonly check: (decoded: unknown) => void
}

type Mutable = { [key: string]: unknown }

/** Edits the `{"post":…}` of a single-post answer (legacy), or the bare v2 object. */
const inPost = (edit: (post: Mutable) => void) => (json: Json): unknown => {
  const post = ((json as Mutable).post ?? json) as Mutable
  edit(post)
  return json
}
const at = (value: unknown, ...path: Array<string>): Mutable =>
  path.reduce((node, key) => (node as Mutable)[key], value) as Mutable
const decodedPost = (decoded: unknown): Post.Post => {
  postInvariants(decoded)
  return decoded as Post.Post
}

const legacy = "pizzav-xyz__goondex/e621_post_detail.json"
const legacy2020 = "rs621/id_8595.json"
const v2 = "aioe621/post_6543578_v2.json"
const fullUser = "nollafox__six2one/user_2582.json"

/**
 * The `alternates` of a video whose conversion has not run yet, as `Post#video_sample_list` builds it since
 * May 2025 (e621ng #1088): `has` false, no codec, fps 0, no variants or samples (goondex recorded converted ones).
 */
const alternates2026 = {
  has: false,
  original: {
    codec: null,
    fps: 0,
    size: 441829,
    width: 640,
    height: 512,
    url: "https://static1.e621.net/data/57/0b/570b0c3c96dd3da8739a33a9744569e1.webm"
  },
  variants: {},
  samples: {}
}

const mp4 = "https://static1.e621.net/data/06/19/0619ff5a8270aed7b22ca3981b783224.mp4"

const variants: ReadonlyArray<Variant> = [
  {
    name: "a 2020 Flash post: ext swf, sample.has null, no sample",
    from: legacy,
    edit: inPost((p) => {
      at(p, "file").ext = "swf"
      Object.assign(at(p, "sample"), { has: null, url: null, alt: null, alternates: {} })
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.strictEqual(post.file.ext, "swf")
      assert.isFalse(post.sample.has)
    }
  },
  {
    name: "an mp4 upload with a whole-number duration",
    from: legacy,
    edit: inPost((p) => {
      at(p, "file").ext = "mp4"
      p.duration = 12
    }),
    check: (d) => assert.deepInclude(decodedPost(d), { duration: 12 })
  },
  {
    name: "a video with the 2025+ alternates before its conversion ran",
    from: legacy,
    edit: inPost((p) => {
      at(p, "file").ext = "webm"
      at(p, "sample").alternates = alternates2026
      p.duration = 11.908
    }),
    check: (d) => assert.deepStrictEqual(decodedPost(d).sample.alternates, alternates2026)
  },
  {
    name: "legacy alternates whose original has no webm url",
    from: legacy,
    edit: inPost((p) => {
      at(p, "sample").alternates = { original: { type: "video", height: 640, width: 1138, urls: [null, mp4] } }
    }),
    check: (d) => assert.deepStrictEqual(at(decodedPost(d).sample.alternates, "original").urls, [null, mp4])
  },
  {
    name: "a tag category e621 adds later is kept; known ones left out become []",
    from: legacy,
    edit: inPost((p) => {
      p.tags = { general: ["solo"], artist: ["someone"], director: ["a_director"] }
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.deepStrictEqual(post.tags.director, ["a_director"])
      const left = [post.tags.contributor, post.tags.lore, post.tags.meta, post.tags.invalid]
      assert.deepStrictEqual(left, [[], [], [], []])
    }
  },
  {
    name: "a post with a parent, children and pools, approved, past change_seq 2^31",
    from: legacy,
    edit: inPost((p) => {
      p.relationships = {
        parent_id: 6749000,
        has_children: true,
        has_active_children: false,
        children: [6749700, 6749701]
      }
      p.pools = [56312, 40574]
      p.approver_id = 45665
      p.change_seq = 3_000_000_001
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.deepStrictEqual(post.relationships.children, [6749700, 6749701])
      const numbers = [post.relationships.parent_id, post.approver_id, post.change_seq]
      assert.deepStrictEqual(numbers, [6749000, 45665, 3_000_000_001])
      assert.deepStrictEqual(post.pools, [56312, 40574])
    }
  },
  {
    name: "a post the viewer may not see: every URL null",
    from: legacy,
    edit: inPost((p) => {
      at(p, "file").url = null
      Object.assign(at(p, "preview"), { url: null, alt: null })
      Object.assign(at(p, "sample"), { url: null, alt: null })
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.deepStrictEqual([post.file.url, post.preview.url, post.sample.url], [null, null, null])
      assert.isNull(Posts.fileUrl(post, "sample"))
    }
  },
  {
    name: "locked_tags null, a null status_locked and a flag we do not know",
    from: legacy,
    edit: inPost((p) => {
      p.locked_tags = null
      Object.assign(at(p, "flags"), { status_locked: null, comment_disabled: true })
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.deepStrictEqual(post.locked_tags, [])
      assert.isFalse(post.flags.status_locked)
    }
  },
  {
    name: "the viewer's down vote, locked tags set",
    from: legacy,
    edit: inPost((p) => {
      p.vote = -1
      p.locked_tags = ["rating:s", "solo"]
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.strictEqual(post.vote, -1)
      assert.deepStrictEqual(post.locked_tags, ["rating:s", "solo"])
    }
  },
  {
    name: "a 2007 post of the 2020 shape with its optional keys all gone",
    from: legacy2020,
    edit: inPost((p) => {
      delete p.has_notes
      delete p.duration
      delete at(p, "sample").alternates
      delete at(p, "tags").contributor
      delete at(p, "tags").lore
    }),
    check: (d) => {
      const post = decodedPost(d)
      assert.deepInclude(post, { has_notes: false, duration: null })
      assert.deepStrictEqual(post.sample.alternates, {})
    }
  },
  {
    name: "v2: a video with the 2025+ alternates in files.video",
    from: v2,
    edit: inPost((p) => {
      at(p, "files", "meta").ext = "webm"
      at(p, "files").video = alternates2026
    }),
    check: (d) => assert.deepStrictEqual(decodedPost(d).sample.alternates, alternates2026)
  },
  {
    name: "v2: a tag category e621 adds later",
    from: v2,
    edit: inPost((p) => {
      at(p, "tags").director = ["a_director"]
    }),
    check: (d) => assert.deepStrictEqual(decodedPost(d).tags.director, ["a_director"])
  },
  {
    name: "a user whose favourites are private: no favorite_count",
    from: fullUser,
    edit: (u) => {
      delete (u as Mutable).favorite_count
      return u
    },
    check: (d) => assert.deepInclude(d, { id: 2582, name: "Untamed" })
  },
  {
    name: "a user of July 2026: upload_slots and upload_karma instead of upload_limit",
    from: fullUser,
    edit: (u) => {
      const user = u as Mutable
      delete user.upload_limit
      Object.assign(user, { upload_slots: 10, upload_karma: 120, upload_karma_free: false, has_cropped_avatar: true })
      return user
    },
    check: (d) => assert.deepInclude(d, { upload_slots: 10, upload_karma: 120 })
  }
]

/**
 * e621 has answered an empty list both as `[]` (six2one's 2026 recordings) and as `{"<records>":[]}` (e621ng
 * issue #359; `{"tags":[]}`, `{"post_events":[]}` above): every recorded `[]` is also tried wrapped.
 */
const wrappedEmpty: ReadonlyArray<Variant> = Object.entries(routes)
  .filter(([file, route]) => recordedBody(file, route).trim() === "[]")
  .map(([file, route]) => ({
    name: "the empty list wrapped in an object",
    from: file,
    edit: () => ({ [route.path.replace(/^.*\/|\.json$/g, "")]: [] }),
    check: (decoded) => assert.deepStrictEqual(decoded, [])
  }))

describe("shapes made from the recorded answers, through the same endpoint functions", () => {
  for (const variant of [...variants, ...wrappedEmpty]) {
    it.effect(`${variant.from}: ${variant.name}`, () =>
      Effect.gen(function*() {
        const route = routes[variant.from]
        assert.isDefined(route, variant.from)
        if (route === undefined) return
        const json = JSON.parse(recordedBody(variant.from, route)) as Json
        const { exit } = yield* run(variant.from, route, JSON.stringify(variant.edit(structuredClone(json))))
        if (Exit.isFailure(exit)) assert.fail(`${variant.name}: ${exit.cause}`)
        else variant.check(exit.value)
      }))
  }
})
