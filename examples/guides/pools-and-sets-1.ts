// examples/guides/pools-and-sets-1.ts
import { Pools } from "@effect-e621/core"
import { Console, Effect, Stream } from "effect"

// Pages of a comic in reading order. Deleted or hidden pages are reported in place, never dropped.
export const readComic = (poolId: number) =>
  Effect.gen(function*() {
    const pool = yield* Pools.get(poolId) // GET /pools/:id.json
    yield* Console.log(pool.name.replace(/_/g, " "), `${pool.post_count} pages`)
    yield* Pools.posts(poolId).pipe(
      Stream.runForEach((page) =>
        page._tag === "Found"
          ? Console.log(`page ${page.index + 1}: ${page.post.file.url}`)
          : Console.log(`page ${page.index + 1}: post ${page.postId} is ${page.reason}`)
      )
    )
  })
