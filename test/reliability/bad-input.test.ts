/**
 * Guarantee 6 — bad input never reaches e621: every row is a distinct bad input (ids, limits, pages, tag
 * queries, dates, enums, empty or oversized strings, client options) that fails with `E621InvalidInput`
 * naming the field, while the fake behind the client sees zero requests.
 */
import {
  Artists,
  Comments,
  Dmails,
  E621Client,
  E621Error,
  Favorites,
  ForumTopics,
  Iqdb,
  Notes,
  Pools,
  Posts,
  PostSets,
  TagAliases,
  TagQuery,
  Tags,
  Uploads,
  Users,
  WikiPages
} from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Stream } from "effect"
import { HttpClient } from "effect/http"

/** What a JavaScript caller (or a cast) can pass where the types forbid it. */
const unchecked = <T>(value: unknown): T => value as T

interface Row {
  /** The endpoint family (or `E621Client` for options). */
  readonly family: string
  readonly name: string
  /** The field the error must name. */
  readonly field: string
  /** Client options for this row (merged over a logged-in client on the fake). */
  readonly client?: Partial<E621Client.Options>
  /** The call; rows about client options only build the client (`E621Client.settings`). */
  readonly program?: Effect.Effect<unknown, unknown, E621Client.E621Client>
}

const drain = <A, E, R>(stream: Stream.Stream<A, E, R>) => Stream.runDrain(Stream.take(stream, 1))

const tags41 = Array.from({ length: 41 }, (_, i) => `tag_${i}`).join(" ")
const nested11 = `${"( ".repeat(11)}canine${" )".repeat(11)}`
const nested5000 = `${"( ".repeat(5000)}canine${" )".repeat(5000)}`
const huge = "x".repeat(200_000)

/** A query built by hand, `n` groups deep (what a JavaScript caller or a JSON document can hand over). */
const deepGroup = (n: number): TagQuery.Term => {
  let term: TagQuery.Term = TagQuery.tag("canine")
  for (let i = 0; i < n; i++) term = { _tag: "Group", operator: "must", terms: [term] }
  return term
}

const rows: ReadonlyArray<Row> = [
  // client options
  { family: "E621Client", name: "empty User-Agent", field: "userAgent", client: { userAgent: "" } },
  { family: "E621Client", name: "browser User-Agent", field: "userAgent", client: { userAgent: "Mozilla/5.0 (X11) Gecko/20100101" } },
  { family: "E621Client", name: "host that is not a URL", field: "host", client: { host: "not a host" } },
  { family: "E621Client", name: "host with an ftp: URL", field: "host", client: { host: "ftp://e621.net" } },
  { family: "E621Client", name: "host with user info", field: "host", client: { host: "https://me:pw@e621.net" } },
  { family: "E621Client", name: "host with a query (routes would land in it)", field: "host", client: { host: "https://e621.net?x=1" } },
  { family: "E621Client", name: "host with a fragment", field: "host", client: { host: "http://localhost:3000/#" } },
  { family: "E621Client", name: "credentials over http to a remote host", field: "host", client: { host: "http://e621.net" } },
  { family: "E621Client", name: "username without apiKey", field: "credentials.apiKey", client: { credentials: { username: "tester", apiKey: "" } } },
  { family: "E621Client", name: "apiKey without username", field: "credentials.username", client: { credentials: { username: " ", apiKey: "k" } } },
  { family: "E621Client", name: "zero rate limit", field: "rateLimit.limit", client: { rateLimit: { limit: 0, window: "1 second" } } },
  { family: "E621Client", name: "zero write window", field: "writeRateLimit.window", client: { writeRateLimit: { limit: 1, window: "0 millis" } } },
  { family: "E621Client", name: "negative retries", field: "retry.times", client: { retry: { times: -1, base: "1 second" } } },
  { family: "E621Client", name: "fractional retries", field: "retry.times", client: { retry: { times: 1.5, base: "1 second" } } },
  { family: "E621Client", name: "zero timeout", field: "timeout", client: { timeout: 0 } },
  { family: "E621Client", name: "unknown post format", field: "postFormat", client: { postFormat: unchecked("v3") } },
  // Posts: ids, limits, pages, tags, text, enums
  { family: "Posts", name: "negative id", field: "id", program: Posts.get(-1) },
  { family: "Posts", name: "zero id", field: "id", program: Posts.get(0) },
  { family: "Posts", name: "fractional id", field: "id", program: Posts.get(1.5) },
  { family: "Posts", name: "id above PostgreSQL integer", field: "id", program: Posts.get(2 ** 31) },
  { family: "Posts", name: "NaN id", field: "id", program: Posts.get(Number.NaN) },
  { family: "Posts", name: "limit 321", field: "limit", program: Posts.search({ limit: 321 }) },
  { family: "Posts", name: "negative limit", field: "limit", program: Posts.search({ limit: -1 }) },
  { family: "Posts", name: "page 0", field: "page", program: Posts.search({ page: 0 }) },
  { family: "Posts", name: "page 751", field: "page", program: Posts.search({ page: 751 }) },
  { family: "Posts", name: "cursor with an unknown letter", field: "page", program: Posts.search({ page: unchecked("c123") }) },
  { family: "Posts", name: "cursor past the id range", field: "page", program: Posts.search({ page: "b99999999999" }) },
  { family: "Posts", name: "41 tags", field: "tags", program: Posts.search({ tags: tags41 }) },
  { family: "Posts", name: "unclosed parenthesis", field: "tags", program: Posts.search({ tags: "( canine fox" }) },
  { family: "Posts", name: "unopened parenthesis", field: "tags", program: Posts.search({ tags: "canine )" }) },
  { family: "Posts", name: "11 levels of groups", field: "tags", program: Posts.search({ tags: nested11 }) },
  { family: "Posts", name: "~ with a wildcard", field: "tags", program: Posts.search({ tags: "~can* ~fox" }) },
  { family: "Posts", name: "malformed score range", field: "tags", program: Posts.search({ tags: "score:>abc" }) },
  { family: "Posts", name: "5,000 levels of groups (no stack overflow)", field: "tags", program: Posts.search({ tags: nested5000 }) },
  { family: "Posts", name: "hand-built query 100,000 groups deep", field: "tags", program: Posts.search({ tags: { terms: [deepGroup(100_000)] } }) },
  { family: "Posts", name: "hand-built query with a null term", field: "tags", program: Posts.search({ tags: unchecked({ terms: [null] }) }) },
  { family: "Posts", name: "tags given as a number", field: "tags", program: Posts.search({ tags: unchecked(42) }) },
  { family: "Posts", name: "tag with a NUL character", field: "tags", program: Posts.search({ tags: "fox\u0000" }) },
  { family: "Posts", name: "tag with an unpaired surrogate", field: "tags", program: Posts.search({ tags: "fox\uD800" }) },
  { family: "Posts", name: "41 tags in a stream", field: "tags", program: drain(Posts.stream({ tags: tags41 })) },
  { family: "Posts", name: "stream pageSize 0", field: "pageSize", program: drain(Posts.stream({ pageSize: 0 })) },
  { family: "Posts", name: "stream prefetch 17", field: "prefetch", program: drain(Posts.stream({ prefetch: 17 })) },
  { family: "Posts", name: "unknown onPageLimit", field: "onPageLimit", program: drain(Posts.stream({ onPageLimit: unchecked("never") })) },
  { family: "Posts", name: "md5 that is not hex", field: "md5", program: Posts.getByMd5("not-an-md5") },
  { family: "Posts", name: "bad rating", field: "rating", program: Posts.update(1, { rating: unchecked("x") }) },
  { family: "Posts", name: "200k-character description", field: "description", program: Posts.update(1, { description: huge }) },
  { family: "Posts", name: "empty patch", field: "patch", program: Posts.update(1, {}) },
  { family: "Posts", name: "vote of 2", field: "score", program: Posts.vote(1, unchecked(2)) },
  { family: "Posts", name: "changes since a negative change_seq", field: "since", program: drain(Posts.changes({ since: -1 })) },
  // Pools
  { family: "Pools", name: "bad order", field: "search.order", program: Pools.search({ order: unchecked("bogus") }) },
  { family: "Pools", name: "bad category", field: "search.category", program: Pools.search({ category: unchecked("album") }) },
  { family: "Pools", name: "unknown search key", field: "search.nope", program: Pools.search(unchecked({ nope: 1 })) },
  { family: "Pools", name: "negative id", field: "id", program: Pools.get(-5) },
  // PostSets
  { family: "PostSets", name: "add no posts", field: "postIds", program: PostSets.addPosts(1, []) },
  { family: "PostSets", name: "add a negative post id", field: "postIds[1]", program: PostSets.addPosts(1, [1, -2]) },
  { family: "PostSets", name: "two-character name", field: "post_set.name", program: PostSets.create({ name: "ab", shortname: "abc_set" }) },
  // Dmails
  { family: "Dmails", name: "create (not offered by the JSON API)", field: "dmail", program: Dmails.create({ toName: "tester", title: "hi", body: "hello" }) },
  // Uploads
  { family: "Uploads", name: "11 sources", field: "sources", program: Uploads.create({ url: "https://example.com/a.png", rating: "s", sources: Array.from({ length: 11 }, (_, i) => `https://example.com/${i}`) }) },
  { family: "Uploads", name: "neither file nor url", field: "file", program: Uploads.create({ rating: "s" }) },
  { family: "Uploads", name: "ftp url", field: "url", program: Uploads.create({ url: "ftp://example.com/a.png", rating: "s" }) },
  { family: "Uploads", name: "empty file", field: "file", program: Uploads.create({ file: { data: new Uint8Array(0) }, rating: "s" }) },
  { family: "Uploads", name: "bad rating", field: "rating", program: Uploads.create({ url: "https://example.com/a.png", rating: unchecked("explicit") }) },
  // Tags
  { family: "Tags", name: "two-character autocomplete", field: "prefix", program: Tags.autocomplete("ab") },
  { family: "Tags", name: "bad order", field: "search.order", program: Tags.search({ order: unchecked("popularity") }) },
  // Users
  { family: "Users", name: "perPage 500", field: "settings.perPage", program: Users.update({ perPage: 500 }) },
  // Comments
  { family: "Comments", name: "invalid Date", field: "search.createdAt", program: Comments.search({ createdAt: new Date("not a date") }) },
  { family: "Comments", name: "empty body", field: "comment.body", program: Comments.create({ postId: 1, body: "" }) },
  { family: "Comments", name: "200k-character body", field: "comment.body", program: Comments.create({ postId: 1, body: huge }) },
  // Favorites
  { family: "Favorites", name: "anonymous without userId", field: "userId", client: { credentials: undefined }, program: Favorites.search() },
  { family: "Favorites", name: "cursor page", field: "page", program: Favorites.search({ page: unchecked("b5") }) },
  // Iqdb
  { family: "Iqdb", name: "hash that is not hex", field: "hash", program: Iqdb.byHash("zz-top") },
  { family: "Iqdb", name: "score cutoff 101", field: "scoreCutoff", program: Iqdb.byPost(1, { scoreCutoff: 101 }) },
  // WikiPages
  { family: "WikiPages", name: "empty title", field: "input.title", program: WikiPages.create({ title: "", body: "text" }) },
  // Notes
  { family: "Notes", name: "blank body", field: "note.body", program: Notes.create({ postId: 1, x: 0, y: 0, width: 10, height: 10, body: "   " }) },
  // Artists
  { family: "Artists", name: "empty name", field: "input.name", program: Artists.create({ name: "" }) },
  // ForumTopics
  { family: "ForumTopics", name: "blank title", field: "forumTopic.title", program: ForumTopics.create({ title: "  ", categoryId: 1, body: "body" }) },
  // TagAliases
  { family: "TagAliases", name: "alias to itself", field: "consequentName", program: TagAliases.request({ antecedentName: "Canine", consequentName: "canine", reason: "same tag" }) }
]

/** The row's program against a fresh fake: its exit and the number of requests the fake saw. */
const attempt = (row: Row) =>
  Effect.gen(function*() {
    const fake = yield* E621Fake.make({ posts: 20 })
    // a base URL of its own (not e621.net): the fake is in memory, so the client may run without budgets
    const client = E621Client.layer({
      host: "https://e621.test",
      userAgent: E621Fake.userAgent,
      credentials: E621Fake.testerCredentials,
      rateLimit: false,
      ...row.client
    }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake))))
    const exit = yield* (row.program ?? E621Client.settings).pipe(Effect.provide(client), Effect.exit)
    return { exit, requests: (yield* fake.requests).length }
  })

describe("bad input never reaches e621", () => {
  it("the table is large and varied", () => {
    assert.isAtLeast(rows.length, 40)
    assert.strictEqual(new Set(rows.map((row) => `${row.family}: ${row.name}`)).size, rows.length, "rows are distinct")
    assert.isAtLeast(new Set(rows.map((row) => row.family)).size, 10)
  })

  for (const row of rows) {
    it.effect(`${row.family}: ${row.name} → E621InvalidInput(${row.field}), no request`, () =>
      Effect.gen(function*() {
        const { exit, requests } = yield* attempt(row)
        assert.strictEqual(requests, 0, "the fake saw no request")
        assert.isTrue(Exit.isFailure(exit), "the call failed")
        if (Exit.isFailure(exit)) {
          assert.isFalse(Cause.hasDies(exit.cause), `no defect: ${Cause.pretty(exit.cause)}`)
          const error = Cause.squash(exit.cause)
          assert.instanceOf(error, E621Error.E621InvalidInput)
          if (error instanceof E621Error.E621InvalidInput) {
            assert.strictEqual(error.field, row.field)
            assert.include(error.message, row.field)
          }
        }
      }))
  }
})
