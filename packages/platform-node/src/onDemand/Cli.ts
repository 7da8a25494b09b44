/**
 * The `e621` command line as the package index offers it: `run` loads the command (and with it effect's cli
 * module) only when it runs, so importing `@effect-e621/platform-node` for `NodeE621` pays nothing for it.
 * The command itself (`Cli.command`) is in `@effect-e621/platform-node/Cli`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as CliExit from "../internal/cliExit.ts"

/**
 * The version the command reports.
 *
 * @category Constants
 * @since 0.1.0
 */
export const version: string = CliExit.version

/**
 * The exit code for a failure: 2 bad input, 3 not found, 4 refused (401/403), 5 rate limited, 6 network or
 * server, 1 otherwise.
 *
 * @category Functions
 * @function
 * @since 0.1.0
 */
export const exitCode: (error: unknown) => number = CliExit.exitCode

/**
 * Runs the command on arguments (without `node` and the script), printing failures as one line on stderr and
 * setting `process.exitCode`; loads the command on first use.
 *
 * @category Functions
 * @since 0.1.0
 */
export const run = (args: ReadonlyArray<string>): Effect.Effect<void> =>
  Effect.flatMap(Effect.promise(() => import("../Cli.ts")), (cli) => cli.run(args))
