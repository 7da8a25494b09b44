import { E621Fake } from "@effect-e621/core/testing"
import { NodeUploads } from "@effect-e621/platform-node"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FileSystem, Layer, Path } from "effect"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"

const layer = Layer.mergeAll(
  E621Fake.layer({ posts: 50, seed: 3, client: { credentials: E621Fake.testerCredentials } }),
  NodeServices.layer
)

const tempFile = (name: string, bytes: Uint8Array | number) => {
  const dir = Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "e621-uploads-"))
  const path = NodePath.join(dir, name)
  if (typeof bytes === "number") {
    const fd = Fs.openSync(path, "w")
    Fs.ftruncateSync(fd, bytes) // sparse: the size without the bytes
    Fs.closeSync(fd)
  } else Fs.writeFileSync(path, bytes)
  return path
}

describe("NodeUploads.fromPath", () => {
  it.effect("uploads a file from disk through HTTP and answers the new Post", () =>
    Effect.gen(function*() {
      const path = tempFile("my art.png", new TextEncoder().encode("png bytes ".repeat(20)))
      const post = yield* NodeUploads.fromPath(path, { tags: "canine solo", rating: "q", description: "from disk" })
      assert.strictEqual(post.rating, "q")
      assert.strictEqual(post.description, "from disk")
      assert.strictEqual(post.file.ext, "png")
      assert.strictEqual(post.uploader_id, E621Fake.TESTER.id)
      const requests = yield* (yield* E621Fake.E621Fake).requests
      assert.deepStrictEqual(requests.map((r) => `${r.method} ${r.path}`), ["POST /uploads.json", `GET /posts/${post.id}.json`])
    }).pipe(Effect.provide(layer)))

  it.effect("an empty file, a file over e621's limit for its type, or a directory is refused before any request", () =>
    Effect.gen(function*() {
      const errors = [
        yield* Effect.flip(NodeUploads.fromPath(tempFile("empty.png", new Uint8Array(0)), { rating: "s" })),
        yield* Effect.flip(NodeUploads.fromPath(tempFile("big.gif", 20 * 1024 * 1024 + 1), { rating: "s" })),
        yield* Effect.flip(NodeUploads.fromPath(NodePath.dirname(tempFile("x.png", 1)), { rating: "s" })),
        yield* Effect.flip(NodeUploads.fromPath(tempFile("notes.txt", new TextEncoder().encode("not an image")), { rating: "s" })),
        yield* Effect.flip(NodeUploads.fromPath(tempFile("huge.webm", 100 * 1024 * 1024 + 1), { rating: "s" }))
      ]
      assert.deepStrictEqual(errors.map((e) => e._tag === "E621InvalidInput" ? e.field : e._tag), ["path", "path", "path", "path", "path"])
      assert.include(errors[3]!.message, "jpg, jpeg, png")
      const missing = yield* Effect.flip(NodeUploads.fromPath("/nonexistent/file.png", { rating: "s" }))
      assert.strictEqual(missing._tag, "PlatformError")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(layer)))

  it.effect("a file that grows between the size check and the read is refused, not sent", () =>
    Effect.gen(function*() {
      const info = yield* Effect.provide(
        Effect.flatMap(FileSystem.FileSystem, (fs) => fs.stat(tempFile("grows.gif", 10))),
        NodeServices.layer
      )
      const growing = FileSystem.layerNoop({
        stat: () => Effect.succeed(info),
        readFile: () => Effect.succeed(new Uint8Array(20 * 1024 * 1024 + 1))
      })
      const error = yield* Effect.flip(NodeUploads.fromPath("/somewhere/grows.gif", { rating: "s" }).pipe(
        Effect.provide(Layer.merge(growing, Path.layer))
      ))
      assert.strictEqual(error._tag === "E621InvalidInput" ? error.field : error._tag, "path")
      assert.strictEqual((yield* (yield* E621Fake.E621Fake).requests).length, 0)
    }).pipe(Effect.provide(layer)))
})
