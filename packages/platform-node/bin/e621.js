#!/usr/bin/env node
// The `e621` command: a committed, executable entry point (npm links it at install time, before `dist/` is
// built) that runs the compiled command line.
import "../dist/bin.js"
