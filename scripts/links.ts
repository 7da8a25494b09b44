/**
 * The link check of the Markdown documentation (README, guides, RELIABILITY, ARCHITECTURE, the packages'
 * READMEs): every relative link must name a file of the repository (not one beside it), and an `#anchor` a
 * heading of its target. Fenced and inline code are skipped. Used by `test/docs/docs.test.ts`. Also the check
 * that the file paths ARCHITECTURE.md names in inline code exist (`test/docs/architecture.test.ts`).
 */
import * as fs from "node:fs"
import * as path from "node:path"

/** The Markdown files whose links are checked, relative to the repository. */
export const documents = (root: string): Array<string> => [
  "README.md",
  "RELIABILITY.md",
  "ARCHITECTURE.md",
  ...fs.readdirSync(path.join(root, "guides")).filter((f) => f.endsWith(".md")).map((f) => `guides/${f}`),
  ...fs.readdirSync(path.join(root, "packages")).map((p) => `packages/${p}/README.md`).filter((f) => fs.existsSync(path.join(root, f)))
]

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
export const slug = (heading: string): string =>
  heading.trim().toLowerCase().replace(/`/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-")

/** The text with fenced and inline code blanked out (line numbers and columns kept). */
export const withoutCode = (markdown: string): string =>
  markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, " ")).replace(/`[^`\n]*`/g, (code) => " ".repeat(code.length))

const anchors = (markdown: string): Set<string> =>
  new Set(withoutCode(markdown).split("\n").flatMap((line) => {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    return heading === null ? [] : [slug(heading[1]!)]
  }))

/** The links of a Markdown text: inline `[text](target)`, images, reference definitions and HTML `href`/`src`. */
export const links = (markdown: string): Array<{ readonly line: number; readonly target: string }> => {
  const text = withoutCode(markdown)
  const found: Array<{ line: number; target: string }> = []
  const patterns = [/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm, /\s(?:href|src)="([^"]+)"/g]
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      found.push({ line: text.slice(0, match.index).split("\n").length, target: match[1]! })
    }
  }
  return found.sort((a, b) => a.line - b.line)
}

/** Every broken relative link of `files` (relative to `root`), as `file:line: target (why)`. */
export const check = (root: string, files: ReadonlyArray<string>): Array<string> => {
  const problems: Array<string> = []
  for (const file of files) {
    const markdown = fs.readFileSync(path.join(root, file), "utf8")
    for (const { line, target } of links(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue
      const [rawPath = "", anchor] = target.split("#", 2)
      const resolved = rawPath === "" ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), decodeURIComponent(rawPath))
      const where = `${file}:${line}: ${target}`
      if (path.relative(root, resolved).startsWith("..")) problems.push(`${where} (outside the repository)`)
      else if (!fs.existsSync(resolved)) problems.push(`${where} (no such file)`)
      else if (anchor !== undefined && anchor !== "" && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor.toLowerCase())) {
        problems.push(`${where} (no such heading)`)
      }
    }
  }
  return problems
}

/**
 * The file paths named in inline code of a Markdown text (`packages/core/src/E621Client.ts`, `api/`,
 * `internal/fake/*.ts`): a token without spaces whose last segment has a file extension, or that ends with `/`.
 * Placeholders (`<Family>`), routes (`/posts.json`), URLs and module specifiers (`effect/Schema`,
 * `@effect-e621/core`, `node:http`) are not paths.
 */
export const codePaths = (markdown: string): Array<{ readonly line: number; readonly path: string }> => {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, " "))
  const found: Array<{ line: number; path: string }> = []
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    const token = match[1]!
    if (/[\s<>"':]/.test(token) || /^(\/|@|effect\/)/.test(token)) continue
    if (!token.endsWith("/") && !/\.(ts|js|md|json|sh|ya?ml)$/.test(token)) continue
    found.push({ line: text.slice(0, match.index).split("\n").length, path: token })
  }
  return found
}

/**
 * Every path of {@link codePaths} in `file` that names nothing in the repository, as `file:line: path`. A path
 * is looked up from the repository root and from each of `bases` (folders relative to the root); `*` in its last
 * segment must match at least one file.
 */
export const missingPaths = (root: string, file: string, bases: ReadonlyArray<string> = []): Array<string> => {
  const exists = (relative: string): boolean => {
    const full = path.join(root, relative)
    if (!relative.includes("*")) return fs.existsSync(full)
    const dir = path.dirname(full)
    const pattern = new RegExp(`^${path.basename(full).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`)
    return fs.existsSync(dir) && fs.readdirSync(dir).some((name) => pattern.test(name))
  }
  return codePaths(fs.readFileSync(path.join(root, file), "utf8"))
    .filter(({ path: p }) => !["", ...bases].some((base) => exists(path.join(base, p))))
    .map(({ line, path: p }) => `${file}:${line}: ${p}`)
}
