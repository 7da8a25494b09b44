import { Post, Posts, TagQuery } from "@effect-e621/core"
import * as Users from "@effect-e621/core/api/Users"
import * as Blacklist from "@effect-e621/core/Blacklist"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Stream } from "effect"

type P = Post.Post

const member = () => E621Fake.layer({ posts: 400, seed: 7, client: { credentials: E621Fake.testerCredentials } })

/** Every post of the fake as the tester sees it (deleted ones included; `is_favorited` is the tester's). */
const allPosts = Effect.gen(function*() {
  const posts: Array<P> = []
  yield* Posts.stream({ tags: "status:any" }).pipe(Stream.runForEach((p) => Effect.sync(() => posts.push(p))))
  return posts
})

const has = (p: P, tag: string) => Post.allTags(p).includes(tag)
const tagsLike = (p: P, re: RegExp) => Post.allTags(p).some((t) => re.test(t))

/** The rule table: a line, and what e621's site blacklist does with it, written out by hand. */
const table = (
  sample: { readonly uploader: string; readonly uploaderId: number; readonly poolId: number }
): ReadonlyArray<readonly [string, (p: P) => boolean]> => [
  ["solo", (p) => has(p, "solo")],
  ["solo anthro", (p) => has(p, "solo") && has(p, "anthro")],
  ["solo -anthro", (p) => has(p, "solo") && !has(p, "anthro")],
  ["-solo", (p) => !has(p, "solo")],
  ["~fox ~wolf", (p) => has(p, "fox") || has(p, "wolf")],
  ["canine ~fox ~wolf", (p) => has(p, "canine") && (has(p, "fox") || has(p, "wolf"))],
  ["~-solo ~duo", (p) => !has(p, "solo") || has(p, "duo")],
  ["-~solo ~duo feral", (p) => feralAndNotSoloOrDuo(p)],
  ["rating:e", (p) => p.rating === "e"],
  ["rating:explicit", (p) => p.rating === "e"],
  ["rating:questionable smile", (p) => p.rating === "q" && has(p, "smile")],
  ["rating:x", () => false],
  ["rating:sa", () => false],
  ["-rating:s", (p) => p.rating !== "s"],
  ["score:<10", (p) => p.score.total < 10],
  ["score:>=1000", (p) => p.score.total >= 1000],
  ["score:100..500", (p) => p.score.total >= 100 && p.score.total <= 500],
  ["score:=<50", (p) => p.score.total <= 50],
  ["score:500..", (p) => p.score.total >= 500],
  ["score:..20", (p) => p.score.total <= 20],
  ["score:abc", () => false],
  ["-score:abc", () => true],
  ["favcount:>200", (p) => p.fav_count > 200],
  ["id:<600", (p) => p.id < 600],
  ["id:550", (p) => p.id === 550],
  ["width:>=1600 height:>=1200", (p) => p.file.width >= 1600 && p.file.height >= 1200],
  ["tagcount:<15", (p) => Post.tagCount(p) < 15],
  ["filesize:>2mb", (p) => p.file.size > 2 * 1048576],
  ["filesize:..500kb", (p) => p.file.size <= 500 * 1024],
  ["type:png", (p) => p.file.ext === "png"],
  ["type:webm", (p) => p.file.ext === "webm"],
  ["webm", (p) => has(p, "webm")],
  ["png", (p) => has(p, "png")],
  ["status:deleted", (p) => p.flags.deleted],
  ["status:pending", (p) => p.flags.pending],
  ["status:active", () => false],
  ["fav:me", (p) => p.is_favorited],
  ["fav:whoever solo", (p) => p.is_favorited && has(p, "solo")],
  [`user:${sample.uploader}`, (p) => p.uploader_name === sample.uploader],
  [`uploader:${sample.uploader} -solo`, (p) => p.uploader_name === sample.uploader && !has(p, "solo")],
  [`user:!${sample.uploaderId}`, (p) => p.uploader_id === sample.uploaderId],
  ["userid:>20", (p) => p.uploader_id > 20],
  [`pool:${sample.poolId}`, (p) => p.pools.includes(sample.poolId)],
  ["pool:some_pool_name", () => false],
  ["fox*", (p) => tagsLike(p, /^fox/)],
  ["*_(lore)", (p) => tagsLike(p, /_\(lore\)$/)],
  ["-fox* anthro", (p) => !tagsLike(p, /^fox/) && has(p, "anthro")],
  ["order:score", (p) => has(p, "order:score")],
  ["canine # no dogs", (p) => has(p, "canine")],
  ["SOLO Anthro", (p) => has(p, "solo") && has(p, "anthro")],
  ["solo solo", (p) => has(p, "solo")],
  ["tagcount:5..abc", () => false]
]

const feralAndNotSoloOrDuo = (p: P) => has(p, "feral") && (!has(p, "solo") || has(p, "duo"))

describe("Blacklist.parse", () => {
  it("reads lines like e621's site: comments, blanks, case, inline comments, duplicates", () => {
    const bl = Blacklist.parse("# my list\n\nSolo  Anthro\r\n  rating:e # no explicit\nsolo anthro\n   \n#rating:s\n~fox ~WOLF")
    assert.deepStrictEqual(bl.rules.map((r) => r.text), ["solo anthro", "rating:e", "~fox ~wolf"])
    assert.deepStrictEqual(bl.rules[0]!.tokens.map((t) => t.text), ["solo", "anthro"])
    const fox = bl.rules[2]!.tokens[0]!
    assert.isTrue(fox.optional)
    assert.isFalse(fox.negated)
    assert.strictEqual(Blacklist.render(bl), "solo anthro\nrating:e\n~fox ~wolf")
  })

  it("classifies tokens: metatags the blacklist knows, plain tags otherwise, prefixes combined", () => {
    const [rule] = Blacklist.parse("-~solo png type:png order:score fav:x user:!12 userid:>3 rating:x fox*").rules
    const checks = rule!.tokens.map((t) => t.check._tag)
    assert.deepStrictEqual(checks, ["Term", "Term", "Term", "Term", "Favorited", "Term", "UploaderId", "Never", "Term"])
    assert.isTrue(rule!.tokens[0]!.optional && rule!.tokens[0]!.negated)
    const png = rule!.tokens[1]!.check
    assert.isTrue(png._tag === "Term" && png.term._tag === "Tag" && !png.searchable)
    const order = rule!.tokens[3]!.check
    assert.isTrue(order._tag === "Term" && order.term._tag === "Tag" && order.term.name === "order:score")
  })

  it("a list of lines parses like the joined text; bare prefixes are dropped", () => {
    assert.deepStrictEqual(Blacklist.parse(["solo", "rating:e\nduo"]), Blacklist.parse("solo\nrating:e\nduo"))
    assert.deepStrictEqual(Blacklist.parse("- ~\n-").rules, [])
    assert.deepStrictEqual(Blacklist.parse("- solo").rules[0]!.tokens.map((t) => t.text), ["solo"])
  })
})

describe("Blacklist.matches: table of rules against the fake's posts", () => {
  it.effect("every rule hides exactly the posts e621's blacklist would", () =>
    Effect.gen(function*() {
      const posts = yield* allPosts
      assert.isAtLeast(posts.length, 300)
      const fake = yield* E621Fake.E621Fake
      const pool = (yield* fake.pools)[0]!
      const sample = { uploader: posts[0]!.uploader_name!, uploaderId: posts[1]!.uploader_id, poolId: pool.id }
      const rows = table(sample)
      assert.isAtLeast(rows.length, 30)
      let informative = 0
      for (const [line, expected] of rows) {
        const bl = Blacklist.parse(line)
        assert.strictEqual(bl.rules.length, 1, line)
        let hits = 0
        for (const post of posts) {
          const got = Blacklist.matches(bl, post)
          assert.strictEqual(Option.isSome(got), expected(post), `${line} on post ${post.id}`)
          if (Option.isSome(got)) {
            hits++
            assert.strictEqual(got.value, bl.rules[0])
          }
        }
        if (hits > 0 && hits < posts.length) informative++
      }
      // the table is not vacuous: most rules split the fake's posts
      assert.isAtLeast(informative, 35)
      assert.isTrue(posts.some((p) => p.flags.deleted) && posts.some((p) => p.is_favorited))
    }).pipe(Effect.provide(member())))

  it.effect("a whole blacklist returns the first rule that matches", () =>
    Effect.gen(function*() {
      const posts = yield* allPosts
      const bl = Blacklist.parse("rating:e\nsolo\nfox*")
      for (const post of posts) {
        const got = Blacklist.matches(bl, post)
        const expected = post.rating === "e" ? 0 : has(post, "solo") ? 1 : tagsLike(post, /^fox/) ? 2 : -1
        assert.strictEqual(Option.isSome(got) ? bl.rules.indexOf(got.value) : -1, expected, `post ${post.id}`)
        assert.strictEqual(Blacklist.isBlacklisted(bl, post), expected >= 0)
      }
      assert.isTrue(Option.isNone(Blacklist.matches(Blacklist.empty, posts[0]!)))
    }).pipe(Effect.provide(member())))
})

describe("Blacklist.filter and Posts.stream({ blacklist })", () => {
  const text = "rating:e\nsolo anthro\nfox*\nfav:me\nscore:<5 -feral"
  const hidden = (p: P) =>
    p.rating === "e" || (has(p, "solo") && has(p, "anthro")) || tagsLike(p, /^fox/) || p.is_favorited ||
    (p.score.total < 5 && !has(p, "feral"))

  it.effect("filter drops what the blacklist hides from any Stream of posts", () =>
    Effect.gen(function*() {
      const bl = Blacklist.parse(text)
      const all = yield* allPosts
      const kept = yield* Posts.stream({ tags: "status:any" }).pipe(Blacklist.filter(bl), Stream.runCollect)
      assert.deepStrictEqual(kept.map((p) => p.id), all.filter((p) => !hidden(p)).map((p) => p.id))
      assert.isBelow(kept.length, all.length)
    }).pipe(Effect.provide(member())))

  it.effect("the stream option sends expressible rules as negated tags and checks the rest locally", () =>
    Effect.gen(function*() {
      const bl = Blacklist.parse(text)
      const visible = (yield* allPosts).filter((p) => !p.flags.deleted)
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      const kept = yield* Posts.stream({ tags: "anthro", blacklist: bl }).pipe(Stream.runCollect)
      assert.deepStrictEqual(
        kept.map((p) => p.id),
        visible.filter((p) => has(p, "anthro") && !hidden(p)).map((p) => p.id)
      )
      const [request] = yield* fake.requests
      assert.strictEqual(request!.query.tags, "-rating:e -( solo anthro ) -( score:<5 -feral ) anthro")
    }).pipe(Effect.provide(member())))

  it.effect("a blacklist that leaves no room in the query is applied locally only", () =>
    Effect.gen(function*() {
      const tags = Array.from({ length: 40 }, (_, i) => `-tag_${i}`)
      const fake = yield* E621Fake.E621Fake
      const kept = yield* Posts.stream({ tags, blacklist: Blacklist.parse("rating:e") }).pipe(Stream.runCollect)
      assert.isTrue(kept.length > 0 && kept.every((p) => p.rating !== "e"))
      const [request] = yield* fake.requests
      assert.strictEqual(request!.query.tags, tags.join(" "))
    }).pipe(Effect.provide(member())))
})

describe("Blacklist.toQuery", () => {
  it("pushes what a search says exactly, keeps the rest local", () => {
    const bl = Blacklist.parse(
      "rating:e\nsolo anthro\nfox*\nfav:me\npng\nscore:<5 -feral\n~wolf ~-duo canine\nstatus:pending solo\nuser:someone\n-hat"
    )
    const { local, query } = Blacklist.toQuery(bl, 40)
    assert.strictEqual(
      TagQuery.render(query),
      "-rating:e -user:someone hat -( solo anthro ) -( score:<5 -feral ) -( ~wolf ~( -duo ) canine )"
    )
    assert.deepStrictEqual(local.rules.map((r) => r.text), ["fox*", "fav:me", "png", "status:pending solo"])
    assert.strictEqual(TagQuery.count(query), 10)
  })

  it("stays within the budget, cheapest rules first", () => {
    const bl = Blacklist.parse("a b c\nd\ne f\ng")
    const three = Blacklist.toQuery(bl, 3)
    assert.strictEqual(TagQuery.render(three.query), "-d -g")
    assert.deepStrictEqual(three.local.rules.map((r) => r.text), ["a b c", "e f"])
    const none = Blacklist.toQuery(bl, 0)
    assert.deepStrictEqual(none.query.terms, [])
    assert.strictEqual(none.local.rules.length, 4)
    for (let budget = 0; budget <= 8; budget++) {
      const { local, query } = Blacklist.toQuery(bl, budget)
      assert.isAtMost(TagQuery.count(query), budget)
      assert.strictEqual(local.rules.length + (TagQuery.count(query) === 0 ? 0 : query.terms.length), 4)
    }
  })

  it.effect("the pushed query excludes exactly the posts the pushed rules hide", () =>
    Effect.gen(function*() {
      const posts = (yield* allPosts).filter((p) => !p.flags.deleted)
      const bl = Blacklist.parse(
        "rating:e\nsolo anthro\n~wolf ~-duo canine\nscore:100..500 -feral\nfilesize:>2mb\ntype:gif\n-hat\nid:<300"
      )
      const { local, query } = Blacklist.toQuery(bl)
      assert.strictEqual(local.rules.length, 0)
      const ok = yield* TagQuery.validate(query)
      for (const post of posts) {
        assert.strictEqual(TagQuery.evaluate(ok, post), !Blacklist.isBlacklisted(bl, post), `post ${post.id}`)
      }
      const found = yield* Posts.stream({ tags: query }).pipe(Stream.runCollect)
      assert.deepStrictEqual(found.map((p) => p.id), posts.filter((p) => !Blacklist.isBlacklisted(bl, p)).map((p) => p.id))
    }).pipe(Effect.provide(member())))
})

describe("Blacklist.fromCurrentUser", () => {
  it.effect("reads the logged-in user's blacklisted_tags from /users/me.json", () =>
    Effect.gen(function*() {
      yield* Users.update({ blacklistedTags: ["rating:e # nope", "solo anthro", "", "fav:me"] })
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      const bl = yield* Blacklist.fromCurrentUser
      assert.deepStrictEqual(bl.rules.map((r) => r.text), ["rating:e", "solo anthro", "fav:me"])
      const [request] = yield* fake.requests
      assert.strictEqual(request!.path, "/users/me.json")
      assert.strictEqual(request!.user, "tester")
    }).pipe(Effect.provide(member())))

  it.effect("anonymous callers get the site's default blacklist from the placeholder", () =>
    Effect.gen(function*() {
      const bl = yield* Blacklist.fromCurrentUser
      assert.include(bl.rules.map((r) => r.text), "young -rating:s")
      const [request] = yield* (yield* E621Fake.E621Fake).requests
      assert.strictEqual(request!.user, "anonymous")
    }).pipe(Effect.provide(E621Fake.layer({ posts: 10 }))))
})
