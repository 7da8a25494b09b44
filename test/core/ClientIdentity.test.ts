/**
 * `Settings.identity` — the digest a `ReadCache` keys a user's answers by — is SHA-256 of the user name and key,
 * computed synchronously while the client is built (a WebCrypto promise there raced users' `TestClock`s).
 */
import { createHash } from "node:crypto"
import { E621Client } from "@effect-e621/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as HttpClient from "effect/http/HttpClient"

const unused = Layer.succeed(HttpClient.HttpClient, HttpClient.make(() => Effect.die("no request in this test")))

const identityOf = (username: string, apiKey: string) =>
  E621Client.settings.pipe(
    Effect.map((settings) => settings.identity),
    Effect.provide(E621Client.layer({
      userAgent: "identity-test/1.0 (by tester on e621)",
      host: "https://e621.test",
      credentials: { username, apiKey }
    }).pipe(Layer.provide(unused)))
  )

const expected = (username: string, apiKey: string) =>
  createHash("sha256").update(`effect-e621 identity\u0000${username}\u0000${apiKey}`).digest("hex").slice(0, 32)

describe("E621Client identity", () => {
  it.effect("is SHA-256 of the credentials, for keys of every length across the hash's block boundaries", () =>
    Effect.gen(function*() {
      for (let length = 1; length <= 140; length++) {
        const key = "k".repeat(length)
        assert.strictEqual(yield* identityOf("tester", key), expected("tester", key), `key of ${length} characters`)
      }
      assert.strictEqual(yield* identityOf("狐_user", "ключ-🔑"), expected("狐_user", "ключ-🔑"))
    }))

  it.effect("is built without waiting on a promise: a client with credentials is ready under the TestClock", () =>
    Effect.gen(function*() {
      // `it.effect` runs on the TestClock; a client whose build awaited a real promise would still be ready,
      // but only after the event loop turned — so check it is ready synchronously, in the same fiber step.
      const identity = yield* identityOf("tester", "abc").pipe(Effect.timeoutOption("0 millis"))
      assert.isTrue(identity._tag === "Some")
    }))
})
