/**
 * Decode benchmark, one child process per compiler: `decode.ts interpreter|jit`. Times `JSON.parse` of the real
 * 320-post page (rs621 fixture) against `JSON.parse` + decode, for the legacy shape (`{"posts":[…]}`, decoded
 * with `Post`) and the v2 shape (the same posts encoded with `PostV2`, decoded with `PostV2`), exactly as the
 * client's list decoder does (`Schema.decodeUnknownResult(Schema.Array(…), { errors: "first" })`).
 *
 * The two timings alternate in small batches so that machine noise hits both alike; the result is the median
 * over batches.
 *
 * @since 0.1.0
 */
import { Post } from "@effect-e621/core"
import { Result, Schema } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { median, now, report, root } from "./harness.ts"

const mode = process.argv[2] === "jit" ? "jit" : "interpreter"
const batches = Number(process.argv[3] ?? 60)
const perBatch = 10

const fixture = Fs.readFileSync(Path.join(root, "test/fixtures/real/rs621/320_fluffy_rating-s.json"), "utf8")

const legacyList = Schema.Array(Post.Post)
const v2List = Schema.Array(Post.PostV2)

// The v2 page is built with the interpreter (encoding), before the decoders are compiled.
const legacyPosts = Schema.decodeUnknownSync(legacyList)((JSON.parse(fixture) as { posts: unknown }).posts)
const v2Text = JSON.stringify(Schema.encodeSync(v2List)(legacyPosts))

if (mode === "jit") {
  SchemaJITCompiler.enable(legacyList.ast)
  SchemaJITCompiler.enable(v2List.ast)
}
const decodeLegacy = Schema.decodeUnknownResult(legacyList, { errors: "first" })
const decodeV2 = Schema.decodeUnknownResult(v2List, { errors: "first" })

let sink = 0

const parseOnly = (text: string) => () => {
  sink += (JSON.parse(text) as { length?: number }).length ?? 1
}

const parseAndDecode = (text: string, decode: (u: unknown) => Result.Result<ReadonlyArray<Post.Post>, unknown>, wrapped: boolean) => () => {
  const body = JSON.parse(text) as { posts: unknown }
  const result = decode(wrapped ? body.posts : body)
  if (Result.isFailure(result)) throw new Error(`decode failed: ${String(result.failure)}`)
  sink += result.success.length
}

/** Median ms per call of `a` and of `b`, measured in alternating batches after a warm-up. */
const compare = (a: () => void, b: () => void) => {
  for (let i = 0; i < 100; i++) {
    a()
    b()
  }
  const ta: Array<number> = []
  const tb: Array<number> = []
  for (let batch = 0; batch < batches; batch++) {
    let start = now()
    for (let i = 0; i < perBatch; i++) a()
    ta.push((now() - start) / perBatch)
    start = now()
    for (let i = 0; i < perBatch; i++) b()
    tb.push((now() - start) / perBatch)
  }
  return { parse: median(ta), decode: median(tb) }
}

const legacy = compare(parseOnly(fixture), parseAndDecode(fixture, decodeLegacy, true))
const v2 = compare(parseOnly(v2Text), parseAndDecode(v2Text, decodeV2, false))

report({
  mode,
  bytes: { legacy: fixture.length, v2: v2Text.length },
  legacy,
  v2,
  sink
})
