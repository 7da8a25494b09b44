/**
 * The one program every runtime of the matrix runs (Node, Bun, Deno, workerd, Chromium), against the fake e621
 * served on loopback: a search, a stream across several cursor pages, a retry after the fake's 503, a typed 404
 * and a logged-in write (retried after the fake's 429). It answers a plain summary the test compares between runtimes.
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Favorites from "@effect-e621/core/api/Favorites"
import * as Posts from "@effect-e621/core/api/Posts"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as FetchHttpClient from "effect/http/FetchHttpClient"

/** What the test hands to the runtime. */
export interface Input {
  readonly host: string
  readonly username: string
  readonly apiKey: string
}

/** What the runtime answers. */
export interface Summary {
  /** Whether the client chose browser mode by itself. */
  readonly browser: boolean
  readonly searched: number
  readonly streamed: number
  readonly distinct: number
  readonly descending: boolean
  /** The post read again after the fake's 503. */
  readonly retried: number
  /** The tag of the error for a post that does not exist. */
  readonly missing: string
  readonly favorited: number
}

/** The identification every runtime sends (as `User-Agent`, or as `_client` in a browser). */
export const userAgent = "effect-e621-runtimes/1.0 (by tester on e621)"

/** The client options: loopback budgets and retries that keep each run within a few seconds. */
export const options = (input: Input): E621Client.Options => ({
  host: input.host,
  userAgent,
  credentials: { username: input.username, apiKey: input.apiKey },
  rateLimit: { limit: 8, window: "1 second" },
  writeRateLimit: { limit: 2, window: "1 second" },
  retry: { times: 3, base: "100 millis" },
  timeout: "5 seconds"
})

/** The program itself. */
export const program: Effect.Effect<Summary, unknown, E621Client.E621Client> = Effect.gen(function*() {
  const settings = yield* E621Client.settings
  const page = yield* Posts.search({ limit: 5 })
  const streamed = yield* Posts.stream({ pageSize: 4 }).pipe(Stream.take(10), Stream.runCollect)
  const ids = Array.from(streamed, (post) => post.id)
  // the test's fake answers the first GET /posts/<id>.json with nginx's 503
  const again = yield* Posts.get(page[1]!.id)
  const missing = yield* Posts.get(2_000_000_000).pipe(Effect.flip)
  // the test's fake answers the first POST /favorites.json with e621's 429
  const favorite = yield* Favorites.add(page[0]!.id)
  return {
    browser: settings.browser,
    searched: page.length,
    streamed: ids.length,
    distinct: new Set(ids).size,
    descending: ids.every((id, i) => i === 0 || id < ids[i - 1]!),
    retried: again.id === page[1]!.id ? again.id : -1,
    missing: typeof missing === "object" && missing !== null && "_tag" in missing ? String(missing._tag) : "untagged",
    favorited: favorite.post_id
  }
})

/** Runs the program over the runtime's own `fetch` (`FetchHttpClient`). */
export const run = (input: Input): Promise<Summary> =>
  Effect.runPromise(program.pipe(
    Effect.provide(E621Client.layer(options(input)).pipe(Layer.provide(FetchHttpClient.layer)))
  ))
