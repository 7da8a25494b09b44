/**
 * TypeDoc plugin: the `effect-e621` theme, TypeDoc's default one with the description of a variable or type
 * alias, and its block tags (examples, "Fails With"), before its type; and for a function, its block tags right
 * after its description, before the parameters and the return type. A reader wants to know what an endpoint
 * does, and how it fails, first.
 */
import type { Application, DeclarationReflection, SignatureReflection } from "typedoc"
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
    // a signature's body is `[flags, description, type parameters, parameters, returns, tags, sources]`: the
    // tags of the signature itself (not those of its parameters) move to just after the description
    const memberSignatureBody = this.memberSignatureBody
    this.memberSignatureBody = (props: SignatureReflection, options?: { hideSources?: boolean }): Element => {
      this.commentTags = (reflection) => reflection === props ? JSX.createElement(JSX.Fragment, null) : commentTags(reflection)
      const element = memberSignatureBody(props, options)
      this.commentTags = commentTags
      const [flags, description, ...rest] = element.children
      return { ...element, children: [flags, description, commentTags(props), ...rest] }
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
