/**
 * Helpers shared by the core tests: the fake's request log, the fixed accounts, a client for one account
 * over a shared fake, and the real e621 fixtures.
 */
import { E621Client } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** The fake's request log (method, path, query, form body, status, user). */
export const requests = Effect.flatMap(E621Fake.E621Fake, (fake) => fake.requests)

/** Credentials of the fake's fixed accounts. */
export const accounts = {
  tester: E621Fake.testerCredentials,
  admin: { username: E621Fake.ADMIN.name, apiKey: E621Fake.ADMIN.apiKey },
  privileged: { username: E621Fake.PRIVILEGED.name, apiKey: E621Fake.PRIVILEGED.apiKey }
} as const

/** A client layer for the fake (no rate limit, no retries) logged in with `credentials`, or anonymous. */
export const clientLayer = (credentials: E621Client.Credentials | undefined) =>
  E621Client.layer({
    host: "e621",
    userAgent: E621Fake.userAgent,
    rateLimit: false,
    retry: false,
    ...(credentials === undefined ? {} : { credentials })
  })

/**
 * Runs `effect` as a user (credentials) or anonymously (`undefined`) against a shared fake
 * (`E621Fake.layerHttpClient`), so one test can act as several accounts on the same data.
 */
export const as = (credentials: E621Client.Credentials | undefined) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, clientLayer(credentials))

/** A real e621 answer from `test/fixtures/real/<source>/<file>`, parsed. */
export const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/real/${path}`, import.meta.url)), "utf8"))
