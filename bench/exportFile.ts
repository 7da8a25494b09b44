/**
 * A generated `posts` database export for the export benchmark: e621's current column list (§8.1), rows shaped
 * like the real ones (≈ 40 tags per post, multi-line sources, descriptions with quotes and commas, NULLs,
 * PostgreSQL timestamps), gzip-compressed by the system's `gzip -6` as e621's are. Deterministic; written once
 * to the system's temporary directory and reused by later runs.
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"

const columns = [
  "id", "uploader_id", "created_at", "md5", "source", "rating", "image_width", "image_height", "tag_string",
  "locked_tags", "fav_count", "file_ext", "parent_id", "change_seq", "approver_id", "file_size", "comment_count",
  "description", "duration", "updated_at", "is_deleted", "is_pending", "is_flagged", "score", "up_score",
  "down_score", "is_rating_locked", "is_status_locked", "is_note_locked", "bg_color", "last_noted_at",
  "last_commented_at"
]

/** A small deterministic PRNG (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const syllables = ["ka", "ri", "no", "fur", "tail", "wolf", "fox", "paw", "ear", "blue", "red", "_", "s", "ing", "lo", "mi"]

const quote = (text: string): string => /[",\n\r]/.test(text) || text === "" ? `"${text.replace(/"/g, "\"\"")}"` : text

const timestamp = (ms: number): string => new Date(ms).toISOString().replace("T", " ").replace("Z", "000")

/**
 * Lines of the export (header first) until about `bytes` characters were produced, in chunks of ~1 MB.
 *
 * @since 0.1.0
 */
export function* lines(bytes: number, seed = 621): Generator<string> {
  const next = random(seed)
  const int = (n: number) => Math.floor(next() * n)
  const vocabulary = Array.from({ length: 20_000 }, () => {
    let word = ""
    const parts = 2 + int(4)
    for (let i = 0; i < parts; i++) word += syllables[int(syllables.length)]
    return word
  })
  let produced = 0
  let chunk = columns.join(",") + "\n"
  for (let id = 5_000_000; produced < bytes; id--) {
    const tags: Array<string> = []
    const count = 10 + int(60)
    for (let i = 0; i < count; i++) tags.push(vocabulary[Math.floor(vocabulary.length * next() ** 2)]!)
    const created = 1_200_000_000_000 + id * 97_000
    const md5 = Array.from({ length: 4 }, () => int(0x100000000).toString(16).padStart(8, "0")).join("")
    const sources = Array.from({ length: int(3) }, (_, i) => `https://example.com/art/${id}/${i}`).join("\n")
    const description = next() < 0.3 ? `"${vocabulary[int(1000)]}", by ${vocabulary[int(1000)]}, part ${int(9)}` : ""
    const row = [
      String(id), String(int(900_000)), timestamp(created), md5, quote(sources), "sqe"[int(3)]!, String(100 + int(4000)),
      String(100 + int(4000)), tags.sort().join(" "), next() < 0.95 ? "" : vocabulary[int(100)]!, String(int(3000)),
      next() < 0.9 ? "png" : "webm", next() < 0.1 ? String(id + 1 + int(100)) : "", String(id * 3), next() < 0.5 ? String(int(900_000)) : "",
      String(10_000 + int(9_000_000)), String(int(50)), quote(description), next() < 0.05 ? (next() * 60).toFixed(3) : "",
      timestamp(created + int(1e9)), next() < 0.03 ? "t" : "f", "f", "f", String(int(2000) - 200), String(int(2000)),
      String(-int(200)), "f", "f", "f", "", next() < 0.1 ? timestamp(created + int(1e9)) : "", ""
    ].join(",") + "\n"
    chunk += row
    produced += row.length
    if (chunk.length >= 1 << 20) {
      yield chunk
      chunk = ""
    }
  }
  if (chunk !== "") yield chunk
}

/**
 * The path of a `posts` export of about `bytes` uncompressed bytes, generated (and gzipped) the first time.
 *
 * @since 0.1.0
 */
export const ensure = async (bytes: number): Promise<string> => {
  const directory = Path.join(Os.tmpdir(), "effect-e621-bench")
  const file = Path.join(directory, `posts-${bytes}-v1.csv.gz`)
  if (Fs.existsSync(file)) return file
  Fs.mkdirSync(directory, { recursive: true })
  const partial = `${file}.partial`
  const output = Fs.openSync(partial, "w")
  const gzip = spawn("gzip", ["-6", "-c"], { stdio: ["pipe", output, "inherit"] })
  Fs.closeSync(output)
  const done = new Promise<void>((resolve, reject) => {
    gzip.on("error", reject)
    gzip.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`gzip exited with ${code}`))))
  })
  const input = gzip.stdin
  if (input === null) throw new Error("gzip has no stdin")
  for (const chunk of lines(bytes)) {
    if (!input.write(chunk)) await new Promise((resolve) => input.once("drain", resolve))
  }
  input.end()
  await done
  Fs.renameSync(partial, file)
  return file
}
