/**
 * Preloaded (`node --import`) into every import-cost child: writes the process's RSS when it exits as a
 * `@@result` line on stdout, so a program that prints and exits by itself (the `e621` bin) is measured the same
 * way as a file that only imports.
 *
 * @since 0.1.0
 */
import * as Fs from "node:fs"

process.on("exit", () => {
  Fs.writeSync(1, `\n@@result ${JSON.stringify({ rss: process.memoryUsage.rss() })}\n`)
})
