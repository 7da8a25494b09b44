/**
 * A Cloudflare Worker that answers with the newest posts for a tag: `GET /?tags=canine+rating:s` → JSON.
 *
 *   # wrangler.toml: main = "examples/worker.ts", [vars] E621_USER_AGENT = "my-worker/1.0 (by you on e621)"
 *   npx wrangler deploy
 *
 * Workers have `fetch` and may set `User-Agent`, so the client runs over effect's `FetchHttpClient` as on a
 * server. Each incoming request builds its own client, so the rate budget is per request: keep a Worker to one
 * e621 request per incoming request (this one makes one), and cache answers when traffic grows.
 */
import { E621Client, Posts } from "@effect-e621/core"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

/** The Worker's bindings. */
export interface Env {
  /** Your project's identification, e.g. `"my-worker/1.0 (by you on e621)"`. */
  readonly E621_USER_AGENT: string
  /** Another e621ng (`"e926"`, a URL); e621 when unset. */
  readonly E621_HOST?: string
}

const newest = (tags: string) =>
  Effect.map(Posts.search({ tags, limit: 10 }), (posts) =>
    posts.map((post) => ({
      id: post.id,
      rating: post.rating,
      score: post.score.total,
      artists: post.tags.artist,
      preview: post.preview.url
    })))

export default {
  fetch: (request: Request, env: Env): Promise<Response> =>
    newest(new URL(request.url).searchParams.get("tags") ?? "").pipe(
      Effect.match({
        onSuccess: (posts) => Response.json(posts),
        onFailure: (error) =>
          Response.json({ error: error._tag, message: error.message }, { status: error._tag === "E621InvalidInput" ? 400 : 502 })
      }),
      Effect.provide(
        E621Client.layer({ host: env.E621_HOST ?? "e621", userAgent: env.E621_USER_AGENT }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )
      ),
      Effect.catch((error) => Effect.succeed(Response.json({ error: error._tag, message: error.message }, { status: 500 }))),
      Effect.runPromise
    )
}
