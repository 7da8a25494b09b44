// examples/guides/writes-1.ts
import { Comments, Favorites, Posts } from "@effect-e621/core"
import { Console, Effect } from "effect"

// Every write needs credentials (see the authentication guide).
export const curate = (postId: number) =>
  Effect.gen(function*() {
    // POST /posts/:id/votes.json — sent with no_unvote=true, so voting twice keeps the vote
    const vote = yield* Posts.vote(postId, 1)
    yield* Console.log(`score ${vote.score} (+${vote.up} / ${vote.down}), ours ${vote.our_score}`)

    // POST /favorites.json
    yield* Favorites.add(postId)

    // PATCH /posts/:id.json with a tag diff: concurrent edits by others survive
    const post = yield* Posts.update(postId, {
      tags: { add: ["otter"], remove: ["tagme"] },
      editReason: "species"
    })
    yield* Console.log(post.tags.species)

    // POST /comments.json
    yield* Comments.create({ postId, body: "Lovely colours!", doNotBumpPost: true })
  })
