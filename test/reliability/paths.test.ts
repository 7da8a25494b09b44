/**
 * Path segments: every user-supplied value that goes into a request path (user names, tag and artist names,
 * wiki titles, help page names, avoid-posting artist names) is percent-encoded into one segment or refused
 * before sending, so it can never leave its route — whatever it holds: `.`/`..`, `/`, `\`, `?`, `#`, their
 * percent-encodings, control characters, broken UTF-16. And `E621Client.execute` refuses any path that is not
 * a plain route path, whatever built it.
 */
import { Artists, AvoidPostings, E621Client, HelpPages, Tags, Users, WikiPages } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"

/** A client whose transport records the path of every request it would put on the wire (answering `{}`). */
const recording = () => {
  const paths: Array<string> = []
  const layer = E621Client.layer({ host: "https://e621.test", userAgent: E621Fake.userAgent, rateLimit: false, retry: false }).pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request, url) =>
        Effect.sync(() => {
          paths.push(url.pathname)
          return HttpClientResponse.fromWeb(request, new Response("{}", { headers: { "content-type": "application/json" } }))
        })
      )
    ))
  )
  return { layer, paths }
}

type Route = readonly [name: string, call: (value: string) => Effect.Effect<unknown, unknown, E621Client.E621Client>, prefix: string, suffix: string]

/** Every function that puts a string into a path, with the route it must stay in. */
const routes: ReadonlyArray<Route> = [
  ["Users.get", Users.get, "/users/", ".json"],
  ["Users.uploadLimit", Users.uploadLimit, "/users/", "/upload_limit.json"],
  ["Tags.get", Tags.get, "/tags/", ".json"],
  ["Artists.get", Artists.get, "/artists/", ".json"],
  ["WikiPages.get", WikiPages.get, "/wiki_pages/", ".json"],
  ["AvoidPostings.get", AvoidPostings.get, "/avoid_postings/", ".json"],
  ["HelpPages.get", HelpPages.get, "/help/", ".json"]
]

const hostile: ReadonlyArray<string> = [
  "..", ".", " .. ", "../..", "../../posts", "a/../../b", "..\\..", "a\\b", "%2e%2e", "%2E.", ".%2e", "%2e",
  "a/b", "a%2fb", "%2F", "?x=1", "a?login=admin", "#frag", "a#b", "a%3Fb", "a%23b", "x\u0000y", "x\ny", "x\r\nX-A: b",
  "x\ty", "x\u007fy", "\ud800", "a\udc00b", "a b", "名前", "%", "%zz", "...", "./x", "x/.", "//evil.example/x",
  "  ", "．．", "\uff0e", "\u3002\u3002", "..%00", "\u202e", "\u202egpj.exe", "%2e%2e%2f", "..;", ".. ", "\u00a0..\u00a0",
  "\u2028", "\u0085", "\ufeff..", "x".repeat(100_000)
]

describe("user values never leave their route", () => {
  for (const [name, call, prefix, suffix] of routes) {
    it.effect(`${name}: every hostile value is encoded into one segment of ${prefix}…${suffix} or refused before sending`, () =>
      Effect.gen(function*() {
        for (const value of hostile) {
          const { layer, paths } = recording()
          const exit = yield* call(value).pipe(Effect.provide(layer), Effect.exit)
          if (Exit.isFailure(exit)) assert.isFalse(Cause.hasDies(exit.cause), `${name}(${JSON.stringify(value)}): ${Cause.pretty(exit.cause)}`)
          if (paths.length === 0) {
            // refused before anything was sent: with a typed error naming the input
            assert.isTrue(Exit.isFailure(exit))
            if (Exit.isFailure(exit)) assert.strictEqual((Cause.squash(exit.cause) as { readonly _tag: string })._tag, "E621InvalidInput")
            continue
          }
          for (const path of paths) {
            // an all-digit or refused-by-path name may be looked up through the list route's search instead
            if (!path.startsWith(prefix)) {
              assert.strictEqual(path, `${prefix.slice(0, -1)}.json`, `${name}(${JSON.stringify(value)}) went to ${path}`)
              continue
            }
            assert.isTrue(path.endsWith(suffix), `${name}(${JSON.stringify(value)}) went to ${path}`)
            const segment = path.slice(prefix.length, path.length - suffix.length)
            assert.notInclude(segment, "/", `${name}(${JSON.stringify(value)}) went to ${path}`)
            assert.notMatch(segment, /^(\.|%2e){1,2}$/i, `${name}(${JSON.stringify(value)}) went to ${path}`)
            // the segment carries the value itself (as normalised by the function), nothing else
            assert.isTrue(decodeURIComponent(segment).length > 0)
          }
        }
      }))
  }

  it.effect("Users.uploadLimit(\"..\") and (\".\") are refused against the fake: it sees no request", () =>
    Effect.gen(function*() {
      for (const value of ["..", ".", "%2e%2e"]) {
        const exit = yield* Users.uploadLimit(value).pipe(Effect.exit)
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) assert.strictEqual((Cause.squash(exit.cause) as { readonly field: string }).field, "idOrName")
      }
      const fake = yield* E621Fake.E621Fake
      assert.deepStrictEqual(yield* fake.requests, [])
    }).pipe(Effect.provide(E621Fake.layer())))

  it.effect("a name with a slash or a question mark reaches the fake inside its segment", () =>
    Effect.gen(function*() {
      const fake = yield* E621Fake.E621Fake
      for (const value of ["a?b", "a#b", "a%2e%2e"]) yield* Effect.exit(Users.get(value))
      const seen = (yield* fake.requests).map((r) => r.path)
      assert.strictEqual(seen.length, 3)
      for (const path of seen) assert.match(path, /^\/users\/[^/]+\.json$/)
    }).pipe(Effect.provide(E621Fake.layer())))

  const badPaths = ["/users/../upload_limit.json", "/users/./x.json", "/users/%2e%2e/x.json", "/posts.json?login=x", "/a#b", "/a\\b", "users.json", "/a//b.json", "/a b.json", "/a\nb.json"]
  for (const path of badPaths) {
    it.effect(`E621Client.execute refuses the path ${JSON.stringify(path)} before sending`, () =>
      Effect.gen(function*() {
        const { layer, paths } = recording()
        const exit = yield* E621Client.execute({ method: "GET", path }).pipe(Effect.provide(layer), Effect.exit)
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) assert.strictEqual((Cause.squash(exit.cause) as { readonly field: string }).field, "path")
        assert.deepStrictEqual(paths, [])
      }))
  }
})
