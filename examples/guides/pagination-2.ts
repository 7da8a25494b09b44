// examples/guides/pagination-2.ts
import { Comments, Posts, Tags } from "@effect-e621/core"
import { Console, Effect, Stream } from "effect"

// id order (no order: metatag): b<id> cursors, no page cap, no duplicates
export const everyOtter = Posts.stream({ tags: "otter", pageSize: 320, prefetch: 2 }).pipe(
  Stream.runFold(() => 0, (n) => n + 1)
)

// another order: numbered pages, which stop at page 750 — or fail with E621PageLimit
export const bestOtters = Posts.stream({ tags: "otter order:score", onPageLimit: "fail" }).pipe(
  Stream.take(1000),
  Stream.runCollect
)

// every family's stream takes that family's search parameters (camelCase), plus pageSize
export const artistTags = Tags.stream({ category: "artist", order: "count", pageSize: 100 }).pipe(
  Stream.take(500),
  Stream.runForEach((tag) => Console.log(tag.name, tag.post_count))
)

export const commentsOnAPost = Comments.stream({ postId: 3291457 }).pipe(Stream.runCollect, Effect.map((c) => c.length))
