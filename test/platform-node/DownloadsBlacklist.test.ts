import { Blacklist, Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { Downloads } from "@effect-e621/platform-node"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"

const layer = Layer.mergeAll(
  E621Fake.layer({ posts: 200, seed: 12, files: true, client: { blacklist: "rating:e" } }),
  NodeServices.layer
)

describe("Downloads and the blacklist client option", () => {
  it.live("posts the client's blacklist hides are not downloaded, and are counted; blacklist: false downloads them", () =>
    Effect.gen(function*() {
      const posts = yield* Posts.search({ tags: "-status:deleted", limit: 30, blacklist: false })
      const explicit = posts.filter((p) => p.rating === "e").length
      assert.isAbove(explicit, 0)
      const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "e621-blacklist-"))
      const outcomes = yield* Downloads.all(Stream.fromIterable(posts), dir).pipe(Stream.runCollect)
      assert.deepStrictEqual(outcomes.map((o) => o.post.id), posts.filter((p) => p.rating !== "e").map((p) => p.id))
      assert.strictEqual(yield* Blacklist.hidden, explicit)
      const fake = yield* E621Fake.E621Fake
      yield* fake.clearRequests
      const unfiltered = yield* Downloads.all(Stream.fromIterable(posts.filter((p) => p.rating === "e")), dir, { blacklist: false })
        .pipe(Stream.runCollect)
      assert.strictEqual(unfiltered.length, explicit)
      assert.isTrue(unfiltered.every((o) => o._tag === "Downloaded"))
    }).pipe(Effect.provide(layer)))
})
