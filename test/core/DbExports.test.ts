import * as DbExports from "@effect-e621/core/api/DbExports"
import * as E621Client from "@effect-e621/core/E621Client"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"

const layer = E621Fake.layer({ posts: 50, seed: 1 })

/** A site with exports disabled: e621's JSON 404. */
const disabled = E621Client.layer({ host: "e621", userAgent: E621Fake.userAgent, retry: false }).pipe(
  Layer.provide(Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.succeed(HttpClientResponse.fromWeb(
        request,
        new Response(JSON.stringify({ success: false, reason: "not found" }), {
          status: 404,
          headers: { "content-type": "application/json" }
        })
      ))
    )
  ))
)

describe("DbExports", () => {
  it.effect("list gives every export, ordered by name, with sizes and URLs", () =>
    Effect.gen(function*() {
      const exports = yield* DbExports.list
      const names = exports.map((e) => e.name)
      assert.deepStrictEqual(names, [...names].sort())
      const posts = exports.find((e) => e.name === "posts")!
      assert.strictEqual(posts.file_name, "posts.csv.gz")
      assert.isAbove(posts.file_size, 0)
      assert.match(posts.url, /\/data\/db_export\/posts\.csv\.gz$/)
    }).pipe(Effect.provide(layer)))

  it.effect("a site with exports disabled answers 404 → E621NotFound", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(DbExports.list)
      assert.strictEqual(error._tag, "E621NotFound")
    }).pipe(Effect.provide(disabled)))
})
