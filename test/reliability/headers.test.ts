/**
 * Header values: everything the client puts in a header (the User-Agent on API and file requests, the
 * Basic-auth `Authorization` built from the user name and key) is checked before any request, so a value the
 * HTTP stack cannot send is an `E621InvalidInput` naming the option — never a `TypeError` defect. The CLI's
 * default User-Agent stays valid for any user name.
 */
import { E621Client, Posts, Users } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Redacted } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import * as Child from "node:child_process"
import * as NodePath from "node:path"

const ua = E621Fake.userAgent

/** A client over a transport that counts requests (and answers `{}`). */
const counting = (options: Partial<E621Client.Options>) => {
  const sent: Array<string> = []
  const layer = E621Client.layer({ userAgent: ua, rateLimit: false, retry: false, ...options }).pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request) =>
        Effect.sync(() => {
          sent.push(request.url)
          return HttpClientResponse.fromWeb(request, new Response("[]", { headers: { "content-type": "application/json" } }))
        })
      )
    ))
  )
  return { layer, sent }
}

const invalidField = (exit: Exit.Exit<unknown, unknown>): string => {
  assert.isTrue(Exit.isFailure(exit), "refused")
  if (Exit.isSuccess(exit)) throw new Error("unreachable")
  assert.isFalse(Cause.hasDies(exit.cause), `no defect: ${Cause.pretty(exit.cause)}`)
  const error = Cause.squash(exit.cause) as { readonly _tag: string; readonly field: string }
  assert.strictEqual(error._tag, "E621InvalidInput")
  return error.field
}

const badUserAgents: ReadonlyArray<readonly [string, string]> = [
  ["a CJK character", "bot/1.0 (by 狐 on e621)"],
  ["an emoji", "bot/1.0 (by fox 🦊 on e621)"],
  ["a line break inside", "bot/1.0\r\nX-Evil: 1 (by someone on e621)"],
  ["a NUL", "bot/1.0 (by some\u0000one on e621)"],
  ["a tab", "bot/1.0\t(by someone on e621)"],
  ["DEL", "bot/1.0 (by some\u007fone on e621)"],
  ["a C1 control (NEL)", "bot/1.0 (by some\u0085one on e621)"],
  ["a line separator", "bot/1.0 (by some\u2028one on e621)"],
  ["a lone surrogate", "bot/1.0 (by some\ud800one on e621)"],
  ["a right-to-left override", "bot/1.0 (by some\u202eone on e621)"]
]

describe("header values are checked before any request", () => {
  for (const [label, userAgent] of badUserAgents) {
    it.effect(`a User-Agent with ${label} → E621InvalidInput (userAgent), nothing sent`, () =>
      Effect.gen(function*() {
        const { layer, sent } = counting({ userAgent })
        const exit = yield* Posts.search({ limit: 1 }).pipe(Effect.provide(layer), Effect.exit)
        assert.strictEqual(invalidField(exit), "userAgent")
        assert.strictEqual(sent.length, 0)
      }))
  }

  const badCredentials: ReadonlyArray<readonly [string, E621Client.Credentials, string]> = [
    ["a user name with ':' (Basic auth splits there)", { username: "evil:name", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a user name with a line break", { username: "tester\r\nX-Evil: 1", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a user name with a NUL", { username: "tes\u0000ter", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a key with a pasted line break", { username: "tester", apiKey: Redacted.make("abcdefghij\nklmnopqrstuvwx") }, "credentials.apiKey"],
    ["a key with a space", { username: "tester", apiKey: "abcdefghij klmnopqrstuvwx" }, "credentials.apiKey"],
    ["a key with a control character", { username: "tester", apiKey: "abcdefghij\u0007klmnopqrstuvwx" }, "credentials.apiKey"],
    ["a key with a zero-width space", { username: "tester", apiKey: "abcdefghij\u200bklmnopqrstuvwx" }, "credentials.apiKey"],
    ["a key with a BOM", { username: "tester", apiKey: "\ufeffabcdefghijklmnopqrstuvwx" }, "credentials.apiKey"],
    ["a key with a lone surrogate", { username: "tester", apiKey: "abcdefghij\ud800klmnopqrstuvwx" }, "credentials.apiKey"],
    ["a user name with a lone surrogate (sent as UTF-8: it would become U+FFFD)", { username: "tes\udc00ter", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a user name with a line separator", { username: "tes\u2028ter", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a user name with a right-to-left override", { username: "tes\u202eter", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"],
    ["a user name with a C1 control (NEL)", { username: "tes\u0085ter", apiKey: "abcdefghijklmnopqrstuvwx" }, "credentials.username"]
  ]
  for (const [label, credentials, field] of badCredentials) {
    it.effect(`${label} → E621InvalidInput (${field}), nothing sent, the key never echoed`, () =>
      Effect.gen(function*() {
        const { layer, sent } = counting({ credentials })
        const exit = yield* Posts.search({ limit: 1 }).pipe(Effect.provide(layer), Effect.exit)
        assert.strictEqual(invalidField(exit), field)
        assert.strictEqual(sent.length, 0)
        const key = Redacted.isRedacted(credentials.apiKey) ? Redacted.value(credentials.apiKey) : credentials.apiKey
        if (Exit.isFailure(exit)) assert.notInclude(Cause.pretty(exit.cause), key.slice(0, 10))
      }))
  }

  it.effect("validateOptions (behind layer, layerConfig and the CLI) refuses it the same way", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(E621Client.validateOptions({ userAgent: "bot/1.0 (by 狐 on e621)" }))
      assert.strictEqual(invalidField(exit), "userAgent")
    }))

  it.live("over real HTTP: a Latin-1 User-Agent and a non-Latin-1 user name are sent without a defect", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 20, files: true })
      const client = (credentials?: E621Client.Credentials) =>
        NodeE621.layer({ host: server.url, userAgent: "bot/1.0 (by Zoë on e621)", rateLimit: false, retry: false, ...(credentials ? { credentials } : {}) })
      const posts = yield* Posts.search({ limit: 2 }).pipe(Effect.provide(client()))
      assert.strictEqual(posts.length, 2)
      // the file request carries the same User-Agent
      const file = yield* E621Client.fetchFile(posts[0]!.file.url!).pipe(Effect.provide(client()))
      assert.isAbove(file.contentLength ?? 0, 0)
      // base64 of UTF-8 carries any user name; the fake does not know this one: a typed 401, not a defect
      const exit = yield* Users.me.pipe(Effect.provide(client({ username: "狐狸_fox", apiKey: "abcdefghijklmnopqrstuvwx" })), Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) {
        assert.isFalse(Cause.hasDies(exit.cause), Cause.pretty(exit.cause))
        assert.strictEqual((Cause.squash(exit.cause) as { readonly _tag: string })._tag, "E621Unauthorized")
      }
    }))
})

describe("the CLI's default User-Agent", () => {
  const root = NodePath.resolve(import.meta.dirname, "../..")
  const env: Record<string, string | undefined> = { ...process.env }
  for (const key of ["E621_HOST", "E621_USERNAME", "E621_API_KEY", "E621_USER_AGENT"]) delete env[key]

  it("stays sendable for a user name outside Latin-1 or with controls: the command runs and fails typed, with a message", () => {
    for (const username of ["狐狸", "fox (the) 🦊"]) {
      const result = Child.spawnSync(
        process.execPath,
        ["--conditions=source", NodePath.join(root, "packages/platform-node/src/bin.ts"), "--host", "fake", "--fake-posts", "50", "whoami"],
        { cwd: root, env: { ...env, E621_USERNAME: username, E621_API_KEY: "abcdefghijklmnopqrstuvwx" }, encoding: "utf8", timeout: 60_000 }
      )
      // 4: the fake refuses the unknown account (401) — the request was sent, User-Agent and all
      assert.strictEqual(result.status, 4, `${username}: ${result.stderr}`)
      assert.match(result.stderr, /^e621: Unauthorized/)
    }
  }, 60_000)
})
