/** Chromium: the page exposes the program; the test calls it with the input. */
import * as Program from "../program.ts"

;(globalThis as { runProgram?: typeof Program.run }).runProgram = Program.run
