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
    const invalid = e621(["search", "rating:s", "--limit", "999"])
    assert.strictEqual(invalid.code, 2)
    assert.match(invalid.stderr, /^e621: InvalidInput: .*limit/)
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
})
