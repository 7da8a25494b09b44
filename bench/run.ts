/**
 * `npm run bench`: every benchmark of issue 8, measured in one run and printed as one markdown table of ratios
 * (absolute times on shared machines are noise; ratios of things measured side by side are not). Each
 * measurement runs in child processes of its own (see `harness.ts`). `npm run bench -- decode stream` runs only
 * the named sections (`decode`, `stream`, `ratelimit`, `memory`, `export`, `bundle`, `cache`, `import`).
 *
 * @since 0.1.0
 */
import { execFileSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Bundle from "./bundle.ts"
import * as ExportFile from "./exportFile.ts"
import * as ImportCost from "./importCost.ts"
import { child, fakeServer, median, now, spawnChild } from "./harness.ts"

interface Row {
  readonly benchmark: string
  readonly measured: string
  readonly baseline: string
  readonly ratio: string
  readonly target: string
  readonly pass: boolean | undefined
}

const rows: Array<Row> = []
const notes: Array<string> = []
const sections = process.argv.slice(2)
const wanted = (name: string) => sections.length === 0 || sections.includes(name)

const ms = (value: number) => value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(2)} ms`
const x = (value: number) => `${value.toFixed(2)}×`
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)

// -------------------------------------------------------------------------------------------------------------
// 1. Decode
// -------------------------------------------------------------------------------------------------------------

interface DecodeResult {
  readonly mode: string
  readonly bytes: { readonly legacy: number; readonly v2: number }
  readonly legacy: { readonly parse: number; readonly decode: number }
  readonly v2: { readonly parse: number; readonly decode: number }
}

const decode = async () => {
  for (const mode of ["interpreter", "jit"] as const) {
    log(`decode (${mode})`)
    const result = await child<DecodeResult>("decode.ts", [mode, "40"])
    for (const shape of ["legacy", "v2"] as const) {
      const { decode, parse } = result[shape]
      const ratio = decode / parse
      rows.push({
        benchmark: `Decode 320 real posts, ${shape} (${Math.round(result.bytes[shape] / 1024)} KiB), ${mode === "jit" ? "Schema JIT (default)" : "interpreter"}`,
        measured: `parse + decode ${ms(decode)}`,
        baseline: `\`JSON.parse\` ${ms(parse)}`,
        ratio: x(ratio),
        target: mode === "jit" ? "≤ 1.5×" : "(reference)",
        pass: mode === "jit" ? ratio <= 1.5 : undefined
      })
    }
  }
}

// -------------------------------------------------------------------------------------------------------------
// 2–3. Streaming throughput and rate-limit fidelity (one fake server process)
// -------------------------------------------------------------------------------------------------------------

interface WalkResult {
  readonly client: string
  readonly posts: number
  readonly ms: number
  readonly cpuMs: number
  readonly times: ReadonlyArray<number>
  readonly cpu: ReadonlyArray<number>
}

const streamPosts = 50_000
const rounds = 3

const throughput = async (url: string) => {
  const times: Record<string, Array<number>> = { fetch: [], effect: [], e621: [] }
  const cpu: Record<string, Array<number>> = { fetch: [], effect: [], e621: [] }
  let posts = 0
  for (let round = 0; round < rounds; round++) {
    for (const client of ["fetch", "effect", "e621"] as const) {
      log(`stream round ${round + 1}/${rounds}: ${client}`)
      const result = await child<WalkResult>("walk.ts", [client, url, "2"])
      if (posts !== 0 && result.posts !== posts) throw new Error(`${client} saw ${result.posts} posts, others ${posts}`)
      posts = result.posts
      times[client]!.push(...result.times)
      cpu[client]!.push(...result.cpu)
    }
  }
  const wall = (client: string) => median(times[client]!)
  const cpuOf = (client: string) => median(cpu[client]!)
  const pages = Math.ceil((posts + 1) / 320)
  rows.push({
    benchmark: `Stream ${posts.toLocaleString("en")} posts (${pages} pages) from the fake over localhost HTTP, limiter off: \`Posts.stream\` vs raw \`fetch\` + \`JSON.parse\` loop (wall)`,
    measured: ms(wall("effect")),
    baseline: ms(wall("fetch")),
    ratio: x(wall("effect") / wall("fetch")),
    target: "≤ 1.15×",
    pass: wall("effect") / wall("fetch") <= 1.15
  })
  rows.push({
    benchmark: "… same walk: `Posts.stream` vs npm `e621` 2.2.6 (`E621.Custom` → the fake) (wall)",
    measured: ms(wall("effect")),
    baseline: ms(wall("e621")),
    ratio: x(wall("effect") / wall("e621")),
    target: "< 1×",
    pass: wall("effect") < wall("e621")
  })
  rows.push({
    benchmark: "… client CPU time: `Posts.stream` vs raw loop / vs `e621`",
    measured: ms(cpuOf("effect")),
    baseline: `${ms(cpuOf("fetch"))} / ${ms(cpuOf("e621"))}`,
    ratio: `${x(cpuOf("effect") / cpuOf("fetch"))} / ${x(cpuOf("effect") / cpuOf("e621"))}`,
    target: "(reference)",
    pass: undefined
  })
}

interface LoggedRequest {
  readonly at: number
  readonly status: number
  readonly url: string
}

const rateLimit = async (server: { readonly url: string; readonly ask: <A>(command: string) => Promise<A> }) => {
  const configured = 10
  const seconds = 10
  log(`rate limit: ${configured}/s for ${seconds} s`)
  await server.ask("clear")
  await child("ratelimit.ts", [server.url, String(seconds)])
  const { requests } = await server.ask<{ readonly requests: ReadonlyArray<LoggedRequest> }>("log")
  const arrivals = requests.filter((r) => r.url.includes("/posts.json")).map((r) => r.at).sort((a, b) => a - b)
  const span = (arrivals[arrivals.length - 1]! - arrivals[0]!) / 1000
  const rate = (arrivals.length - 1) / span
  // e621's rule as the fake applies it (a request is over when the sliding second before it already holds the
  // limit), here with the configured limit instead of e621's 2/s.
  let violations = 0
  let gap = Number.POSITIVE_INFINITY
  for (let i = 0; i < arrivals.length; i++) {
    let inWindow = 0
    for (let j = i - 1; j >= 0 && arrivals[j]! > arrivals[i]! - 1000; j--) inWindow++
    if (inWindow >= configured) violations++
    if (i > 0) gap = Math.min(gap, arrivals[i]! - arrivals[i - 1]!)
  }
  const ratio = rate / configured
  rows.push({
    benchmark: `Rate limit: \`{ limit: 1, window: "100 millis" }\` (10 requests/s) for ${seconds} s against the fake — achieved rate (${arrivals.length} requests, shortest gap ${gap} ms)`,
    measured: `${rate.toFixed(2)} req/s`,
    baseline: `${configured} req/s configured`,
    ratio: x(ratio),
    target: "0.95–1.00× (client stretches windows by 5 %)",
    pass: ratio >= 0.95 && ratio <= 1
  })
  rows.push({
    benchmark: "… requests over 10 in any sliding second (fake's arrival log)",
    measured: String(violations),
    baseline: "—",
    ratio: "—",
    target: "0",
    pass: violations === 0
  })
}

const stream = async () => {
  log(`starting the fake with ${streamPosts.toLocaleString("en")} posts`)
  const server = await fakeServer({ posts: streamPosts, seed: 1 })
  try {
    if (wanted("stream")) await throughput(server.url)
    if (wanted("ratelimit")) await rateLimit(server)
  } finally {
    await server.close()
  }
}

// -------------------------------------------------------------------------------------------------------------
// 4. Memory
// -------------------------------------------------------------------------------------------------------------

const memoryPosts = 200_000

interface MemoryResult {
  readonly client: string
  readonly posts: number
  readonly baselineMb: number
  readonly peakMb: number
  readonly quartersMb: ReadonlyArray<number>
}

/** V8's young generation, in MB per semi-space: Node 22 lets it grow to 16 (up to ~50 MB of RSS); 4 caps it. */
const smallYoungGeneration = "--max-semi-space-size=4"

const memory = async () => {
  log(`starting the fake with ${memoryPosts.toLocaleString("en")} posts`)
  const server = await fakeServer({ posts: memoryPosts, seed: 2 })
  try {
    for (const nodeArgs of [[], [smallYoungGeneration]]) {
      const runs: Record<string, Array<MemoryResult>> = { effect: [], http: [] }
      for (let round = 0; round < rounds; round++) {
        for (const client of ["http", "effect"] as const) {
          log(`memory round ${round + 1}/${rounds}: ${client} ${nodeArgs.join(" ")}`)
          runs[client]!.push(await child<MemoryResult>("memory.ts", [client, server.url, String(memoryPosts)], nodeArgs))
        }
      }
      // the run with the median peak of each client
      const pick = (client: string) => [...runs[client]!].sort((a, b) => a.peakMb - b.peakMb)[Math.floor(rounds / 2)]!
      const ours = pick("effect")
      const floor = pick("http")
      const [first, , , last] = ours.quartersMb
      const flat = last! <= first! * 1.1
      rows.push({
        benchmark: nodeArgs.length === 0
          ? `Memory: peak RSS streaming ${ours.posts.toLocaleString("en")} posts with \`Posts.stream\` + \`Stream.runForEach\` (peak per quarter: ${ours.quartersMb.join(" / ")} MB; ${ours.baselineMb} MB before the first request) vs Node's \`http.get\` + \`JSON.parse\` loop (${floor.baselineMb} MB before the first request), default Node`
          : `… same walk, \`node ${nodeArgs.join(" ")}\` (peak per quarter: ${ours.quartersMb.join(" / ")} MB)`,
        measured: `${ours.peakMb} MB`,
        baseline: `${floor.peakMb} MB`,
        ratio: x(ours.peakMb / floor.peakMb),
        target: "≤ 120 MB, flat",
        pass: ours.peakMb <= 120 && flat
      })
    }
  } finally {
    await server.close()
  }
}

// -------------------------------------------------------------------------------------------------------------
// 5. Database export
// -------------------------------------------------------------------------------------------------------------

const exportBytes = 200_000_000

const gunzipMs = (file: string): number => {
  const start = now()
  execFileSync("sh", ["-c", `gzip -dc '${file}' > /dev/null`])
  return now() - start
}

const dbExport = async () => {
  log("export: generating (cached in the temp directory after the first run)")
  const file = await ExportFile.ensure(exportBytes)
  const size = Fs.statSync(file).size
  const server = spawnChild("files.ts", [file])
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.on("error", reject)
      server.stdout!.setEncoding("utf8").on("data", (text: string) => {
        const line = text.split("\n").find((l) => l.startsWith("@@result "))
        if (line !== undefined) resolve((JSON.parse(line.slice(9)) as { url: string }).url)
      })
    })
    const ours: Array<number> = []
    const gzip: Array<number> = []
    let result: { rows: number; ms: number; baselineMb: number; peakMb: number } | undefined
    for (let i = 0; i < 2; i++) {
      log(`export: gzip -dc, run ${i + 1}`)
      gzip.push(gunzipMs(file))
      log(`export: NodeDbExports.stream, run ${i + 1}`)
      const run = await child<{ rows: number; ms: number; baselineMb: number; peakMb: number }>("dbexport.ts", [url, String(size)])
      ours.push(run.ms)
      result = result === undefined || run.peakMb > result.peakMb ? run : result
    }
    const ratio = median(ours) / median(gzip)
    rows.push({
      benchmark: `DB export: \`NodeDbExports.stream("posts")\` of a generated ${Math.round(exportBytes / 1e6)} MB export (${Math.round(size / 1e6)} MB gzipped, ${result!.rows.toLocaleString("en")} rows; download + gunzip + CSV + typed rows) vs \`gzip -dc > /dev/null\``,
      measured: ms(median(ours)),
      baseline: ms(median(gzip)),
      ratio: x(ratio),
      target: "≤ 2.5×",
      pass: ratio <= 2.5
    })
    rows.push({
      benchmark: `… peak RSS of that stream (${result!.baselineMb} MB before the download)`,
      measured: `${result!.peakMb} MB`,
      baseline: "—",
      ratio: "—",
      target: "≤ 150 MB",
      pass: result!.peakMb <= 150
    })
  } finally {
    server.stdin!.end()
  }
}

// -------------------------------------------------------------------------------------------------------------
// 7. Read cache
// -------------------------------------------------------------------------------------------------------------

const cache = async () => {
  const lookups = 1000
  log(`read cache: ${lookups} autocomplete look-ups, 80 % repeats`)
  const server = await fakeServer({ posts: 2_000, seed: 3 })
  try {
    const measured: Record<string, { readonly millis: number; readonly requests: number; readonly distinct: number }> = {}
    for (const mode of ["none", "cache"] as const) {
      await server.ask("clear")
      const result = await child<{ readonly millis: number; readonly distinct: number }>("cache.ts", [server.url, mode, String(lookups)])
      const { requests } = await server.ask<{ readonly requests: ReadonlyArray<LoggedRequest> }>("log")
      measured[mode] = { ...result, requests: requests.filter((r) => r.url.includes("/tags/autocomplete.json")).length }
    }
    const none = measured.none!
    const cached = measured.cache!
    rows.push({
      benchmark: `Read cache: ${lookups} tag-autocomplete look-ups, 80 % repeats (${cached.distinct} distinct) — requests sent`,
      measured: `${cached.requests} with \`ReadCache\``,
      baseline: `${none.requests} without`,
      ratio: x(cached.requests / none.requests),
      target: "= distinct / look-ups",
      pass: cached.requests === cached.distinct
    })
    rows.push({
      benchmark: "… wall time against the local fake (no client limit)",
      measured: ms(cached.millis),
      baseline: ms(none.millis),
      ratio: x(cached.millis / none.millis),
      target: "< 1×",
      pass: cached.millis < none.millis
    })
    rows.push({
      benchmark: "… time at e621's sustained 1 request/s (requests × 1 s)",
      measured: `${cached.requests} s`,
      baseline: `${none.requests} s`,
      ratio: x(cached.requests / none.requests),
      target: "(budget saved)",
      pass: undefined
    })
  } finally {
    await server.close()
  }
}

// -------------------------------------------------------------------------------------------------------------
// 6. Bundle size (browsers, Workers)
// -------------------------------------------------------------------------------------------------------------

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const bundleSize = async () => {
  log("bundle size")
  const size = await Bundle.measure()
  const share = (bytes: number) => bytes / (size.ours + size.effect + size.other)
  rows.push({
    benchmark: `Bundle: \`Posts.search\` + \`E621Client\` over \`FetchHttpClient\` (esbuild, minified, split as a browser build; gzipped) — what the page loads (${kib(size.lazy)} more in chunks loaded on demand)`,
    measured: `${kib(size.minified)}; ${kib(size.gzipped)} gzipped`,
    baseline: "—",
    ratio: "—",
    target: "(measured)",
    pass: undefined
  })
  rows.push({
    benchmark: "… effect-e621's share vs effect's (minified bytes from the esbuild metafile; gzipped in proportion)",
    measured: `ours ${kib(size.ours)} (≈ ${kib(size.gzipped * share(size.ours))} gz)`,
    baseline: `effect ${kib(size.effect)} (≈ ${kib(size.gzipped * share(size.effect))} gz)`,
    ratio: x(size.ours / size.effect),
    target: "ours ≤ 20 KiB gz (#16)",
    pass: size.gzipped * share(size.ours) <= 20 * 1024
  })
}

// -------------------------------------------------------------------------------------------------------------
// 8. Import cost (issue 16's targets)
// -------------------------------------------------------------------------------------------------------------

const importRuns = 7

const importCost = async () => {
  const cost = await ImportCost.measure(importRuns, log)
  const base = cost.effect
  const mb = (value: number) => `${value.toFixed(1)} MB`
  const timeRatio = (ms: number) => ms / base.ms
  rows.push({
    benchmark: `Import cost (fresh \`node\` process, compiled \`dist/\`, median of ${importRuns}): effect's own \`NodeHttpClient\` + \`Schema\` + \`Stream\` — the baseline`,
    measured: `${ms(base.ms)} (CPU ${ms(base.cpuMs)}), ${mb(base.rssMb)}`,
    baseline: "—",
    ratio: "—",
    target: "(baseline)",
    pass: undefined
  })
  rows.push({
    benchmark: "… the README's import, `NodeE621` from `@effect-e621/platform-node` + `Posts` from `@effect-e621/core`: time",
    measured: `${ms(cost.canonical.ms)} (CPU ${ms(cost.canonical.cpuMs)})`,
    baseline: `${ms(base.ms)} (CPU ${ms(base.cpuMs)})`,
    ratio: `${x(timeRatio(cost.canonical.ms))} (CPU ${x(cost.canonical.cpuMs / base.cpuMs)})`,
    target: "≤ 1.3× (#16)",
    pass: timeRatio(cost.canonical.ms) <= 1.3
  })
  const extra = cost.canonical.rssMb - base.rssMb
  rows.push({
    benchmark: "… the same import: RSS at exit",
    measured: mb(cost.canonical.rssMb),
    baseline: mb(base.rssMb),
    ratio: `+${mb(extra)}`,
    target: "≤ +12 MB (#16)",
    pass: extra <= 12
  })
  rows.push({
    benchmark: `… \`e621 --version\` (the package's bin): time (RSS ${mb(cost.bin.rssMb)})`,
    measured: `${ms(cost.bin.ms)} (CPU ${ms(cost.bin.cpuMs)})`,
    baseline: `${ms(base.ms)} (CPU ${ms(base.cpuMs)})`,
    ratio: `${x(timeRatio(cost.bin.ms))} (CPU ${x(cost.bin.cpuMs / base.cpuMs)})`,
    target: "≤ 1.5× (#16)",
    pass: timeRatio(cost.bin.ms) <= 1.5
  })
}

// -------------------------------------------------------------------------------------------------------------

const main = async () => {
  const started = now()
  const load = Os.loadavg()[0]!
  if (wanted("decode")) await decode()
  if (wanted("stream") || wanted("ratelimit")) await stream()
  if (wanted("memory")) await memory()
  if (wanted("export")) await dbExport()
  if (wanted("bundle")) await bundleSize()
  if (wanted("cache")) await cache()
  if (wanted("import")) await importCost()
  const mark = (pass: boolean | undefined) => pass === undefined ? "" : pass ? "✅" : "❌"
  const lines = [
    "| Benchmark | Measured | Baseline | Ratio | Target | |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.benchmark} | ${r.measured} | ${r.baseline} | ${r.ratio} | ${r.target} | ${mark(r.pass)} |`)
  ]
  const cpus = Os.cpus()
  notes.push(
    `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, load average ${load.toFixed(1)} at start; ` +
      `${Math.round((now() - started) / 1000)} s in all. Times are medians of ${rounds * 2} walks (streaming), 40 batches (decode), 2 runs (export), ${importRuns} processes each (import cost).`
  )
  process.stdout.write(`${lines.join("\n")}\n\n${notes.join("\n")}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
