/**
 * `Settings.identity` (what `ReadCache` keys a user's answers by): SHA-256 of the credentials, computed
 * synchronously while the layer is built — WebCrypto's digest is a real promise, and a program on the
 * `TestClock` that moved the clock while it was pending never got its client's timers to fire (it hung).
 */
import { E621Client, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { createHash } from "node:crypto"
import { vi } from "vitest"

const expected = (username: string, apiKey: string) =>
  createHash("sha256").update(`effect-e621 identity\u0000${username}\u0000${apiKey}`).digest("hex").slice(0, 32)

describe("the client's identity", () => {
  it.effect("agrees with Node's SHA-256 at every padding boundary of the digested text", () =>
    Effect.gen(function*() {
      // "effect-e621 identity\0tester\0" is 28 bytes: keys of these lengths put the text on SHA-256's block edges
      for (const length of [1, 27, 28, 29, 35, 36, 37, 91, 92, 93, 128]) {
        const apiKey = Array.from({ length }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]).join("")
        const settings = yield* E621Client.settings.pipe(
          Effect.provide(E621Fake.layer({ posts: 1, client: { credentials: { username: "tester", apiKey } } }))
        )
        assert.strictEqual(settings.identity, expected("tester", apiKey), `a key of ${length} characters`)
      }
    }))

  it.effect("is the digest of the user name and key (anonymous without credentials), never the key", () =>
    Effect.gen(function*() {
      const of = (options: Partial<E621Client.Options>) =>
        E621Client.settings.pipe(Effect.provide(E621Fake.layer({ posts: 1, client: options })), Effect.map((s) => s.identity))
      assert.strictEqual(yield* of({}), "anonymous")
      const identity = yield* of({ credentials: { username: "tester", apiKey: "sEcReT-KeY-1234567890" } })
      assert.strictEqual(identity, expected("tester", "sEcReT-KeY-1234567890"))
      assert.notInclude(identity ?? "", "sEcReT")
      assert.strictEqual(yield* of({ credentials: { username: " tester ", apiKey: Redacted.make("sEcReT-KeY-1234567890") } }), identity)
      assert.notStrictEqual(yield* of({ credentials: { username: "tester", apiKey: "another-key" } }), identity)
    }))

  it.effect("a client with credentials is built without waiting on real time: moving the TestClock at once works", () =>
    Effect.gen(function*() {
      // as on a loaded machine, where the hang showed: WebCrypto's digest takes real time (the client must not use it)
      const digest = vi.spyOn(globalThis.crypto.subtle, "digest").mockImplementation(() =>
        new Promise((resolve) => setTimeout(() => resolve(new ArrayBuffer(32)), 50))
      )
      yield* Effect.addFinalizer(() => Effect.sync(() => digest.mockRestore()))
      // the clock moves right after the fork, while the layer is being built: a pending real promise there
      // meant the limiter's timers were registered after the adjust and never fired
      const fiber = yield* Effect.forkChild(Effect.exit(
        Effect.forEach([1, 2, 3, 4], () => Posts.search({ limit: 1 }), { discard: true }).pipe(
          // e621's own budget (bursts of 2, 1/s): the third and fourth search wait on the clock
          Effect.provide(E621Fake.layer({
            posts: 5,
            client: { credentials: E621Fake.testerCredentials, rateLimit: { limit: 2, window: "2 seconds" } }
          }))
        )
      ))
      yield* TestClock.adjust("1 minute")
      const exit = yield* Fiber.join(fiber)
      assert.isTrue(Exit.isSuccess(exit), String(exit))
    }))
})
