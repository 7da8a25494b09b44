/**
 * A Deno script that prints the newest posts for a tag query, with network access to e621 only.
 *
 *   E621_USER_AGENT="my-script/1.0 (by you on e621)" \
 *     deno run --allow-net=e621.net --allow-env=E621_USER_AGENT examples/deno-newest.ts "canine rating:s"
 *
 * Deno has `fetch` and sets `User-Agent` as asked, so the client runs over effect's `FetchHttpClient` as on a
 * server. A second argument points it at another e621ng (`e926`, a URL).
 */
import { E621Client, Posts } from "@effect-e621/core"
import { Console, Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

declare const Deno: {
  readonly args: ReadonlyArray<string>
  readonly env: { get(name: string): string | undefined }
  exit(code: number): never
}

const [tags = "rating:s", host = "e621"] = Deno.args

const program = Effect.gen(function*() {
  const posts = yield* Posts.search({ tags, limit: 10 })
  for (const post of posts) {
    yield* Console.log(`#${post.id} [${post.rating}] score ${post.score.total} ${post.tags.artist.join(", ")}`)
  }
})

program.pipe(
  Effect.provide(
    E621Client.layer({ host, userAgent: Deno.env.get("E621_USER_AGENT") ?? "" }).pipe(Layer.provide(FetchHttpClient.layer))
  ),
  Effect.catch((error) => Effect.andThen(Console.error(`${error._tag}: ${error.message}`), Effect.sync(() => Deno.exit(1)))),
  Effect.runPromise
)
