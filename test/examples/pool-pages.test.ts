import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Console, Effect } from "effect"
import * as PoolPages from "../../examples/pool-pages.ts"

const fake = E621Fake.layer({ posts: 3_000, seed: 13 })

/** A Console that keeps what `log` prints. */
const capture = () => {
  const lines: Array<string> = []
  const console: Console.Console = { ...globalThis.console, log: (...args: ReadonlyArray<unknown>) => lines.push(args.join(" ")) }
  return { lines, console }
}

describe("examples/pool-pages", () => {
  it.effect("prints every page in the pool's order, a deleted page as missing, and downloads nothing", () =>
    Effect.gen(function*() {
      const data = yield* E621Fake.E621Fake
      const pool = (yield* data.pools).find((p) => p.post_ids.length >= 6)!
      const gone = pool.post_ids[3]!
      yield* data.updatePost(gone, (post) => ({ ...post, flags: { ...post.flags, deleted: true } }))
      const { console, lines } = capture()
      const returned = yield* PoolPages.program(pool.id).pipe(Effect.provideService(Console.Console, console))
      assert.strictEqual(lines.length, pool.post_ids.length + 1)
      assert.include(lines[0]!, `${pool.post_count} posts`)
      assert.deepStrictEqual(lines.slice(1), [...returned])
      const printedIds = lines.slice(1).map((line) => Number(/#(\d+)/.exec(line)![1]))
      assert.deepStrictEqual(printedIds, pool.post_ids)
      lines.slice(1).forEach((line, i) => assert.isTrue(line.startsWith(`page ${i + 1}/${pool.post_count} `), line))
      assert.match(lines[4]!, /missing \(deleted\)$/)
      const paths = new Set((yield* data.requests).map((r) => r.path))
      assert.deepStrictEqual([...paths].sort(), ["/pools/" + pool.id + ".json", "/posts.json"].sort())
    }).pipe(Effect.provide(fake)))
})
