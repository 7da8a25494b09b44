/**
 * Guarantee 6 (tag queries) — properties over generated queries: `parse ∘ render` gives every valid query
 * back, and what `Posts.stream` returns through the fake's HTTP layer is exactly the fake's posts filtered
 * locally with `TagQuery.evaluate`, newest first.
 */
import { E621Client, Posts, TagQuery } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Layer, Result, Schema, Stream } from "effect"
import { HttpClient } from "effect/http"

// The fake is built once; its tags are the vocabulary the queries are drawn from.
const fake = Effect.runSync(E621Fake.make({ posts: 400, seed: 7 }))
const posts = Effect.runSync(
  Effect.gen(function*() {
    const all = []
    for (const id of yield* fake.postIds) {
      const post = yield* fake.post(id)
      if (post !== undefined) all.push(post)
    }
    return all
  })
)
const vocabulary = [...new Set(posts.flatMap((post) => Object.values(post.tags).flat()))].sort()
const postIds = posts.map((post) => post.id)

// a base URL of its own (not e621.net): the fake is in memory, so the client may run without budgets
const client = E621Client.layer({ host: "https://e621.test", userAgent: E621Fake.userAgent, rateLimit: false }).pipe(
  Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake)))
)

// ---------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------

const index = (size: number) => Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: size - 1 })))
const pick = <A>(items: ReadonlyArray<A>): Arbitrary.Arbitrary<A> => Arbitrary.map(index(items.length), (i) => items[i]!)
const oneOf = <A>(choices: ReadonlyArray<Arbitrary.Arbitrary<A>>): Arbitrary.Arbitrary<A> =>
  Arbitrary.flatMap(pick(choices), (choice) => choice)
const small = (max: number) => Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: -max, maximum: max })))

const withOperator = (operator: TagQuery.Operator, term: TagQuery.Term): TagQuery.Term =>
  operator === "not" ? TagQuery.not(term) : operator === "any" ? TagQuery.any(term) : term

const plainTag = Arbitrary.map(
  Arbitrary.all([pick(["must", "not", "any"] as const), pick(vocabulary)]),
  ([operator, name]) => withOperator(operator, TagQuery.tag(name))
)

/** `can*`-style globs from real tags; never under `~` (e621 refuses that). */
const wildcard = Arbitrary.map(
  Arbitrary.all([pick(["must", "not"] as const), pick(vocabulary), index(4)]),
  ([operator, name, cut]) => withOperator(operator, TagQuery.tag(`${name.slice(0, Math.max(1, name.length - 2 - cut))}*`))
)

const rating = Arbitrary.map(
  Arbitrary.all([pick(["must", "not", "any"] as const), pick(["s", "q", "e"] as const)]),
  ([operator, value]) => withOperator(operator, TagQuery.rating(value))
)

const range = (name: string, values: Arbitrary.Arbitrary<number>) =>
  Arbitrary.map(
    Arbitrary.all([pick(["must", "not"] as const), pick(["eq", ">", ">=", "<", "<=", "..", "list"] as const), values, values]),
    ([operator, form, a, b]) => {
      const [low, high] = a <= b ? [a, b] : [b, a]
      const value = form === "eq" ? `${a}` : form === ".." ? `${low}..${high}` : form === "list" ? `${a},${b}` : `${form}${a}`
      return withOperator(operator, TagQuery.metatag(name, value))
    }
  )

const leaf = oneOf<TagQuery.Term>([plainTag, plainTag, plainTag, wildcard, rating, range("score", small(60)), range("id", pick(postIds))])

const term = (depth: number): Arbitrary.Arbitrary<TagQuery.Term> =>
  depth === 0 ? leaf : oneOf([
    leaf,
    leaf,
    leaf,
    Arbitrary.map(
      Arbitrary.all([pick(["must", "not", "any"] as const), Arbitrary.array(term(depth - 1), { minLength: 1, maxLength: 3 })]),
      ([operator, terms]) => withOperator(operator, TagQuery.group(terms))
    )
  ])

const query = Arbitrary.map(Arbitrary.array(term(2), { minLength: 0, maxLength: 6 }), (terms) => TagQuery.make(terms))

/** Terms the search side cannot tell from data alone are left out above; these add quoting and aliases. */
const exotic = pick<TagQuery.Term>([
  TagQuery.metatag("description", "two words"),
  TagQuery.metatag("favoritedby", "tester"),
  TagQuery.metatag("filetype", "png"),
  TagQuery.order("score_asc"),
  TagQuery.group([TagQuery.order("favcount"), TagQuery.tag("canine")]),
  TagQuery.tag("sonic_the_hedgehog_(series)"),
  TagQuery.tag("ünïcödé_tag"),
  TagQuery.not(TagQuery.metatag("status", "deleted")),
  TagQuery.metatag("filesize", "1.5mb..")
])

const richQuery = Arbitrary.map(
  Arbitrary.all([Arbitrary.array(term(3), { maxLength: 8 }), Arbitrary.array(exotic, { maxLength: 3 })]),
  ([terms, extra]) => TagQuery.make([...terms, ...extra])
)

const valid = (q: TagQuery.TagQuery) => Result.isSuccess(Effect.runSync(Effect.result(TagQuery.validate(q))))

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

describe("TagQuery properties", () => {
  it("the vocabulary comes from the fake", () => {
    assert.isAtLeast(vocabulary.length, 50)
    assert.isAtLeast(postIds.length, 400)
  })

  it.prop("parse(render(q)) is q for every valid generated query", [richQuery], ([q]) => {
    if (!valid(q)) return
    const rendered = TagQuery.render(q)
    const back = TagQuery.parseResult(rendered)
    assert.isTrue(Result.isSuccess(back), rendered)
    if (Result.isSuccess(back)) {
      assert.deepStrictEqual(back.success, q, rendered)
      assert.strictEqual(TagQuery.render(back.success), rendered)
    }
  }, { arbitrary: { runs: 300 } })

  it.prop("render(parse(s)) is a fixed point for strings built from generated tokens", [richQuery], ([q]) => {
    // the same query typed by a user, with extra spaces and upper case
    const typed = `  ${TagQuery.render(q).toUpperCase().split(" ").join("   ")} `
    const once = TagQuery.parseResult(typed)
    if (Result.isFailure(once)) return
    const rendered = TagQuery.render(once.success)
    const twice = TagQuery.parseResult(rendered)
    assert.isTrue(Result.isSuccess(twice), rendered)
    if (Result.isSuccess(twice)) assert.strictEqual(TagQuery.render(twice.success), rendered)
  }, { arbitrary: { runs: 200 } })

  it.effect.prop("Posts.stream through the fake's HTTP layer = the fake's posts filtered by evaluate", [query, index(3)], ([q, size]) =>
    Effect.gen(function*() {
      if (!valid(q)) return
      const pageSize = [7, 50, 320][size]!
      const streamed = yield* Posts.stream({ tags: q, pageSize }).pipe(
        Stream.map((post) => post.id),
        Stream.runCollect,
        Effect.provide(client)
      )
      const expected = posts.filter((post) => TagQuery.evaluate(q, post)).map((post) => post.id).sort((a, b) => b - a)
      assert.deepStrictEqual([...streamed], expected, TagQuery.render(q))
    }), { arbitrary: { runs: 120 } })

  it.effect("the generated searches are not trivial: some match few posts, some many, some none", () =>
    Effect.gen(function*() {
      const sample = yield* Arbitrary.sampleEffect(query, { count: 200, seed: 11 })
      const sizes = sample.filter(valid).map((q) => posts.filter((post) => TagQuery.evaluate(q, post)).length)
      assert.isTrue(sizes.some((n) => n === 0))
      assert.isTrue(sizes.some((n) => n > 0 && n < 50))
      assert.isTrue(sizes.some((n) => n > 200))
    }))
})
