#!/usr/bin/env node
// The `e621` command: a committed, executable entry point (npm links it at install time, before `dist/` is
// built) that runs the compiled command line — or, in a clone where nothing is built yet, says so.
import { existsSync } from "node:fs"

const compiled = new URL("../dist/bundle/bin.js", import.meta.url)
if (existsSync(compiled)) {
  await import(compiled.href)
} else {
  process.stderr.write("e621: the command is not built yet (no dist/bundle/bin.js); in a clone of effect-e621 run: npm run build\n")
  process.exitCode = 1
}
