/**
 * A bot that posts new uploads for a tag query and never sees what its owner blacklisted. It loads the
 * logged-in user's blacklist once (`Blacklist.fromCurrentUser`, from `/users/me.json`) and follows the query
 * with `Watch.follow` (the many-query form of `Posts.watch`): every tick, the posts uploaded since the last
 * poll, oldest first, each once; blacklisted ones are hidden and counted. Each poll carries the position to
 * store, so a restarted bot passes it back as `since` and misses nothing.
 *
 *   E621_USER_AGENT="my-bot/1.0 (by me on e621)" E621_USERNAME=me E621_API_KEY=… \
 *     npx tsx examples/blacklist-bot.ts "canine" "1 minute"
 *
 * `program` needs only `E621Client`: `main` runs it against e621 (configured from the environment), the tests
 * run it against the fake.
 */
import { Watch } from "@effect-e621/core"
import * as Blacklist from "@effect-e621/core/Blacklist"
import { NodeE621 } from "@effect-e621/platform-node"
import { pathToFileURL } from "node:url"
import { Console, Duration, Effect, Schedule, Stream } from "effect"

export interface Options {
  /** The bot's search. */
  readonly tags: string
  readonly every: Duration.Input
  /** Polls to run before stopping (default: run for ever). */
  readonly rounds?: number | undefined
  /** The stored position: handle posts with a larger id (default: only posts uploaded from now on). */
  readonly since?: number | undefined
}

export const program = (options: Options) =>
  Effect.gen(function*() {
    const blacklist = yield* Blacklist.fromCurrentUser
    yield* Console.log(`blacklist: ${blacklist.rules.length} rules`)
    const every = options.rounds === undefined
      ? Schedule.spaced(options.every)
      : Schedule.spaced(options.every).pipe(Schedule.upTo({ times: options.rounds }))
    const handled: Array<number> = []
    let hidden = 0
    let position = options.since
    yield* Watch.follow({ bot: options.tags }, { every, since: options.since, blacklist }).pipe(
      Stream.runForEach((poll) =>
        Effect.gen(function*() {
          for (const { post } of poll.posts) {
            handled.push(post.id)
            yield* Console.log(`#${post.id} [${post.rating}] ${post.tags.artist.join(", ") || "unknown artist"}`)
          }
          hidden += poll.hidden
          position = poll.position // a real bot stores this (a file, a database) and passes it as `since`
        })
      )
    )
    return { rules: blacklist.rules.length, handled, hidden, position }
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program({ tags: process.argv[2] ?? "rating:s", every: (process.argv[3] ?? "1 minute") as Duration.Input }).pipe(
    Effect.provide(NodeE621.layerConfig()),
    Effect.runPromise
  )
}
