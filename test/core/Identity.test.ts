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
import * as Sha256 from "../../packages/core/src/internal/sha256.ts"

const expected = (username: string, apiKey: string) =>
  createHash("sha256").update(`effect-e621 identity\u0000${username}\u0000${apiKey}`).digest("hex").slice(0, 32)

describe("the client's identity", () => {
  it("SHA-256 agrees with Node's at every padding boundary", () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 255)
      assert.strictEqual(Buffer.from(Sha256.sha256(bytes)).toString("hex"), createHash("sha256").update(bytes).digest("hex"), `${length} bytes`)
    }
  })

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
