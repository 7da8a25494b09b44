/**
 * TypeDoc plugin: gives each namespace re-export (`export * as Posts from "./api/Posts.ts"`) the doc comment
 * at the top of its file, and a navigation category from where the file lives.
 *
 * The house style documents a module in its file header and marks each re-export in `index.ts` with
 * `@since` only. TypeDoc takes a file header as the module's comment only when it has an `@module` tag, and
 * otherwise shows the re-export's bare `@since`; this plugin swaps in the header when the re-export's own
 * comment has no text.
 *
 * The `E621Error` module also gets the README's table of errors (when, what to do), so that the reference and
 * the README show the same one.
 *
 * Categories group the ~100 modules of the navigation (clients, errors, endpoint families, …; see
 * `categoryOf`). A new module in a place the table does not know is a warning, so the docs test fails until
 * it has a category.
 */
import type { Application, Comment, Context, DeclarationReflection } from "typedoc"
import * as fs from "node:fs"
import * as path from "node:path"
import { CommentTag, Converter, ReflectionKind } from "typedoc"
import ts from "typescript"

/** The README's table of errors (`| error | when | what to do |` to the first blank line). */
const errorTable = (): string => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8")
  const start = readme.indexOf("| error | when | what to do |")
  return start < 0 ? "" : readme.slice(start, readme.indexOf("\n\n", start))
}

const hasText = (comment: Comment | undefined): boolean =>
  comment !== undefined && comment.summary.some((part) => part.text.trim() !== "")

/**
 * The navigation category of a module, from its file (`packages/<package>/src/<path>.ts`), in the order of
 * `categoryOrder` in typedoc.json.
 */
export const categoryOf = (file: string): string | undefined => {
  const match = /packages\/(core|platform-node)\/src\/(.+)\.ts$/.exec(file.replace(/\\/g, "/"))
  if (match === null) return undefined
  const [, pkg, path] = match as unknown as [string, string, string]
  if (path === "E621Error") return "Errors"
  if (path.startsWith("api/")) return "Endpoint families"
  if (path === "TagQuery" || path === "Blacklist") return "Tag queries"
  if (path.startsWith("schemas/")) return "Schemas"
  if (path.startsWith("testing/") || path === "NodeE621Fake") return "Testing"
  if (path === "NodeE621") return "Clients"
  // the export-file and progress tools live in core (they need no Node API) but belong with the Node toolkit
  if (pkg === "platform-node" || path === "CsvParser" || path === "ExportRows" || path === "Progress") return "Node toolkit"
  // the client, its layers and options (`E621Client`, `Decoding`, …)
  return path.includes("/") ? undefined : "Clients"
}

const sourceFile = (context: Context, reflection: DeclarationReflection): ts.SourceFile | undefined => {
  const symbol = context.getSymbolFromReflection(reflection)
  if (symbol === undefined) return undefined
  const target = symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol
  return target.declarations?.find(ts.isSourceFile)
}

/** TypeDoc's plugin entry point. */
export const load = (app: Application): void => {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
    if (!reflection.kindOf(ReflectionKind.Namespace)) return
    const file = sourceFile(context, reflection)
    if (file === undefined) return
    if (!hasText(reflection.comment)) {
      const first = file.statements[0]
      const header = first === undefined ? undefined : context.getNodeComment(first, false)
      if (header !== undefined && hasText(header)) reflection.comment = header.clone()
    }
    if (/packages\/core\/src\/E621Error\.ts$/.test(file.fileName.replace(/\\/g, "/")) && reflection.comment !== undefined) {
      reflection.comment.summary = [...reflection.comment.summary, { kind: "text", text: `\n\n${errorTable()}\n` }]
    }
    const category = categoryOf(file.fileName)
    if (category === undefined) {
      app.logger.warn(`${reflection.getFullName()}: no navigation category for ${file.fileName} (scripts/typedoc-module-comments.ts)`)
    } else if (reflection.comment !== undefined && reflection.parent?.kindOf(ReflectionKind.Module) === true) {
      reflection.comment.blockTags = [
        ...reflection.comment.blockTags.filter((tag) => tag.tag !== "@category"),
        new CommentTag("@category", [{ kind: "text", text: category }])
      ]
    }
  })
}
