/**
 * Preloaded (`node --import`) into every import-cost child: writes the process's RSS when it exits as a
 * `@@result` line on stdout (with its CPU time, user + system: less sensitive than wall time to a busy machine), so a program that prints and exits by itself (the `e621` bin) is measured the same
 * way as a file that only imports.
 *
 * @since 0.1.0
 */
import * as Fs from "node:fs"

const cpuMs = () => {
  const { system, user } = process.cpuUsage()
  return (user + system) / 1000
}

process.on("exit", () => {
  Fs.writeSync(1, `\n@@result ${JSON.stringify({ rss: process.memoryUsage.rss(), cpu: cpuMs() })}\n`)
})
