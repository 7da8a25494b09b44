/**
 * The syntax half of `TagQuery.ts`: building, parsing, rendering, counting, validating and reading the order of tag
 * queries — what a post search needs. `TagQuery.ts` re-exports these names with their public types and adds
 * what a search never uses: the other constructors (`tag`, `not`, `group`, …), `includesDeleted` and the local
 * evaluation (`evaluate`, `matcher`, `decidable`, `sort`). A bundler puts a module reached by a static import
 * into the importer's chunk with everything of it that any chunk uses, so `api/Posts.ts` imports this one and
 * `TagQuery.ts` keeps the rest (loaded with the blacklist, on demand).
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as E621Error from "../E621Error.ts"
import { type E621InvalidInput, invalidInput } from "../E621Error.ts"
import type { Group, Metatag, Operator, Order, Tag, TagQuery, Term } from "../TagQuery.ts"
import * as Params from "./params.ts"

export type { Group, Metatag, Operator, Order, Tag, TagQuery, Term }

/**
 * Whether `u` is a {@link TagQuery} (an object with a `terms` array that is not a {@link Group}).
 *
 * @category Functions
 * @since 0.1.0
 */
export const isTagQuery = (u: unknown): u is TagQuery =>
  typeof u === "object" && u !== null && !("_tag" in u) && "terms" in u && Array.isArray(u.terms)

/**
 * The empty query (every post, newest first).
 *
 * @category Constants
 * @since 0.1.0
 */
export const empty: TagQuery = { terms: [] }

// ---------------------------------------------------------------------------------------------------------
// Metatag knowledge (TagQuery#parse_query)
// ---------------------------------------------------------------------------------------------------------

type Prefixes = "all" | "must-not" | "bare"

const prefixesAll = (
  "user user_id approver commenter noter noteupdater pool set fav rating locked id width height mpixels " +
  "ratio duration score favcount filesize change source date age tagcount gentags arttags conttags " +
  "copytags chartags spectags invtags metatags lortags parent type description note delreason deletedby " +
  "flaggedby flagreason flagnote upvote downvote voted"
).split(" ")
const prefixesBare = (
  "md5 ratinglocked notelocked statuslocked child randseed limit comment_count hassource hasdescription " +
  "isparent ischild inpool pending_replacements artverified"
).split(" ")

const metatagPrefixes: ReadonlyMap<string, Prefixes> = new Map<string, Prefixes>([
  ...prefixesAll.map((n) => [n, "all"] as const),
  ...prefixesBare.map((n) => [n, "bare"] as const),
  ["status", "must-not"],
  ["order", "must-not"]
])

const metatagAliases: ReadonlyMap<string, string> = new Map([
  ["favoritedby", "fav"],
  ["filetype", "type"],
  ["comm", "commenter"],
  ["deleter", "deletedby"],
  ["flagger", "flaggedby"],
  ["votedup", "upvote"],
  ["upvoted", "upvote"],
  ["voteup", "upvote"],
  ["voteddown", "downvote"],
  ["downvoted", "downvote"],
  ["votedown", "downvote"],
  ["vote", "voted"],
  ["hasparent", "ischild"],
  ["haschild", "isparent"],
  ["haschildren", "isparent"]
])

/** Category-count metatags → the tag category they count. */
export const categoryCounts: ReadonlyMap<string, string> = new Map([
  ["gentags", "general"],
  ["arttags", "artist"],
  ["conttags", "contributor"],
  ["copytags", "copyright"],
  ["chartags", "character"],
  ["spectags", "species"],
  ["invtags", "invalid"],
  ["metatags", "meta"],
  ["lortags", "lore"]
])

export type NumberKind = "int" | "float" | "filesize" | "ratio"

/** Metatags whose value is a numeric range (`ParseValue.range`), with the kind of number they take. */
export const rangeMetatags: ReadonlyMap<string, NumberKind> = new Map<string, NumberKind>([
  ["id", "int"],
  ["width", "int"],
  ["height", "int"],
  ["score", "int"],
  ["favcount", "int"],
  ["change", "int"],
  ["tagcount", "int"],
  ["comment_count", "int"],
  ["mpixels", "float"],
  ["duration", "float"],
  ["filesize", "filesize"],
  ["ratio", "ratio"],
  ...[...categoryCounts.keys()].map((k) => [k, "int"] as const)
])

/** Metatags whose values are keywords, ids or numbers: lower-cased when parsed. */
export const lowercaseValues: ReadonlySet<string> = new Set([
  ...(
    "rating status type order md5 locked child parent randseed limit ratinglocked notelocked statuslocked " +
    "hassource hasdescription isparent ischild inpool pending_replacements artverified"
  ).split(" "),
  ...rangeMetatags.keys()
])

/** Metatags e621 lifts out of groups (`TagQuery::GLOBAL_METATAGS`). */
const globalMetatags: ReadonlySet<string> = new Set(["order", "limit", "randseed"])

/** Bare words read as `type:` (`intercept_metatag_alias`). */
const fileTypeWords: ReadonlyMap<string, string> = new Map([
  ["jpg", "jpg"],
  ["png", "png"],
  ["gif", "gif"],
  ["swf", "swf"],
  ["webm", "webm"],
  ["mp4", "mp4"],
  ["webp", "webp"],
  ["flash", "swf"]
])

export const canonicalName = (name: string): string => {
  const lower = name.toLowerCase()
  return metatagAliases.get(lower) ?? lower
}

const operatorAllowed = (name: string, operator: Operator): boolean => {
  const prefixes = metatagPrefixes.get(name)
  if (prefixes === undefined) return false
  return prefixes === "all" || operator === "must" || (prefixes === "must-not" && operator === "not")
}

/**
 * The metatag names e621 knows (canonical names; aliases such as `favoritedby` are not listed).
 *
 * @category Constants
 * @since 0.1.0
 */
export const knownMetatags: ReadonlySet<string> = new Set(metatagPrefixes.keys())

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

const prefixOf: Record<Operator, string> = { must: "", not: "-", any: "~" }

/** Reads one token (no whitespace handling, no errors: invalid input is kept for {@link validate}). */
export const classify = (token: string): Term => {
  const first = token.charAt(0)
  const operator: Operator = first === "-" ? "not" : first === "~" ? "any" : "must"
  const body = operator === "must" ? token : token.slice(1)
  const meta = /^([A-Za-z0-9_]+):([\s\S]+)$/.exec(body)
  if (meta !== null) {
    const name = canonicalName(meta[1]!)
    let value = meta[2]!
    if (value.startsWith("\"")) value = value.slice(1)
    if (value.endsWith("\"")) value = value.slice(0, -1)
    if (value !== "" && operatorAllowed(name, operator)) {
      return { _tag: "Metatag", operator, name, value: lowercaseValues.has(name) ? value.toLowerCase() : value }
    }
  }
  const name = body.toLowerCase()
  const fileType = fileTypeWords.get(name)
  if (fileType !== undefined) return { _tag: "Metatag", operator, name: "type", value: fileType }
  return { _tag: "Tag", operator, name, wildcard: name.includes("*") }
}

/**
 * A metatag; `name` may be an alias (`favoritedby` → `fav`). The value is kept as given except that
 * keyword/number values are lower-cased, as e621 reads them.
 *
 * @category Functions
 * @since 0.1.0
 */
export const metatag = (name: string, value: string): Metatag => {
  const canonical = canonicalName(name)
  return {
    _tag: "Metatag",
    operator: "must",
    name: canonical,
    value: lowercaseValues.has(canonical) ? value.toLowerCase() : value
  }
}

/**
 * `order:<value>` (`score`, `favcount_asc`, `id`, `random`, …; see {@link orderOf}).
 *
 * @category Functions
 * @since 0.1.0
 */
export const order = (value: string): Metatag => metatag("order", value)

/** Drops empty groups and hoists global metatags (`order:`, `limit:`, `randseed:`) to the top level. */
export const normalize = (terms: ReadonlyArray<Term>): ReadonlyArray<Term> => {
  const out: Array<Term> = []
  const strip = (inner: ReadonlyArray<Term>, hoisted: Array<Term>): ReadonlyArray<Term> => {
    const kept: Array<Term> = []
    let changed = false
    for (const term of inner) {
      if (term._tag === "Metatag" && globalMetatags.has(term.name)) {
        hoisted.push(term)
        changed = true
      } else if (term._tag === "Group") {
        const sub = strip(term.terms, hoisted)
        if (sub !== term.terms || sub.length === 0) changed = true
        if (sub.length > 0) kept.push(sub === term.terms ? term : { ...term, terms: sub })
      } else kept.push(term)
    }
    return changed ? kept : inner
  }
  for (const term of terms) {
    if (term._tag !== "Group") {
      out.push(term)
      continue
    }
    const hoisted: Array<Term> = []
    const inner = strip(term.terms, hoisted)
    out.push(...hoisted)
    if (inner.length > 0) out.push(inner === term.terms ? term : { ...term, terms: inner })
  }
  return out
}

/**
 * Builds a query from tokens (`"canine"`, `"-3d"`, `"~cat"`, `"rating:s"`, each string one token), terms and
 * other queries (their terms are appended). Empty groups are dropped and `order:`/`limit:`/`randseed:` are
 * hoisted out of groups, as e621 does. Nothing is rejected here: {@link validate} (run by
 * {@link fromInput}) checks the result.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (items: ReadonlyArray<string | Term | TagQuery>): TagQuery => {
  const terms: Array<Term> = []
  for (const item of items) {
    if (typeof item === "string") {
      if (item.trim() !== "") terms.push(classify(item.trim()))
    } else if (isTagQuery(item)) terms.push(...item.terms)
    else terms.push(item)
  }
  return { terms: normalize(terms) }
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and rendering
// ---------------------------------------------------------------------------------------------------------

const quotedMetatag = /[-~]?[A-Za-z0-9_]+:"[^"]+"(?=\s|$)/y
const plainToken = /\S+/y

/** Splits on whitespace, keeping `name:"quoted value"` tokens whole (e621's `REGEX_TOKENIZE`). */
const tokenize = (input: string): ReadonlyArray<string> => {
  const tokens: Array<string> = []
  const s = input.normalize("NFC")
  let i = 0
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++
    if (i >= s.length) break
    quotedMetatag.lastIndex = i
    const quoted = quotedMetatag.exec(s)
    const match = quoted ?? (plainToken.lastIndex = i, plainToken.exec(s))
    if (match === null) break
    tokens.push(match[0])
    i += match[0].length
  }
  return tokens
}

const groupOpeners: ReadonlyMap<string, Operator> = new Map([["(", "must"], ["-(", "not"], ["~(", "any"]])

const tagsError = (message: string): E621InvalidInput => invalidInput("tags", message)

/** Problems with one (non-group) term, or `undefined`. */
const termProblem = (term: Tag | Metatag): string | undefined => {
  const token = renderTerm(term)
  if (term._tag === "Tag") {
    if (term.name === "") return `empty tag "${token}"`
    if (term.operator === "any" && term.wildcard) return `"${token}": a "~" tag cannot contain "*"`
  } else if (term.value === "") return `empty value in "${token}"`
  return undefined
}

/** Nesting beyond which {@link parseResult} stops reading (deeper than e621's limit, shallow enough to recurse). */
const parseDepthCap = 100

/**
 * Parses a query string, like e621: whitespace-separated tokens; `-`/`~` prefixes; groups `( … )`,
 * `-( … )`, `~( … )` whose parentheses are separate tokens; `name:"quoted value"`; bare file-type words
 * (`png`, `webm`, `flash`, …) read as `type:`; case-insensitive (tag and metatag names are lower-cased);
 * `order:`/`limit:`/`randseed:` hoisted out of groups; empty groups dropped. Fails with
 * `E621InvalidInput` (field `"tags"`) on unbalanced parentheses, empty tags (`-`, `~`), `~` tags with
 * `*` and nesting deeper than 100 levels. Limits (40 tags, 10 levels, ranges) are checked by {@link validate}.
 *
 * @category Functions
 * @since 0.1.0
 */
export const parseResult = (input: string): Result.Result<TagQuery, E621InvalidInput> => {
  const stack: Array<{ readonly operator: Operator; readonly terms: Array<Term> }> = [{ operator: "must", terms: [] }]
  for (const token of tokenize(input)) {
    const opener = groupOpeners.get(token)
    if (opener !== undefined) {
      // e621 refuses more than 10 levels; far deeper input is refused here, before any recursion over it
      if (stack.length > parseDepthCap) {
        return Result.fail(tagsError(`You cannot have more than ${depthLimit} levels of grouping at a time (found more than ${parseDepthCap})`))
      }
      stack.push({ operator: opener, terms: [] })
      continue
    }
    if (token === ")") {
      const frame = stack.pop()
      const parent = stack[stack.length - 1]
      if (frame === undefined || parent === undefined) return Result.fail(tagsError("unbalanced parentheses: \")\" without \"(\""))
      parent.terms.push({ _tag: "Group", operator: frame.operator, terms: frame.terms })
      continue
    }
    const term = classify(token)
    if (term._tag !== "Group") {
      const problem = termProblem(term)
      if (problem !== undefined) return Result.fail(tagsError(problem))
    }
    stack[stack.length - 1]!.terms.push(term)
  }
  if (stack.length !== 1) return Result.fail(tagsError("unbalanced parentheses: \"(\" without \")\""))
  return Result.succeed({ terms: normalize(stack[0]!.terms) })
}

/**
 * {@link parseResult} as an `Effect`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const parse = (input: string): Effect.Effect<TagQuery, E621InvalidInput> => Effect.fromResult(parseResult(input))

const renderTerm = (term: Term): string => {
  const prefix = prefixOf[term.operator]
  switch (term._tag) {
    case "Tag":
      return prefix + term.name
    case "Metatag":
      return `${prefix}${term.name}:${/\s/.test(term.value) ? `"${term.value}"` : term.value}`
    case "Group": {
      const inner = renderTerms(term.terms)
      return inner === "" ? "" : `${prefix}( ${inner} )`
    }
  }
}

const renderTerms = (terms: ReadonlyArray<Term>): string =>
  terms.map(renderTerm).filter((s) => s !== "").join(" ")

/**
 * The query as the string e621 expects: canonical metatag names, values with whitespace quoted, groups as
 * `( … )`. `parse(render(q))` gives `q` back for every query that {@link validate} accepts.
 *
 * @category Functions
 * @since 0.1.0
 */
export const render = (q: TagQuery): string => renderTerms(q.terms)

// ---------------------------------------------------------------------------------------------------------
// Counting and validation
// ---------------------------------------------------------------------------------------------------------

const unlimited = /^(-?status:deleted|rating:s.*|limit:.+)$/i

/**
 * The tag limit of e621 (`Danbooru.config.tag_query_limit`).
 *
 * @category Constants
 * @since 0.1.0
 */
export const tagLimit = 40

/**
 * The deepest group nesting e621 accepts (`TagQuery::DEPTH_LIMIT`).
 *
 * @category Constants
 * @since 0.1.0
 */
export const depthLimit = 10

/**
 * The number of tags e621 counts against the 40-tag limit: every token, metatags and tags inside groups
 * included (the parentheses are not tokens), except `status:deleted`, `-status:deleted`, `rating:s…` and
 * `limit:…` (`is_unlimited_tag?`). Repeated top-level tokens count once (e621 de-duplicates them).
 *
 * @category Functions
 * @since 0.1.0
 */
export const count = (q: TagQuery): number => {
  let n = 0
  const seen = new Set<string>()
  const walk = (terms: ReadonlyArray<Term>, top: boolean): void => {
    for (const term of terms) {
      if (term._tag === "Group") {
        walk(term.terms, false)
        continue
      }
      const token = renderTerm(term)
      if (top) {
        if (seen.has(token)) continue
        seen.add(token)
      }
      if (!unlimited.test(token)) n++
    }
  }
  walk(q.terms, true)
  return n
}

/**
 * The deepest group nesting of the query (0 without groups).
 *
 * @category Functions
 * @since 0.1.0
 */
export const depth = (q: TagQuery): number => {
  const walk = (terms: ReadonlyArray<Term>): number =>
    terms.reduce((max, t) => t._tag === "Group" ? Math.max(max, 1 + walk(t.terms)) : max, 0)
  return walk(q.terms)
}

const numberPattern: Record<NumberKind, RegExp> = {
  int: /^[-+]?\d+$/,
  float: /^[-+]?(\d+\.?\d*|\.\d+)$/,
  filesize: /^(\d+\.?\d*|\.\d+)(kb|mb)?$/,
  ratio: /^(\d+\.?\d*|\.\d+)(:(\d+\.?\d*|\.\d+))?$/
}

/** A range in `ParseValue.range` form. */
type Range =
  | { readonly op: "eq" | "gt" | "gte" | "lt" | "lte"; readonly value: string }
  | { readonly op: "between"; readonly low: string; readonly high: string }
  | { readonly op: "in"; readonly values: ReadonlyArray<string> }

/** Splits a range value exactly in `ParseValue.range`'s order of checks. */
export const splitRange = (v: string): Range => {
  if (v.startsWith("<=")) return { op: "lte", value: v.slice(2) }
  if (v.startsWith("..")) return { op: "lte", value: v.slice(2) }
  if (v.startsWith("<")) return { op: "lt", value: v.slice(1) }
  if (v.startsWith(">=")) return { op: "gte", value: v.slice(2) }
  if (v.endsWith("..")) return { op: "gte", value: v.slice(0, -2) }
  if (v.startsWith(">")) return { op: "gt", value: v.slice(1) }
  const between = v.indexOf("..")
  if (between >= 0) return { op: "between", low: v.slice(0, between), high: v.slice(between + 2) }
  if (v.includes(",")) return { op: "in", values: v.split(",") }
  return { op: "eq", value: v }
}

const rangeValues = (r: Range): ReadonlyArray<string> =>
  r.op === "between" ? [r.low, r.high] : r.op === "in" ? r.values : [r.value]

const rangeProblem = (term: Metatag): string | undefined => {
  const kind = rangeMetatags.get(term.name)
  if (kind === undefined) return undefined
  const ok = rangeValues(splitRange(term.value)).every((v) => numberPattern[kind].test(v))
  return ok ? undefined : `"${renderTerm(term)}": invalid range (use N, >N, >=N, <N, <=N, N..M, ..N, N.. or a,b,c)`
}

/** Terms that would not survive `parse(render(term))` (names with spaces, `(`, a `-` prefix, …). */
const roundTripProblem = (term: Tag | Metatag): string | undefined => {
  const token = renderTerm(term)
  const tokens = tokenize(token)
  const back = tokens.length === 1 && !groupOpeners.has(token) && token !== ")" ? classify(token) : undefined
  const same = back !== undefined && back.operator === term.operator && renderTerm(back) === token &&
    (back._tag === "Tag" && term._tag === "Tag"
      ? back.name === term.name && back.wildcard === term.wildcard
      : back._tag === "Metatag" && term._tag === "Metatag" && back.name === term.name && back.value === term.value)
  return same ? undefined : `"${token}" is not a valid single tag or metatag`
}

const operators: ReadonlySet<unknown> = new Set<Operator>(["must", "not", "any"])

/**
 * Whether a query built outside {@link make} / {@link parse} (a JavaScript caller, JSON) has the shape of terms;
 * descends at most 100 levels, so absurdly deep objects are refused without deep recursion.
 */
const termKeys: Readonly<Record<string, ReadonlyArray<string>>> = {
  Tag: Params.keys<Tag>({ _tag: true, operator: true, name: true, wildcard: true }),
  Metatag: Params.keys<Metatag>({ _tag: true, operator: true, name: true, value: true }),
  Group: Params.keys<Group>({ _tag: true, operator: true, terms: true })
}
const queryKeys = Params.keys<TagQuery>({ terms: true })

/** Every own key, symbols (as `Symbol(…)`, never a known key) and non-enumerable ones included. */
const ownKeys = (value: object): ReadonlyArray<string> =>
  Reflect.ownKeys(value).map((key) => (typeof key === "symbol" ? key.toString() : key))

const shapeProblem = (terms: unknown, level: number): string | undefined => {
  if (!Array.isArray(terms)) return "terms must be an array"
  if (level > parseDepthCap) return `You cannot have more than ${depthLimit} levels of grouping at a time (found more than ${parseDepthCap})`
  for (const term of terms as ReadonlyArray<unknown>) {
    if (typeof term !== "object" || term === null || !("_tag" in term) || !("operator" in term)) {
      return `${JSON.stringify(term) ?? String(term)} is not a tag query term`
    }
    if (!operators.has(term.operator)) return `unknown operator ${JSON.stringify(term.operator)}`
    const known = termKeys[String(term._tag)]
    const extra = known === undefined ? undefined : ownKeys(term).find((key) => !known.includes(key))
    if (known !== undefined && extra !== undefined) {
      return `${E621Error.unknownKeyMessage(extra, known, "key")} in a ${String(term._tag)} term`
    }
    const fields = term as { readonly _tag: unknown; readonly name?: unknown; readonly value?: unknown; readonly wildcard?: unknown; readonly terms?: unknown }
    if (fields._tag === "Group") {
      const inner = shapeProblem(fields.terms, level + 1)
      if (inner !== undefined) return inner
    } else if (fields._tag === "Tag") {
      if (typeof fields.name !== "string" || typeof fields.wildcard !== "boolean") return "a Tag needs a string name and a boolean wildcard"
    } else if (fields._tag === "Metatag") {
      if (typeof fields.name !== "string" || typeof fields.value !== "string") return "a Metatag needs a string name and value"
    } else return `unknown term ${JSON.stringify(fields._tag)}`
  }
  return undefined
}

/** NUL characters and unpaired surrogates, which e621 (or URL encoding) silently drop or replace. */
const unsendable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const characterProblem = (term: Tag | Metatag): string | undefined =>
  unsendable.test(term._tag === "Tag" ? term.name : term.value)
    ? `${JSON.stringify(renderTerm(term))} contains a NUL character or an unpaired surrogate, which e621 would not receive`
    : undefined

const problems = (q: TagQuery): string | undefined => {
  const shape = shapeProblem(q.terms, 0)
  if (shape !== undefined) return shape
  const walk = (terms: ReadonlyArray<Term>): string | undefined => {
    for (const term of terms) {
      const problem = term._tag === "Group"
        ? walk(term.terms)
        : termProblem(term) ?? characterProblem(term) ?? roundTripProblem(term) ??
          (term._tag === "Metatag" ? rangeProblem(term) : undefined)
      if (problem !== undefined) return problem
    }
    return undefined
  }
  const d = depth(q)
  if (d > depthLimit) return `You cannot have more than ${depthLimit} levels of grouping at a time (found ${d})`
  const n = count(q)
  if (n > tagLimit) return `You cannot search for more than ${tagLimit} tags at a time (found ${n})`
  return walk(q.terms)
}

/**
 * Checks a query against e621's rules before it is sent: at most 40 counted tags ({@link count}), at most 10
 * levels of groups, well-formed ranges for numeric metatags (`score:`, `id:`, `filesize:`, …), no empty
 * tags or `~` wildcards, no NUL characters or unpaired surrogates, terms that render to a single token, and
 * (for queries built by hand) the shape of every term. Unknown `order:` values are allowed (e621
 * falls back to id order), as are unknown `word:value` tokens (plain tags to e621). Fails with
 * `E621InvalidInput` (field `"tags"`).
 *
 * @category Functions
 * @since 0.1.0
 */
export const validate = (q: TagQuery): Effect.Effect<TagQuery, E621InvalidInput> => {
  if (typeof q !== "object" || q === null) return Effect.fail(tagsError(`must be a TagQuery ({ terms: [...] }), got ${E621Error.describeValue(q)}`))
  const extra = ownKeys(q).find((key) => !queryKeys.includes(key))
  if (extra !== undefined) return Effect.fail(Params.unknownKey(`tags.${extra}`, extra, queryKeys))
  const problem = problems(q)
  return problem === undefined ? Effect.succeed(q) : Effect.fail(tagsError(problem))
}

/**
 * What endpoints call with their `tags` parameter: a string is parsed, an array's elements are each one or
 * more tokens (joined with spaces, then parsed), a {@link TagQuery} is taken as is, `undefined` is the empty
 * query; the result is {@link validate}d. Anything else (a JavaScript caller's number, a list with
 * non-strings) is `E621InvalidInput` too.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const fromInput = (
  tags: string | ReadonlyArray<string> | TagQuery | undefined
): Effect.Effect<TagQuery, E621InvalidInput> => {
  if (tags === undefined) return Effect.succeed(empty)
  if (isTagQuery(tags)) return validate(tags)
  if (typeof tags === "string") return Effect.flatMap(parse(tags), validate)
  if (Array.isArray(tags) && tags.every((item: unknown) => typeof item === "string")) {
    return Effect.flatMap(parse(tags.join(" ")), validate)
  }
  return Effect.fail(tagsError(`must be a string ("canine -3d"), a list of strings or a TagQuery, got ${E621Error.describeValue(tags)}`))
}

// ---------------------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------------------

const orderAliases: ReadonlyMap<string, string> = new Map([
  ["created_at", "created"],
  ["updated_at", "updated"],
  ["comm", "comment"],
  ["comm_bumped", "comment_bumped"],
  ["comm_count", "comment_count"],
  ["size", "filesize"],
  ["ratio", "aspect_ratio"],
  ["general_tags", "gentags"],
  ["artist_tags", "arttags"],
  ["contributor_tags", "conttags"],
  ["copyright_tags", "copytags"],
  ["character_tags", "chartags"],
  ["species_tags", "spectags"],
  ["invalid_tags", "invtags"],
  ["meta_tags", "metatags"],
  ["lore_tags", "lortags"]
])
const orderNonSuffixed: ReadonlyMap<string, string> = new Map([
  ["portrait", "aspect_ratio_asc"],
  ["landscape", "aspect_ratio"],
  ["rank", "hot"]
])
const orderRoots: ReadonlySet<string> = new Set([
  ...(
    "score md5 favcount note mpixels filesize tagcount change duration created updated comment " +
    "comment_bumped aspect_ratio deleted flagged comment_count"
  ).split(" "),
  ...categoryCounts.keys()
])

/** `TagQuery.normalize_order_value`: suffixes, aliases and `-order:` inversion resolved. */
export const normalizeOrder = (raw: string, invert: boolean): string => {
  let value = raw.toLowerCase()
  value = value === "id_asc" ? "id" : value === "id_desc" ? value : value.replace(/_desc$/, "")
  if (value.endsWith("_asc") && value !== "id_asc") {
    const base = value.slice(0, -4)
    value = `${orderNonSuffixed.get(base) ?? orderAliases.get(base) ?? base}_asc`
  } else value = orderNonSuffixed.get(value) ?? orderAliases.get(value) ?? value
  if (!invert) return value
  if (value === "id") return "id_desc"
  if (value === "id_desc") return "id"
  if (orderRoots.has(value)) return `${value}_asc`
  if (value.endsWith("_asc") && orderRoots.has(value.slice(0, -4))) return value.slice(0, -4)
  return value
}

export const orderFromNormalized = (value: string): Order => {
  if (value === "id") return { field: "id", direction: "asc" }
  if (value === "random" || value === "hot") return { field: value, direction: "desc" }
  if (orderRoots.has(value)) return { field: value, direction: "desc" }
  if (value.endsWith("_asc") && orderRoots.has(value.slice(0, -4))) return { field: value.slice(0, -4), direction: "asc" }
  return { field: "id", direction: "desc" }
}

export const metatagsNamed = (q: TagQuery, names: ReadonlySet<string>): ReadonlyArray<Metatag> => {
  const out: Array<Metatag> = []
  const walk = (terms: ReadonlyArray<Term>): void => {
    for (const t of terms) {
      if (t._tag === "Group") walk(t.terms)
      else if (t._tag === "Metatag" && names.has(t.name)) out.push(t)
    }
  }
  walk(q.terms)
  return out
}

/** A numeric id of a metatag value: 0 when it is not a number, -1 beyond e621's ids. */
export const safeId = (value: string): number => {
  const n = Number.parseInt(value, 10)
  return Number.isNaN(n) ? 0 : n >= 0 && n <= 2_147_483_647 ? n : -1
}

const orderNames: ReadonlySet<string> = new Set(["order", "randseed"])

export const normalizedOrder = (q: TagQuery): { readonly value: string | undefined; readonly seed: number | undefined } => {
  let value: string | undefined
  let seed: number | undefined
  for (const m of metatagsNamed(q, orderNames)) {
    if (m.name === "order") value = normalizeOrder(m.value, m.operator === "not")
    else seed = safeId(m.value)
  }
  return { value: value ?? (seed !== undefined ? "random" : undefined), seed }
}

/**
 * The order of a query, or `undefined` when it has none (e621 then sorts by id, newest first). The last
 * `order:` wins (at any level: e621 hoists it); aliases are resolved (`comm_count` → `comment_count`,
 * `landscape` → `aspect_ratio` desc, …); a bare value is descending except `id`, which is ascending
 * (`id_desc` for descending); `-order:x` inverts; `randseed:` without `order:` means `random`; an unknown
 * value is `id` descending (e621's fallback).
 *
 * @category Functions
 * @since 0.1.0
 */
export const orderOf = (q: TagQuery): Order | undefined => {
  const { value } = normalizedOrder(q)
  return value === undefined ? undefined : orderFromNormalized(value)
}

/**
 * Whether results come in id order — no `order:`, or `order:id` / `order:id_desc` (or an unknown value) — so
 * streams may page with `b<id>`/`a<id>` cursors (cursor pages always sort by id, whatever `order:` says).
 *
 * @category Functions
 * @since 0.1.0
 */
export const isIdOrdered = (q: TagQuery): boolean => {
  const o = orderOf(q)
  return o === undefined || o.field === "id"
}
