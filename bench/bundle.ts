/**
 * Bundle size: `bundleEntry.ts` (the compiled `Posts.search` + `E621Client` over `FetchHttpClient`) bundled,
 * tree-shaken and minified by esbuild as a browser or Worker build would, then gzipped. Code loaded with
 * `import()` goes to chunks of its own, as browser builds do, and is counted apart: the size is what the page
 * loads to search. The esbuild metafile splits those minified bytes between this library and effect (the
 * gzipped split is in the same proportion).
 *
 * @since 0.1.0
 */
import * as esbuild from "esbuild"
import * as Path from "node:path"
import * as Zlib from "node:zlib"
import { root } from "./harness.ts"

/**
 * Bytes of the bundle, minified and gzipped, and the minified bytes by origin.
 *
 * @since 0.1.0
 */
export interface BundleSize {
  readonly minified: number
  readonly gzipped: number
  readonly ours: number
  readonly effect: number
  readonly other: number
  /** Minified bytes of the chunks loaded only on demand (e.g. the blacklist, when one is in force). */
  readonly lazy: number
}

/**
 * Bundles and measures.
 *
 * @since 0.1.0
 */
export const measure = async (): Promise<BundleSize> => {
  const result = await esbuild.build({
    entryPoints: [Path.join(root, "bench/dist/bundleEntry.js")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // as a browser build does (Vite, esbuild, Rollup): what is loaded with `import()` goes to chunks of its own
    splitting: true,
    outdir: Path.join(root, "bench/dist/bundle"),
    write: false,
    metafile: true,
    logLevel: "silent"
  })
  // what the page loads to run the search: the entry and the chunks it imports statically, transitively
  const outputs = result.metafile.outputs
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined)!
  const eager = new Set<string>()
  const visit = (file: string) => {
    if (eager.has(file)) return
    eager.add(file)
    for (const imported of outputs[file]!.imports) if (imported.kind === "import-statement") visit(imported.path)
  }
  visit(entry)
  const text = (file: string) => result.outputFiles.find((f) => Path.relative(root, f.path) === file)!.contents
  const code = Buffer.concat([...eager].map(text))
  let ours = 0
  let effect = 0
  let other = 0
  let lazy = 0
  for (const [file, output] of Object.entries(outputs)) {
    if (!eager.has(file)) {
      if (file.endsWith(".js")) lazy += output.bytes
      continue
    }
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (input.startsWith("packages/") || input.includes("@effect-e621/")) ours += bytesInOutput
      else if (input.includes("node_modules/effect/")) effect += bytesInOutput
      else other += bytesInOutput
    }
  }
  return { minified: code.length, gzipped: Zlib.gzipSync(code, { level: 9 }).length, ours, effect, other, lazy }
}
