/**
 * Guarantee 6, unknown keys — every exported function that takes an options object refuses a key it does not
 * know, with `E621InvalidInput` naming the key, before any request. The table below is checked against the
 * exports: a function added to `@effect-e621/core`, its `testing` entry or `@effect-e621/platform-node` (index,
 * `testing`, `Cli`) without a row here (or an entry in `withoutOptions`) fails the test, and so does a row whose
 * call sends a request or accepts the key.
 */
import * as Core from "@effect-e621/core"
import {
  Blips,
  Comments,
  DText,
  Dmails,
  BudgetStore,
  E621Client,
  ForumPosts,
  Iqdb,
  Pools,
  Popular,
  PostReplacements,
  Posts,
  PostSets,
  PostVotes,
  ReadCache,
  TagQuery,
  Tags,
  Takedowns,
  Uploads,
  Users,
  Watch
} from "@effect-e621/core"
import * as Testing from "@effect-e621/core/testing"
import { E621Fake } from "@effect-e621/core/testing"
import * as Node from "@effect-e621/platform-node"
import { CsvParser, Downloads, NodeDbExports, NodeE621, NodeUploads, Progress } from "@effect-e621/platform-node"
import * as Cli from "@effect-e621/platform-node/Cli"
import * as NodeTesting from "@effect-e621/platform-node/testing"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Schedule, Stream } from "effect"
import * as RateLimiter from "effect/persistence/RateLimiter"
import * as Redis from "effect/persistence/Redis"

/** The key no function knows. */
const unknown = { zzUnknownOption: 1 } as const

/** What a JavaScript caller (or a cast) can pass where the types forbid it. */
const loose = <T>(value: unknown): T => value as T

const clientOptions: E621Client.Options = { host: "e621", userAgent: E621Fake.userAgent, rateLimit: false, retry: false }

const entry: NodeDbExports.Entry = {
  name: "tags",
  fileName: "tags-2026-01-01.csv.gz",
  url: "https://e621.net/db_export/tags-2026-01-01.csv.gz",
  size: 10,
  checksum: null,
  updatedAt: undefined,
  date: "2026-01-01",
  system: "legacy"
}

/**
 * How to call a function with an options object (`call`; the post is a real one from the fake), and the options
 * it needs to get past its other checks (`base`, to which the unknown key is added).
 */
interface Call {
  readonly call: (options: unknown, post: Core.Post.Post) => unknown
  readonly base: object
}

const row = (call: Call["call"], base: Call["base"] = {}): Call => ({ call, base })
const one = (f: (options: never) => unknown): Call => row((o) => f(loose(o)))
const withId = (f: (id: number, options: never) => unknown): Call => row((o) => f(1, loose(o)))
const merged = (f: (options: never) => unknown, base: Call["base"]): Call => row((o) => f(loose(o)), base)

/** A Redis that is never reached: the budget store's options are checked before it is used. */
const noRedis = Layer.succeed(Redis.Redis, Redis.Redis.of({
  send: () => Effect.die("no Redis in this test"),
  subscribe: () => Effect.die("no Redis in this test"),
  eval: () => () => Effect.die("no Redis in this test"),
  reserve: Effect.die("no Redis in this test")
}))

/** A schedule that ends at once: a watch built with it stops instead of sleeping. */
const never = { every: Schedule.recurs(0) }

/**
 * Every exported function that takes an options object, and how to call it with one more key. A second
 * options object of the same function, or a nested one, is a row named `function#object`.
 */
const rows: Record<string, Call> = {
  // endpoint families: list routes and body-checked writes are derived below from the route declarations
  "Blips.create": merged(Blips.create, { body: "hello" }),
  "Blips.update": row((o) => Blips.update(1, loose(o)), { body: "hello" }),
  "Comments.searchByPost": one(Comments.searchByPost),
  "Comments.vote": row((o) => Comments.vote(1, 1, loose(o))),
  "DText.preview": row((o) => DText.preview("hello", loose(o))),
  "Dmails.create": one(Dmails.create),
  "ForumPosts.create": merged(ForumPosts.create, { body: "hello" }),
  "ForumPosts.update": row((o) => ForumPosts.update(1, loose(o)), { body: "hello" }),
  "Iqdb.search": merged(Iqdb.search, { postId: 1 }),
  "Iqdb.byFile": row((o) => Iqdb.byFile({ data: new Uint8Array([1]) }, loose(o))),
  "Iqdb.byHash": row((o) => Iqdb.byHash("0123456789abcdef0123456789abcdef", loose(o))),
  "Iqdb.byPost": withId(Iqdb.byPost),
  "Iqdb.byUrl": row((o) => Iqdb.byUrl("https://static1.e621.net/data/a.png", loose(o))),
  "Pools.posts": withId(Pools.posts),
  "Popular.search": one(Popular.search),
  "PostReplacements.create": one(PostReplacements.create),
  "PostSets.forPost": withId(PostSets.forPost),
  "PostSets.maintained": withId(PostSets.maintained),
  "PostVotes.create": row((o) => PostVotes.create(1, 1, loose(o))),
  "Posts.changes": merged(Posts.changes, { since: 0 }),
  "Posts.count": one(Posts.count),
  "Posts.random": one(Posts.random),
  "Posts.update": row((o) => Posts.update(1, loose(o)), { description: "d" }),
  "Posts.vote": row((o) => Posts.vote(1, 1, loose(o))),
  "Posts.favorites": withId(Posts.favorites),
  "Posts.similar": withId(Posts.similar),
  "Posts.markAsTranslated": withId(Posts.markAsTranslated),
  "Posts.download": row((o, post) => Posts.download(post, loose(o))),
  "Posts.watch": row((o) => Posts.watch(loose(o), never)),
  "Posts.watch#options": merged((o) => Posts.watch({ tags: "canine" }, o), never),
  "Tags.related": row((o) => Tags.related("canine", loose(o))),
  "Tags.relatedBulk": row((o) => Tags.relatedBulk(["canine"], loose(o))),
  "Takedowns.get": withId(Takedowns.get),
  "Uploads.create": one(Uploads.create),
  "Users.update": one(Users.update),
  // tag queries built by hand
  "TagQuery.fromInput": row((o) => TagQuery.fromInput(loose(o)), { terms: [] }),
  "TagQuery.validate": row((o) => TagQuery.validate(loose(o)), { terms: [] }),
  // following and the read cache
  "Watch.follow": merged((o) => Watch.follow({ canine: "canine" }, o), never),
  "Watch.follow#every": row((o) => Watch.follow({ canine: "canine" }, { every: loose(o) }), { minutes: 1 }),
  "ReadCache.withPolicy": row((o) => ReadCache.withPolicy(Effect.void, loose(o))),
  "ReadCache.withPolicy#maxAge": row((o) => ReadCache.withPolicy(Effect.void, { maxAge: loose(o) }), { hours: 1 }),
  "ReadCache.layer": row((o) => ReadCache.layer(loose(o)).pipe(Layer.provide(ReadCache.layerMemory()))),
  "ReadCache.layer#ttl": row(
    (o) => ReadCache.layer({ ttl: { tags: loose(o) } }).pipe(Layer.provide(ReadCache.layerMemory())),
    { hours: 1 }
  ),
  "ReadCache.layerStoreRedis": row((o) => ReadCache.layerStoreRedis(loose(o)).pipe(Layer.provide(noRedis))),
  "ReadCache.layerStoreRedis#expire": row(
    (o) => ReadCache.layerStoreRedis({ expire: loose(o) }).pipe(Layer.provide(noRedis)),
    { days: 1 }
  ),
  // the client
  "E621Client.layer": merged(E621Client.layer, clientOptions),
  "E621Client.layerWithoutStore": merged(E621Client.layerWithoutStore, clientOptions),
  "E621Client.layerConfig": one(E621Client.layerConfig),
  "BudgetStore.makeRedis": row((o) => BudgetStore.makeRedis(loose(o)).pipe(Effect.provide(noRedis))),
  "BudgetStore.layerRedis": row((o) => BudgetStore.layerRedis(loose(o)).pipe(Layer.provide(noRedis))),
  "E621Client.make": row(
    (o) => E621Client.make(loose(o)).pipe(Effect.provide(RateLimiter.layer.pipe(Layer.provide(RateLimiter.layerStoreMemory)))),
    clientOptions
  ),
  "E621Client.validateOptions": merged(E621Client.validateOptions, clientOptions),
  "E621Client.execute": merged(E621Client.execute, { method: "GET", path: "/posts.json" }),
  // the fake
  "E621Fake.make": one(E621Fake.make),
  "E621Fake.layer": one(E621Fake.layer),
  "E621Fake.layerService": one(E621Fake.layerService),
  "E621Fake.layerHttpClient": one(E621Fake.layerHttpClient),
  // Node
  "NodeE621.layer": merged(NodeE621.layer, clientOptions),
  "NodeE621.layerConfig": one(NodeE621.layerConfig),
  "NodeE621Fake.serve": one(NodeE621Fake.serve),
  "NodeE621Fake.layer": one(NodeE621Fake.layer),
  "NodeE621Fake.serveFake": row((o) => Effect.flatMap(E621Fake.make(), (fake) => NodeE621Fake.serveFake(fake, loose(o)))),
  "Downloads.toFile": row((o, post) => Downloads.toFile(post, "/tmp/effect-e621-unknown-keys", loose(o))),
  "Downloads.all": row((o, post) => Downloads.all(Stream.make(post), "/tmp/effect-e621-unknown-keys", loose(o))),
  "Downloads.pool": row((o) => Downloads.pool(1, "/tmp/effect-e621-unknown-keys", loose(o))),
  "NodeDbExports.records": row((o) => NodeDbExports.records(entry, loose(o))),
  "NodeDbExports.stream": row((o) => NodeDbExports.stream("tags", loose(o))),
  "CsvParser.records": row((o) => CsvParser.records(Stream.make("a,b\n1,2\n"), loose(o))),
  "NodeDbExports.filter": row((o) => Stream.empty.pipe(NodeDbExports.filter("canine", loose(o)))),
  "NodeUploads.fromPath": row((o) => NodeUploads.fromPath("/tmp/effect-e621-unknown-keys.png", loose(o)), { rating: "s" }),
  "Progress.make": merged(Progress.make, { label: "test", output: { write: () => true } })
}

/**
 * Rows derived from the route declarations, for every family of the index (a new family needs no row here):
 * each list route's `search…` function and its `stream…`, and each write whose input a `body` schema checks —
 * `(input)` for a fixed path, `(id, patch)` for a path with `:id`. A row written above takes precedence.
 */
for (const [family, module] of Object.entries(Core)) {
  const declared = (module as { readonly routes?: Core.Route.Routes }).routes
  if (declared === undefined) continue
  const exports = module as unknown as Record<string, unknown>
  for (const [name, route] of Object.entries(declared)) {
    const f = exports[name]
    if (typeof f !== "function" || `${family}.${name}` in rows) continue
    if (name.startsWith("search")) {
      rows[`${family}.${name}`] = one(f as (options: never) => unknown)
      const stream = exports[name.replace(/^search/, "stream")]
      if (typeof stream === "function") rows[`${family}.${name.replace(/^search/, "stream")}`] = one(stream as (options: never) => unknown)
    } else if (route.body !== undefined) {
      rows[`${family}.${name}`] = route.path.includes(":id")
        ? withId(f as (id: number, options: never) => unknown)
        : one(f as (options: never) => unknown)
    }
  }
}

/**
 * Exported functions without an options object: their parameters are ids, names, strings, posts, records or
 * streams. A parameter named like an options object (`options`, `params`, `input`, `patch`, …) cannot be
 * listed here (checked below).
 */
const withoutOptions = new Set([
  // pure helpers over decoded records
  "Artist.normalizeName", "Ban.isPermanent", "Favorite.toChange", "IqdbMatch.fromJson", "Pools.nameProblem",
  "Post.allTags", "Post.tagCount", "Post.toThumbnailJson", "Post.previewSize", "Post.hasSample", "Post.sampleSize", "PostSets.shortnameProblem", "PostVersions.lastPage",
  "Tag.categoryId", "Tag.categoryListParam", "Tag.categoryName", "Tag.formatRelatedTags", "Tag.normalizeName",
  "Tag.parseRelatedTags", "User.blacklistLines", "User.levelAtLeast", "User.levelRank", "WikiPage.normalizeTitle",
  "BulkUpdateRequests.unparseableLine", "Posts.fileUrl", "E621Error.invalidInput", "E621Error.sanitizeUrl",
  "E621Error.describeValue", "E621Error.describeType", "E621Error.unknownOption", "E621Error.unknownKeyMessage", "E621Error.optionKeys",
  "E621Error.checkOptions",
  "E621Client.isRetryable", "E621Client.fetchFile",
  // route declarations: data, not requests
  "Route.make", "Route.bucketOf", "Route.has", "Route.parameters", "Route.fill", "Route.key", "Route.list", "Route.jsonString",
  // blacklists and tag queries: text, terms, posts
  "Blacklist.filter", "Blacklist.isBlacklisted", "Blacklist.matches", "Blacklist.parse", "Blacklist.render",
  "Blacklist.toQuery", "Blacklist.unfiltered", "Blacklist.inForce", "Blacklist.partition", "Blacklist.hide",
  "TagQuery.any", "TagQuery.count", "TagQuery.depth", "TagQuery.group", "TagQuery.id",
  "TagQuery.includesDeleted", "TagQuery.metatag", "TagQuery.not", "TagQuery.order", "TagQuery.orderOf",
  "TagQuery.parse", "TagQuery.parseResult", "TagQuery.isTagQuery", "TagQuery.make", "TagQuery.isIdOrdered",
  "StatsSchema.count", "User.isAnonymous", "ExportRows.rowDecoder", "TagQuery.rating", "TagQuery.render", "TagQuery.sort", "TagQuery.tag",
  // ids and names
  ...["Artists", "AvoidPostings", "Bans", "Blips", "BulkUpdateRequests", "Comments", "Dmails", "ForumPosts",
    "ForumTopics", "HelpPages", "ModActions", "Notes", "Pools", "PostFlags", "PostSets", "Posts", "TagAliases",
    "TagImplications", "Tags", "Tickets", "UserFeedbacks", "Users", "WikiPageVersions", "WikiPages"].map((m) => `${m}.get`),
  "Appeals.get", "Artists.showOrNew", "WikiPages.showOrNew", "ForumPosts.hide", "ForumTopics.hide", "Tags.preview",
  "Tags.correction", "UploadWhitelists.isAllowed", "Users.nameChangeRequest",
  "Artists.revert", "Notes.revert", "Pools.revert", "Posts.revert", "WikiPages.revert",
  "BulkUpdateRequests.delete", "Dmails.delete", "Notes.delete", "Pools.delete", "PostSets.delete",
  "TagAliases.delete", "TagImplications.delete", "PostVotes.delete",
  "Comments.hide", "Comments.unhide", "Comments.unvote", "Dmails.markAllAsRead", "Dmails.markAsRead",
  "Dmails.markAsUnread", "Favorites.add", "Favorites.remove", "ForumPosts.unvote", "ForumPosts.vote",
  "ForumPosts.votes", "ForumTopics.markAllAsRead", "ForumTopics.subscribe", "ForumTopics.unsubscribe",
  "Pools.addPost", "Pools.removePost", "PostSets.addPosts", "PostSets.removePosts", "PostSets.forSelect",
  "PostVersions.undo", "Posts.copyNotes", "Posts.get", "Posts.getByMd5", "Posts.getMany", "Posts.unvote",
  "SearchTrends.track", "Tags.autocomplete", "Users.uploadLimit",
  // the tag graph: relationship rows (data, not options; a pure constructor), graphs, queries and tags
  "TagGraph.make", "TagGraph.resolve", "TagGraph.matcher", "TagGraph.implied", "TagGraph.tagNames",
  "TagGraph.aliasesOf",
  // a capacity
  "ReadCache.layerMemory",
  // pure functions taking a post and the viewer (no effect to fail in): see RELIABILITY.md
  "Post.visibility", "TagQuery.evaluate", "TagQuery.matcher", "TagQuery.decidable",
  // testing and Node helpers
  "E621Fake.httpClient", "Cli.exitCode", "Cli.run", "CsvParser.make", "CsvParser.parse", "CsvParser.pgArray",
  "CsvParser.records", "Downloads.poolItems", "Downloads.render", "Downloads.validateTemplate", "ExportRows.decoder",
  "ExportRows.isoTimestamp", "NodeDbExports.find", "NodeDbExports.parseLegacyListing", "NodeDbExports.toPost",
  "Progress.formatBytes", "Progress.formatDuration"
])

/**
 * Listed above although a parameter is named like options: a viewer context of a pure function, text, or the
 * checker itself.
 */
const contextParameters = new Set([
  "Post.visibility",
  "TagQuery.evaluate",
  "TagQuery.matcher",
  "TagQuery.decidable",
  // a parsed TagQuery (a value, not options)
  "TagGraph.resolve",
  "TagGraph.matcher",
  "TagGraph.tagNames",
  "TagQuery.parse",
  "TagQuery.parseResult",
  "E621Error.checkOptions",
  // a synchronous, pure parser (no error channel); `CsvParser.records`, which callers use, checks the limits
  "CsvParser.make"
])

const exportedFunctions = (): ReadonlyArray<readonly [string, Function]> =>
  [Core, Testing, Node, NodeTesting, { Cli }].flatMap((entry) =>
    Object.entries(entry as Record<string, unknown>).flatMap(([module, namespace]) =>
      typeof namespace === "object" && namespace !== null
        ? Object.entries(namespace).flatMap(([name, value]) =>
          // constructors, classes and schemas start with a capital letter
          typeof value === "function" && /^[a-z]/.test(name) ? [[`${module}.${name}`, value as Function] as const] : []
        )
        : []
    )
  )

const parameterList = (f: Function): string => {
  const source = f.toString()
  const arrow = /^(?:async\s*)?(\([^)]*\)|[\w$]+)\s*=>/.exec(source)
  if (arrow !== null) return arrow[1]!
  return /\(([^)]*)\)/.exec(source)?.[1] ?? ""
}

const optionLike = /\b(options|params|input|patch|settings|overrides|query|config|spec|limits|translation)\b/

/** Runs whatever a call returns (an effect, a stream, a layer), against the fake in context. */
const run = (value: unknown): Effect.Effect<unknown, unknown, never> => {
  // the requirements are whatever each call needs; the test provides the fake and Node's services around it
  const program: Effect.Effect<unknown, unknown, unknown> = Layer.isLayer(value)
    ? Effect.scoped(Layer.build(value as Layer.Layer<unknown, unknown, unknown>))
    : Stream.isStream(value)
    ? Stream.runDrain(Stream.take(value as Stream.Stream<unknown, unknown, unknown>, 1))
    : Effect.isEffect(value)
    ? Effect.scoped(value as Effect.Effect<unknown, unknown, unknown>)
    : Effect.die(new Error(`not an effect, stream or layer: ${String(value)}`))
  return program.pipe(Effect.provide(NodeServices.layer)) as Effect.Effect<unknown, unknown, never>
}

describe("unknown option keys", () => {
  it("every exported function is either in the table or takes no options object", () => {
    const missing: Array<string> = []
    const wronglyExempt: Array<string> = []
    for (const [name, f] of exportedFunctions()) {
      if (name in rows) continue
      if (!withoutOptions.has(name)) missing.push(name)
      else if (!contextParameters.has(name) && optionLike.test(parameterList(f))) {
        wronglyExempt.push(`${name}${parameterList(f)}`)
      }
    }
    assert.deepStrictEqual(missing, [], "exported functions without a row: add one to `rows`")
    assert.deepStrictEqual(wronglyExempt, [], "functions listed as option-free that take options")
    const exported = new Set(exportedFunctions().map(([name]) => name))
    assert.deepStrictEqual(
      Object.keys(rows).filter((name) => !exported.has(name.split("#")[0]!)),
      [],
      "rows for functions that are not exported"
    )
  })

  it.effect("no function throws or dies when its options object is missing or null", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* Posts.get((yield* fake.postIds)[0]!)
      const crashes: Array<string> = []
      for (const [name, { call }] of Object.entries(rows)) {
        for (const missing of [undefined, null]) {
          let value: unknown
          try {
            value = call(missing, post)
          } catch (error) {
            crashes.push(`${name}(${missing}): threw ${String(error)}`)
            continue
          }
          const exit = yield* Effect.exit(Effect.suspend(() => run(value)))
          if (Exit.isFailure(exit) && Cause.hasDies(exit.cause)) {
            crashes.push(`${name}(${missing}): died ${Cause.pretty(exit.cause).split("\n")[0]}`)
          }
        }
      }
      assert.deepStrictEqual(crashes, [])
    }).pipe(Effect.provide(
      E621Client.layer({ ...clientOptions, credentials: E621Fake.testerCredentials }).pipe(
        Layer.provideMerge(E621Fake.layerHttpClient({ posts: 20, files: true }))
      )
    )))

  it.effect("every function refuses an unknown key with E621InvalidInput naming it, and sends nothing", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* Posts.get((yield* fake.postIds)[0]!)
      const failures: Array<string> = []
      for (const [name, { base, call }] of Object.entries(rows)) {
        yield* fake.clearRequests
        const exit = yield* Effect.exit(Effect.suspend(() => run(call({ ...base, ...unknown }, post))))
        const sent = (yield* fake.requests).length
        const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
        const invalid = typeof error === "object" && error !== null && (error as { _tag?: string })._tag === "E621InvalidInput"
          ? error as Core.E621Error.E621InvalidInput
          : undefined
        if (invalid === undefined) {
          failures.push(`${name}: ${Exit.isSuccess(exit) ? "accepted the key" : Cause.pretty(exit.cause).split("\n")[0]}`)
        } else if (!/zzUnknownOption$/.test(invalid.field) || !invalid.message.includes("unknown option `zzUnknownOption`")) {
          failures.push(`${name}: wrong error ${invalid.field}: ${invalid.message}`)
        } else if (sent > 0) {
          failures.push(`${name}: sent ${sent} request(s)`)
        }
      }
      assert.deepStrictEqual(failures, [])
      assert.isAbove(Object.keys(rows).length, 150)
    }).pipe(Effect.provide(
      E621Client.layer({ ...clientOptions, credentials: E621Fake.testerCredentials }).pipe(
        Layer.provideMerge(E621Fake.layerHttpClient({ posts: 20, files: true }))
      )
    )))

  it.effect("a symbol key is an unknown key too", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      const post = yield* Posts.get((yield* fake.postIds)[0]!)
      const failures: Array<string> = []
      const variants: ReadonlyArray<readonly [string, (base: object) => object]> = [
        ["Symbol(zzSymbol)", (base) => ({ ...base, [Symbol("zzSymbol")]: 1 })]
      ]
      for (const [name, { base, call }] of Object.entries(rows)) {
        for (const [key, variant] of variants) {
          yield* fake.clearRequests
          const exit = yield* Effect.exit(Effect.suspend(() => run(call(variant(base ?? {}) as never, post))))
          const sent = (yield* fake.requests).length
          const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
          const invalid = (error as { _tag?: string } | undefined)?._tag === "E621InvalidInput" ? error as Core.E621Error.E621InvalidInput : undefined
          if (invalid === undefined || !invalid.message.includes(`unknown option \`${key}\``) || sent > 0) {
            failures.push(`${name} with ${key}: ${invalid?.message ?? (Exit.isSuccess(exit) ? "accepted" : Cause.pretty(exit.cause).split("\n")[0])} (${sent} sent)`)
          }
        }
      }
      assert.deepStrictEqual(failures, [])
    }).pipe(Effect.provide(
      E621Client.layer({ ...clientOptions, credentials: E621Fake.testerCredentials }).pipe(
        Layer.provideMerge(E621Fake.layerHttpClient({ posts: 20, files: true }))
      )
    )))
})
