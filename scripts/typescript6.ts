/**
 * Preload for TypeDoc (`node --import ./scripts/typescript6.ts …/typedoc/dist/cli.js`).
 *
 * The repository compiles with TypeScript 7 (the native compiler), which has no JavaScript compiler API;
 * TypeDoc 0.28 needs one (TypeScript ≤ 6.0). The root `package.json` installs TypeScript 6 under the alias
 * `typescript-6`, and this hook resolves TypeDoc's `import "typescript"` to it. Nothing else is redirected:
 * `tsc -b` keeps using TypeScript 7.
 */
import { registerHooks } from "node:module"

registerHooks({
  resolve: (specifier, context, nextResolve) =>
    nextResolve(specifier === "typescript" ? "typescript-6" : specifier, context)
})
