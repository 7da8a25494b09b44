/**
 * A Bun bot that posts every new e621 upload for a tag query to a Discord (or any) webhook, checking once a
 * minute.
 *
 *   E621_USER_AGENT="tag-bot/1.0 (by you on e621)" DISCORD_WEBHOOK="https://discord.com/api/webhooks/…" \
 *     bun examples/bun-bot.ts "canine rating:s"
 *
 * Bun has `fetch` and sets `User-Agent` as asked, so the client runs over effect's `FetchHttpClient` as on a
 * server, configured from the environment (`E621_USER_AGENT`, and `E621_USERNAME` + `E621_API_KEY` to see what
 * your account sees). It starts from the newest post, so it announces only what is uploaded while it runs.
 */
import { E621Client, Posts } from "@effect-e621/core"
import { Console, Effect, Layer, Schedule } from "effect"
import { FetchHttpClient } from "effect/http"

declare const Bun: { readonly argv: ReadonlyArray<string>; readonly env: Readonly<Record<string, string | undefined>> }

/** Posts one message to the webhook (Discord's `{ content }` body). */
const announce = (webhook: string, content: string) =>
  Effect.tryPromise(() =>
    fetch(webhook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content }) })
  )

/** Every minute, the posts newer than the last one seen, oldest first. */
export const bot = (tags: string, webhook: string) =>
  Effect.gen(function*() {
    let since = (yield* Posts.search({ tags, limit: 1 }))[0]?.id ?? 0
    yield* Console.log(`watching "${tags}" from post #${since}`)
    const round = Effect.gen(function*() {
      const posts = yield* Posts.search({ tags: `${tags} id:>${since}`, limit: 50 })
      for (const post of [...posts].reverse()) {
        yield* announce(webhook, `New: https://e621.net/posts/${post.id} (${post.tags.artist.join(", ") || "unknown artist"})`)
        since = Math.max(since, post.id)
      }
    })
    return yield* Effect.repeat(round, Schedule.spaced("1 minute"))
  })

const webhook = Bun.env.DISCORD_WEBHOOK
if (webhook === undefined || webhook === "") throw new Error("set DISCORD_WEBHOOK to the webhook's URL")

bot(Bun.argv[2] ?? "rating:s", webhook).pipe(
  Effect.provide(E621Client.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
  Effect.runPromise
)
