/**
 * Walk a pool in reading order and print its pages — downloads nothing.
 *
 *   E621_USER_AGENT="my-bot/1.0 (by me on e621)" npx tsx examples/pool-pages.ts 36878
 *
 * `Pools.posts` reads the pool, then its posts in batches of 100, in the pool's own order; pages whose post was
 * deleted or is hidden from this viewer are printed as missing rather than skipped, so page numbers stay right.
 * `program` needs only `E621Client`: `main` runs it against e621 (configured from the environment), the tests
 * run it against the fake. It returns the printed lines.
 */
import * as Pools from "@effect-e621/core/api/Pools"
import { NodeE621 } from "@effect-e621/platform-node"
import { pathToFileURL } from "node:url"
import { Console, Effect, Stream } from "effect"

/** One printed line per page: `page 3/12  #4521 png 1200x900 https://…`, or `page 4/12  #4522 missing (deleted)`. */
const line = (page: Pools.PoolPost, total: number): string => {
  const head = `page ${page.index + 1}/${total}  #${page.postId}`
  if (page._tag === "Missing") return `${head} missing (${page.reason})`
  const { ext, height, url, width } = page.post.file
  return `${head} ${ext} ${width}x${height} ${url ?? ""}`.trimEnd()
}

export const program = (poolId: number) =>
  Effect.gen(function*() {
    const pool = yield* Pools.get(poolId)
    yield* Console.log(`${pool.name.replace(/_/g, " ")} (${pool.category}, ${pool.post_count} posts)`)
    const lines: Array<string> = []
    yield* Pools.posts(poolId).pipe(
      Stream.runForEach((page) => {
        const text = line(page, pool.post_count)
        lines.push(text)
        return Console.log(text)
      })
    )
    return lines
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program(Number(process.argv[2] ?? 36878)).pipe(
    Effect.provide(NodeE621.layerConfig()),
    Effect.runPromise
  )
}
