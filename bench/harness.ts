/**
 * Shared plumbing of the benchmarks: timing helpers, child processes that report one JSON line, and the fake
 * e621 served from its own process (so the server's CPU time never mixes with a client's).
 *
 * Every measurement runs in a child process of `bench/run.ts`: the Schema JIT is enabled per AST for the whole
 * process, and RSS and wall time of one client must not include another's.
 *
 * @since 0.1.0
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

/**
 * The repository root (children run there).
 *
 * @since 0.1.0
 */
export const root = ((): string => {
  // `bench/` when run from source, `bench/dist/` when compiled: the first folder up with the lockfile
  let dir = Path.dirname(fileURLToPath(import.meta.url))
  while (!Fs.existsSync(Path.join(dir, "package-lock.json"))) dir = Path.dirname(dir)
  return dir
})()

/**
 * The User-Agent every benchmark client sends.
 *
 * @since 0.1.0
 */
export const userAgent = "effect-e621-bench/0.1 (by effect-e621 on e621)"

/**
 * The median of some numbers.
 *
 * @since 0.1.0
 */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Milliseconds since an arbitrary origin, sub-millisecond.
 *
 * @since 0.1.0
 */
export const now = (): number => performance.now()

/**
 * Prints the result of a child benchmark: one JSON line on stdout, read by {@link child}.
 *
 * @since 0.1.0
 */
export const report = (value: unknown): void => {
  process.stdout.write(`@@result ${JSON.stringify(value)}\n`)
}

/**
 * Starts the compiled `bench/dist/<file>.js` on plain Node, as npm users run the packages: JavaScript only (no
 * loader, no type stripping, which alone costs ~15 MB of RSS), `@effect-e621/*` from their compiled `dist/`.
 * `npm run bench` builds everything first (`tsc -b`).
 *
 * @since 0.1.0
 */
export const spawnChild = (file: string, args: ReadonlyArray<string>, nodeArgs: ReadonlyArray<string> = []): ChildProcess =>
  spawn(process.execPath, [...nodeArgs, Path.join(root, "bench", "dist", file.replace(/\.ts$/, ".js")), ...args], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"]
  })

/**
 * Runs `bench/<file>` in a fresh Node process and resolves with the value it {@link report}ed.
 *
 * @since 0.1.0
 */
export const child = <A>(file: string, args: ReadonlyArray<string> = [], nodeArgs: ReadonlyArray<string> = []): Promise<A> =>
  new Promise((resolve, reject) => {
    const process = spawnChild(file, args, nodeArgs)
    process.stdin?.end()
    let result: A | undefined
    Readline.createInterface({ input: process.stdout! }).on("line", (line) => {
      if (line.startsWith("@@result ")) result = JSON.parse(line.slice(9)) as A
    })
    process.on("error", reject)
    process.on("close", (code) => {
      if (code === 0 && result !== undefined) resolve(result)
      else reject(new Error(`bench/${file} ${args.join(" ")} exited with ${code}`))
    })
  })

/**
 * A fake e621 served by `bench/server.ts` in its own process.
 *
 * @since 0.1.0
 */
export interface FakeServer {
  readonly url: string
  readonly port: number
  /** Asks the server process something (`"log"`) and resolves with its answer. */
  readonly ask: <A>(command: string) => Promise<A>
  readonly close: () => Promise<void>
}

/**
 * Starts `bench/server.ts` with the fake's options (posts, seed) and waits until it listens.
 *
 * @since 0.1.0
 */
export const fakeServer = (options: { readonly posts: number; readonly seed?: number }): Promise<FakeServer> =>
  new Promise((resolve, reject) => {
    const server = spawnChild("server.ts", [String(options.posts), String(options.seed ?? 1)])
    const waiting: Array<(value: unknown) => void> = []
    const closed = new Promise<void>((done) => server.on("close", () => done()))
    server.on("error", reject)
    Readline.createInterface({ input: server.stdout! }).on("line", (line) => {
      if (!line.startsWith("@@result ")) return
      const value = JSON.parse(line.slice(9)) as { readonly url?: string; readonly port?: number }
      if (value.url !== undefined && value.port !== undefined && waiting.length === 0) {
        const url = value.url
        const port = value.port
        resolve({
          url,
          port,
          ask: <A>(command: string) =>
            new Promise<A>((answer) => {
              waiting.push(answer as (value: unknown) => void)
              server.stdin!.write(`${command}\n`)
            }),
          close: () => {
            server.stdin!.end()
            return closed
          }
        })
        return
      }
      waiting.shift()?.(value)
    })
  })
