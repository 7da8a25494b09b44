// examples/guides/following-2.ts
import { Watch } from "@effect-e621/core"
import { Console, Effect, Ref, Stream } from "effect"

// Fifty followed tags (or any queries) cost one request per poll per 40 tags, not fifty.
const followed = {
  otters: "otter",
  foxes: "fox -comic",
  "my artist": "some_artist rating:s"
}

export const follow = (since: number | undefined, save: (position: number) => Effect.Effect<void>) =>
  Effect.gen(function*() {
    const unseen = yield* Ref.make<Record<string, number>>({})
    yield* Watch.follow(followed, { every: "5 minutes", since }).pipe(
      Stream.runForEach((poll) =>
        Effect.gen(function*() {
          for (const { post, queries } of poll.posts) {
            yield* Console.log(`#${post.id} for ${queries.join(", ")}`)
          }
          // per-query counts of this poll, added up: a "followed tags" screen
          yield* Ref.update(unseen, (counts) => {
            const next = { ...counts }
            for (const [name, n] of Object.entries(poll.counts)) next[name] = (next[name] ?? 0) + n
            return next
          })
          if (poll.hidden > 0) yield* Console.log(`${poll.hidden} hidden by the blacklist`)
          // every poll carries the position, even when nothing came: store it, pass it back as `since`
          yield* save(poll.position)
        })
      )
    )
  })
