import { assert, describe, it } from "@effect/vitest"
import * as Child from "node:child_process"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as NodePath from "node:path"

const root = NodePath.resolve(import.meta.dirname, "../..")
const bin = NodePath.join(root, "packages/platform-node/src/bin.ts")
const env: Record<string, string | undefined> = { ...process.env }
for (const key of ["E621_HOST", "E621_USERNAME", "E621_API_KEY", "E621_USER_AGENT"]) delete env[key]

/** Runs the `e621` binary from source (Node 22 strips the types; `source` picks the packages' sources) against the embedded fake. */
const e621 = (args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}) => {
  const result = Child.spawnSync(process.execPath, ["--conditions=source", bin, "--host", "fake", "--fake-posts", "600", ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the `e621` binary from source, as typed (no `--host fake` added), in `cwd`, over pipes. */
const typed = (args: ReadonlyArray<string>, cwd = root) => {
  const result = Child.spawnSync(process.execPath, ["--conditions=source", bin, ...args], { cwd, env, encoding: "utf8", timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`

/**
 * Runs a shell command in a real pseudo-terminal of `columns` columns — `script`(1) from util-linux, on every
 * Debian — and returns what the terminal received (stdout and stderr together, as a person would see them).
 */
const inTerminal = (columns: number, command: string) => {
  const result = Child.spawnSync("script", ["-qfec", `stty cols ${columns} rows 24; ${command}`, "/dev/null"], {
    cwd: root,
    env: { ...env, TERM: "xterm" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000
  })
  return { code: result.status, output: result.stdout, stderr: result.stderr }
}

/** The command line of the `e621` binary from source against the fake, for `inTerminal`. */
const e621Line = (args: ReadonlyArray<string>) =>
  [process.execPath, "--conditions=source", bin, "--host", "fake", "--fake-posts", "600", ...args].map(quote).join(" ")

/** Each state of a line redrawn in place (`\r` + erase line), without the line ends. */
const redraws = (output: string): Array<string> =>
  output.split("\r\x1b[2K").slice(1).map((segment) => segment.replace(/\r?\n[\s\S]*$/, "").replace(/\r$/, ""))

const tempDir = () => Fs.mkdtempSync(NodePath.join(Os.tmpdir(), "e621-cli-"))
const md5 = (file: string) => Crypto.createHash("md5").update(Fs.readFileSync(file)).digest("hex")

describe("e621 command line", () => {
  it("searches and prints a table, JSON or NDJSON", () => {
    const table = e621(["search", "rating:s", "--limit", "4"])
    assert.strictEqual(table.code, 0, table.stderr)
    const lines = table.stdout.trim().split("\n")
    assert.match(lines[0]!, /^id\s+rating\s+score/)
    assert.strictEqual(lines.length, 5)
    const ndjson = e621(["--format", "ndjson", "search", "rating:s", "--limit", "3"])
    const posts = ndjson.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: number; rating: string })
    assert.deepStrictEqual(posts.map((p) => p.rating), ["s", "s", "s"])
    const json = e621(["--format", "json", "get", String(posts[0]!.id)])
    assert.strictEqual((JSON.parse(json.stdout) as Array<{ id: number }>)[0]!.id, posts[0]!.id)
  }, 60_000)

  it("fails with one line and a meaningful exit code", () => {
    const missing = e621(["get", "99999999"])
    assert.strictEqual(missing.code, 3)
    assert.match(missing.stderr, /^e621: NotFound: .*404/)
    assert.strictEqual(missing.stderr.trim().split("\n").length, 1)
    // input the client refuses (the command line itself refuses numbers out of range: see below)
    const invalid = e621(["search", ...Array.from({ length: 41 }, (_, i) => `tag_${i}`)])
    assert.strictEqual(invalid.code, 2)
    assert.match(invalid.stderr, /^e621: InvalidInput: .*tags/)
    assert.strictEqual(invalid.stderr.trim().split("\n").length, 1)
    const halfCredentials = e621(["whoami"], { E621_USERNAME: "tester" })
    assert.strictEqual(halfCredentials.code, 2)
    assert.include(halfCredentials.stderr, "api-key")
  }, 60_000)

  it("reads credentials from the environment", () => {
    const me = e621(["whoami"], { E621_USERNAME: "tester", E621_API_KEY: "test-api-key" })
    assert.strictEqual(me.code, 0, me.stderr)
    assert.match(me.stdout, /^tester \(id 4, Member\)/)
    const refused = e621(["whoami"], { E621_USERNAME: "tester", E621_API_KEY: "wrong" })
    assert.strictEqual(refused.code, 4)
    assert.notInclude(refused.stderr, "wrong")
  }, 60_000)

  it("downloads a query with verified files, then skips them; reports progress lines without a TTY", () => {
    const dir = tempDir()
    const first = e621(["download", "rating:s", "--limit", "40", "--dir", dir, "--filename", "{md5}.{ext}"])
    assert.strictEqual(first.code, 0, first.stderr)
    assert.match(first.stdout, /downloaded 40, already present 0/)
    assert.match(first.stderr, /download: 40\/40 files .*B\/s  ETA/)
    const files = Fs.readdirSync(dir)
    assert.strictEqual(files.length, 40)
    for (const file of files) assert.strictEqual(md5(NodePath.join(dir, file)), file.split(".")[0])
    const again = e621(["--format", "ndjson", "download", "rating:s", "--limit", "40", "--dir", dir, "--filename", "{md5}.{ext}"])
    const outcomes = again.stdout.trim().split("\n").map((line) => JSON.parse(line) as { status: string })
    assert.deepStrictEqual(new Set(outcomes.map((o) => o.status)), new Set(["Skipped"]))
  }, 60_000)

  it("downloads a pool named in reading order and reports deleted posts", () => {
    const dir = tempDir()
    const pool = JSON.parse(e621(["--format", "json", "pool", "1000"]).stdout) as { post_ids: Array<number> }
    const run = e621(["download", "pool:1000", "--dir", dir])
    assert.strictEqual(run.code, 0, run.stderr)
    const names = Fs.readdirSync(dir).sort()
    const ids = names.map((n) => Number(n.split("_")[1]!.split(".")[0]))
    assert.deepStrictEqual(ids, pool.post_ids.filter((id) => ids.includes(id)))
    assert.match(names[0]!, /^\d{3}_\d+\.\w+$/)
    const deleted = e621(["download", "status:deleted", "--limit", "3", "--dir", tempDir()])
    assert.match(deleted.stdout, /unavailable 3 \(3 deleted\)/)
  }, 60_000)

  it("a file that fails is reported and counted, the others are downloaded, and the exit code says so; --fail-fast stops", () => {
    const dir = tempDir()
    Fs.writeFileSync(NodePath.join(dir, "q"), "a file where the directory q/ is needed")
    const run = e621(["--format", "ndjson", "download", "status:active", "--limit", "30", "--dir", dir, "--filename", "{rating}/{id}.{ext}"])
    assert.strictEqual(run.code, 1, run.stderr)
    const outcomes = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { status: string; error?: string })
    const failed = outcomes.filter((o) => o.status === "Failed")
    assert.strictEqual(outcomes.length, 30)
    assert.isAbove(failed.length, 0)
    assert.isAbove(outcomes.filter((o) => o.status === "Downloaded").length, 0)
    const summary = e621(["download", "status:active", "--limit", "30", "--dir", dir, "--filename", "{rating}/{id}.{ext}"])
    assert.strictEqual(summary.code, 1)
    assert.match(summary.stdout, new RegExp(`failed ${failed.length}$`, "m"))
    const failFast = e621(["download", "status:active", "--limit", "30", "--dir", dir, "--filename", "{rating}/{id}.{ext}", "--fail-fast"])
    assert.notStrictEqual(failFast.code, 0)
    assert.notMatch(failFast.stdout, /failed \d+$/m, "no summary: the run stopped")
    assert.strictEqual(failFast.stderr.trim().split("\n").filter((l) => l.startsWith("e621:")).length, 1)
  }, 60_000)

  it("exports a database dump to NDJSON, filtered by a tag query", () => {
    const all = e621(["export", "posts"])
    assert.strictEqual(all.code, 0, all.stderr)
    const rows = all.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: number; rating: string; tag_string: string; is_deleted: boolean })
    assert.strictEqual(rows.length, 600)
    const filtered = e621(["export", "posts", "--query", "rating:s canine"])
    const kept = filtered.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: number; rating: string; tag_string: string })
    const expected = rows.filter((r) => !r.is_deleted && r.rating === "s" && r.tag_string.split(" ").includes("canine"))
    assert.isAbove(kept.length, 0)
    assert.deepStrictEqual(kept.map((r) => r.id), expected.map((r) => r.id))
    assert.match(filtered.stderr, new RegExp(`${kept.length} rows matching`))
    const tags = e621(["export", "tags"]).stdout.trim().split("\n").map((l) => JSON.parse(l) as { name: string; category: number })
    assert.isTrue(tags.some((t) => t.name === "canine" && t.category === 5))
  }, 60_000)

  it("leaves no partial file under a final name when interrupted mid-download", async () => {
    const dir = tempDir()
    // the program itself gets the SIGINT, as from Ctrl-C (no wrapper that might escalate to SIGKILL)
    const child = Child.spawn(process.execPath, ["--conditions=source", bin, "--host", "fake", "--files-rate", "4", "download", "rating:s", "--limit", "60", "--dir", dir, "--filename", "{md5}.{ext}"], {
      cwd: root,
      env,
      stdio: "ignore"
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    while (Fs.readdirSync(dir).length < 3) await new Promise((resolve) => setTimeout(resolve, 50))
    child.kill("SIGINT")
    await new Promise((resolve) => child.once("exit", resolve))
    const files = Fs.readdirSync(dir)
    assert.isBelow(files.length, 60)
    assert.deepStrictEqual(files.filter((f) => f.endsWith(".part")), [])
    for (const file of files) assert.strictEqual(md5(NodePath.join(dir, file)), file.split(".")[0])
  }, 60_000)

  describe("a mistyped command line", () => {
    const cases: ReadonlyArray<readonly [args: ReadonlyArray<string>, reason: RegExp, help: string]> = [
      [["serch", "otter"], /^e621: unknown command "serch"; did you mean "search"\?$/, "e621 --help"],
      [["dowload", "otter"], /^e621: unknown command "dowload"; did you mean "download"\?$/, "e621 --help"],
      [["search", "otter", "--limt", "5"], /^e621 search: unknown option --limt; did you mean --limit\?$/, "e621 search --help"],
      [["search", "otter", "--formt", "json"], /^e621 search: unknown option --formt; did you mean --format\?$/, "e621 search --help"],
      [["--hots", "fake", "search"], /^e621: unknown option --hots; did you mean --host\?$/, "e621 --help"],
      [["get", "abc"], /^e621 get: <id> must be an integer, not "abc"$/, "e621 get --help"],
      [["download", "otter", "--variant", "big"], /^e621 download: --variant must be one of original, sample, preview, not "big"$/, "e621 download --help"],
      [["download", "otter", "--variant", "orignal"], /did you mean "original"\?$/, "e621 download --help"],
      [["--format", "xml", "search", "otter"], /^e621 search: --format must be one of table, json, ndjson, not "xml"$/, "e621 search --help"],
      [["--format", "jsno", "search"], /did you mean "json"\?$/, "e621 search --help"],
      [["--log-level", "all", "serch"], /^e621: unknown command "serch"; did you mean "search"\?$/, "e621 --help"],
      [["search", "--limit"], /^e621 search: --limit needs a value \(an integer\)$/, "e621 search --help"],
      // every number flag out of its range, before anything is sent (or written)
      [["search", "--limit", "500"], /^e621 search: --limit must be from 1 to 320, not "500"$/, "e621 search --help"],
      [["search", "--limit", "0"], /^e621 search: --limit must be from 1 to 320, not "0"$/, "e621 search --help"],
      [["download", "otter", "--limit", "-5"], /^e621 download: --limit must be at least 1, not "-5"$/, "e621 download --help"],
      [["download", "otter", "--concurrency", "0"], /^e621 download: --concurrency must be at least 1, not "0"$/, "e621 download --help"],
      [["--files-rate", "0", "download", "otter"], /^e621 download: --files-rate must be at least 1, not "0"$/, "e621 download --help"],
      [["--fake-posts", "-3", "search"], /^e621 search: --fake-posts must be at least 0, not "-3"$/, "e621 search --help"],
      [["--fake-faults", "2", "search"], /^e621 search: --fake-faults must be from 0 to 1, not "2"$/, "e621 search --help"],
      [["get", "1", "2"], /^e621 get: unexpected argument "2"$/, "e621 get --help"],
      [["pool"], /^e621 pool: missing <id> \(pool id\)$/, "e621 pool --help"],
      [["download"], /^e621 download: missing <target> \(what to download: a tag query, pool:ID or set:ID\)$/, "e621 download --help"]
    ]
    for (const [args, reason, help] of cases) {
      it(`e621 ${args.join(" ")}: the reason on stderr, then where the help is; exit 2, nothing on stdout`, () => {
        const cwd = tempDir()
        const run = typed(["--host", "fake", ...args], cwd)
        assert.strictEqual(run.code, 2)
        assert.strictEqual(run.stdout, "")
        const lines = run.stderr.trimEnd().split("\n")
        assert.strictEqual(lines.length, 2, run.stderr)
        assert.match(lines[0]!, reason)
        assert.strictEqual(lines[1], `Run "${help}" for usage and examples.`)
        assert.deepStrictEqual(Fs.readdirSync(cwd), [])
      }, 60_000)
    }
  })

  it("refuses a download without a target, or with an empty one, and writes nothing", () => {
    for (const args of [["download"], ["download", ""], ["download", " ", "--dir", "."], ["download", "--limit", "3"]]) {
      const cwd = tempDir()
      const run = typed(["--host", "fake", ...args], cwd)
      assert.strictEqual(run.code, 2, `${args.join(" ")}: ${run.stderr}`)
      assert.match(run.stderr, /target/)
      assert.deepStrictEqual(Fs.readdirSync(cwd), [], args.join(" "))
    }
  }, 60_000)

  it("refuses to pour an export onto a terminal, but writes it to a pipe or --out", () => {
    const terminal = inTerminal(80, e621Line(["export", "tags"]))
    assert.strictEqual(terminal.code, 2, terminal.output)
    assert.match(terminal.output, /e621: InvalidInput: out: .*--out tags\.ndjson/)
    assert.notMatch(terminal.output, /"name":/)
    const out = NodePath.join(tempDir(), "tags.ndjson")
    const toFile = inTerminal(80, e621Line(["export", "tags", "--out", out]))
    assert.strictEqual(toFile.code, 0, toFile.output)
    assert.isAbove(Fs.readFileSync(out, "utf8").split("\n").length, 10)
    assert.strictEqual(e621(["export", "tags"]).code, 0)
  }, 60_000)

  it("--help of every command has a description for every option, its default, and examples; the User-Agent is documented", () => {
    const main = typed(["--help"])
    assert.strictEqual(main.code, 0, main.stderr)
    assert.include(main.stdout, "effect-e621-cli/0.1.0 (command line)")
    const commands = ["search", "get", "pool", "download", "export", "whoami"]
    for (const command of commands) assert.match(main.stdout, new RegExp(`^  ${command}\\s+\\S`, "m"))
    for (const command of [[], ...commands.map((c) => [c])]) {
      const help = typed([...command, "--help"])
      assert.strictEqual(help.code, 0, help.stderr)
      const examples = help.stdout.split("\nEXAMPLES\n")[1]
      assert.isDefined(examples, `e621 ${command.join(" ")} --help has no examples`)
      assert.match(examples!, new RegExp(`^  (\\w+=\\S+ )*e621 .*${command[0] ?? ""}`, "m"))
      // every option and argument row: a name, a type, then a description
      const rows = help.stdout.split("\n").filter((line) => /^  (--|\w+(\.\.\.)? (string|integer|number|choice))/.test(line))
      for (const row of rows) assert.match(row, /^  \S.*?\s{2,}\S/, `e621 ${command.join(" ")}: no description: ${row}`)
    }
    const download = typed(["download", "--help"]).stdout
    for (const shown of ["(default: .)", "(default: 100)", "(default: original)", "(default: 4)", "(default: table)", "(default: 2000)"]) {
      assert.include(download, shown)
    }
    assert.match(download, /--variant choice\s+Which file/)
    assert.include(typed(["search", "--help"]).stdout, "(default: 20)")
    assert.include(typed(["search", "--help"]).stdout, "--user-agent string     User-Agent sent to e621 (default: E621_USER_AGENT, else \"effect-e621-cli/0.1.0 (command line)\"")
  }, 60_000)

  describe("progress", () => {
    for (const columns of [40, 80, 120]) {
      it(`fits a ${columns}-column terminal: every redraw shorter than the width, a bar while there is room`, () => {
        const dir = tempDir()
        const run = inTerminal(columns, e621Line(["--files-rate", "25", "download", "rating:s", "--limit", "40", "--dir", dir]))
        assert.strictEqual(run.code, 0, run.output)
        const lines = redraws(run.output)
        assert.isAbove(lines.length, 3, run.output)
        for (const line of lines) assert.isBelow(line.length, columns, JSON.stringify(line))
        const last = lines.at(-1)!
        assert.match(last, /^download \[#{10,30}\] 100%/)
        if (columns >= 80) assert.match(last, /100%  40\/40 files .*B\/s/)
        if (columns >= 120) assert.match(last, /\[#{30}\].*ETA/)
        assert.match(run.output, /downloaded 40, already present 0/)
      }, 60_000)
    }

    it("re-reads the width when the terminal is resized", () => {
      const dir = tempDir()
      const download = e621Line(["--files-rate", "15", "download", "rating:s", "--limit", "45", "--dir", dir])
      // resized once the first files are there (the bar is drawn wide by then)
      const run = inTerminal(120, `${download} & until [ -n "$(ls ${quote(dir)})" ]; do sleep 0.1; done; sleep 0.4; stty cols 40; wait $!`)
      assert.strictEqual(run.code, 0, run.output)
      const lines = redraws(run.output)
      assert.isTrue(lines.some((line) => line.length > 60), "drawn wide first")
      assert.isTrue(lines.every((line) => line.length < 120))
      const after = lines.slice(lines.findLastIndex((line) => line.length >= 40) + 1)
      assert.isAbove(after.length, 2, "redrawn narrow after the resize")
      assert.match(after.at(-1)!, /^download \[#+\] 100%/)
    }, 60_000)

    it("prints plain lines, without a bar or control characters, into a pipe", () => {
      const run = e621(["--files-rate", "25", "download", "rating:s", "--limit", "20", "--dir", tempDir()])
      assert.strictEqual(run.code, 0, run.stderr)
      assert.notMatch(run.stderr, /[\r\x1b]/)
      assert.notInclude(run.stderr, "[#")
      assert.match(run.stderr.trimEnd().split("\n").at(-1)!, /^download: 20\/20 files .* \(done\)$/)
    }, 60_000)
  })
})
