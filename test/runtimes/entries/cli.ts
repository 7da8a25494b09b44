/** Bun and Deno: the input as the first argument, the summary as one JSON line on stdout. */
import * as Program from "../program.ts"

declare const Deno: { readonly args: ReadonlyArray<string>; exit(code: number): never } | undefined
declare const process: { readonly argv: ReadonlyArray<string>; exit(code: number): never } | undefined

const args = typeof Deno !== "undefined" ? Deno.args : process!.argv.slice(2)
const exit = (code: number) => typeof Deno !== "undefined" ? Deno.exit(code) : process!.exit(code)

Program.run(JSON.parse(args[0]!)).then(
  (summary) => console.log(JSON.stringify(summary)),
  (error: unknown) => {
    console.error(error)
    exit(1)
  }
)
