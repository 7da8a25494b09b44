/**
 * The table check of the Markdown documentation: every row belongs to a table that GitHub renders — a header,
 * then a delimiter row (`|---|`), then rows with as many cells as the header, with no other line in between (a
 * paragraph once split the README's options table, and the rows after it showed as text with pipes). Fenced
 * and inline code are skipped. Used by `test/docs/docs.test.ts`.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Links from "./links.ts"

const isRow = (line: string): boolean => line.trimStart().startsWith("|")

/** The cells of a row (escaped pipes `\|` stay inside their cell). */
const cells = (row: string): number => row.trim().replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).length

const isDelimiter = (row: string): boolean => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(row)

/** Every malformed table of a Markdown text, as `line: why`. */
export const problems = (markdown: string): Array<string> => {
  const lines = Links.withoutCode(markdown).split("\n")
  const found: Array<string> = []
  let header: number | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!isRow(line)) {
      header = undefined
      continue
    }
    const previous = i === 0 ? "" : lines[i - 1]!
    if (header === undefined) {
      if (previous.trim() !== "") found.push(`${i + 1}: a table row right after text (a row cut off from its table?)`)
      else if (!isDelimiter(lines[i + 1] ?? "")) found.push(`${i + 1}: a table without a delimiter row (|---|) under its header`)
      header = cells(line)
    } else if (!isDelimiter(line) && cells(line) !== header) {
      found.push(`${i + 1}: ${cells(line)} cells in a table of ${header} columns`)
    }
  }
  return found
}

/** Every malformed table of `files` (relative to `root`), as `file:line: why`. */
export const check = (root: string, files: ReadonlyArray<string>): Array<string> =>
  files.flatMap((file) => problems(fs.readFileSync(path.join(root, file), "utf8")).map((problem) => `${file}:${problem}`))
