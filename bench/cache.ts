/**
 * Read cache: `cache.ts <url> <cache|none> <lookups>` runs a tag-autocomplete loop — `<lookups>` look-ups of
 * which 80 % repeat an earlier prefix, as a user typing in a search box does — against the fake, with
 * `ReadCache` over its bounded in-memory `KeyValueStore` or without it. No client rate limit (the wall time is the
 * client's and the server's work); the parent counts the requests that reached the fake and converts them to
 * e621's budget (1 request/s sustained).
 *
 * @since 0.1.0
 */
import { ReadCache, Tags } from "@effect-e621/core"
import * as NodeE621 from "@effect-e621/platform-node/NodeE621"
import { Effect, Layer } from "effect"
import { now, report, userAgent } from "./harness.ts"

const url = process.argv[2] ?? "http://127.0.0.1:3000"
const mode = process.argv[3] === "cache" ? "cache" : "none"
const lookups = Number(process.argv[4] ?? 1000)

/** A deterministic generator (mulberry32). */
let seed = 42
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const client = NodeE621.layer({ host: url, userAgent, rateLimit: false })
const layer = mode === "cache"
  ? ReadCache.layer().pipe(Layer.provide(client), Layer.provide(ReadCache.layerMemory()))
  : client

const program = Effect.gen(function*() {
  // the vocabulary to type from (one request, the same in both modes, before the clock starts)
  const tags = (yield* Tags.search({ limit: 320, order: "count" })).map((tag) => tag.name)
  const candidates = [...new Set(tags.flatMap((name) => [name.slice(0, 3), name.slice(0, 4), name.slice(0, 5)]))]
    .filter((prefix) => /^[a-z]{3,}$/.test(prefix))
  const typed: Array<string> = []
  for (let i = 0; i < lookups; i++) {
    typed.push(typed.length > 0 && random() < 0.8 ? typed[Math.floor(random() * typed.length)]! : candidates[Math.floor(random() * candidates.length)]!)
  }
  const started = now()
  for (const prefix of typed) yield* Tags.autocomplete(prefix)
  return { millis: now() - started, distinct: new Set(typed).size }
})

program.pipe(Effect.provide(layer), Effect.runPromise).then((result) => {
  report(result)
  process.exit(0)
}, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
