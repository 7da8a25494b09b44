/**
 * Keeps the code of the guides honest: every ```ts block in `guides/*.md` is an example file that
 * `tsc -b` typechecks (the `test` project includes `examples/`).
 *
 * A block's first line names its file, `// examples/guides/<guide>-<n>.ts`, and the block must be
 * byte-identical to that file (which starts with the same line). Every file under `examples/guides/` must be
 * used by some guide.
 *
 *   npx tsx scripts/guides.ts           check; exit 1 and list the problems if any
 *   npx tsx scripts/guides.ts --write   rewrite every block from its file, then check
 *
 * `test/docs/docs.test.ts` runs the check as part of `npm test`.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

/** One ```ts block of a guide: the guide, the 1-based line of its opening fence, its text, the file it names. */
export interface Block {
  readonly guide: string
  readonly line: number
  readonly code: string
  readonly file: string | undefined
}

const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm
const nameLine = /^\/\/ (examples\/guides\/[\w-]+\.ts)\n/

/** The ```ts (and ```typescript) blocks of a Markdown text. */
export const blocks = (guide: string, markdown: string): Array<Block> => {
  const found: Array<Block> = []
  for (const match of markdown.matchAll(fence)) {
    const lang = match[1]!
    if (lang !== "ts" && lang !== "typescript") continue
    const code = match[2]!
    found.push({
      guide,
      line: markdown.slice(0, match.index).split("\n").length,
      code,
      file: nameLine.exec(code)?.[1]
    })
  }
  return found
}

const guideFiles = (root: string): Array<string> =>
  fs.readdirSync(path.join(root, "guides")).filter((f) => f.endsWith(".md")).sort().map((f) => path.join("guides", f))

const exampleFiles = (root: string): Array<string> =>
  fs.readdirSync(path.join(root, "examples", "guides")).filter((f) => f.endsWith(".ts")).sort().map((f) =>
    `examples/guides/${f}`
  )

/** Every problem with the guides' code blocks under `root` (the repository), as readable lines. */
export const check = (root: string): Array<string> => {
  const problems: Array<string> = []
  const used = new Set<string>()
  for (const guide of guideFiles(root)) {
    for (const block of blocks(guide, fs.readFileSync(path.join(root, guide), "utf8"))) {
      const where = `${block.guide}:${block.line}`
      if (block.file === undefined) {
        problems.push(`${where}: a ts block must start with a line "// examples/guides/<name>.ts"`)
        continue
      }
      if (used.has(block.file)) problems.push(`${where}: ${block.file} is shown twice`)
      used.add(block.file)
      const file = path.join(root, block.file)
      if (!fs.existsSync(file)) {
        problems.push(`${where}: ${block.file} does not exist`)
      } else if (fs.readFileSync(file, "utf8") !== block.code) {
        problems.push(`${where}: the block differs from ${block.file} (run: npx tsx scripts/guides.ts --write)`)
      }
    }
  }
  for (const file of exampleFiles(root)) {
    if (!used.has(file)) problems.push(`${file}: not shown in any guide`)
  }
  return problems
}

/** Rewrites every named block of every guide from its file (blocks naming a missing file are left alone). */
export const write = (root: string): void => {
  for (const guide of guideFiles(root)) {
    const full = path.join(root, guide)
    const text = fs.readFileSync(full, "utf8")
    const next = text.replace(fence, (all, lang: string, code: string) => {
      const file = (lang === "ts" || lang === "typescript") ? nameLine.exec(code)?.[1] : undefined
      if (file === undefined || !fs.existsSync(path.join(root, file))) return all
      return all.replace(code, () => fs.readFileSync(path.join(root, file), "utf8"))
    })
    if (next !== text) fs.writeFileSync(full, next)
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
  if (process.argv.includes("--write")) write(root)
  const problems = check(root)
  for (const problem of problems) console.error(problem)
  console.log(problems.length === 0 ? "guides: every code block matches its example file" : `guides: ${problems.length} problem(s)`)
  process.exitCode = problems.length === 0 ? 0 : 1
}
