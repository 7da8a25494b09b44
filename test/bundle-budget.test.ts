/**
 * The size budget of a browser page that searches (#16: "pay for what you use"): `npm run bench -- bundle`
 * bundles `Posts.search` + `E621Client` over `FetchHttpClient` with esbuild as a browser build would, and this
 * test holds its result to the budget — at most 20 KiB gzipped of our own code in what the page loads up front
 * (chunks loaded with `import()` on demand are counted apart). A size, not a time: the same build gives the same
 * bytes on any machine. ARCHITECTURE.md ("Known debts") says what keeps code out of that bundle.
 */
import { describe, expect, it } from "@effect/vitest"
import * as ChildProcess from "node:child_process"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")

describe("bundle budget", () => {
  it("a page that searches carries at most 20 KiB gzipped of effect-e621's code", () => {
    const output = ChildProcess.execFileSync(process.execPath, [Path.join(root, "bench/dist/run.js"), "bundle"], {
      cwd: root,
      encoding: "utf8"
    })
    const row = output.split("\n").find((line) => line.includes("effect-e621's share"))
    expect(row, output).toBeDefined()
    const gz = /ours [\d.]+ KiB \(≈ ([\d.]+) KiB gz\)/.exec(row!)
    expect(gz, row).not.toBeNull()
    expect(Number(gz![1])).toBeGreaterThan(5) // the measurement found our code at all
    expect(Number(gz![1]), row).toBeLessThanOrEqual(20)
  })
})
