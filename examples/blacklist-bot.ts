/**
 * A bot loop that never sees what its owner blacklisted: it loads the logged-in user's blacklist once
 * (`Blacklist.fromCurrentUser`, from `/users/me.json`), then every round streams the posts newer than the last
 * one it handled with the `blacklist` option of `Posts.stream` — the rules a search can express are sent as
 * negated tags, the rest are checked locally — and "handles" each remaining post (here: prints it).
 *
 *   E621_USER_AGENT="my-bot/1.0 (by me on e621)" E621_USERNAME=me E621_API_KEY=… \
 *     npx tsx examples/blacklist-bot.ts "canine" 3 "1 minute"
 *
 * `program` needs only `E621Client`: `main` runs it against e621 (configured from the environment), the tests
 * run it against the fake.
 */
import { Posts } from "@effect-e621/core"
import * as Blacklist from "@effect-e621/core/Blacklist"
import { NodeE621 } from "@effect-e621/platform-node"
import { pathToFileURL } from "node:url"
import { Console, Duration, Effect, Stream } from "effect"

export interface Options {
  /** The bot's search. */
  readonly tags: string
  /** Rounds to run (each after `every`). */
  readonly rounds: number
  readonly every: Duration.Input
  /** Handle posts with a larger id (default: only posts newer than the newest one at start). */
  readonly since?: number | undefined
}

export const program = (options: Options) =>
  Effect.gen(function*() {
    const blacklist = yield* Blacklist.fromCurrentUser
    yield* Console.log(`blacklist: ${blacklist.rules.length} rules`)
    let since = options.since ?? (yield* Posts.search({ tags: options.tags, limit: 1 }))[0]?.id ?? 0
    const handled: Array<number> = []
    for (let round = 1; round <= options.rounds; round++) {
      if (round > 1) yield* Effect.sleep(options.every)
      yield* Posts.stream({ tags: [options.tags, `id:>${since}`], blacklist }).pipe(
        Stream.runForEach((post) => {
          handled.push(post.id)
          since = Math.max(since, post.id)
          return Console.log(`round ${round}: #${post.id} [${post.rating}] ${post.tags.artist.join(", ") || "unknown artist"}`)
        })
      )
    }
    return { rules: blacklist.rules.length, handled }
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program({
    tags: process.argv[2] ?? "rating:s",
    rounds: Number(process.argv[3] ?? 3),
    every: (process.argv[4] ?? "1 minute") as Duration.Input
  }).pipe(
    Effect.provide(NodeE621.layerConfig()),
    Effect.runPromise
  )
}
