/**
 * Bundle size: `bundleEntry.ts` (the compiled `Posts.search` + `E621Client` over `FetchHttpClient`) bundled,
 * tree-shaken and minified by esbuild as a browser or Worker build would, then gzipped; the esbuild metafile
 * splits the minified bytes between this library and effect (the gzipped split is in the same proportion).
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
    write: false,
    metafile: true,
    logLevel: "silent"
  })
  const output = result.outputFiles[0]!.contents
  let ours = 0
  let effect = 0
  let other = 0
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) {
    if (input.startsWith("packages/") || input.includes("@effect-e621/")) ours += bytesInOutput
    else if (input.includes("node_modules/effect/")) effect += bytesInOutput
    else other += bytesInOutput
  }
  return { minified: output.length, gzipped: Zlib.gzipSync(output, { level: 9 }).length, ours, effect, other }
}
