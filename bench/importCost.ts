/**
 * Import cost (issue 16, "pay for what you use"): wall time and RSS of a fresh Node process that loads
 *
 * - `effect` — effect's own `NodeHttpClient` + `Schema` + `Stream` (`importEffect.ts`), the baseline;
 * - `canonical` — the README's first lines, `NodeE621` from `@effect-e621/platform-node` plus `Posts` from
 *   `@effect-e621/core` (`importCanonical.ts`);
 * - `bin` — `e621 --version` (the package's `bin/e621.js`).
 *
 * Each process runs the compiled JavaScript on plain Node (as the other bench children) with `exitRss.ts`
 * preloaded, which reports its RSS as it exits; the time is the parent's, from spawn to exit, so Node's own
 * start-up is in every figure (and cancels out in the ratios). Runs alternate between the three, and each figure
 * is the median of its runs.
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { median, now, root } from "./harness.ts"

/**
 * What is loaded.
 *
 * @since 0.1.0
 */
export type Subject = "effect" | "canonical" | "bin"

/**
 * Median wall time (ms) and RSS at exit (MB) of one subject.
 *
 * @since 0.1.0
 */
export interface Cost {
  readonly ms: number
  /** CPU time of the process, user + system (ms). */
  readonly cpuMs: number
  readonly rssMb: number
}

const script: Record<Subject, ReadonlyArray<string>> = {
  effect: [Path.join(root, "bench/dist/importEffect.js")],
  canonical: [Path.join(root, "bench/dist/importCanonical.js")],
  bin: [Path.join(root, "packages/platform-node/bin/e621.js"), "--version"]
}

const once = (subject: Subject): Promise<Cost> =>
  new Promise((resolve, reject) => {
    const started = now()
    const proc = spawn(process.execPath, ["--import", Path.join(root, "bench/dist/exitRss.js"), ...script[subject]], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"]
    })
    let rss: number | undefined
    let cpu = 0
    Readline.createInterface({ input: proc.stdout }).on("line", (line) => {
      if (line.startsWith("@@result ")) ({ cpu, rss } = JSON.parse(line.slice(9)) as { readonly rss: number; readonly cpu: number })
    })
    proc.on("error", reject)
    proc.on("close", (code) => {
      const ms = now() - started
      if (code === 0 && rss !== undefined) resolve({ ms, cpuMs: cpu, rssMb: rss / 1e6 })
      else reject(new Error(`import cost: ${subject} exited with ${code}`))
    })
  })

/**
 * Runs every subject `runs` times, alternating, and returns the medians.
 *
 * @since 0.1.0
 */
export const measure = async (runs: number, log: (message: string) => void): Promise<Record<Subject, Cost>> => {
  const samples: Record<Subject, Array<Cost>> = { effect: [], canonical: [], bin: [] }
  for (let run = 0; run < runs; run++) {
    log(`import cost: run ${run + 1}/${runs}`)
    for (const subject of ["effect", "canonical", "bin"] as const) samples[subject].push(await once(subject))
  }
  const of = (subject: Subject): Cost => ({
    ms: median(samples[subject].map((c) => c.ms)),
    cpuMs: median(samples[subject].map((c) => c.cpuMs)),
    rssMb: median(samples[subject].map((c) => c.rssMb))
  })
  return { effect: of("effect"), canonical: of("canonical"), bin: of("bin") }
}
