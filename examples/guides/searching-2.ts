// examples/guides/searching-2.ts
import { TagQuery } from "@effect-e621/core"
import type { Post } from "@effect-e621/core"
import { Console, Effect } from "effect"

export const inspect = (input: string, posts: ReadonlyArray<Post.Post>) =>
  Effect.gen(function*() {
    // parse: a string as typed on the site; fails with E621InvalidInput (field "tags") when it cannot be parsed
    const query = yield* TagQuery.parse(input)
    // validate: e621's rules, before any request (40 tags as e621 counts them, 10 levels of groups, ranges, …)
    yield* TagQuery.validate(query)
    yield* Console.log(`${TagQuery.count(query)} of ${TagQuery.tagLimit} tags`)
    yield* Console.log("sorted by", TagQuery.orderOf(query)?.field ?? "id (newest first)")
    // evaluate locally, with e621's semantics (what the fake and Blacklist use)
    const matches = TagQuery.matcher(query)
    return posts.filter(matches)
  })

// Too many tags is caught locally, before a request is made:
export const tooMany = TagQuery.parse(Array.from({ length: 41 }, (_, i) => `tag_${i}`).join(" ")).pipe(
  Effect.flatMap(TagQuery.validate),
  Effect.catchTag("E621InvalidInput", (e) => Console.log(e.field, e.message))
)
