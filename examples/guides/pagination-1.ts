// examples/guides/pagination-1.ts
import { Posts } from "@effect-e621/core"
import { Effect } from "effect"

export const pages = Effect.gen(function*() {
  // numbered pages: 1..750, then e621 answers 410 (E621PageLimit)
  const second = yield* Posts.search({ tags: "otter", limit: 320, page: 2 })
  // cursors: "b<id>" = posts with ids below <id>, "a<id>" = above; no cap
  const last = second.at(-1)
  const next = last === undefined ? [] : yield* Posts.search({ tags: "otter", limit: 320, page: `b${last.id}` })
  return [...second, ...next]
})
