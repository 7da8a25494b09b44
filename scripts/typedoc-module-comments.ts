/**
 * TypeDoc plugin: gives each namespace re-export (`export * as Posts from "./api/Posts.ts"`) the doc comment
 * at the top of its file.
 *
 * The house style documents a module in its file header and marks each re-export in `index.ts` with
 * `@since` only. TypeDoc takes a file header as the module's comment only when it has an `@module` tag, and
 * otherwise shows the re-export's bare `@since`; this plugin swaps in the header when the re-export's own
 * comment has no text.
 */
import type { Application, Comment, Context, DeclarationReflection } from "typedoc"
import { Converter, ReflectionKind } from "typedoc"
import ts from "typescript"

const hasText = (comment: Comment | undefined): boolean =>
  comment !== undefined && comment.summary.some((part) => part.text.trim() !== "")

const fileHeader = (context: Context, reflection: DeclarationReflection): Comment | undefined => {
  const symbol = context.getSymbolFromReflection(reflection)
  if (symbol === undefined) return undefined
  const target = symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol
  const file = target.declarations?.find(ts.isSourceFile)
  const first = file?.statements[0]
  return first === undefined ? undefined : context.getNodeComment(first, false)
}

/** TypeDoc's plugin entry point. */
export const load = (app: Application): void => {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
    if (!reflection.kindOf(ReflectionKind.Namespace) || hasText(reflection.comment)) return
    const header = fileHeader(context, reflection)
    if (header !== undefined && hasText(header)) reflection.comment = header.clone()
  })
}
