/**
 * E621Fake: an in-memory e621ng for tests, demos and benchmarks — seeded, deterministic, with e621's real
 * behaviour for the Posts family: envelopes and both post formats, `limit`/`page` rules and their 410s,
 * `b`/`a` cursors, the 40-tag limit, active tag aliases applied to searches, hidden URLs, votes, edits with post
 * versions and `change_seq`, the edge's User-Agent block and read limit, the write throttle, and injectable
 * faults, e621's hourly limits on post, note, wiki, artist and pool edits, pool creation, comments, blips,
 * forum posts, flags and alias/implication requests. Not modelled: the vote and dmail limits, and lockdowns.
 *
 * `layer(options)` gives an `E621Client` wired to the fake plus the `E621Fake` service (request log, data,
 * faults). The core, the service's `handle`, is transport-neutral: the same fake is served over real HTTP by
 * `NodeE621Fake.serve` in `@effect-e621/platform-node`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as HttpClient from "effect/http/HttpClient"
import * as E621Client from "../E621Client.ts"
import { checkOptions, type E621InvalidInput, optionKeys } from "../E621Error.ts"
import * as Budget from "../internal/budget.ts"
import * as FakeData from "../internal/fake/FakeData.ts"
import * as FakeEngine from "../internal/fake/FakeEngine.ts"
import * as FakeFaults from "../internal/fake/FakeFaults.ts"
import * as FakeHttp from "../internal/fake/FakeHttp.ts"
import * as FakeLimits from "../internal/fake/FakeLimits.ts"
import * as Random from "../internal/fake/FakeRandom.ts"
import type * as Post from "../schemas/Post.ts"
import type * as UserSchema from "../schemas/User.ts"

/**
 * A request as the fake sees it, whatever carried it (an `HttpClient` call or a real socket).
 * Header names are lower-case.
 *
 * @category Types
 * @since 0.1.0
 */
export interface FakeRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | undefined
}

/**
 * The fake's answer. `fault` asks the transport to misbehave: `"drop"` closes the connection without an
 * answer; `{ truncateAt }` sends the headers and only the first `truncateAt` bytes of the body, then closes;
 * `{ stallAt }` sends the headers and the first `stallAt` bytes, then nothing, keeping the connection open;
 * `{ trickle }` sends the body one byte every `trickle` milliseconds (on the effect `Clock` in memory).
 *
 * @category Types
 * @since 0.1.0
 */
export interface FakeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** A binary body (files, gzip exports); when present it is sent instead of `body`. */
  readonly bytes?: Uint8Array
  readonly fault?: "drop" | BodyFault
}

/**
 * A body that misbehaves after the headers: cut, stalled or trickling (see {@link FakeResponse}).
 *
 * @category Types
 * @since 0.1.0
 */
export type BodyFault =
  | { readonly truncateAt: number }
  | { readonly stallAt: number }
  | { readonly trickle: number }

/**
 * One request as the log keeps it: no `Authorization` header and no `api_key` parameter — `user` names who
 * was authenticated (or claimed to be, for refused credentials), `"anonymous"` otherwise.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** The URL without `api_key`. */
  readonly url: string
  readonly status: number
  /** Effect `Clock` time at arrival, in milliseconds. */
  readonly at: number
  readonly user: string
  /** Form or JSON body parameters of a write (credentials removed). */
  readonly body?: Readonly<Record<string, string>>
  /** The injected fault, if any. */
  readonly fault?: FaultKind
}

/**
 * What can go wrong with one request:
 * - `"500"`, `"502"`, `"503"`: nginx HTML error pages; `"522"`: Cloudflare's "Connection timed out" page;
 * - `"429"`: e621's JSON throttle answer with `Retry-After`; `"503-retry-after"`: an HTML 503 with `Retry-After`;
 * - `"drop"`: the connection closes before the request is processed (nothing happens);
 * - `"drop-after"`: the request is processed (a write is applied), then the connection closes;
 * - `"truncate"`: the answer's body is cut in half;
 * - `"slow"`: the answer comes after `latency` (on the effect `Clock`);
 * - `"stall"`: the headers and half the body arrive, then nothing (the connection stays open);
 * - `"trickle"`: the body arrives one byte per second (on the effect `Clock`; real seconds when served).
 *
 * `"stall"` and `"trickle"` are only injected on request (`failNext`, or listed in `kinds`), never by the
 * default random plan.
 *
 * @category Types
 * @since 0.1.0
 */
export type FaultKind =
  | "500"
  | "502"
  | "503"
  | "522"
  | "429"
  | "503-retry-after"
  | "drop"
  | "drop-after"
  | "truncate"
  | "slow"
  | "stall"
  | "trickle"

/**
 * Random faults: each request fails with probability `rate` (0..1), with a kind drawn from `kinds` (default
 * all), from a generator seeded with `seed` (default the fake's seed). `retryAfter` is the `Retry-After`
 * value in seconds (default 1); `latency` the delay of `"slow"` (default 1 minute).
 *
 * @category Types
 * @since 0.1.0
 */
export interface FaultOptions {
  /** Probability that a request fails, 0..1. */
  readonly rate: number
  /** The kinds drawn from (default all but `"stall"` and `"trickle"`). */
  readonly kinds?: ReadonlyArray<FaultKind> | undefined
  /** Seed of the generator (default the fake's seed). */
  readonly seed?: number | undefined
  /** `Retry-After` of the 429 / 503 faults, in seconds (default 1). */
  readonly retryAfter?: number | undefined
  /** Delay of `"slow"` (default 1 minute). */
  readonly latency?: Duration.Input | undefined
}

/**
 * How many requests exceeded a limit so far (counted whether or not limits are enforced).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Violations {
  readonly reads: number
  readonly writes: number
  readonly iqdb: number
}

/**
 * A user of the fake, with the API key that authenticates it.
 *
 * @category Types
 * @since 0.1.0
 */
export interface User {
  readonly id: number
  readonly name: string
  readonly level_string: UserSchema.LevelName
  readonly apiKey: string
  readonly created_at: string
}

/**
 * A pool (`/pools.json` shape), `post_ids` in reading order.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Pool {
  readonly id: number
  readonly name: string
  readonly created_at: string
  readonly updated_at: string
  readonly creator_id: number
  readonly creator_name: string
  readonly description: string
  readonly is_active: boolean
  readonly category: "series" | "collection"
  readonly post_ids: ReadonlyArray<number>
  readonly post_count: number
}

/**
 * One recorded post edit (`/post_versions.json` shape, trimmed).
 *
 * @category Types
 * @since 0.1.0
 */
export interface PostVersion {
  readonly id: number
  readonly post_id: number
  readonly version: number
  readonly tags: string
  readonly added_tags: ReadonlyArray<string>
  readonly removed_tags: ReadonlyArray<string>
  readonly rating: Post.Rating
  readonly rating_changed: boolean
  readonly parent_id: number | null
  readonly parent_changed: boolean
  readonly source: string
  readonly source_changed: boolean
  readonly description: string
  readonly description_changed: boolean
  readonly updater_id: number
  readonly updater_name: string
  readonly updated_at: string
  readonly reason: string | null
}

/**
 * The fake's ordinary Member account: `tester` / `test-api-key`.
 *
 * @category Constants
 * @since 0.1.0
 */
export const TESTER: User = FakeData.fixedUsers.find((u) => u.name === "tester")!

/**
 * The fake's Admin account: `admin` / `admin-api-key` (staff: sees deleted posts' files).
 *
 * @category Constants
 * @since 0.1.0
 */
export const ADMIN: User = FakeData.fixedUsers.find((u) => u.name === "admin")!

/**
 * A Privileged account: `privileged` / `privileged-api-key` (90 writes per minute).
 *
 * @category Constants
 * @since 0.1.0
 */
export const PRIVILEGED: User = FakeData.fixedUsers.find((u) => u.name === "privileged")!

/**
 * A banned account: `banned_user` / `banned-api-key` — every authenticated request gets 401
 * "Account is banned: forever".
 *
 * @category Constants
 * @since 0.1.0
 */
export const BANNED: User = FakeData.fixedUsers.find((u) => u.name === "banned_user")!

/**
 * `E621Client` credentials of {@link TESTER}.
 *
 * @category Constants
 * @since 0.1.0
 */
export const testerCredentials: E621Client.Credentials = { username: TESTER.name, apiKey: TESTER.apiKey }

/**
 * The User-Agent {@link layer} gives the client.
 *
 * @category Constants
 * @since 0.1.0
 */
export const userAgent = "effect-e621-tests/1.0 (by tester on e621)"

/**
 * Options of the fake.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** Seed of every generated value (default 1). */
  readonly seed?: number
  /** Number of posts (default 1,000; 250,000 is fine: posts are built when first read). */
  readonly posts?: number
  /** Generated users besides the fixed accounts (default 40). */
  readonly users?: number
  /**
   * Refuse requests over e621's limits: reads over 2 per second (sliding second, effect `Clock`) → HTML 503;
   * writes of logged-in users over 60 (Member) / 90 / 120 per sliding minute → 429; IQDB look-ups over e621's
   * throttles (by file or URL: anonymous 1 per minute, members 6 per 10 s; by post or hash 10 per 10 s; fixed
   * windows) → 429 "Throttled: Too many requests". Default `false`; violations are counted either way.
   */
  readonly enforceLimits?: boolean
  /** Random fault injection (default none). */
  readonly faults?: FaultOptions
  /**
   * Serve real (small, synthetic) files on the static paths and give every post the md5 and size of its file,
   * so downloads can be verified (default `false`: md5s are random and file bodies do not match them).
   */
  readonly files?: boolean
  /** Safe mode, as on e926: non-`s` posts come without URLs and searches only find `rating:s`. */
  readonly safeMode?: boolean
  /** Options of the `E621Client` built by {@link layer} (host, credentials, retry, postFormat, …). */
  readonly client?: Partial<E621Client.Options>
}

/**
 * The fake's service: the transport-neutral `handle`, the request log, limit violations, fault control,
 * and the data for assertions and set-up.
 *
 * @category Services
 * @since 0.1.0
 */
export class E621Fake extends Context.Service<E621Fake, {
  /** Answers one request (what the `HttpClient` and the Node server call). */
  readonly handle: (request: FakeRequest) => Effect.Effect<FakeResponse>
  /** Every request so far, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Empties the request log. */
  readonly clearRequests: Effect.Effect<void>
  /** Requests that exceeded a limit so far. */
  readonly violations: Effect.Effect<Violations>
  /** Makes the next `n` requests (default 1) fail with `kind`, before any random fault. */
  readonly failNext: (kind: FaultKind, n?: number) => Effect.Effect<void>
  /** Replaces the random fault plan; `undefined` turns random faults off. */
  readonly setFaults: (options: FaultOptions | undefined) => Effect.Effect<void>
  /**
   * Rewrites the parsed JSON body of the next successful JSON answer with `f` (each call queues one
   * rewrite): how tests serve e621 data the schemas do not expect, e.g. one malformed item in a real page.
   */
  readonly rewriteNext: (f: (body: unknown) => unknown) => Effect.Effect<void>
  /** The stored post (every URL present, viewer-independent), if it exists. */
  readonly post: (id: number) => Effect.Effect<Post.Post | undefined>
  /** All post ids, ascending. */
  readonly postIds: Effect.Effect<ReadonlyArray<number>>
  /** Number of posts. */
  readonly posts: Effect.Effect<number>
  /**
   * Changes a stored post (a partial object or a function); `undefined` when there is no such post. Bumps
   * `change_seq` as e621's trigger would (tags, rating, status flags, …) unless the patch sets it.
   */
  readonly updatePost: (
    id: number,
    patch: Partial<Post.Post> | ((post: Post.Post) => Post.Post)
  ) => Effect.Effect<Post.Post | undefined>
  /** Every user, fixed accounts first. */
  readonly users: Effect.Effect<ReadonlyArray<User>>
  /** Every pool. */
  readonly pools: Effect.Effect<ReadonlyArray<Pool>>
  /** Ids of the posts a user (name) has favourited, ascending. */
  readonly favorites: (user: string) => Effect.Effect<ReadonlyArray<number>>
  /** The recorded versions of a post, oldest first (empty until it is first edited). */
  readonly versions: (postId: number) => Effect.Effect<ReadonlyArray<PostVersion>>
}>()("@effect-e621/core/testing/E621Fake") {}

const fakeKeys = optionKeys<Options>({
  seed: true,
  posts: true,
  users: true,
  enforceLimits: true,
  faults: true,
  files: true,
  safeMode: true,
  client: true
})
const faultKeys = optionKeys<FaultOptions>({ rate: true, kinds: true, seed: true, retryAfter: true, latency: true })

/**
 * Builds a fake.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (options: Options = {}): Effect.Effect<E621Fake["Service"], E621InvalidInput> =>
  Effect.andThen(
    Effect.andThen(checkOptions(options, fakeKeys), () => checkOptions(options.faults, faultKeys, "faults")),
    build(options)
  )

const build = (options: Options): Effect.Effect<E621Fake["Service"]> =>
  Effect.sync(() => {
    const seed = options.seed ?? 1
    const store = new FakeData.Store({ seed, posts: options.posts ?? 1000, users: options.users ?? 40, files: options.files })
    const engine: FakeEngine.Engine = {
      store,
      limits: new FakeLimits.Limits(options.enforceLimits ?? false),
      faults: new FakeFaults.Faults(options.faults, seed),
      log: [],
      random: Random.make(Random.hash(seed, 0x7a11d)),
      safeMode: options.safeMode ?? false
    }
    return E621Fake.of({
      handle: FakeEngine.handle(engine),
      requests: Effect.sync(() => [...engine.log]),
      clearRequests: Effect.sync(() => {
        engine.log.length = 0
      }),
      violations: Effect.sync(() => engine.limits.violations),
      failNext: (kind, n = 1) => Effect.sync(() => engine.faults.enqueue(kind, n)),
      setFaults: (faults) => Effect.sync(() => engine.faults.set(faults)),
      rewriteNext: (f) => Effect.sync(() => engine.faults.enqueueRewrite(f)),
      post: (id) => Effect.sync(() => store.byId(id)),
      postIds: Effect.sync(() => Array.from(store.ids)),
      posts: Effect.sync(() => store.size),
      updatePost: (id, patch) =>
        Effect.sync(() => {
          const index = store.indexOf(id)
          if (index < 0) return undefined
          const current = store.at(index)
          const next = typeof patch === "function" ? patch(current) : { ...current, ...patch, id }
          const bump = next.change_seq === current.change_seq && FakeData.bumpsChangeSeq(current, next)
          store.write(index, bump ? { ...next, change_seq: store.nextChangeSeq() } : next)
          return store.at(index)
        }),
      users: Effect.sync(() => [...store.users]),
      pools: Effect.sync(() => [...store.pools]),
      favorites: (user) =>
        Effect.sync(() => {
          const found = store.userByName(user)
          return found === undefined ? [] : [...(store.favorites.get(found.id) ?? [])].sort((a, b) => a - b)
        }),
      versions: (postId) => Effect.sync(() => store.versions.filter((v) => v.post_id === postId))
    })
  })

/**
 * An effect `HttpClient` answered by a fake (no sockets). Dropped connections fail with a `TransportError`;
 * cut bodies fail while they are read.
 * Its requests never leave the process, so a client over it may run without budgets (`rateLimit: false`)
 * even with host `e621`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const httpClient = (fake: E621Fake["Service"]): HttpClient.HttpClient => Budget.markInMemory(FakeHttp.toHttpClient(fake.handle))

/**
 * The `E621Fake` service alone.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerService = (options: Options = {}): Layer.Layer<E621Fake, E621InvalidInput> => Layer.effect(E621Fake, make(options))

/**
 * The `E621Fake` service and an `HttpClient` answered by it, for tests that configure `E621Client`
 * themselves.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layerHttpClient = (options: Options = {}): Layer.Layer<E621Fake | HttpClient.HttpClient, E621InvalidInput> =>
  Layer.effect(HttpClient.HttpClient, E621Fake.useSync(httpClient)).pipe(Layer.provideMerge(layerService(options)))

/**
 * An `E621Client` talking to a fresh fake, and the fake's `E621Fake` service. The client defaults to host
 * `e621`, the User-Agent {@link userAgent}, no client-side rate limit; `options.client` overrides any of it
 * (credentials, retry, postFormat, …).
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<E621Client.E621Client | E621Fake, E621InvalidInput> => {
  const service = layerService(options)
  const http = Layer.effect(HttpClient.HttpClient, E621Fake.useSync(httpClient)).pipe(Layer.provide(service))
  const client = E621Client.layer({ host: "e621", userAgent, rateLimit: false, ...options?.client }).pipe(Layer.provide(http))
  return Layer.merge(client, service)
}
