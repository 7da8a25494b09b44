/**
 * e621 tag queries (the `tags` parameter of post searches): build, parse, render, validate and evaluate them.
 *
 * A {@link TagQuery} is plain data — a list of {@link Term}s, each a plain {@link Tag}, a {@link Metatag}
 * (`rating:s`, `score:>10`, …) or a parenthesised {@link Group}, each with an {@link Operator}: `must` (no
 * prefix), `not` (`-`) or `any` (`~`). The rules follow e621ng's `TagQuery` (`app/logical/tag_query.rb`) and
 * `ElasticPostQueryBuilder`:
 *
 * - at every level, all `must` items are required, no `not` item may match, and — when there are `any` items —
 *   at least one of them must match (so a single `~tag` is simply required);
 * - a positive `*` wildcard joins the `any` items of its level (e621 expands it into OpenSearch `should`
 *   clauses), a negative one excludes every matching tag;
 * - `order:`, `limit:` and `randseed:` are global: they are hoisted out of groups;
 * - `word:value` tokens whose `word` is not a metatag e621 knows (or that carry a prefix e621 does not accept
 *   for that metatag, such as `-md5:`) are plain tags, exactly as e621 reads them;
 * - deleted posts are hidden unless a `status:`/`delreason:`/`deletedby:`/`order:deleted` metatag says
 *   otherwise (see {@link includesDeleted});
 * - at most 40 tags are allowed, counted as e621 counts (see {@link count}).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Result from "effect/Result"
import type { E621InvalidInput } from "./E621Error.ts"
import * as Syntax from "./internal/tagQuerySyntax.ts"
import type { Post } from "./schemas/Post.ts"

// ---------------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------------

/**
 * How a term takes part in its level: `"must"` (plain), `"not"` (`-` prefix), `"any"` (`~` prefix: at least
 * one of the `~` items of the level must match).
 *
 * @category Types
 * @since 0.1.0
 */
export type Operator = "must" | "not" | "any"

/**
 * A plain tag, lower-cased as e621 reads it. `wildcard` is `true` when the name contains `*` (a glob over
 * tag names).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Tag {
  readonly _tag: "Tag"
  readonly operator: Operator
  readonly name: string
  readonly wildcard: boolean
}

/**
 * A metatag such as `rating:s` or `score:>=10`. `name` is canonical (aliases resolved: `favoritedby` →
 * `fav`, `filetype` → `type`, `hasparent` → `ischild`, …); `value` is unquoted (`description:"two words"`
 * has the value `two words`) and lower-cased for metatags whose values are keywords or numbers.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Metatag {
  readonly _tag: "Metatag"
  readonly operator: Operator
  readonly name: string
  readonly value: string
}

/**
 * A parenthesised group `( … )`, `-( … )` or `~( … )`; evaluated like a query of its own.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Group {
  readonly _tag: "Group"
  readonly operator: Operator
  readonly terms: ReadonlyArray<Term>
}

/**
 * One item of a query: a {@link Tag}, a {@link Metatag} or a {@link Group}.
 *
 * @category Types
 * @since 0.1.0
 */
export type Term = Tag | Metatag | Group

/**
 * A parsed or built tag query: plain, comparable data. Built by {@link make} or {@link parse}, sent with
 * {@link render}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagQuery {
  readonly terms: ReadonlyArray<Term>
}

/**
 * Whether `u` is a {@link TagQuery} (an object with a `terms` array that is not a {@link Group}).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const isTagQuery: (u: unknown) => u is TagQuery = Syntax.isTagQuery

/**
 * The empty query (every post, newest first).
 *
 * @category Constants
 * @since 0.1.0
 */
export const empty: TagQuery = Syntax.empty

/**
 * The metatag names e621 knows (canonical names; aliases such as `favoritedby` are not listed).
 *
 * @category Constants
 * @since 0.1.0
 */
export const knownMetatags: ReadonlySet<string> = Syntax.knownMetatags

// These constructors (and `includesDeleted`) live here, not in `internal/tagQuerySyntax.ts`: only code that
// loads this module uses them, so a search bundle, which loads the syntax module, leaves them out (`metatag`,
// `order` and `make`, which post streams use, stay there).

const withOperator = <T extends Term>(term: T, operator: Operator): T => ({ ...term, operator })

const toTerm = (item: string | Term): Term => typeof item === "string" ? Syntax.classify(item.trim()) : item

/**
 * A plain tag (`must`), lower-cased; a `*` makes it a wildcard.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const tag = (name: string): Tag => {
  const lower = name.toLowerCase()
  return { _tag: "Tag", operator: "must", name: lower, wildcard: lower.includes("*") }
}

/**
 * The term negated (`-`): it must not match. Strings are read as one token (`not("3d")`).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const not = (term: string | Term): Term => withOperator(toTerm(term), "not")

/**
 * The term as an "any of" item (`~`): at least one `~` item of its level must match.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const any = (term: string | Term): Term => withOperator(toTerm(term), "any")

/**
 * A metatag; `name` may be an alias (`favoritedby` → `fav`). The value is kept as given except that
 * keyword/number values are lower-cased, as e621 reads them.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const metatag: (name: string, value: string) => Metatag = Syntax.metatag

/**
 * `rating:s|q|e`.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const rating = (value: "s" | "q" | "e"): Metatag => metatag("rating", value)

/**
 * `order:<value>` (`score`, `favcount_asc`, `id`, `random`, …; see {@link orderOf}).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const order: (value: string) => Metatag = Syntax.order

/**
 * `id:<range>`: `123`, `>100`, `100..200`, `1,2,3`, …
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const id = (range: string | number): Metatag => metatag("id", String(range))

/**
 * A parenthesised group of terms (`must`; wrap it in {@link not} or {@link any} for `-( … )` / `~( … )`).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const group = (terms: ReadonlyArray<string | Term>): Group => ({
  _tag: "Group",
  operator: "must",
  terms: terms.map(toTerm)
})

/**
 * Builds a query from tokens (`"canine"`, `"-3d"`, `"~cat"`, `"rating:s"`, each string one token), terms and
 * other queries (their terms are appended). Empty groups are dropped and `order:`/`limit:`/`randseed:` are
 * hoisted out of groups, as e621 does. Nothing is rejected here: {@link validate} (run by
 * {@link fromInput}) checks the result.
 *
 * @function
 * @category Constructors
 * @since 0.1.0
 */
export const make: (items: ReadonlyArray<string | Term | TagQuery>) => TagQuery = Syntax.make

/**
 * Parses a query string, like e621: whitespace-separated tokens; `-`/`~` prefixes; groups `( … )`,
 * `-( … )`, `~( … )` whose parentheses are separate tokens; `name:"quoted value"`; bare file-type words
 * (`png`, `webm`, `flash`, …) read as `type:`; case-insensitive (tag and metatag names are lower-cased);
 * `order:`/`limit:`/`randseed:` hoisted out of groups; empty groups dropped. Fails with
 * `E621InvalidInput` (field `"tags"`) on unbalanced parentheses, empty tags (`-`, `~`), `~` tags with
 * `*` and nesting deeper than 100 levels. Limits (40 tags, 10 levels, ranges) are checked by {@link validate}.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const parseResult: (input: string) => Result.Result<TagQuery, E621InvalidInput> = Syntax.parseResult

/**
 * {@link parseResult} as an `Effect`.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const parse: (input: string) => Effect.Effect<TagQuery, E621InvalidInput> = Syntax.parse

/**
 * The query as the string e621 expects: canonical metatag names, values with whitespace quoted, groups as
 * `( … )`. `parse(render(q))` gives `q` back for every query that {@link validate} accepts.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const render: (q: TagQuery) => string = Syntax.render

/**
 * The tag limit of e621 (`Danbooru.config.tag_query_limit`).
 *
 * @category Constants
 * @since 0.1.0
 */
export const tagLimit: 40 = Syntax.tagLimit

/**
 * The deepest group nesting e621 accepts (`TagQuery::DEPTH_LIMIT`).
 *
 * @category Constants
 * @since 0.1.0
 */
export const depthLimit: 10 = Syntax.depthLimit

/**
 * The number of tags e621 counts against the 40-tag limit: every token, metatags and tags inside groups
 * included (the parentheses are not tokens), except `status:deleted`, `-status:deleted`, `rating:s…` and
 * `limit:…` (`is_unlimited_tag?`). Repeated top-level tokens count once (e621 de-duplicates them).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const count: (q: TagQuery) => number = Syntax.count

/**
 * The deepest group nesting of the query (0 without groups).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const depth: (q: TagQuery) => number = Syntax.depth

/**
 * Checks a query against e621's rules before it is sent: at most 40 counted tags ({@link count}), at most 10
 * levels of groups, well-formed ranges for numeric metatags (`score:`, `id:`, `filesize:`, …), no empty
 * tags or `~` wildcards, no NUL characters or unpaired surrogates, terms that render to a single token, and
 * (for queries built by hand) the shape of every term. Unknown `order:` values are allowed (e621
 * falls back to id order), as are unknown `word:value` tokens (plain tags to e621). Fails with
 * `E621InvalidInput` (field `"tags"`).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const validate: (q: TagQuery) => Effect.Effect<TagQuery, E621InvalidInput> = Syntax.validate

/**
 * What endpoints call with their `tags` parameter: a string is parsed, an array's elements are each one or
 * more tokens (joined with spaces, then parsed), a {@link TagQuery} is taken as is, `undefined` is the empty
 * query; the result is {@link validate}d. Anything else (a JavaScript caller's number, a list with
 * non-strings) is `E621InvalidInput` too.
 *
 * @function
 * @category Constructors
 * @since 0.1.0
 */
export const fromInput: (
  tags: string | ReadonlyArray<string> | TagQuery | undefined
) => Effect.Effect<TagQuery, E621InvalidInput> = Syntax.fromInput

/**
 * The order of a query, or `undefined` when it has none (e621 then sorts by id, newest first). The last
 * `order:` wins (at any level: e621 hoists it); aliases are resolved (`comm_count` → `comment_count`,
 * `landscape` → `aspect_ratio` desc, …); a bare value is descending except `id`, which is ascending
 * (`id_desc` for descending); `-order:x` inverts; `randseed:` without `order:` means `random`; an unknown
 * value is `id` descending (e621's fallback).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const orderOf: (q: TagQuery) => Order | undefined = Syntax.orderOf

/**
 * Whether results come in id order — no `order:`, or `order:id` / `order:id_desc` (or an unknown value) — so
 * streams may page with `b<id>`/`a<id>` cursors (cursor pages always sort by id, whatever `order:` says).
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const isIdOrdered: (q: TagQuery) => boolean = Syntax.isIdOrdered

const deletedStatuses: ReadonlySet<string> = new Set(["deleted", "active", "any", "all"])
const deletedOverrides: ReadonlySet<string> = new Set(["status", "delreason", "deletedby", "order"])

/**
 * Whether the query shows deleted posts. e621 hides them unless, at any level, there is a `status:` or
 * `-status:` with `deleted`, `active`, `any` or `all`, a `delreason:` or `deletedby:`/`deleter:`, or
 * `order:deleted[_asc]` (`OVERRIDE_DELETED_FILTER_*`). {@link evaluate} applies this.
 *
 * @function
 * @category Functions
 * @since 0.1.0
 */
export const includesDeleted = (q: TagQuery): boolean =>
  Syntax.metatagsNamed(q, deletedOverrides).some((m) => {
    switch (m.name) {
      case "status":
        return deletedStatuses.has(m.value)
      case "order": {
        const o = Syntax.normalizeOrder(m.value, m.operator === "not")
        return o === "deleted" || o === "deleted_asc"
      }
      default:
        return true
    }
  })

/**
 * The sort a query asks for: `field` is e621's canonical `order:` root (`id`, `score`, `favcount`, `created`,
 * `updated`, `comment_count`, `tagcount`, `mpixels`, `filesize`, `aspect_ratio`, `random`, `hot`, …).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Order {
  readonly field: string
  readonly direction: "asc" | "desc"
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------

/**
 * What {@link evaluate} cannot see in a `Post` and may be told: who favourited what, user and pool names,
 * set members. Every resolver returns `undefined` for "unknown"; the metatag then counts as satisfied.
 *
 * @category Types
 * @since 0.1.0
 */
export interface EvaluateContext {
  /** Ids of the posts `user` (a name, `!<id>` or `me`) has favourited (`fav:`). */
  readonly favoritedBy?: (user: string) => ReadonlySet<number> | undefined
  /** The id of a user given by name or `me` (`user:`, `approver:`). */
  readonly resolveUser?: (name: string) => number | undefined
  /** The id of a pool given by name (`pool:`). */
  readonly resolvePool?: (name: string) => number | undefined
  /** Ids of the posts in a set given by id or short name (`set:`). */
  readonly setPosts?: (set: string) => ReadonlySet<number> | undefined
}

/** A metatag's clause: matched, not matched, unknown (counts as satisfied), or no clause at all. */
type Clause = boolean | "unknown" | "skip"

const tagSets = new WeakMap<Post, ReadonlySet<string>>()

const tagSet = (post: Post): ReadonlySet<string> => {
  let set = tagSets.get(post)
  if (set === undefined) {
    const all = new Set<string>()
    for (const category in post.tags) for (const t of post.tags[category] ?? []) all.add(t)
    set = all
    tagSets.set(post, set)
  }
  return set
}

const globs = new Map<string, RegExp>()

const globRegExp = (pattern: string, prefix = false): RegExp => {
  const key = `${prefix ? "p" : "x"}${pattern}`
  let re = globs.get(key)
  if (re === undefined) {
    const body = pattern.split(/\*+/).map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")
    re = new RegExp(`^${body}${prefix ? "" : "$"}`, "is")
    if (globs.size > 10_000) globs.clear()
    globs.set(key, re)
  }
  return re
}

const toNumber = (value: string, kind: Syntax.NumberKind): number => {
  switch (kind) {
    case "int":
      return Math.trunc(Number.parseFloat(value)) || 0
    case "float":
      return Number.parseFloat(value) || 0
    case "filesize": {
      const n = Number.parseFloat(value) || 0
      return Math.trunc(value.endsWith("kb") ? n * 1024 : value.endsWith("mb") ? n * 1024 * 1024 : n)
    }
    case "ratio": {
      const [left, right] = value.split(":")
      if (right === undefined) return Math.round((Number.parseFloat(value) || 0) * 100) / 100
      const r = Number.parseFloat(right) || 0
      return r === 0 ? 0 : Math.round(((Number.parseFloat(left ?? "") || 0) / r) * 100) / 100
    }
  }
}

const inRange = (actual: number | null, value: string, kind: Syntax.NumberKind, fudged: boolean): boolean => {
  if (actual === null) return false
  const r = Syntax.splitRange(value)
  switch (r.op) {
    case "eq": {
      const n = toNumber(r.value, kind)
      return fudged ? actual >= Math.trunc(n * 0.95) && actual <= Math.trunc(n * 1.05) : actual === n
    }
    case "gt":
      return actual > toNumber(r.value, kind)
    case "gte":
      return actual >= toNumber(r.value, kind)
    case "lt":
      return actual < toNumber(r.value, kind)
    case "lte":
      return actual <= toNumber(r.value, kind)
    case "between":
      return actual >= toNumber(r.low, kind) && actual <= toNumber(r.high, kind)
    case "in":
      return r.values.some((v) => toNumber(v, kind) === actual)
  }
}

const tagCount = (post: Post): number => {
  let n = 0
  for (const category in post.tags) n += post.tags[category]?.length ?? 0
  return n
}

const rangeActual = (name: string, post: Post): number | null => {
  switch (name) {
    case "id":
      return post.id
    case "width":
      return post.file.width
    case "height":
      return post.file.height
    case "score":
      return post.score.total
    case "favcount":
      return post.fav_count
    case "change":
      return post.change_seq
    case "tagcount":
      return tagCount(post)
    case "comment_count":
      return post.comment_count
    case "mpixels":
      return (post.file.width * post.file.height) / 1_000_000
    case "duration":
      return post.duration
    case "filesize":
      return post.file.size
    case "ratio":
      return post.file.height === 0 ? 0 : Math.round((post.file.width / post.file.height) * 100) / 100
    default: {
      const category = Syntax.categoryCounts.get(name)
      return category === undefined ? null : (post.tags[category]?.length ?? 0)
    }
  }
}

const normalizeUser = (name: string): string => name.trim().toLowerCase().replace(/ /g, "_")

/** Matches a user value (`name`, `!<id>`, `me`) against a user id (and, when known, a name). */
const userClause = (value: string, userId: number | null, userName: string | undefined, ctx: EvaluateContext | undefined): Clause => {
  if (/^!\d+$/.test(value)) return userId === Syntax.safeId(value.slice(1))
  const resolved = ctx?.resolveUser?.(value)
  if (resolved !== undefined) return userId === resolved
  if (userName !== undefined && value.toLowerCase() !== "me") return normalizeUser(userName) === normalizeUser(value)
  return "unknown"
}

const statusClause = (value: string, post: Post): Clause => {
  const { deleted, flagged, pending } = post.flags
  switch (value) {
    case "pending":
      return pending
    case "flagged":
      return flagged
    case "modqueue":
      return pending || flagged
    case "deleted":
      return deleted
    case "active":
      return !pending && !deleted && !flagged
    default:
      return "skip"
  }
}

const anyNone = (value: string, present: boolean): Clause | undefined =>
  value === "any" ? present : value === "none" ? !present : undefined

const bool = (value: string): boolean => value === "true"

const metatagClause = (m: Metatag, post: Post, ctx: EvaluateContext | undefined): Clause => {
  const v = m.value
  const kind = Syntax.rangeMetatags.get(m.name)
  if (kind !== undefined) return inRange(rangeActual(m.name, post), v, kind, m.name === "mpixels" || m.name === "filesize")
  switch (m.name) {
    case "rating": {
      const letter = v.charAt(0)
      return letter === "s" || letter === "q" || letter === "e" ? post.rating === letter : "skip"
    }
    case "type":
      return post.file.ext.toLowerCase() === v
    case "md5":
      return v.split(",").includes(post.file.md5.toLowerCase())
    case "status":
      return statusClause(v, post)
    case "user":
      return userClause(v, post.uploader_id, post.uploader_name, ctx)
    case "user_id":
      return post.uploader_id === Syntax.safeId(v)
    case "approver":
      return anyNone(v.toLowerCase(), post.approver_id !== null) ?? userClause(v, post.approver_id, undefined, ctx)
    case "pool": {
      const present = anyNone(v.toLowerCase(), post.pools.length > 0)
      if (present !== undefined) return present
      const poolId = /^\d+$/.test(v) ? Number(v) : ctx?.resolvePool?.(v)
      return poolId === undefined ? "unknown" : post.pools.includes(poolId)
    }
    case "fav": {
      const ids = ctx?.favoritedBy?.(v)
      return ids === undefined ? "unknown" : ids.has(post.id)
    }
    case "set": {
      const ids = ctx?.setPosts?.(v)
      return ids === undefined ? "unknown" : ids.has(post.id)
    }
    case "parent":
      return anyNone(v, post.relationships.parent_id !== null) ?? post.relationships.parent_id === Syntax.safeId(v)
    case "child":
      return anyNone(v, post.relationships.has_children) ?? "skip"
    case "source": {
      const present = anyNone(v.toLowerCase(), post.sources.length > 0)
      if (present !== undefined) return present
      const re = globRegExp(v.slice(0, 999), true)
      return post.sources.some((s) => re.test(s))
    }
    case "ischild":
      return (post.relationships.parent_id !== null) === bool(v)
    case "isparent":
      return post.relationships.has_children === bool(v)
    case "hassource":
      return (post.sources.length > 0) === bool(v)
    case "hasdescription":
      return (post.description !== "") === bool(v)
    case "inpool":
      return (post.pools.length > 0) === bool(v)
    case "locked": {
      const flag = v === "rating"
        ? post.flags.rating_locked
        : v === "note" || v === "notes"
        ? post.flags.note_locked
        : v === "status"
        ? post.flags.status_locked
        : undefined
      return flag ?? "skip"
    }
    case "ratinglocked":
      return post.flags.rating_locked === bool(v)
    case "notelocked":
      return post.flags.note_locked === bool(v)
    case "statuslocked":
      return post.flags.status_locked === bool(v)
    case "upvote":
      return post.vote === undefined ? "unknown" : post.vote === 1
    case "downvote":
      return post.vote === undefined ? "unknown" : post.vote === -1
    case "voted":
      return post.vote === undefined ? "unknown" : post.vote !== 0
    case "order":
    case "randseed":
    case "limit":
      return "skip"
    default:
      return "unknown"
  }
}

const evaluateLevel = (terms: ReadonlyArray<Term>, post: Post, ctx: EvaluateContext | undefined): boolean => {
  let lastStatus = -1
  terms.forEach((t, i) => {
    if (t._tag === "Metatag" && t.name === "status") lastStatus = i
  })
  let anyItems = 0
  let anyHit = false
  const apply = (operator: Operator, matched: boolean | "unknown"): boolean => {
    switch (operator) {
      case "must":
        return matched !== false
      case "not":
        return matched !== true
      case "any":
        anyItems++
        if (matched !== false) anyHit = true
        return true
    }
  }
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!
    switch (t._tag) {
      case "Tag": {
        if (!t.wildcard) {
          if (!apply(t.operator, tagSet(post).has(t.name))) return false
          break
        }
        const re = globRegExp(t.name)
        let matched = false
        for (const name of tagSet(post)) {
          if (re.test(name)) {
            matched = true
            break
          }
        }
        if (!apply(t.operator === "not" ? "not" : "any", matched)) return false
        break
      }
      case "Group": {
        if (t.terms.length === 0) break
        if (!apply(t.operator, evaluateLevel(t.terms, post, ctx))) return false
        break
      }
      case "Metatag": {
        if (t.name === "status" && i !== lastStatus) break
        const clause = metatagClause(t, post, ctx)
        if (clause === "skip") break
        if (!apply(t.operator, clause)) return false
        break
      }
    }
  }
  return anyItems === 0 || anyHit
}

/**
 * Whether `post` would be in the results of `q` on e621, as far as the post shows it.
 *
 * - Plain tags are looked up in every category; `-tag` excludes; the `~` items of a level need at least one
 *   match (a lone `~tag` is required); groups are evaluated recursively with the same rules.
 * - `*` wildcards glob over the post's tag names; a positive wildcard joins the `~` items of its level (as on
 *   e621, where it expands into OpenSearch `should` clauses); a negative one excludes. e621 expands a wildcard
 *   to at most 40 existing tags, which a post cannot tell us: we match all.
 * - Tag aliases are not applied (e621 resolves them server-side; search with the consequent name).
 * - Metatags evaluated: `rating:` (first letter), numeric ranges (`id score favcount width height tagcount
 *   change comment_count mpixels filesize ratio duration` and the per-category counts; `mpixels`/`filesize`
 *   exact values match ±5 %, bounds truncated to integers as e621 does — so `mpixels:0.5` matches nothing there
 *   either; use a range), `user:`/`user_id:`/`approver:` (name, `!<id>`; names via `post.uploader_name`
 *   or `context.resolveUser`), `status:` (the last one of a level wins), `type:`, `md5:`, `pool:` (id, `any`,
 *   `none`, names via `context.resolvePool`), `fav:` (`context.favoritedBy`), `set:` (`context.setPosts`),
 *   `parent:`, `child:`, `source:` (case-insensitive prefix, `*` allowed), `ischild:`, `isparent:`,
 *   `hassource:`, `hasdescription:`, `inpool:`, lock flags, and `upvote:`/`downvote:`/`voted:` through
 *   `post.vote` (e621 only searches the caller's own votes).
 * - `order:`, `randseed:`, `limit:` and unusable values (`rating:x`) add no condition. Metatags we cannot
 *   check from a post (`date:`, `description:`, `commenter:`, `delreason:`, … or an unresolved user/pool)
 *   count as satisfied, whatever their prefix: e621 filters on data we do not have, and we never drop a post
 *   for it.
 * - Deleted posts never match unless {@link includesDeleted} says the query shows them.
 *
 * @category Functions
 * @since 0.1.0
 */
export const evaluate = (q: TagQuery, post: Post, context?: EvaluateContext): boolean =>
  (!post.flags.deleted || includesDeleted(q)) && evaluateLevel(q.terms, post, context)

/**
 * {@link evaluate} with the query-level work (the deleted-posts override) done once: a predicate to filter
 * many posts.
 *
 * @category Functions
 * @since 0.1.0
 */
export const matcher = (q: TagQuery, context?: EvaluateContext): (post: Post) => boolean => {
  const showDeleted = includesDeleted(q)
  return (post) => (showDeleted || !post.flags.deleted) && evaluateLevel(q.terms, post, context)
}

/** Metatags {@link evaluate} decides from the post alone, whatever their value. */
const fromThePost: ReadonlySet<string> = new Set([
  ...Syntax.rangeMetatags.keys(),
  ..."rating type md5 status user_id parent child source ischild isparent hassource hasdescription inpool locked ratinglocked notelocked statuslocked order randseed limit"
    .split(" ")
])

const decidableMetatag = (m: Metatag, ctx: EvaluateContext | undefined): boolean => {
  if (fromThePost.has(m.name)) return true
  switch (m.name) {
    case "user":
    case "approver":
      return /^!\d+$/.test(m.value) || ctx?.resolveUser?.(m.value) !== undefined
    case "pool":
      return /^(\d+|any|none)$/i.test(m.value) || ctx?.resolvePool?.(m.value) !== undefined
    case "fav":
      return ctx?.favoritedBy?.(m.value) !== undefined
    case "set":
      return ctx?.setPosts?.(m.value) !== undefined
    default:
      return false
  }
}

/**
 * Whether {@link evaluate} decides `q` exactly, from a post (and the context) alone: no metatag that needs data
 * a post does not carry (`date:`, `description:`, `commenter:`, `fav:` without `context.favoritedBy`, a user
 * or pool by an unresolved name, votes, …), which `evaluate` counts as satisfied.
 *
 * @category Functions
 * @since 0.1.0
 */
export const decidable = (q: TagQuery, context?: EvaluateContext): boolean => {
  const walk = (terms: ReadonlyArray<Term>): boolean =>
    terms.every((t) => t._tag === "Group" ? walk(t.terms) : t._tag === "Tag" || decidableMetatag(t, context))
  return walk(q.terms)
}

// ---------------------------------------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------------------------------------

/** A 32-bit integer hash of (seed, id): the deterministic stand-in for OpenSearch's `random_score`. */
const randomKey = (seed: number, id: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const time = (s: string | null): number => {
  if (s === null) return Number.NEGATIVE_INFINITY
  const t = Date.parse(s)
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t
}

const hotness = (post: Post): number => {
  if (post.hotness !== undefined) return post.hotness
  const s = post.score.total
  return Math.sign(s) * Math.log10(Math.max(Math.abs(s), 1)) + time(post.created_at) / 1000 / 432_000
}

const sortKey = (field: string, seed: number): ((post: Post) => number | string) | undefined => {
  switch (field) {
    case "id":
      return (p) => p.id
    case "score":
      return (p) => p.score.total
    case "favcount":
      return (p) => p.fav_count
    case "created":
      return (p) => time(p.created_at)
    case "updated":
      return (p) => time(p.updated_at)
    case "change":
      return (p) => p.change_seq
    case "comment_count":
      return (p) => p.comment_count
    case "tagcount":
      return tagCount
    case "mpixels":
      return (p) => p.file.width * p.file.height
    case "filesize":
      return (p) => p.file.size
    case "md5":
      return (p) => p.file.md5
    case "duration":
      return (p) => p.duration ?? Number.NEGATIVE_INFINITY
    case "aspect_ratio":
      return (p) => p.file.height === 0 ? 0 : p.file.width / p.file.height
    case "hot":
      return hotness
    case "random":
      return (p) => randomKey(seed, p.id)
    default: {
      const category = Syntax.categoryCounts.get(field)
      return category === undefined ? undefined : (p) => p.tags[category]?.length ?? 0
    }
  }
}

/**
 * A comparator putting posts in the order e621 would return them for `q` (for the fake and local data):
 * id descending by default; `score`, `favcount`, `created`, `updated`, `change`, `comment_count`,
 * `tagcount`, `mpixels`, `filesize`, `md5`, `duration`, `aspect_ratio`, per-category counts and `hot`
 * (`post.hotness` when present) in the requested direction, ties broken by id in the same direction;
 * `random` is a deterministic shuffle keyed by `randseed:` (0 without one). Orders on data a post does not
 * carry (`comment`, `note`, `deleted`, `flagged`, …) fall back to id descending.
 *
 * @category Functions
 * @since 0.1.0
 */
export const sort = (q: TagQuery): (a: Post, b: Post) => number => {
  const { seed, value } = Syntax.normalizedOrder(q)
  const o = value === undefined ? undefined : Syntax.orderFromNormalized(value)
  const key = o === undefined ? undefined : sortKey(o.field, seed ?? 0)
  if (o === undefined || key === undefined) return (a, b) => b.id - a.id
  const sign = o.direction === "asc" ? 1 : -1
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign
    return (a.id - b.id) * sign
  }
}
