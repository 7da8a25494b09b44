/**
 * `scripts/provision.sh` (run by `npm test` before the tests): nothing to do when the packages are installed; a
 * clear message and a failure, never a skip, when it cannot install what is missing.
 */
import { assert, describe, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Harness from "./harness.ts"

const provision = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}) =>
  spawnSync("sh", [Path.join(Harness.root, "scripts/provision.sh"), ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 10_000
  })

describe("scripts/provision.sh", () => {
  it("does nothing when the packages are installed (chromium, as npm test needs it)", () => {
    const result = provision(["chromium"])
    assert.strictEqual(result.status, 0, result.stderr)
    assert.strictEqual(result.stderr, "")
  })

  it("as root, when apt-get cannot install, says so with apt-get's last words and fails", () => {
    // an apt-get that fails as Debian's does for a package no source has, and a shell whose `id -u` is 0
    const bin = Fs.mkdtempSync(Path.join(Os.tmpdir(), "provision-"))
    try {
      Fs.writeFileSync(Path.join(bin, "id"), "#!/bin/sh\necho 0\n", { mode: 0o755 })
      Fs.writeFileSync(
        Path.join(bin, "apt-get"),
        "#!/bin/sh\ncase \"$*\" in *install*) echo 'E: Unable to locate package effect-e621-no-such-package' >&2; exit 100;; esac\n",
        { mode: 0o755 }
      )
      const result = provision(["effect-e621-no-such-package"], { PATH: `${bin}:${process.env.PATH}` })
      assert.strictEqual(result.status, 1)
      assert.deepStrictEqual(result.stderr.trimEnd().split("\n"), [
        "provision: installing effect-e621-no-such-package",
        "provision: could not install effect-e621-no-such-package with apt-get; its last words:",
        "  E: Unable to locate package effect-e621-no-such-package"
      ])
    } finally {
      Fs.rmSync(bin, { recursive: true, force: true })
    }
  })

  it("without root, names what is missing in one line and fails", () => {
    // a shell whose `id -u` is not 0
    const bin = Fs.mkdtempSync(Path.join(Os.tmpdir(), "provision-"))
    try {
      Fs.writeFileSync(Path.join(bin, "id"), "#!/bin/sh\necho 1000\n", { mode: 0o755 })
      const result = provision(["chromium", "effect-e621-no-such-package"], { PATH: `${bin}:${process.env.PATH}` })
      assert.strictEqual(result.status, 1)
      assert.deepStrictEqual(result.stderr.trim().split("\n"), [
        "provision: the tests need Debian packages effect-e621-no-such-package; run as root or: apt-get install -y effect-e621-no-such-package"
      ])
    } finally {
      Fs.rmSync(bin, { recursive: true, force: true })
    }
  })
})
