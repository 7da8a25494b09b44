// examples/guides/browser-and-edge-2.ts
import { E621Client, Posts } from "@effect-e621/core"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

// Bun, Deno and Cloudflare Workers have `fetch` and may set User-Agent: the same client over effect's
// FetchHttpClient, in server mode (detected), exactly as on Node.
export const newest = (tags: string) =>
  Posts.search({ tags, limit: 10 }).pipe(
    Effect.provide(
      E621Client.layer({ userAgent: "my-bot/1.0 (by some_user on e621)" }).pipe(Layer.provide(FetchHttpClient.layer))
    )
  )
