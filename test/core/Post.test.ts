import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import { readFileSync } from "node:fs"
import * as Post from "@effect-e621/core/schemas/Post"

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), "utf8"))

/** A JSON object from a fixture, for building variants. */
const fixtureObject = (path: string, key?: string): Record<string, unknown> => {
  const json = fixture(path) as Record<string, unknown>
  return (key === undefined ? json : json[key]) as Record<string, unknown>
}

const Page = Schema.Struct({ posts: Schema.Array(Post.Post) })
const Single = Schema.Struct({ post: Post.Post })
const decodePage = Schema.decodeUnknownSync(Page)
const decodeSingle = Schema.decodeUnknownSync(Single)
const decodePost = Schema.decodeUnknownSync(Post.Post)
const decodeV2 = Schema.decodeUnknownSync(Post.PostV2)
const encodePost = Schema.encodeSync(Post.Post)
const encodeV2 = Schema.encodeSync(Post.PostV2)

const pages = {
  "rs621/320_fluffy_rating-s.json": 320,
  "rs621/320_fluffy_rating-s_before-2269211.json": 320,
  "rs621/id_8595_535_2105_1470.json": 4,
  "booru-rs/posts.json": 10
} as const
const singles = [
  "rs621/id_8595.json",
  "rs621/favorite.json",
  "booru-rs/post_id.json",
  "aioe621/post_4842101_v1.json"
] as const

const v1 = () => decodeSingle(fixture("aioe621/post_4842101_v1.json")).post
const v2 = () => decodeV2(fixture("aioe621/post_4842101_v2.json"))

describe("Post: real fixtures", () => {
  it("decodes every search page", () => {
    for (const [path, count] of Object.entries(pages)) {
      const { posts } = decodePage(fixture(path))
      assert.strictEqual(posts.length, count, path)
      for (const post of posts) {
        assert.isTrue(Post.categories.every((c) => Array.isArray(post.tags[c])), `${path} ${post.id}`)
        assert.isTrue(post.score.down <= 0, `${path} ${post.id}`)
        assert.isTrue(Array.isArray(post.locked_tags) && post.locked_tags.every((t) => typeof t === "string"))
      }
    }
  })

  it("the b<id> continuation page only has lower ids", () => {
    const { posts } = decodePage(fixture("rs621/320_fluffy_rating-s_before-2269211.json"))
    assert.isTrue(posts.every((p) => p.id < 2269211))
  })

  it("decodes every single-post answer (including the favourite response)", () => {
    const ids = singles.map((path) => decodeSingle(fixture(path)).post.id)
    assert.deepStrictEqual(ids, [8595, 3758515, 3937132, 4842101])
  })

  it("fills what 2020 answers lack with e621's current values", () => {
    const post = decodeSingle(fixture("rs621/id_8595.json")).post
    assert.strictEqual(post.has_notes, false)
    assert.strictEqual(post.duration, null)
    assert.deepStrictEqual(post.sample.alternates, {})
    assert.deepStrictEqual(post.tags.contributor, [])
    assert.isFalse("uploader_name" in post)
    assert.isFalse("vote" in post)
    assert.isFalse("alt" in post.preview)
    // 2020: without a sample, sample.url was the original file (2026 answers say null)
    assert.strictEqual(post.sample.has, false)
    assert.strictEqual(post.sample.url, post.file.url)
    // stale total kept as sent
    assert.deepStrictEqual(post.score, { up: 82, down: 0, total: 88 })
    assert.strictEqual(
      decodePage(fixture("rs621/id_8595_535_2105_1470.json")).posts.find((p) => p.id === 2105)?.updated_at,
      null
    )
  })

  it("drops keys outside the contract (2022's flags.comment_disabled)", () => {
    const post = decodeSingle(fixture("booru-rs/post_id.json")).post
    assert.deepStrictEqual(Object.keys(post.flags).sort(), [
      "deleted",
      "flagged",
      "note_locked",
      "pending",
      "rating_locked",
      "status_locked"
    ])
  })

  it("keeps the 2026 legacy shape as sent", () => {
    const post = v1()
    assert.strictEqual(post.uploader_name, "keysmasher123")
    assert.strictEqual(post.vote, 0)
    assert.strictEqual(post.preview.alt?.endsWith(".webp"), true)
    assert.strictEqual(post.sample.url, null)
    assert.deepStrictEqual(post.score, { up: 3805, down: -33, total: 3772 })
    assert.deepStrictEqual(post.tags.artist, ["akeivi"])
  })

  it("decodes both v2 posts", () => {
    const a = v2()
    const b = decodeV2(fixture("aioe621/post_6543578_v2.json"))
    assert.strictEqual(a.hotness, 3980.442383324771)
    assert.strictEqual(b.sample.has, true)
    assert.strictEqual(b.sample.url, "https://static1.e621.net/data/sample/07/7e/077e4bbffe0ea5d5acb0fca479de8fdd.jpg")
    assert.strictEqual(b.sample.alt, "https://static1.e621.net/data/sample/07/7e/077e4bbffe0ea5d5acb0fca479de8fdd.webp")
    // this fixture's parent_id is its own id (probably hand-edited upstream); kept as sent
    assert.strictEqual(b.relationships.parent_id, 6543578)
  })

  it("v1 and v2 of post 4842101 agree on everything but what changed between the two recordings", () => {
    const legacy = v1()
    const modern = v2()
    const differing = [...new Set([...Object.keys(legacy), ...Object.keys(modern)])]
      .filter((key) => JSON.stringify(legacy[key as keyof Post.Post]) !== JSON.stringify(modern[key as keyof Post.Post]))
      .sort()
    // recorded a day apart: updated_at, two more upvotes, one more favourite; hotness is v2 only
    assert.deepStrictEqual(differing, ["fav_count", "hotness", "score", "updated_at"])
    assert.deepStrictEqual(modern.file, legacy.file)
    assert.deepStrictEqual(modern.preview, legacy.preview)
    assert.deepStrictEqual(modern.sample, legacy.sample) // v2's fallback to the original file decodes to null
    assert.deepStrictEqual(modern.tags, legacy.tags)
    assert.deepStrictEqual(modern.relationships, legacy.relationships)
    assert.deepStrictEqual(modern.flags, legacy.flags)
    assert.strictEqual(modern.description, legacy.description)
    assert.deepStrictEqual(modern.sources, legacy.sources)
  })
})

describe("Post.visibility", () => {
  const booru = () => decodePage(fixture("booru-rs/posts.json")).posts

  it("explains the null file URL of booru-rs' post 3937714 (young, explicit, anonymous)", () => {
    const hidden = booru().find((p) => p.file.url === null)
    assert.strictEqual(hidden?.id, 3937714)
    assert.isTrue(hidden !== undefined && hidden.preview.url === null && hidden.sample.url === null)
    if (hidden === undefined) return
    assert.strictEqual(Post.visibility(hidden), "login-required")
    assert.strictEqual(Post.visibility(hidden, { safeMode: true }), "safe-mode")
    assert.strictEqual(Post.visibility(hidden, { loggedIn: true }), "hidden")
    assert.strictEqual(Post.visibility({ ...hidden, flags: { ...hidden.flags, deleted: true } }), "deleted")
    assert.strictEqual(Post.visibility(booru()[0]!), "visible")
  })
})

describe("Post round trips", () => {
  it("legacy: encode gives the JSON back; decode(encode(p)) = p", () => {
    const json = fixtureObject("aioe621/post_4842101_v1.json", "post")
    assert.deepStrictEqual(encodePost(decodePost(json)), json)
    for (const post of decodePage(fixture("rs621/320_fluffy_rating-s.json")).posts) {
      assert.deepStrictEqual(decodePost(encodePost(post)), post)
    }
  })

  it("v2: encoding gives e621's v2 extended JSON back", () => {
    for (const path of ["aioe621/post_4842101_v2.json", "aioe621/post_6543578_v2.json"]) {
      const json = fixtureObject(path)
      assert.deepStrictEqual(encodeV2(decodeV2(json)), json, path)
    }
  })

  it("v2: a legacy post survives Post → v2 → Post, with v2's sample fallback on the wire", () => {
    const post = v1()
    const wire = encodeV2(post)
    assert.strictEqual(wire.files.sample.jpg, post.file.url)
    assert.strictEqual(wire.files.sample.webp, post.file.url)
    assert.isFalse(Array.isArray(wire.tags))
    assert.deepStrictEqual(decodeV2(wire), post)
  })

  it("legacy encoding of a v2-decoded post drops the v2-only hotness", () => {
    const json = encodePost(v2())
    assert.isFalse("hotness" in json)
    const { hotness: _hotness, ...rest } = v2()
    assert.deepStrictEqual(decodePost(json), rest)
  })

  it("v2 mode=basic: flat tags land in `uncategorized`", () => {
    const json = fixtureObject("aioe621/post_4842101_v2.json")
    const flat = Post.allTags(v2())
    const post = decodeV2({ ...json, tags: flat })
    assert.deepStrictEqual(post.tags[Post.uncategorized], flat)
    assert.deepStrictEqual(post.tags.general, [])
    assert.strictEqual(Post.tagCount(post), flat.length)
  })

  it("video alternates travel as files.video", () => {
    const alternates = { has: true, original: { codec: "vp9", fps: 30, size: 1, width: 2, height: 3, url: null } }
    const post: Post.Post = { ...v1(), sample: { ...v1().sample, has: true, alternates } }
    const wire = encodeV2(post)
    assert.deepStrictEqual(wire.files.video, alternates)
    assert.deepStrictEqual(decodeV2(wire).sample.alternates, alternates)
  })
})

describe("Post tolerance and errors", () => {
  it("keeps unknown tag categories, ignores unknown keys", () => {
    const json = fixtureObject("aioe621/post_4842101_v1.json", "post")
    const tags = json.tags as Record<string, unknown>
    const post = decodePost({
      ...json,
      brand_new_key: { anything: 1 },
      tags: { ...tags, fetish: ["new_tag"] },
      locked_tags: null
    })
    assert.deepStrictEqual(post.tags["fetish"], ["new_tag"])
    assert.isFalse("brand_new_key" in post)
    assert.deepStrictEqual(post.locked_tags, [])
    assert.include(Post.allTags(post), "new_tag")
    assert.strictEqual(Post.allTags(post)[0], "ambiguous_gender")
    assert.strictEqual(Post.tagCount(post), Post.tagCount(v1()) + 1)
  })

  it("a missing known category decodes to []", () => {
    const json = fixtureObject("aioe621/post_4842101_v1.json", "post")
    const { lore: _lore, contributor: _contributor, ...tags } = json.tags as Record<string, unknown>
    const post = decodePost({ ...json, tags })
    assert.deepStrictEqual(post.tags.lore, [])
    assert.deepStrictEqual(post.tags.contributor, [])
    assert.deepStrictEqual(Schema.decodeUnknownSync(Post.Tags)({ general: ["a"] }).meta, [])
  })

  it.effect("a bad rating fails with a SchemaError naming the path", () =>
    Effect.gen(function*() {
      const json = fixtureObject("aioe621/post_4842101_v1.json", "post")
      const error = yield* Schema.decodeUnknownEffect(Page)({ posts: [json, { ...json, rating: "x" }] }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "SchemaError")
      assert.include(error.message, `["posts"][1]["rating"]`)
      assert.include(error.message, `"s" | "q" | "e"`)
    }))

  it("a wrong type deep inside fails with its path", () => {
    const json = fixtureObject("aioe621/post_4842101_v1.json", "post")
    assert.throws(() => decodePost({ ...json, tags: { general: [1] } }), /\["tags"\]\["general"\]\[0\]/)
    assert.throws(() => decodePost({ ...json, file: { ...(json.file as object), url: 3 } }), /\["file"\]\["url"\]/)
  })

  it("works through Schema.toCodecJson (what HttpClientResponse.schemaBodyJson uses)", () => {
    const json = fixture("aioe621/post_4842101_v1.json")
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.toCodecJson(Single))(json).post, v1())
  })
})

describe("PostThumbnail", () => {
  it("decodes e621's thumbnail JSON, splitting the space-separated fields", () => {
    const thumb = Schema.decodeUnknownSync(Post.PostThumbnail)({
      id: 1,
      created_at: "2026-07-13T17:36:26.837+03:00",
      md5: "077e4bbffe0ea5d5acb0fca479de8fdd",
      file_ext: "png",
      width: 10,
      height: 20,
      size: 30,
      preview_url: null,
      preview_webp: null,
      sample_url: null,
      file_url: null,
      preview_width: 5,
      preview_height: 10,
      uploader_id: 7,
      uploader: "someone",
      score: 12,
      fav_count: 3,
      is_favorited: false,
      vote: 0,
      comment_count: 0,
      flags: "pending deleted",
      pools: "4 55",
      rating: "q",
      tags: "a b c",
      unknown_extra: true
    })
    assert.deepStrictEqual(thumb.flags, ["pending", "deleted"])
    assert.deepStrictEqual(thumb.pools, [4, 55])
    assert.deepStrictEqual(thumb.tags, ["a", "b", "c"])
    assert.isFalse("unknown_extra" in thumb)
  })

  it("toThumbnailJson renders a Post that PostThumbnail decodes and re-encodes", () => {
    const post = v1()
    const json = Post.toThumbnailJson(post)
    assert.strictEqual(json.flags, "")
    assert.strictEqual(json.sample_url, post.file.url)
    assert.strictEqual(json.score, 3772)
    const thumb = Schema.decodeUnknownSync(Post.PostThumbnail)(json)
    assert.deepStrictEqual(thumb.tags, Post.allTags(post))
    assert.deepStrictEqual(thumb.flags, [])
    assert.deepStrictEqual(Schema.encodeSync(Post.PostThumbnail)(thumb), json)
  })
})

describe("RawPost", () => {
  const raw = {
    id: 12,
    created_at: "2024-06-10T10:52:11.177+03:00",
    updated_at: null,
    up_score: 5,
    down_score: -1,
    score: 4,
    source: "https://a.example\nhttps://b.example",
    md5: "1610e96ca2e0af6b7c5e06b03cda83c8",
    rating: "e",
    is_note_locked: false,
    is_rating_locked: true,
    is_status_locked: false,
    is_pending: false,
    is_flagged: true,
    is_deleted: false,
    uploader_id: 1,
    approver_id: null,
    last_noted_at: "2024-06-11T10:52:11.177+03:00",
    last_comment_bumped_at: null,
    fav_count: 9,
    tag_string: "cat solo 2024",
    tag_count: 3,
    tag_count_general: 2,
    file_ext: "webm",
    file_size: 1000,
    image_width: 1920,
    image_height: 1080,
    parent_id: 3,
    has_children: true,
    has_active_children: false,
    bit_flags: 0,
    locked_tags: "solo",
    description: "",
    comment_count: 2,
    change_seq: 77,
    bg_color: null,
    duration: "12.5",
    is_comment_disabled: false,
    video_samples: { original: {} },
    hotness: 1.5,
    has_sample: true,
    has_visible_children: true,
    children_ids: "20 21",
    pool_ids: [5],
    is_favorited: false,
    vote_by: null,
    file_url: "https://static1.e621.net/data/16/10/1610e96ca2e0af6b7c5e06b03cda83c8.webm",
    sample_url: "https://static1.e621.net/data/sample/16/10/1610e96ca2e0af6b7c5e06b03cda83c8.jpg",
    preview_file_url: "https://static1.e621.net/data/preview/16/10/1610e96ca2e0af6b7c5e06b03cda83c8.jpg"
  }

  it("maps the raw model to a Post", () => {
    const post = Schema.decodeUnknownSync(Post.RawPost)(raw)
    assert.deepStrictEqual(post.tags[Post.uncategorized], ["cat", "solo", "2024"])
    assert.deepStrictEqual(post.locked_tags, ["solo"])
    assert.deepStrictEqual(post.sources, ["https://a.example", "https://b.example"])
    assert.deepStrictEqual(post.relationships, { parent_id: 3, has_children: true, has_active_children: false, children: [20, 21] })
    assert.deepStrictEqual(post.score, { up: 5, down: -1, total: 4 })
    assert.deepStrictEqual(post.flags.rating_locked && post.flags.flagged, true)
    assert.strictEqual(post.duration, 12.5)
    assert.strictEqual(post.has_notes, true)
    assert.deepStrictEqual(post.pools, [5])
    assert.deepStrictEqual(post.file, { width: 1920, height: 1080, ext: "webm", size: 1000, md5: raw.md5, url: raw.file_url })
    assert.deepStrictEqual(post.preview, { width: 455, height: 256, url: raw.preview_file_url })
    assert.deepStrictEqual([post.sample.width, post.sample.height, post.sample.url], [1511, 850, raw.sample_url])
    assert.isFalse("vote" in post)
  })

  it("accepts a post e621 hides (no md5, file_ext or URLs)", () => {
    const { md5: _m, file_ext: _e, file_url: _f, sample_url: _s, preview_file_url: _p, ...hidden } = raw
    const post = Schema.decodeUnknownSync(Post.RawPost)({ ...hidden, duration: null, source: "" })
    assert.strictEqual(post.file.url, null)
    assert.strictEqual(post.file.md5, "")
    assert.strictEqual(post.duration, null)
    assert.deepStrictEqual(post.sources, [])
    assert.strictEqual(Post.visibility(post), "login-required")
  })
})

describe("Post under the JIT compiler", () => {
  // Runs last in this file: enabling the JIT re-registers the Post ASTs for everything after it.
  it("JIT-compiled decoding equals the interpreter's", () => {
    const page = fixture("rs621/320_fluffy_rating-s.json")
    const v2json = [fixture("aioe621/post_4842101_v2.json"), fixture("aioe621/post_6543578_v2.json")]
    const V2Page = Schema.Array(Post.PostV2)
    const interpreted = Schema.decodeUnknownSync(Page)(page)
    const interpretedV2 = Schema.decodeUnknownSync(V2Page)(v2json)

    const JitPage = Schema.Struct({ posts: Schema.Array(Post.Post) })
    const JitV2Page = Schema.Array(Post.PostV2)
    SchemaJITCompiler.enable(JitPage.ast)
    SchemaJITCompiler.enable(JitV2Page.ast)
    const compiled = Schema.decodeUnknownSync(JitPage)(page)
    assert.strictEqual(compiled.posts.length, 320)
    assert.deepStrictEqual(compiled, interpreted)
    assert.deepStrictEqual(Schema.decodeUnknownSync(JitV2Page)(v2json), interpretedV2)
    // and the compiled parser still reports paths
    const bad = { posts: [{ ...(page as { posts: Array<object> }).posts[0], rating: "x" }] }
    assert.throws(() => Schema.decodeUnknownSync(JitPage)(bad), /\["posts"\]\[0\]\["rating"\]/)
  })
})
