import { Posts } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FileSystem, Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Sync from "../../examples/sync.ts"

const layer = () =>
  Layer.merge(E621Fake.layer({ posts: 250, seed: 4, client: { credentials: E621Fake.testerCredentials } }), NodeServices.layer)

describe("examples/sync", () => {
  it.effect("builds the file, then brings only changed posts up to date from the stored change_seq", () =>
    Effect.gen(function*() {
      const file = join(mkdtempSync(join(tmpdir(), "e621-sync-")), "data", "posts.json")
      const fake = yield* E621Fake.E621Fake
      const ids = yield* fake.postIds
      const first = yield* Sync.program(file)
      assert.strictEqual(Object.keys(first.snapshot.posts).length, 250)
      let max = 0
      for (const id of ids) max = Math.max(max, (yield* fake.post(id))!.change_seq)
      assert.strictEqual(first.snapshot.changeSeq, max)

      yield* Posts.update(ids[3]!, { tags: { add: ["synced_tag"] } })
      yield* fake.updatePost(ids[100]!, (p) => ({ ...p, flags: { ...p.flags, deleted: true } }))
      yield* Posts.vote(ids[5]!, 1)
      yield* fake.clearRequests

      const second = yield* Sync.program(file)
      assert.deepStrictEqual(second.changed, [ids[3], ids[100]])
      const [request] = yield* fake.requests
      assert.strictEqual(request!.query.tags, `change:>${max} order:change_asc status:any`)
      const onDisk = JSON.parse(yield* (yield* FileSystem.FileSystem).readFileString(file)) as Sync.Snapshot
      assert.deepStrictEqual(onDisk, second.snapshot)
      assert.include(onDisk.posts[ids[3]!]!.tags, "synced_tag")
      assert.isTrue(onDisk.posts[ids[100]!]!.deleted)
      assert.isAbove(onDisk.changeSeq, max)
      assert.strictEqual(Object.keys(onDisk.posts).length, 250)
    }).pipe(Effect.provide(layer())))
})
