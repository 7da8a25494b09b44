import { Post, Posts, TagGraph, TagQuery } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeDbExports } from "@effect-e621/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const layer = E621Fake.layer({ posts: 300, seed: 41 })

/** A small deterministic generator (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe("TagGraph", () => {
  it("keeps only active relationships; resolves aliases at every level, not wildcards or metatags", () => {
    const graph = TagGraph.make({
      aliases: [
        { antecedent_name: "kitty", consequent_name: "domestic_cat", status: "active" },
        { antecedent_name: "doggo", consequent_name: "domestic_dog", status: "pending" },
        { antecedent_name: "pup", consequent_name: "puppy_(young)", status: "queued" },
        { antecedent_name: "old", consequent_name: "new", status: "deleted" }
      ],
      implications: [
        { antecedent_name: "wolf", consequent_name: "canis", status: "active" },
        { antecedent_name: "canis", consequent_name: "canine", status: "processing" },
        { antecedent_name: "canine", consequent_name: "mammal", status: "retired" }
      ]
    })
    const query = TagQuery.make(["kitty", "-doggo", "~pup", "~old", TagQuery.group(["kitty", "kitty*"]), "rating:s"])
    assert.strictEqual(
      TagQuery.render(TagGraph.resolve(graph, query)),
      "domestic_cat -doggo ~puppy_(young) ~old ( domestic_cat kitty* ) rating:s"
    )
    assert.deepStrictEqual([...TagGraph.implied(graph, "wolf")], ["canis", "canine"])
  })

  it.live("offline queries over the exports, with the aliases export, find what the fake's search finds (1,000 queries)", () =>
    Effect.gen(function*() {
      const graph = yield* NodeDbExports.tagGraph
      assert.isAbove(graph.aliases.size, 10)
      const rows = yield* Stream.runCollect(NodeDbExports.stream("posts"))
      const posts = rows.map((row) => NodeDbExports.toPost(row))
      const tags = [...new Set(posts.flatMap(Post.allTags))].sort()
      const antecedents = [...graph.aliases.keys()].sort()
      const next = random(7)
      const pick = <A>(list: ReadonlyArray<A>): A => list[Math.floor(next() * list.length)]!
      const token = () => {
        const r = next()
        const name = r < 0.55 ? pick(tags) : r < 0.85 ? pick(antecedents) : pick(["rating:s", "rating:e", "rating:q", "score:>0"])
        const op = next()
        return op < 0.2 ? `-${name}` : op < 0.4 ? `~${name}` : name
      }
      let withAliases = 0
      for (let i = 0; i < 1000; i++) {
        const items = Array.from({ length: 1 + Math.floor(next() * 3) }, token)
        if (next() < 0.25) items.push("(", token(), token(), ")")
        const query = items.join(" ")
        const parsed = yield* TagQuery.parse(query)
        if (TagGraph.tagNames(parsed).some((name) => graph.aliases.has(name))) withAliases++
        const matches = TagGraph.matcher(graph, parsed)
        const offline = posts.filter(matches).map((p) => p.id).sort((a, b) => a - b)
        const online = (yield* Posts.search({ tags: query, limit: 320 })).map((p) => p.id).sort((a, b) => a - b)
        assert.deepStrictEqual(offline, online, query)
      }
      assert.isAbove(withAliases, 300)
      // and the stream operator over the export itself
      const kitty = yield* NodeDbExports.stream("posts").pipe(
        NodeDbExports.filter("kitty", { tagGraph: graph }),
        Stream.map((row) => row.id),
        Stream.runCollect
      )
      const cats = (yield* Posts.search({ tags: "domestic_cat", limit: 320 })).map((p) => p.id).sort((a, b) => a - b)
      assert.isAbove(cats.length, 0)
      assert.deepStrictEqual([...kitty].sort((a, b) => a - b), cats)
      const unresolved = yield* NodeDbExports.stream("posts").pipe(NodeDbExports.filter("kitty"), Stream.runCollect)
      assert.strictEqual(unresolved.length, 0, "without the graph an alias finds nothing")
    }).pipe(Effect.provide(layer)), 60_000)
})
