/**
 * TypeDoc plugin: the `effect-e621` theme, TypeDoc's default one with the description of a variable or type
 * alias, and its block tags (examples, "Fails With"), before its type. Endpoint functions are `const`s whose
 * inferred types TypeDoc prints in full — `Tags.stream`'s runs to ~60 lines — and a reader wants to know what
 * it does, and how it fails, first.
 */
import type { Application, DeclarationReflection } from "typedoc"
import { DefaultTheme, DefaultThemeRenderContext, JSX } from "typedoc"

type Element = JSX.Element

const isSignature = (node: unknown): boolean =>
  typeof node === "object" && node !== null && (node as Element).props?.["class"] === "tsd-signature"

class Context extends DefaultThemeRenderContext {
  constructor(...args: ConstructorParameters<typeof DefaultThemeRenderContext>) {
    super(...args)
    const memberDeclaration = this.memberDeclaration
    const commentTags = this.commentTags
    // TypeDoc renders `[signature, description, …, tags, sources]`: render it without the tags, then put the
    // description and the tags first (anything else is left as it is)
    this.memberDeclaration = (props: DeclarationReflection): Element => {
      this.commentTags = () => JSX.createElement(JSX.Fragment, null)
      const element = memberDeclaration(props)
      this.commentTags = commentTags
      const [signature, description, ...rest] = element.children
      return isSignature(signature)
        ? { ...element, children: [description, commentTags(props), signature, ...rest] }
        : { ...element, children: [...element.children, commentTags(props)] }
    }
  }
}

class Theme extends DefaultTheme {
  override ContextClass = Context
}

/** TypeDoc's plugin entry point. */
export const load = (app: Application): void => {
  app.renderer.defineTheme("effect-e621", Theme)
}
