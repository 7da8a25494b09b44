/**
 * The `transformClient` option: a user's own `HttpClient` stage in the request path. It sees every attempt,
 * API and file, as it is sent (identified; Basic auth on API requests only), and the raw responses; logging
 * what it sees never shows the API key.
 */
import { E621Client, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Layer, Logger, References, Stream } from "effect"
import { HttpClient, HttpClientError } from "effect/http"
import { TestClock } from "effect/testing"

const credentials = E621Fake.testerCredentials
const key = String(credentials.apiKey)
const basic = btoa(`${credentials.username}:${key}`)

interface Seen {
  readonly url: string
  readonly authorization: string | undefined
  readonly userAgent: string | undefined
}

/** A client over the fake whose user stage records and logs every request and response status. */
const setup = (client: Partial<E621Client.Options>) => {
  const seen: Array<Seen> = []
  const statuses: Array<number> = []
  const logs: Array<string> = []
  const transformClient = (http: HttpClient.HttpClient) =>
    http.pipe(
      HttpClient.tapRequest((request) =>
        Effect.andThen(
          Effect.sync(() =>
            seen.push({ url: request.url, authorization: request.headers.authorization, userAgent: request.headers["user-agent"] })
          ),
          Effect.log("sending", request, request.headers)
        )
      ),
      HttpClient.tap((response) => Effect.sync(() => statuses.push(response.status)))
    )
  const logger = Logger.make((options) => {
    logs.push(`${JSON.stringify(options.message)} ${String(options.message)} ${Cause.pretty(options.cause)}`)
  })
  const layer = E621Client.layer({ userAgent: E621Fake.userAgent, credentials, rateLimit: false, transformClient, ...client }).pipe(
    Layer.provideMerge(E621Fake.layerHttpClient({ posts: 20, seed: 3, files: true })),
    Layer.merge(Logger.layer([logger])),
    Layer.merge(Layer.succeed(References.MinimumLogLevel, "All"))
  )
  return { seen, statuses, logs, layer }
}

const onClock = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Effect.exit(effect))
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("E621Client transformClient", () => {
  it.live("a user stage sees every attempt, API and file, identified, with credentials on API requests only", () =>
    Effect.gen(function*() {
      const { layer, logs, seen, statuses } = setup({ retry: { times: 2, base: "5 millis" } })
      const exit = yield* Effect.exit(
        Effect.gen(function*() {
          const fake = yield* E621Fake.E621Fake
          yield* fake.failNext("503")
          const [post] = yield* Posts.search({ limit: 1 })
          const file = yield* E621Client.fetchFile(post!.file.url!)
          return yield* Stream.runDrain(file.body)
        }).pipe(Effect.provide(layer))
      )
      assert.isTrue(Exit.isSuccess(exit), String(exit))
      const api = seen.filter((s) => s.url.endsWith("/posts.json"))
      const files = seen.filter((s) => s.url.startsWith("https://static1.e621.net/data/"))
      // the 503 and its retry: the stage sees each attempt, and the raw status of each
      assert.strictEqual(api.length, 2)
      assert.strictEqual(files.length, 1)
      assert.strictEqual(seen.length, 3)
      assert.deepStrictEqual(statuses, [503, 200, 200])
      assert.isTrue(seen.every((s) => s.userAgent === E621Fake.userAgent))
      assert.isTrue(api.every((s) => s.authorization === `Basic ${basic}`), "authorised before the user stage")
      assert.isTrue(files.every((s) => s.authorization === undefined), "files never carry credentials")
      // what the stage logs (the request, its headers) has the Authorization header redacted
      assert.strictEqual(logs.length, 3)
      for (const line of logs) {
        assert.notInclude(line, key)
        assert.notInclude(line, basic)
      }
    }))

  it.effect("a failure of the user stage is classified like the network's and scrubbed of the key", () =>
    Effect.gen(function*() {
      const { layer } = setup({
        retry: false,
        // a careless stage that puts the raw Authorization header into its failure
        transformClient: (http) =>
          HttpClient.transform(http, (_, request) =>
            Effect.fail(
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.TransportError({ request, description: `refused ${request.headers.authorization}` })
              })
            ))
      })
      const exit = yield* onClock(Posts.search({ limit: 1 }).pipe(Effect.provide(layer)))
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined
      assert.strictEqual((error as { _tag?: string })._tag, "E621TransportError")
      for (const text of [String(error), JSON.stringify(error), Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""]) {
        assert.notInclude(text, key)
        assert.notInclude(text, basic)
      }
    }))

  it.effect("transformClient must be a function", () =>
    Effect.gen(function*() {
      const error = yield* E621Client.validateOptions({
        userAgent: E621Fake.userAgent,
        transformClient: "log" as unknown as E621Client.Options["transformClient"]
      }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.strictEqual(error.field, "transformClient")
    }))
})
