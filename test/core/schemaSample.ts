/**
 * Minimal valid wire objects built from a schema's encoded side, and path helpers, for the schema audit
 * test: each audited field is set to `null` in such an object and decoded.
 */
import * as SchemaAST from "effect/SchemaAST"

/**
 * A minimal valid value of an encoded AST: numbers 1, strings "", booleans false, the first literal, empty
 * arrays and records, the first non-null member of a union; optional keys are left out.
 */
export const sampleOf = (ast: SchemaAST.AST): unknown => {
  const encoded = SchemaAST.toEncoded(ast)
  switch (encoded._tag) {
    case "Null":
      return null
    case "Number":
      return 1
    case "String":
      return ""
    case "Boolean":
      return false
    case "Literal":
      return encoded.literal
    case "Unknown":
    case "Any":
    case "ObjectKeyword":
      return {}
    case "Enum":
      return encoded.enums[0]![1]
    case "Suspend":
      return sampleOf(encoded.thunk())
    case "Union": {
      const member = encoded.types.find((t) => SchemaAST.toEncoded(t)._tag !== "Null") ?? encoded.types[0]!
      return sampleOf(member)
    }
    case "Arrays":
      return encoded.elements.map(sampleOf)
    case "Objects": {
      const out: Record<string, unknown> = {}
      for (const ps of encoded.propertySignatures) {
        if (ps.type.context?.isOptional === true) continue
        out[String(ps.name)] = sampleOf(ps.type)
      }
      return out
    }
    default:
      throw new Error(`no sample for ${encoded._tag}`)
  }
}

/** The object fields of an encoded AST (the object members of a union too), by name. */
export const fieldsOf = (ast: SchemaAST.AST): ReadonlyMap<string, SchemaAST.AST> => {
  const encoded = SchemaAST.toEncoded(ast)
  const out = new Map<string, SchemaAST.AST>()
  if (encoded._tag === "Objects") {
    for (const ps of encoded.propertySignatures) out.set(String(ps.name), ps.type)
  } else if (encoded._tag === "Union") {
    for (const member of encoded.types) for (const [k, v] of fieldsOf(member)) if (!out.has(k)) out.set(k, v)
  }
  return out
}

/** The field at a dotted path of an encoded AST, if the schema has it. */
export const fieldAt = (ast: SchemaAST.AST, path: ReadonlyArray<string>): SchemaAST.AST | undefined => {
  let current: SchemaAST.AST | undefined = ast
  for (const key of path) {
    current = current === undefined ? undefined : fieldsOf(current).get(key)
  }
  return current
}

/** `value` at a dotted path (`undefined` when absent). */
export const getAt = (value: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((v, key) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined), value)

/**
 * A copy of `root` with `value` at a dotted path, building the parents from the schema's samples when the
 * base left them out (optional objects).
 */
export const setAt = (root: unknown, ast: SchemaAST.AST, path: ReadonlyArray<string>, value: unknown): unknown => {
  if (path.length === 0) return value
  const [key, ...rest] = path as [string, ...Array<string>]
  const field = fieldsOf(ast).get(key)
  if (field === undefined) throw new Error(`no field ${key}`)
  const base = (typeof root === "object" && root !== null ? root : {}) as Record<string, unknown>
  const child = key in base ? base[key] : sampleOf(field)
  return { ...base, [key]: setAt(child, field, rest, value) }
}
