#!/usr/bin/env node
/**
 * The `e621` executable: runs {@link Cli.run} on the process arguments under `NodeRuntime.runMain` (Ctrl-C
 * interrupts cleanly: downloads in flight remove their temporary files).
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Runtime from "effect/Runtime"
import * as Cli from "./Cli.ts"

// `e621 export posts | head`: a closed pipe ends the program quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
})

NodeRuntime.runMain(Cli.run(process.argv.slice(2)), {
  disableErrorReporting: true,
  teardown: (exit, onExit) =>
    exit._tag === "Success" ? onExit(typeof process.exitCode === "number" ? process.exitCode : 0) : Runtime.defaultTeardown(exit, onExit)
})
