// examples/guides/searching-1.ts
import { Posts, TagQuery } from "@effect-e621/core"
import { Effect } from "effect"

// Three spellings of the same query
const asString = Posts.search({ tags: "canine -3d rating:s order:score" })
const asTokens = Posts.search({ tags: ["canine", "-3d", "rating:s", "order:score"] })
const asQuery = Posts.search({
  tags: TagQuery.make(["canine", TagQuery.not("3d"), TagQuery.rating("s"), TagQuery.order("score")])
})

// Groups and "any" (~): (fox or wolf), not 3d, score ≥ 50
const grouped = TagQuery.make([
  TagQuery.group([TagQuery.any("fox"), TagQuery.any("wolf")]),
  TagQuery.not("3d"),
  TagQuery.metatag("score", ">=50")
])
console.log(TagQuery.render(grouped)) // ( ~fox ~wolf ) -3d score:>=50

export const all = Effect.all([asString, asTokens, asQuery, Posts.search({ tags: grouped, limit: 10 })])
