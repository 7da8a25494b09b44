import { assert, describe, it } from "@effect/vitest"
import { Effect, Result, Schema } from "effect"
import type { Post } from "@effect-e621/core/schemas/Post"
import * as TagQuery from "@effect-e621/core/TagQuery"

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

type Overrides = { readonly [K in keyof Post]?: Post[K] }

const makePost = (overrides: Overrides = {}): Post => ({
  id: 100,
  created_at: "2024-01-01T00:00:00.000-05:00",
  updated_at: "2024-01-02T00:00:00.000-05:00",
  file: { width: 1000, height: 500, ext: "png", size: 200_000, md5: "abcdef0123456789abcdef0123456789", url: null },
  preview: { width: 150, height: 75, url: null },
  sample: { has: false, width: 1000, height: 500, url: null, alternates: {} },
  score: { up: 12, down: -2, total: 10 },
  tags: {
    general: ["solo", "smile"],
    artist: ["some_artist"],
    contributor: [],
    copyright: [],
    character: [],
    species: ["canine", "fox"],
    invalid: [],
    meta: ["digital_media_(artwork)"],
    lore: []
  },
  locked_tags: [],
  change_seq: 5000,
  flags: { pending: false, flagged: false, note_locked: false, status_locked: false, rating_locked: false, deleted: false },
  rating: "s",
  fav_count: 20,
  sources: ["https://twitter.com/someone/status/1"],
  pools: [7],
  relationships: { parent_id: null, has_children: false, has_active_children: false, children: [] },
  approver_id: null,
  uploader_id: 42,
  uploader_name: "Some_Uploader",
  description: "",
  comment_count: 3,
  is_favorited: false,
  has_notes: false,
  duration: null,
  ...overrides
})

const flags = (f: Partial<Post["flags"]>): Post["flags"] => ({ ...makePost().flags, ...f })

const q = (input: string): TagQuery.TagQuery => {
  const r = TagQuery.parseResult(input)
  if (Result.isFailure(r)) throw new Error(`unexpected parse failure for ${input}: ${r.failure.message}`)
  return r.success
}

const matches = (input: string, post: Post, context?: TagQuery.EvaluateContext): boolean =>
  TagQuery.evaluate(q(input), post, context)

const parseError = (input: string) => Effect.flip(TagQuery.parse(input))

const validateError = (query: TagQuery.TagQuery) => Effect.flip(TagQuery.validate(query))

const tokens = (n: number, prefix = "tag"): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(" ")

// A small deterministic generator of valid queries, driven by one integer seed.
const generator = (seed: number) => {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(next() * xs.length)]!
  const operators: ReadonlyArray<TagQuery.Operator> = ["must", "not", "any"]
  const names = ["canine", "3d", "cat", "sonic_(series)", "<3", "m/m", "fox*", "*_ears", "x:y", "(cat)", "with\"quote", ":3"]
  const metas: ReadonlyArray<readonly [string, ReadonlyArray<string>, ReadonlyArray<TagQuery.Operator>]> = [
    ["rating", ["s", "q", "e"], operators],
    ["score", [">10", "5..9", "<=-3", "..4"], operators],
    ["id", ["1,2,3", "100..", "7"], operators],
    ["user", ["Bob", "!12"], operators],
    ["description", ["two words", "x"], operators],
    ["source", ["https://example.com/a b"], operators],
    ["status", ["deleted", "pending", "any"], ["must", "not"]],
    ["md5", ["abc,def"], ["must"]],
    ["ischild", ["true", "false"], ["must"]],
    ["type", ["png", "webm"], operators],
    ["fav", ["Bob"], operators]
  ]
  const term = (depth: number): TagQuery.Term => {
    const r = next()
    if (r < 0.15 && depth < 3) {
      const inner = Array.from({ length: 1 + Math.floor(next() * 3) }, () => term(depth + 1))
      return { _tag: "Group", operator: pick(operators), terms: inner }
    }
    if (r < 0.6) {
      const name = pick(names)
      const wildcard = name.includes("*")
      return { _tag: "Tag", operator: wildcard ? pick(["must", "not"] as const) : pick(operators), name, wildcard }
    }
    const [name, values, ops] = pick(metas)
    return { _tag: "Metatag", operator: pick(ops), name, value: pick(values) }
  }
  const top: Array<TagQuery.Term> = Array.from({ length: Math.floor(next() * 6) }, () => term(0))
  if (next() < 0.3) top.push(TagQuery.order(pick(["score", "id_desc", "favcount_asc"])))
  return TagQuery.make(top)
}

// ---------------------------------------------------------------------------------------------------------
// Parsing, building, rendering
// ---------------------------------------------------------------------------------------------------------

describe("TagQuery parse", () => {
  it("reads tags, prefixes, metatags, quoted values and file-type words, case-insensitively", () => {
    const parsed = q("Canine -3D ~cat ~Dog rating:S description:\"Two Words\" jpg -flash")
    assert.deepStrictEqual(parsed.terms, [
      { _tag: "Tag", operator: "must", name: "canine", wildcard: false },
      { _tag: "Tag", operator: "not", name: "3d", wildcard: false },
      { _tag: "Tag", operator: "any", name: "cat", wildcard: false },
      { _tag: "Tag", operator: "any", name: "dog", wildcard: false },
      { _tag: "Metatag", operator: "must", name: "rating", value: "s" },
      { _tag: "Metatag", operator: "must", name: "description", value: "Two Words" },
      { _tag: "Metatag", operator: "must", name: "type", value: "jpg" },
      { _tag: "Metatag", operator: "not", name: "type", value: "swf" }
    ])
    assert.strictEqual(TagQuery.render(parsed), "canine -3d ~cat ~dog rating:s description:\"Two Words\" type:jpg -type:swf")
  })

  it("resolves metatag aliases and reads unknown or wrongly-prefixed metatags as plain tags, like e621", () => {
    assert.deepStrictEqual(q("favoritedby:Bob filetype:PNG hasparent:true comm:x").terms, [
      { _tag: "Metatag", operator: "must", name: "fav", value: "Bob" },
      { _tag: "Metatag", operator: "must", name: "type", value: "png" },
      { _tag: "Metatag", operator: "must", name: "ischild", value: "true" },
      { _tag: "Metatag", operator: "must", name: "commenter", value: "x" }
    ])
    assert.deepStrictEqual(q("series:foo -md5:abc ~status:pending").terms, [
      { _tag: "Tag", operator: "must", name: "series:foo", wildcard: false },
      { _tag: "Tag", operator: "not", name: "md5:abc", wildcard: false },
      { _tag: "Tag", operator: "any", name: "status:pending", wildcard: false }
    ])
  })

  it("reads groups with prefixes, hoists order:/limit:/randseed: and drops empty groups", () => {
    const parsed = q("( a ~b ( order:score c ) ) -( d e ) ~( f limit:5 ) ( )")
    assert.deepStrictEqual(parsed, {
      terms: [
        { _tag: "Metatag", operator: "must", name: "order", value: "score" },
        {
          _tag: "Group",
          operator: "must",
          terms: [
            { _tag: "Tag", operator: "must", name: "a", wildcard: false },
            { _tag: "Tag", operator: "any", name: "b", wildcard: false },
            { _tag: "Group", operator: "must", terms: [{ _tag: "Tag", operator: "must", name: "c", wildcard: false }] }
          ]
        },
        {
          _tag: "Group",
          operator: "not",
          terms: [
            { _tag: "Tag", operator: "must", name: "d", wildcard: false },
            { _tag: "Tag", operator: "must", name: "e", wildcard: false }
          ]
        },
        { _tag: "Metatag", operator: "must", name: "limit", value: "5" },
        { _tag: "Group", operator: "any", terms: [{ _tag: "Tag", operator: "must", name: "f", wildcard: false }] }
      ]
    })
    assert.strictEqual(TagQuery.render(parsed), "order:score ( a ~b ( c ) ) -( d e ) limit:5 ~( f )")
    // a "(" inside a tag is part of the tag
    assert.deepStrictEqual(q("sonic_(series) (cat)").terms.map((t) => t._tag === "Tag" ? t.name : ""), ["sonic_(series)", "(cat)"])
  })

  it.effect("rejects malformed queries with E621InvalidInput on field \"tags\"", () =>
    Effect.gen(function*() {
      for (const input of ["( a", "a )", "( a ( b )", "~cat*", "-", "~", "a ~ b"]) {
        const error = yield* parseError(input)
        assert.strictEqual(error._tag, "E621InvalidInput", input)
        assert.strictEqual(error.field, "tags", input)
      }
      assert.include((yield* parseError("( a")).message, "unbalanced")
      assert.include((yield* parseError("~fox*")).message, "~fox*")
    }))

  it("make and the constructors build the same queries as parse", () => {
    assert.deepStrictEqual(TagQuery.make(["canine", "-3d", TagQuery.rating("s")]), q("canine -3d rating:s"))
    assert.deepStrictEqual(
      TagQuery.make([
        TagQuery.tag("Canine"),
        TagQuery.not("3d"),
        TagQuery.any(TagQuery.tag("cat")),
        TagQuery.any("dog"),
        TagQuery.metatag("favoritedby", "Bob"),
        TagQuery.id(">100"),
        TagQuery.not(TagQuery.group(["a", TagQuery.tag("b*")])),
        TagQuery.order("score_asc"),
        q("( x )")
      ]),
      q("canine -3d ~cat ~dog fav:Bob id:>100 -( a b* ) order:score_asc ( x )")
    )
    assert.isTrue(TagQuery.tag("fox*").wildcard)
    assert.isTrue(TagQuery.isTagQuery(TagQuery.make([])))
    assert.isFalse(TagQuery.isTagQuery(TagQuery.group(["a"])))
  })

  it.prop("parse(render(q)) equals q", [Schema.Int], ([seed]) => {
    const query = generator(seed)
    const rendered = TagQuery.render(query)
    const back = TagQuery.parseResult(rendered)
    assert.isTrue(Result.isSuccess(back), rendered)
    if (Result.isSuccess(back)) assert.deepStrictEqual(back.success, query, rendered)
    assert.isTrue(Result.isSuccess(Effect.runSync(Effect.result(TagQuery.validate(query)))), rendered)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Counting and validation
// ---------------------------------------------------------------------------------------------------------

describe("TagQuery count / validate", () => {
  it("counts like e621: metatags and grouped tags count; rating:s, status:deleted, limit: do not", () => {
    assert.strictEqual(TagQuery.count(q("a b c")), 3)
    assert.strictEqual(TagQuery.count(q("a rating:s rating:safe status:deleted -status:deleted limit:10")), 1)
    assert.strictEqual(TagQuery.count(q("a rating:e ~rating:s -rating:s order:score status:pending")), 6)
    assert.strictEqual(TagQuery.count(q("a ( b c -( d ) ) ~( e score:>1 )")), 6)
    assert.strictEqual(TagQuery.count(q("a a a")), 1)
    assert.strictEqual(TagQuery.count(q("png")), 1)
  })

  it.effect("accepts 40 tags and rejects 41, naming tags and the count", () =>
    Effect.gen(function*() {
      const forty = yield* TagQuery.fromInput(tokens(40))
      assert.strictEqual(TagQuery.count(forty), 40)
      // unlimited metatags do not push a 40-tag query over the limit
      yield* TagQuery.fromInput(`${tokens(40)} rating:s status:deleted limit:320`)
      const error = yield* Effect.flip(TagQuery.fromInput(tokens(41)))
      assert.strictEqual(error.field, "tags")
      assert.include(error.message, "41")
      assert.include(error.message, "40")
      // tags inside groups count too
      const grouped = yield* Effect.flip(TagQuery.fromInput(`${tokens(39)} ( x y )`))
      assert.include(grouped.message, "41")
    }))

  it.effect("checks group depth, numeric ranges and term shapes, without over-rejecting", () =>
    Effect.gen(function*() {
      const nest = (n: number) => `${"( ".repeat(n)}a${" )".repeat(n)}`
      yield* TagQuery.fromInput(nest(10))
      const deep = yield* Effect.flip(TagQuery.fromInput(nest(11)))
      assert.strictEqual(deep.field, "tags")
      assert.include(deep.message, "10 levels")
      for (const bad of ["score:abc", "id:1..x", "width:>big", "favcount:1,two", "filesize:3gb"]) {
        const error = yield* Effect.flip(TagQuery.fromInput(bad))
        assert.strictEqual(error.field, "tags", bad)
        assert.include(error.message, "range", bad)
      }
      for (const good of ["score:>=10", "score:-5..5", "id:1,2,3", "id:..100", "id:100..", "filesize:1.5mb", "ratio:16:9",
        "mpixels:2.5", "order:bogus", "date:yesterday", "tagcount:<5", "gentags:>3"]) {
        yield* TagQuery.fromInput(good)
      }
      assert.strictEqual((yield* validateError(TagQuery.make(["-"]))).field, "tags")
      assert.strictEqual((yield* validateError(TagQuery.make([TagQuery.any(TagQuery.tag("a*"))]))).field, "tags")
      assert.include((yield* validateError(TagQuery.make([TagQuery.tag("two words")]))).message, "two words")
      assert.strictEqual((yield* validateError(TagQuery.make([TagQuery.tag("-x")]))).field, "tags")
    }))

  it.effect("fromInput takes strings, arrays of tokens, queries and undefined", () =>
    Effect.gen(function*() {
      const fromString = yield* TagQuery.fromInput("canine -3d")
      const fromArray = yield* TagQuery.fromInput(["canine", "-3d"])
      const fromMulti = yield* TagQuery.fromInput(["canine -3d"])
      const fromQuery = yield* TagQuery.fromInput(TagQuery.make(["canine", "-3d"]))
      assert.deepStrictEqual(fromArray, fromString)
      assert.deepStrictEqual(fromMulti, fromString)
      assert.deepStrictEqual(fromQuery, fromString)
      assert.deepStrictEqual(yield* TagQuery.fromInput(undefined), { terms: [] })
      assert.deepStrictEqual(yield* TagQuery.fromInput(["description:\"two words\""]), q("description:\"two words\""))
    }))
})

// ---------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------

describe("TagQuery evaluate", () => {
  const post = makePost()

  it("plain, negated and ~ tags over every category", () => {
    assert.isTrue(matches("canine some_artist digital_media_(artwork)", post))
    assert.isFalse(matches("canine cat", post))
    assert.isFalse(matches("-fox", post))
    assert.isTrue(matches("-cat", post))
    assert.isTrue(matches("~cat ~fox", post))
    assert.isFalse(matches("~cat ~dog", post))
    assert.isTrue(matches("~fox", post)) // a single ~ is required
    assert.isFalse(matches("~cat", post))
    assert.isTrue(matches("", post))
    assert.isTrue(matches("CANINE", post))
  })

  it("wildcards: positive ones join the ~ items of their level, negative ones exclude", () => {
    assert.isTrue(matches("can*", post))
    assert.isFalse(matches("dog*", post))
    assert.isTrue(matches("dog* ~fox", post)) // ORed: fox satisfies the ~ set
    assert.isTrue(matches("dog* fo*", post)) // two positive wildcards are ORed, as on e621
    assert.isFalse(matches("dog* ~cat", post))
    assert.isFalse(matches("-*_(artwork)", post))
    assert.isTrue(matches("-*_(series)", post))
    assert.isTrue(matches("*", post))
  })

  it("groups: required, negated and ~ groups, nested", () => {
    assert.isTrue(matches("( canine fox )", post))
    assert.isFalse(matches("-( canine fox )", post))
    assert.isTrue(matches("-( canine cat )", post))
    assert.isTrue(matches("~( cat dog ) ~( fox solo )", post))
    assert.isFalse(matches("~( cat dog ) ~( fox wolf )", post))
    assert.isTrue(matches("( ~cat ~fox ( -wolf ) )", post))
    assert.isFalse(matches("( ~cat ~fox ( -solo ) )", post))
  })

  it("ratings, numeric ranges and counts", () => {
    assert.isTrue(matches("rating:s", post))
    assert.isTrue(matches("rating:safe", post))
    assert.isFalse(matches("rating:e", post))
    assert.isTrue(matches("-rating:e", post))
    assert.isTrue(matches("~rating:q ~rating:s", post))
    assert.isTrue(matches("rating:x", post)) // unusable value: no condition
    assert.isTrue(matches("id:100 id:>=100 id:<101 id:99..101 id:1,100 id:..100 id:100..", post))
    assert.isFalse(matches("id:>100", post))
    assert.isTrue(matches("score:10 score:>5 favcount:20 width:1000 height:<=500 change:5000 comment_count:3", post))
    assert.isFalse(matches("score:<10", post))
    assert.isTrue(matches("tagcount:6 spectags:2 arttags:1", post))
    assert.isFalse(matches("tagcount:>6", post))
    assert.isTrue(matches("mpixels:0.4..0.6 mpixels:<1 filesize:200kb ratio:2 ratio:2:1 ratio:2.0", post))
    assert.isFalse(matches("mpixels:0.5", post)) // e621 truncates the ±5 % bounds to integers: [0, 0]
    assert.isTrue(matches("mpixels:12", makePost({ file: { ...post.file, width: 4000, height: 3000 } })))
    assert.isFalse(matches("-score:10", post))
  })

  it("uploader, status, type, md5, pools, favourites, parent, source, booleans", () => {
    assert.isTrue(matches("user:some_uploader", post))
    assert.isTrue(matches("user:!42 user_id:42", post))
    assert.isFalse(matches("user:someone_else", post))
    const withoutName = makePost({ uploader_id: 42 })
    const { uploader_name: _dropped, ...rest } = withoutName
    assert.isTrue(TagQuery.evaluate(q("user:alice"), rest)) // unknown name: not our call
    assert.isTrue(TagQuery.evaluate(q("user:alice"), rest, { resolveUser: (n) => n === "alice" ? 42 : undefined }))
    assert.isFalse(TagQuery.evaluate(q("user:bob"), rest, { resolveUser: (n) => n === "bob" ? 7 : undefined }))

    assert.isTrue(matches("status:active -status:pending", post))
    assert.isFalse(matches("status:pending", post))
    assert.isTrue(matches("status:pending", makePost({ flags: flags({ pending: true }) })))
    assert.isTrue(matches("status:modqueue", makePost({ flags: flags({ flagged: true }) })))
    assert.isFalse(matches("status:active", makePost({ flags: flags({ flagged: true }) })))
    assert.isTrue(matches("status:pending status:active", post)) // the last status: wins

    assert.isTrue(matches("type:png png -webm", post))
    assert.isFalse(matches("type:jpg", post))
    assert.isTrue(matches("md5:ABCDEF0123456789ABCDEF0123456789", post))
    assert.isTrue(matches("md5:nope,abcdef0123456789abcdef0123456789", post))
    assert.isFalse(matches("md5:nope", post))

    assert.isTrue(matches("pool:7 pool:any -pool:8", post))
    assert.isFalse(matches("pool:none", post))
    assert.isTrue(matches("pool:some_pool", post, { resolvePool: () => 7 }))
    assert.isFalse(matches("pool:other_pool", post, { resolvePool: () => 9 }))

    const favs = { favoritedBy: (u: string) => u === "bob" ? new Set([100]) : new Set<number>() }
    assert.isTrue(matches("fav:bob", post, favs))
    assert.isFalse(matches("fav:carol", post, favs))
    assert.isFalse(matches("-fav:bob", post, favs))
    assert.isTrue(matches("favoritedby:anyone", post)) // no resolver: unknown, satisfied

    const child = makePost({ relationships: { parent_id: 5, has_children: false, has_active_children: false, children: [] } })
    assert.isTrue(matches("parent:5 parent:any ischild:true isparent:false", child))
    assert.isFalse(matches("parent:none", child))
    assert.isTrue(matches("parent:none ischild:false -parent:any", post))

    assert.isTrue(matches("source:https://twitter.com/someone source:*twitter* source:any hassource:true", post))
    assert.isFalse(matches("source:https://bsky source:none", post))
    assert.isTrue(matches("inpool:true hasdescription:false", post))
  })

  it("order:, randseed:, limit: are ignored and metatags we cannot see are satisfied", () => {
    assert.isTrue(matches("order:score randseed:3 limit:5 canine", post))
    assert.isTrue(matches("date:yesterday description:foo -description:bar commenter:x set:abc", post))
    assert.isTrue(matches("~description:foo ~cat", post))
    assert.isFalse(matches("date:yesterday cat", post))
    // an unknown word:value is a tag, and the post does not have it
    assert.isFalse(matches("series:foo", post))
  })

  it("excludes deleted posts unless the query overrides it", () => {
    const deleted = makePost({ flags: flags({ deleted: true }) })
    assert.isFalse(matches("canine", deleted))
    assert.isFalse(matches("", deleted))
    assert.isTrue(matches("canine status:deleted", deleted))
    assert.isTrue(matches("status:any", deleted))
    assert.isTrue(matches("( status:all fox )", deleted)) // at any level
    assert.isTrue(matches("order:deleted", deleted))
    assert.isTrue(matches("delreason:*dnp*", deleted))
    assert.isTrue(matches("deleter:someone", deleted))
    assert.isFalse(matches("-status:deleted", deleted)) // shows deleted, then excludes them
    assert.isFalse(matches("status:pending", deleted))
    assert.isTrue(TagQuery.includesDeleted(q("-status:active")))
    assert.isFalse(TagQuery.includesDeleted(q("status:pending order:score")))
    assert.isFalse(matches("status:deleted", post))
    const keep = TagQuery.matcher(q("fox"))
    assert.deepStrictEqual([post, deleted].filter(keep), [post])
  })
})

// ---------------------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------------------

describe("TagQuery decidable", () => {
  it.effect("true when evaluate needs nothing a post lacks; false for fav:, date:, names it cannot resolve", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, boolean]> = [
        ["fox -solo ~a ~b ( c -d ) fox*", true],
        ["rating:s score:>10 status:pending -status:deleted type:png md5:abc pool:12 pool:any user:!5 order:id", true],
        ["fox fav:someone", false],
        ["fox -( date:today )", false],
        ["user:some_user", false],
        ["pool:some_pool", false],
        ["description:hello", false],
        ["upvote:me", false]
      ]
      for (const [text, expected] of cases) {
        assert.strictEqual(TagQuery.decidable(yield* TagQuery.parse(text)), expected, text)
      }
      const context: TagQuery.EvaluateContext = { favoritedBy: () => new Set([1]), resolveUser: () => 5, resolvePool: () => 7 }
      assert.isTrue(TagQuery.decidable(yield* TagQuery.parse("fav:someone user:some_user pool:some_pool"), context))
    }))
})

describe("TagQuery order", () => {
  it("orderOf normalises aliases, inversion, id and randseed", () => {
    assert.isUndefined(TagQuery.orderOf(q("canine")))
    assert.deepStrictEqual(TagQuery.orderOf(q("order:score")), { field: "score", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:score_asc")), { field: "score", direction: "asc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("-order:score")), { field: "score", direction: "asc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("-order:score_asc")), { field: "score", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:id")), { field: "id", direction: "asc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:id_desc")), { field: "id", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("-order:id")), { field: "id", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:comm_count")), { field: "comment_count", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:created_at_asc")), { field: "created", direction: "asc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:portrait")), { field: "aspect_ratio", direction: "asc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:rank")), { field: "hot", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:artist_tags")), { field: "arttags", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("randseed:42")), { field: "random", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("( a order:favcount )")), { field: "favcount", direction: "desc" })
    assert.deepStrictEqual(TagQuery.orderOf(q("order:nonsense")), { field: "id", direction: "desc" })
  })

  it("isIdOrdered tells when cursor pages keep the query's order", () => {
    assert.isTrue(TagQuery.isIdOrdered(q("canine")))
    assert.isTrue(TagQuery.isIdOrdered(q("order:id")))
    assert.isTrue(TagQuery.isIdOrdered(q("order:id_desc")))
    assert.isFalse(TagQuery.isIdOrdered(q("order:score")))
    assert.isFalse(TagQuery.isIdOrdered(q("randseed:1")))
  })

  it("sort orders posts the way e621 would", () => {
    const posts = [
      makePost({ id: 1, score: { up: 5, down: 0, total: 5 }, fav_count: 9, created_at: "2024-03-01T00:00:00Z" }),
      makePost({ id: 2, score: { up: 9, down: 0, total: 9 }, fav_count: 1, created_at: "2024-01-01T00:00:00Z" }),
      makePost({ id: 3, score: { up: 5, down: 0, total: 5 }, fav_count: 4, created_at: "2024-02-01T00:00:00Z" })
    ]
    const ids = (input: string) => [...posts].sort(TagQuery.sort(q(input))).map((p) => p.id)
    assert.deepStrictEqual(ids(""), [3, 2, 1])
    assert.deepStrictEqual(ids("order:id"), [1, 2, 3])
    assert.deepStrictEqual(ids("order:score"), [2, 3, 1])
    assert.deepStrictEqual(ids("order:score_asc"), [1, 3, 2])
    assert.deepStrictEqual(ids("order:favcount"), [1, 3, 2])
    assert.deepStrictEqual(ids("-order:created"), [2, 3, 1])
    assert.deepStrictEqual(ids("order:comment"), [3, 2, 1]) // unknown to a post: id desc
    const many = Array.from({ length: 50 }, (_, i) => makePost({ id: i + 1 }))
    const shuffle = (input: string) => [...many].sort(TagQuery.sort(q(input))).map((p) => p.id)
    assert.deepStrictEqual(shuffle("randseed:7"), shuffle("order:random randseed:7"))
    assert.notDeepEqual(shuffle("randseed:7"), shuffle("randseed:8"))
    assert.deepStrictEqual([...shuffle("randseed:7")].sort((a, b) => a - b), many.map((p) => p.id))
  })
})
