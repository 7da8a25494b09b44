/**
 * Guarantee 6, wording — an `E621InvalidInput` names the field, what it got (with its type) and what is
 * allowed or how to fix it; a 401/403 "Access Denied" on a request sent without credentials says that they are
 * missing and how to set them. Each row is an input a new user plausibly writes, and the message it must get.
 */
import {
  Artists,
  Comments,
  Dmails,
  E621Client,
  E621Error,
  Iqdb,
  Notes,
  Pools,
  Popular,
  Posts,
  PostSets,
  TagAliases,
  TagQuery,
  Tags,
  Uploads,
  Users
} from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Downloads } from "@effect-e621/platform-node"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Stream } from "effect"
import type * as HttpClient from "effect/http/HttpClient"

/** What a JavaScript caller (or a cast) can pass where the types forbid it. */
const loose = <T>(value: unknown): T => value as T

const drain = <A, E, R>(stream: Stream.Stream<A, E, R>) => Stream.runDrain(Stream.take(stream, 1))

const clientOptions: E621Client.Options = { host: "e621", userAgent: E621Fake.userAgent, rateLimit: false, retry: false }

/** Builds a client from options (the row is about the options). */
const client = (options: Partial<E621Client.Options>) =>
  Effect.scoped(Layer.build(E621Client.layer(loose({ ...clientOptions, ...options }))))

interface Row {
  readonly input: string
  readonly program: Effect.Effect<unknown, unknown, E621Client.E621Client | E621Fake.E621Fake | HttpClient.HttpClient>
  readonly field: string
  /** The whole message, or a pattern it must match. */
  readonly message: string | RegExp
}

const rows: ReadonlyArray<Row> = [
  // ids and numbers given as strings
  {
    input: 'Posts.get("904")',
    program: Posts.get(loose("904")),
    field: "id",
    message: 'id: must be a positive integer id (1 to 2147483647), got "904" (a string); pass the number 904, not a string'
  },
  { input: "Posts.get(1.5)", program: Posts.get(1.5), field: "id", message: /^id: must be a positive integer id .*, got 1\.5 \(a number\)$/ },
  { input: 'Pools.get("12")', program: Pools.get(loose("12")), field: "id", message: /got "12" \(a string\); pass the number 12/ },
  {
    input: 'Notes.create({ postId: "5", … })',
    program: Notes.create(loose({ postId: "5", x: 0, y: 0, width: 10, height: 10, body: "hi" })),
    field: "note.postId",
    message: 'note.postId: Expected number, got "5" (a string)'
  },
  // limits and pages: how to read more
  {
    input: "Posts.search({ limit: 1000 })",
    program: Posts.search({ limit: 1000 }),
    field: "limit",
    message: /^limit: must be an integer from 0 to 320, got 1000 \(a number\); e621 sends at most 320 per request: .*`stream`/
  },
  { input: "Comments.search({ limit: 500 })", program: Comments.search({ limit: 500 }), field: "limit", message: /got 500 \(a number\);.*`page`.*`stream`/ },
  { input: "Posts.favorites(1, { limit: 500 })", program: Posts.favorites(1, { limit: 500 }), field: "limit", message: /from 1 to 100, got 500 \(a number\)/ },
  { input: 'Posts.search({ limit: "10" })', program: Posts.search({ limit: loose("10") }), field: "limit", message: /got "10" \(a string\); pass the number 10/ },
  {
    input: "Posts.search({ page: 751 })",
    program: Posts.search({ page: 751 }),
    field: "page",
    message: /^page: numbered pages go from 1 to 750, got 751 \(a number\); to go further use a "b<id>" cursor .*`stream`/
  },
  { input: 'Posts.search({ page: "c5" })', program: Posts.search({ page: loose("c5") }), field: "page", message: /cursor like "b12345".*got "c5" \(a string\)/ },
  { input: "Posts.stream({ pageSize: 0 })", program: drain(Posts.stream({ pageSize: 0 })), field: "pageSize", message: "pageSize: must be an integer from 1 to 320, got 0 (a number)" },
  { input: "Posts.stream({ prefetch: 99 })", program: drain(Posts.stream({ prefetch: 99 })), field: "prefetch", message: "prefetch: must be an integer from 1 to 16, got 99 (a number)" },
  // unknown keys: the nearest valid one
  { input: 'Posts.search({ tag: "x" })', program: Posts.search(loose({ tag: "x" })), field: "tag", message: "tag: unknown option `tag`; did you mean `tags`? (known options: tags, limit, page, blacklist)" },
  {
    input: 'Posts.update(id, { tag_string_diff: "canine -male", description: "d" })',
    program: Posts.update(1, loose({ tag_string_diff: "canine -male", description: "d" })),
    field: "patch.tag_string_diff",
    message: /^patch\.tag_string_diff: unknown option `tag_string_diff`; did you mean `tagString`\?/
  },
  {
    input: 'Uploads.create({ tag_string: "x", … })',
    program: Uploads.create(loose({ tag_string: "canine", rating: "s", url: "https://example.com/a.png" })),
    field: "input.tag_string",
    message: /^input\.tag_string: unknown option `tag_string`; did you mean `tags`\?/
  },
  { input: 'Tags.search({ name_matches: "fox*" })', program: Tags.search(loose({ name_matches: "fox*" })), field: "search.name_matches", message: /did you mean `nameMatches`\?/ },
  { input: "Pools.search({ pageSize: 10 })", program: Pools.search(loose({ pageSize: 10 })), field: "pageSize", message: "pageSize: `pageSize` is an option of stream; a one-page search takes limit and page" },
  { input: "Posts.search({ pageSize: 50 })", program: Posts.search(loose({ pageSize: 50 })), field: "pageSize", message: "pageSize: `pageSize` is an option of stream; a one-page search takes limit and page" },
  { input: "Posts.stream({ page: 2 })", program: drain(Posts.stream(loose({ page: 2 }))), field: "page", message: /`page` is an option of search; a stream takes pageSize/ },
  { input: "Pools.stream({ limit: 10 })", program: drain(Pools.stream(loose({ limit: 10 }))), field: "limit", message: /`limit` is an option of search; a stream takes pageSize/ },
  {
    input: 'Downloads.all(posts, dir, { filname: "{md5}.{ext}" })',
    program: drain(Downloads.all(Stream.empty, "/tmp", loose({ filname: "{md5}.{ext}" }))).pipe(Effect.provide(NodeServices.layer)),
    field: "filname",
    message: /^filname: unknown option `filname`; did you mean `filename`\?/
  },
  { input: "E621Fake.make({ post: 10 })", program: E621Fake.make(loose({ post: 10 })), field: "post", message: /did you mean `posts`\?/ },
  {
    input: "a hand-built TagQuery term with `negated`",
    program: Posts.search({ tags: loose({ terms: [{ _tag: "Tag", operator: "must", name: "fox", wildcard: false, negated: true }] }) }),
    field: "tags",
    message: /^tags: unknown key `negated`; .* in a Tag term$/
  },
  // not an object at all
  { input: 'Posts.search("canine")', program: Posts.search(loose("canine")), field: "options", message: 'options: must be an object like { tags, limit, page, … }, got "canine" (a string)' },
  { input: 'Pools.search("canine")', program: Pools.search(loose("canine")), field: "options", message: /^options: must be an object like \{ .*\}, got "canine" \(a string\)$/ },
  { input: 'Posts.update(1, { tags: "canine -male" })', program: Posts.update(1, loose({ tags: "canine -male" })), field: "patch.tags", message: 'patch.tags: must be an object like { add, remove }, got "canine -male" (a string)' },
  // a string where a list is expected (each character would be sent)
  { input: 'Posts.update(1, { tags: { add: "canine" } })', program: Posts.update(1, loose({ tags: { add: "canine" } })), field: "tags.add", message: 'tags.add: must be a list of tag names, got "canine" (a string); wrap it: ["canine"]' },
  { input: 'Uploads.create({ sources: "https://…" })', program: Uploads.create(loose({ url: "https://example.com/a.png", rating: "s", sources: "https://example.com" })), field: "sources", message: /^sources: must be a list of source URLs, got "https:\/\/example\.com" \(a string\)/ },
  { input: 'Posts.getMany("1,2")', program: Posts.getMany(loose("1,2")), field: "ids", message: /must be a list of post ids, got "1,2" \(a string\)/ },
  { input: 'PostSets.addPosts(1, "5")', program: PostSets.addPosts(1, loose("5")), field: "postIds", message: /must be a list of post ids, got "5" \(a string\)/ },
  // files given as paths
  {
    input: 'Uploads.create({ file: "/tmp/a.png", rating: "s" })',
    program: Uploads.create(loose({ file: "/tmp/a.png", rating: "s" })),
    field: "file",
    message: /^file: must be \{ data: Blob \| Uint8Array, filename\? \}, got "\/tmp\/a\.png" \(a string\); read the file first/
  },
  {
    input: 'Uploads.create({ file: { data: "/tmp/a.png" }, rating: "s" })',
    program: Uploads.create(loose({ file: { data: "/tmp/a.png" }, rating: "s" })),
    field: "file.data",
    message: /^file\.data: must be a Blob, File or Uint8Array, got "\/tmp\/a\.png" \(a string\); read the file first/
  },
  { input: "Uploads.create({ file: bytes, … })", program: Uploads.create(loose({ file: new Uint8Array([1]), rating: "s" })), field: "file", message: /got a Uint8Array; wrap it: \{ data: file \}/ },
  { input: "Uploads.create without a rating", program: Uploads.create(loose({ url: "https://example.com/a.png" })), field: "rating", message: 'rating: is required: "s" (safe), "q" (questionable) or "e" (explicit)' },
  { input: 'Uploads.create({ url: "a.png" })', program: Uploads.create({ url: "a.png", rating: "s" }), field: "url", message: /must be an http\(s\) URL like .*, got "a\.png" \(a string\)/ },
  // values of the wrong kind
  { input: "Posts.vote(1, 2)", program: Posts.vote(1, loose(2)), field: "score", message: "score: must be 1 (up) or -1 (down), got 2 (a number)" },
  { input: 'Posts.getByMd5("abc")', program: Posts.getByMd5("abc"), field: "md5", message: 'md5: must be 32 hexadecimal characters, got "abc" (a string)' },
  { input: "Posts.search({ tags: 42 })", program: Posts.search({ tags: loose(42) }), field: "tags", message: /must be a string .*, got 42 \(a number\)$/ },
  { input: 'Pools.search({ order: "bogus" })', program: Pools.search({ order: loose("bogus") }), field: "search.order", message: /^search\.order: Expected .*, got "bogus" \(a string\)$/ },
  { input: "Artists.search({ createdAt: 5 })", program: Artists.search(loose({ createdAt: 5 })), field: "search.createdAt", message: /^search\.createdAt: Expected a Date or a date string like "2024-01-31".*, got 5 \(a number\)$/ },
  { input: 'Comments.create({ body: "hi" })', program: Comments.create(loose({ body: "hi" })), field: "comment.postId", message: "comment.postId: is required, got nothing" },
  { input: "Users.search({ nameMatches: 5 })", program: Users.search({ nameMatches: loose(5) }), field: "search.nameMatches", message: "search.nameMatches: Expected string, got 5 (a number)" },
  { input: 'Popular.search({ scale: "year" })', program: Popular.search({ scale: loose("year") }), field: "scale", message: 'scale: must be one of "day", "week", "month", got "year" (a string)' },
  { input: 'Posts.download(post, { variant: "huge" })', program: drain(Posts.download(loose({}), { variant: loose("huge") })), field: "variant", message: /got "huge" \(a string\)/ },
  { input: 'Tags.related("  ")', program: Tags.related("  "), field: "query", message: 'query: must not be empty or blank, got "  " (a string)' },
  { input: "Iqdb.byPost(1, { scoreCutoff: 200 })", program: Iqdb.byPost(1, { scoreCutoff: 200 }), field: "scoreCutoff", message: "scoreCutoff: must be a number from 0 to 100, got 200 (a number)" },
  {
    input: "Iqdb.search({ postId: 1, url })",
    program: Iqdb.search(loose({ postId: 1, url: "https://example.com/a.png" })),
    field: "query",
    message: "query: give exactly one of postId, hash, url and file, got postId and url"
  },
  { input: "PostSets.addPosts(1, [0])", program: PostSets.addPosts(1, [0]), field: "postIds[0]", message: /got 0 \(a number\)/ },
  { input: "Pools.create({ postIds: [0] })", program: Pools.create({ name: "x_pool", category: "series", postIds: [0] }), field: "pool.postIds.0", message: "pool.postIds.0: Expected a positive integer id (1 to 2147483647), got 0 (a number)" },
  { input: 'TagAliases.request({ antecedentName: "a,b", … })', program: TagAliases.request({ antecedentName: "a,b", consequentName: "c", reason: "because" }), field: "antecedentName", message: /must be a tag name .*, got "a,b" \(a string\)/ },
  { input: "Posts.changes({ since: -1 })", program: drain(Posts.changes({ since: -1 })), field: "since", message: /got -1 \(a number\)$/ },
  { input: "TagQuery.fromInput([1])", program: TagQuery.fromInput(loose([1])), field: "tags", message: /got \[1\] \(an array\)$/ },
  // client options
  {
    input: 'credentials: ["user", "key"]',
    program: client({ credentials: loose(["user", "key"]) }),
    field: "credentials",
    message: "credentials: must be an object like { username, apiKey }, got an array of 2 items"
  },
  { input: "credentials: { apiKey: 123456789 } (a number: not shown)", program: client({ credentials: loose({ username: "me", apiKey: 123456789 }) }), field: "credentials.apiKey", message: "credentials.apiKey: must be a string or a Redacted string, got a number" },
  { input: 'credentials: { user: "me", apiKey: "k" }', program: client({ credentials: loose({ user: "me", apiKey: "k" }) }), field: "credentials.user", message: /did you mean `username`\?/ },
  { input: "credentials: { apiKey: 2,000 characters }", program: client({ credentials: { username: "me", apiKey: "k".repeat(2000) } }), field: "credentials.apiKey", message: "credentials.apiKey: is 2000 characters long; e621 API keys are 24 letters and digits (128 accepted)" },
  { input: "credentials: { username: 100 characters }", program: client({ credentials: { username: "u".repeat(100), apiKey: "k" } }), field: "credentials.username", message: "credentials.username: is 100 characters long; e621 user names have at most 20 (64 accepted)" },
  { input: 'credentials: { username: "me", apiKey: "" }', program: client({ credentials: { username: "me", apiKey: "" } }), field: "credentials.apiKey", message: /Manage API Access/ },
  { input: "credentials: { username: 5, … }", program: client({ credentials: loose({ username: 5, apiKey: "k" }) }), field: "credentials.username", message: /got a number$/ },
  { input: 'userAgent: ""', program: client({ userAgent: "" }), field: "userAgent", message: /descriptive User-Agent like .*, got "" \(a string\)$/ },
  { input: 'host: "not a host"', program: client({ host: "not a host" }), field: "host", message: /^host: must be "e621", "e926", "e6ai" or a base URL .*, got "not a host" \(a string\)$/ },
  { input: 'rateLimit: "fast"', program: client({ rateLimit: loose("fast") }), field: "rateLimit", message: 'rateLimit: must be an object like { limit, window }, got "fast" (a string)' },
  { input: "rateLimit: { limit: 0, … }", program: client({ rateLimit: { limit: 0, window: "1 second" } }), field: "rateLimit.limit", message: /got 0 \(a number\)$/ },
  { input: "retry: { times: 1.5, … }", program: client({ retry: { times: 1.5, base: "1 second" } }), field: "retry.times", message: "retry.times: must be an integer from 0 to 20, got 1.5 (a number)" },
  { input: "retry: { maxDelay: 0, … }", program: client({ retry: { times: 1, base: "1 second", maxDelay: 0 } }), field: "retry.maxDelay", message: /got 0 \(a number\)$/ },
  { input: "timeout: 0", program: client({ timeout: 0 }), field: "timeout", message: 'timeout: must be a positive, finite duration like "30 seconds", got 0 (a number)' },
  { input: "timeout: Infinity (no deadline)", program: client({ timeout: Infinity }), field: "timeout", message: 'timeout: must be a positive, finite duration like "30 seconds", got Infinity (a number)' },
  { input: "maxServerWait: Infinity (no bound)", program: client({ maxServerWait: Infinity }), field: "maxServerWait", message: 'maxServerWait: must be a positive, finite duration like "1 minute", got Infinity (a number)' },
  { input: "transfer: { idle: Infinity }", program: client({ transfer: { idle: Infinity } }), field: "transfer.idle", message: /^transfer\.idle: must be a positive, finite duration .*, got Infinity \(a number\)$/ },
  { input: "budgetStore: { maxWait: Infinity }", program: client({ budgetStore: { maxWait: Infinity } }), field: "budgetStore.maxWait", message: /got Infinity \(a number\)$/ },
  { input: 'rateLimit: { window: "Infinity" }', program: client({ rateLimit: { limit: 1, window: loose("Infinity") } }), field: "rateLimit.window", message: /^rateLimit\.window: must be a positive, finite duration .*, got "Infinity" \(a string\)$/ },
  { input: "retry: { base: 0, … }", program: client({ retry: { times: 1, base: 0 } }), field: "retry.base", message: 'retry.base: must be a positive, finite duration like "500 millis", got 0 (a number)' },
  { input: "retry: { maxDelay: Infinity, … }", program: client({ retry: { times: 1, base: "1 second", maxDelay: Infinity } }), field: "retry.maxDelay", message: 'retry.maxDelay: must be a positive, finite duration like "1 minute", got Infinity (a number)' },
  { input: "transfer: { overall: 0 }", program: client({ transfer: { overall: 0 } }), field: "transfer.overall", message: 'transfer.overall: must be a positive, finite duration like "30 seconds", got 0 (a number)' },
  { input: "budgetStore: { maxWait: 0 }", program: client({ budgetStore: { maxWait: 0 } }), field: "budgetStore.maxWait", message: 'budgetStore.maxWait: must be a positive, finite duration like "1 minute", got 0 (a number)' },
  { input: "writeRateLimit: { window: 0 }", program: client({ writeRateLimit: { limit: 1, window: 0 } }), field: "writeRateLimit.window", message: 'writeRateLimit.window: must be a positive, finite duration like "1 second", got 0 (a number)' },
  { input: "rateLimit: { limit: 1 } (no window)", program: client({ rateLimit: loose({ limit: 1 }) }), field: "rateLimit.window", message: 'rateLimit.window: must be a positive, finite duration like "1 second", got undefined' },
  { input: 'Posts.search({ page: "b0" }) (always empty)', program: Posts.search({ page: "b0" }), field: "page", message: /^page: "b0" asks for ids below 0, which is always empty/ },
  { input: "Posts.watch(…, { every: 0 })", program: drain(Posts.watch({}, { every: 0 })), field: "every", message: 'every: must be a positive, finite duration like "1 minute" or a Schedule, got 0 (a number)' },
  { input: "Posts.watch(…, { every: Infinity })", program: drain(Posts.watch({}, { every: Infinity })), field: "every", message: /got Infinity \(a number\)$/ },
  { input: 'Posts.watch(…, { since: "12" })', program: drain(Posts.watch({}, { every: "1 minute", since: loose("12") })), field: "since", message: 'since: must be a post id (an integer 0..2147483647), got "12" (a string); pass the number 12, not a string' },
  { input: 'Posts.watch({ tags: "fox order:score" })', program: drain(Posts.watch({ tags: "fox order:score" }, { every: "1 minute" })), field: "tags", message: "tags: following is in id order: leave out order:, randseed: and limit:" },
  { input: 'Posts.watch({ tag: "fox" })', program: drain(Posts.watch(loose({ tag: "fox" }), { every: "1 minute" })), field: "tag", message: /^tag: unknown option `tag`; did you mean `tags`\?/ },
  { input: "Posts.watch(null)", program: drain(Posts.watch(loose(null), { every: "1 minute" })), field: "options", message: /^options: must be an object like \{ tags, blacklist \}, got null/ },
  { input: "Posts.get(1e21)", program: Posts.get(1e21), field: "id", message: "id: must be a positive integer id (1 to 2147483647), got 1e+21 (a number)" },
  { input: 'postFormat: "v3"', program: client({ postFormat: loose("v3") }), field: "postFormat", message: 'postFormat: must be "legacy" or "v2", got "v3" (a string)' }
]

const failureOf = (exit: Exit.Exit<unknown, unknown>): unknown =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined

const fakeClient = (credentials: E621Client.Credentials | undefined) =>
  E621Client.layer({ ...clientOptions, ...(credentials === undefined ? {} : { credentials }) }).pipe(
    Layer.provideMerge(E621Fake.layerHttpClient({ posts: 20 }))
  )

describe("error messages", () => {
  it("the table has more than 30 distinct inputs", () => {
    assert.isAbove(new Set(rows.map((row) => row.input)).size, 30)
  })

  it.effect.each(rows)("$input", (row) =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const exit = yield* Effect.exit(row.program)
      const error = failureOf(exit)
      assert.instanceOf(error, E621Error.E621InvalidInput, Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "succeeded")
      const invalid = error as E621Error.E621InvalidInput
      assert.strictEqual(invalid.field, row.field)
      if (typeof row.message === "string") assert.strictEqual(invalid.message, row.message)
      else assert.match(invalid.message, row.message)
      assert.deepStrictEqual(yield* fake.requests, [])
    }).pipe(Effect.provide(fakeClient(E621Fake.testerCredentials))))

  it.effect("a write without credentials says that they are missing and how to set them", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Pools.create({ name: "my_pool", category: "series" }))
      assert.strictEqual(error._tag, "E621Forbidden")
      assert.match(
        error.message,
        /^POST https:\/\/e621\.net\/pools\.json: 403 .*: this needs an e621 account and no credentials are set; pass credentials: \{ username, apiKey \} to E621Client\.layer/
      )
      assert.match(error._tag === "E621Forbidden" ? error.reason : "", /E621_USERNAME and E621_API_KEY/)
      const vote = yield* Effect.flip(Posts.vote((yield* (yield* E621Fake.E621Fake).postIds)[0]!, 1))
      assert.match(vote.message, /no credentials are set/)
      // a read that needs an account: e621's `member_only` answers "Access Denied"
      const dmails = yield* Effect.flip(Dmails.search())
      assert.match(dmails.message, /^GET .*: 403 Access Denied: this needs an e621 account and no credentials are set; /)
    }).pipe(Effect.provide(fakeClient(undefined))))

  it.effect("with credentials, a 403 keeps e621's own reason", () =>
    Effect.gen(function*() {
      const [comment] = yield* Comments.search({ limit: 1 })
      const error = yield* Effect.flip(Comments.unhide(comment!.id)) // moderators only
      assert.strictEqual(error._tag, "E621Forbidden")
      assert.match(error.message, /403 Access Denied$/)
    }).pipe(Effect.provide(fakeClient(E621Fake.testerCredentials))))
})
