/**
 * Test helpers for the community families: a fake, the same fake seen by another account, the request log.
 */
import { E621Client } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Effect, Layer } from "effect"
import { HttpClient } from "effect/http"
import * as Support from "./support.ts"

/** A fresh fake (anonymous client). */
export const anonymous = E621Fake.layer({ posts: 600, seed: 7 })

/** A fresh fake whose client is logged in as `tester` (a Member). */
export const member = E621Fake.layer({ posts: 600, seed: 7, client: { credentials: E621Fake.testerCredentials } })

/** Credentials of the fixed accounts. */
export const accounts = { ...Support.accounts, anonymous: undefined } as const

/** Runs `effect` against the same fake with another account (or anonymously). */
export const as = (account: keyof typeof accounts) =>
<A, E>(effect: Effect.Effect<A, E, E621Client.E621Client>) =>
  Effect.gen(function*() {
    const fake = yield* E621Fake.E621Fake
    const credentials = accounts[account]
    const client = Support.clientLayer(credentials).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, E621Fake.httpClient(fake))))
    return yield* Effect.provide(effect, client)
  })

/** The fake's request log. */
export const requests = Support.requests
