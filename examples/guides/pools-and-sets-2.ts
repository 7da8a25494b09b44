// examples/guides/pools-and-sets-2.ts
import { Pools, Posts, PostSets } from "@effect-e621/core"
import { Effect } from "effect"

// Needs credentials: creating pools and sets, and changing them.
export const collect = Effect.gen(function*() {
  const pool = yield* Pools.create({ name: "Otter Adventures", category: "series", postIds: [101, 102] })
  yield* Pools.addPost(pool.id, 103) // appended at the end
  yield* Pools.addPost("Otter_Adventures", 104) // a pool can be named instead of numbered

  const set = yield* PostSets.create({ name: "Best otters", shortname: "best_otters", isPublic: true })
  yield* PostSets.addPosts(set.id, [201, 202, 203])

  // a set in the order its posts were added: its post_ids, looked up 100 per request
  const { post_ids } = yield* PostSets.get(set.id)
  return yield* Posts.getMany(post_ids)
})
