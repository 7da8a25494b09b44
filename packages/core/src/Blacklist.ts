/**
 * e621 blacklists: parse a user's `blacklisted_tags`, tell which posts they hide, filter streams, and push
 * what a search can express into the query.
 *
 * e621 never applies blacklists on the server (§7.1 of the API reference): its site hides posts in the browser.
 * This module follows that client code in e621ng (commit `73e6206e1e`, 2026-08-21; the `/help/blacklist` page
 * lives in e621's database, not in the repository, so the code is the reference):
 * `app/javascript/src/js/core/blacklist/Filter.ts` (lines), `FilterToken.ts` (tokens) and
 * `FilterUtilities.ts` (metatags, comparisons, values), plus `Post#status_flags` / `thumbnail_attributes`
 * in `app/models/post.rb` for the post data it tests, and `User#normalize_blacklisted_tags` (the server
 * applies tag aliases when the setting is saved, so stored blacklists already use consequent names):
 *
 * - one rule per line, lower-cased; blank lines and lines starting with `#` are ignored, and ` #…` ends a line
 *   (a comment); repeated lines and repeated tokens in a line count once;
 * - every plain token of a line must match; `-token` inverts a token; `~token` tokens are "any of": when a
 *   line has some, at least one must match (`~-token` is an inverted any-of token);
 * - `*` in a plain tag is a wildcard over the post's tags (a plain token, required like any other);
 * - metatags (and only these — any other `word:value` is a plain tag, and a bare `png` is a tag, not a type):
 *   `rating:` (`s`/`safe`, `q`/`questionable`, `e`/`explicit`; anything else matches nothing), `status:`
 *   (`pending`, `flagged`, `deleted`), `type:` (file extension), `id:`, `score:`, `favcount:`, `width:`,
 *   `height:`, `tagcount:`, `filesize:` (`b`/`kb`/`mb`; an exact size matches ±5 %), `userid:` (numbers:
 *   `N`, `<N`, `<=N`, `>N`, `>=N`, `=<N`, `=>N`, `N..M`, `N..`, `..N`, integers as `parseInt` reads them; an
 *   unreadable number matches nothing), `user:`/`uploader:` (a name, or `!<id>`), `username:`, `pool:<id>`,
 *   and `fav:` (whatever its value: posts the viewer has favourited — `post.is_favorited`).
 *
 * The differences are deliberate and small: tokens are split on any whitespace (e621: spaces), a rule's
 * `text` is its distinct tokens joined by one space (so `a  b` and `a b` are one rule), and a token that is
 * only a prefix (`-`, `~`) is dropped. Posts are evaluated as the API returns them, so `fav:` needs
 * the viewer's `is_favorited` (send credentials) and `user:<name>` needs `uploader_name` (e621 sends it since
 * 2025; a post without it is not matched by name).
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import * as Users from "./api/Users.ts"
import * as E621Client from "./E621Client.ts"
import * as Blacklisting from "./internal/blacklisting.ts"
import type { E621Error } from "./E621Error.ts"
import type { Post } from "./schemas/Post.ts"
import * as TagQuery from "./TagQuery.ts"

// ---------------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------------

/**
 * A numeric comparison of a metatag token, normalised as e621 does (`=<` is `<=`, `N..` is `>=N`, …).
 *
 * @category Types
 * @since 0.1.0
 */
export type Comparison =
  | { readonly op: "=" | "<" | "<=" | ">" | ">="; readonly value: number }
  | { readonly op: ".."; readonly low: number; readonly high: number }

/**
 * What one token tests:
 *
 * - `Term`: a tag, wildcard or metatag that means the same to e621's search, evaluated with `TagQuery`;
 *   `searchable` tells whether {@link toQuery} may send it (wildcards, bare file-type words and
 *   `word:value` tags would mean something else in a search);
 * - `Uploader`: the uploader's name (`user:name`, `uploader:name`, `username:name`);
 * - `UploaderId`: a comparison on the uploader's id (`userid:`);
 * - `Favorited`: the viewer has favourited the post (`fav:…`);
 * - `Never`: a value e621's blacklist cannot match (`rating:x`, `score:abc`, `pool:name`, `status:active`).
 *
 * @category Types
 * @since 0.1.0
 */
export type Check =
  | { readonly _tag: "Term"; readonly term: TagQuery.Tag | TagQuery.Metatag; readonly searchable: boolean }
  | { readonly _tag: "Uploader"; readonly name: string }
  | { readonly _tag: "UploaderId"; readonly comparison: Comparison }
  | { readonly _tag: "Favorited" }
  | { readonly _tag: "Never" }

/**
 * One word of a rule: its text as written (lower-cased), its prefixes (`~` → `optional`, `-` → `negated`)
 * and what it tests.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Token {
  readonly text: string
  readonly optional: boolean
  readonly negated: boolean
  readonly check: Check
}

/**
 * One line of a blacklist: `text` is the normalised line (lower-cased, comment removed, distinct tokens
 * separated by one space); a post is hidden by the rule when every required token matches and, if the rule has `~` tokens, at
 * least one of them does.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Rule {
  readonly text: string
  readonly tokens: ReadonlyArray<Token>
}

/**
 * A parsed blacklist: plain, comparable data (its rules in the order written).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Blacklist {
  readonly rules: ReadonlyArray<Rule>
}

/**
 * The blacklist that hides nothing (e621's default for new accounts and anonymous visitors).
 *
 * @category Constants
 * @since 0.1.0
 */
export const empty: Blacklist = { rules: [] }

// ---------------------------------------------------------------------------------------------------------
// Parsing (Filter.create, FilterToken, FilterUtilities)
// ---------------------------------------------------------------------------------------------------------

const never: Check = { _tag: "Never" }

/** `FilterUtilities.ComparisonTable`, longest first. */
const comparisonPrefixes: ReadonlyArray<readonly [string, "<" | "<=" | ">" | ">="]> = [
  ["<=", "<="], [">=", ">="], ["=<", "<="], ["=>", ">="], ["<", "<"], [">", ">"]
]

/** `FilterUtilities.parseFilesize`: bytes, or NaN. */
const filesize = (input: string): number => {
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*(b|kb|mb)?$/.exec(input)
  if (match === null) return Number.NaN
  const value = Number.parseFloat(match[1]!)
  return Math.floor(match[2] === "kb" ? value * 1024 : match[2] === "mb" ? value * 1048576 : value)
}

/** A comparison as `FilterToken`'s constructor reads it, or `undefined` when a number is unreadable. */
const comparison = (raw: string, read: (s: string) => number): Comparison | undefined => {
  const ok = (n: number) => !Number.isNaN(n)
  if (raw.includes("..")) {
    if (raw.startsWith("..")) {
      const value = read(raw.slice(2))
      return ok(value) ? { op: "<=", value } : undefined
    }
    if (raw.endsWith("..")) {
      const value = read(raw.slice(0, -2))
      return ok(value) ? { op: ">=", value } : undefined
    }
    const parts = raw.split("..")
    if (parts.length !== 2) return undefined
    const low = read(parts[0]!)
    const high = read(parts[1]!)
    return ok(low) && ok(high) ? { op: "..", low, high } : undefined
  }
  const prefix = /^[<>=]{1,2}/.exec(raw)?.[0]
  const op = prefix === undefined ? undefined : comparisonPrefixes.find(([p]) => p === prefix)?.[1]
  const value = read(op === undefined ? raw : raw.slice(prefix!.length))
  return ok(value) ? { op: op ?? "=", value } : undefined
}

/** The comparison as a `TagQuery` range value. */
const rangeValue = (c: Comparison): string =>
  c.op === ".." ? `${c.low}..${c.high}` : c.op === "=" ? String(c.value) : `${c.op}${c.value}`

const compare = (n: number, c: Comparison): boolean => {
  switch (c.op) {
    case "=":
      return n === c.value
    case "<":
      return n < c.value
    case "<=":
      return n <= c.value
    case ">":
      return n > c.value
    case ">=":
      return n >= c.value
    case "..":
      return n >= c.low && n <= c.high
  }
}

const int = (s: string): number => Number.parseInt(s, 10)

const term = (t: TagQuery.Tag | TagQuery.Metatag, searchable = true): Check => ({ _tag: "Term", term: t, searchable })

/** Whether a plain tag would be read back as the same plain tag by e621's search. */
const searchableTag = (t: TagQuery.Tag): boolean => {
  if (t.wildcard || t.name === "") return false
  const parsed = TagQuery.parseResult(t.name)
  if (Result.isFailure(parsed)) return false
  const [only] = parsed.success.terms
  return parsed.success.terms.length === 1 && only?._tag === "Tag" && only.operator === "must" && only.name === t.name
}

const plainTag = (name: string): Check => {
  const t = TagQuery.tag(name)
  return term(t, searchableTag(t))
}

const ratings: ReadonlyMap<string, "s" | "q" | "e"> = new Map([
  ["s", "s"], ["safe", "s"], ["q", "q"], ["questionable", "q"], ["e", "e"], ["explicit", "e"]
])
const fileTypes: ReadonlySet<string> = new Set(["jpg", "png", "gif", "swf", "webm", "mp4", "webp"])
const statuses: ReadonlySet<string> = new Set(["pending", "flagged", "deleted"])
const numericMetatags: ReadonlySet<string> = new Set(["id", "score", "favcount", "width", "height", "tagcount"])

/** `FilterUtilities.FilterTests`: the metatags the site blacklist knows; any other `word:` is a plain tag. */
const metatagCheck = (type: string, value: string): Check | undefined => {
  if (numericMetatags.has(type)) {
    const c = comparison(value, int)
    return c === undefined ? never : term(TagQuery.metatag(type, rangeValue(c)))
  }
  switch (type) {
    case "filesize": {
      const c = comparison(value, filesize)
      return c === undefined ? never : term(TagQuery.metatag("filesize", rangeValue(c)))
    }
    case "rating": {
      const letter = ratings.get(value)
      return letter === undefined ? never : term(TagQuery.rating(letter))
    }
    case "status":
      return statuses.has(value) ? term(TagQuery.metatag("status", value)) : never
    case "type":
      return term(TagQuery.metatag("type", value), fileTypes.has(value))
    case "fav":
      return { _tag: "Favorited" }
    case "user":
    case "uploader":
      if (value.startsWith("!")) {
        const id = int(value.slice(1))
        return Number.isNaN(id) ? never : term(TagQuery.metatag("user_id", String(id)))
      }
      return { _tag: "Uploader", name: value }
    case "username":
      return { _tag: "Uploader", name: value }
    case "userid": {
      const c = comparison(value, int)
      return c === undefined ? never : { _tag: "UploaderId", comparison: c }
    }
    case "pool": {
      const id = int(value) || 0
      return id === 0 ? never : term(TagQuery.metatag("pool", String(id)))
    }
    default:
      return undefined
  }
}

/** One token (`FilterToken`'s constructor); `undefined` for a bare prefix. */
const parseToken = (word: string): Token | undefined => {
  const prefix = /^[~-]+/.exec(word)?.[0] ?? ""
  const body = word.slice(prefix.length)
  if (body === "") return undefined
  const colon = body.indexOf(":")
  const check = (colon < 0 ? undefined : metatagCheck(body.slice(0, colon), body.slice(colon + 1))) ?? plainTag(body)
  return { text: word, optional: prefix.includes("~"), negated: prefix.includes("-"), check }
}

/** One line (`Filter.create`); `undefined` for blank lines, comments and lines without tokens. */
const parseRule = (line: string): Rule | undefined => {
  const trimmed = line.trim()
  if (trimmed === "" || trimmed.startsWith("#")) return undefined
  const words = [...new Set(trimmed.toLowerCase().replace(/ #.*$/, "").split(/\s+/))]
  const tokens: Array<Token> = []
  for (const word of words) {
    const token = parseToken(word)
    if (token !== undefined) tokens.push(token)
  }
  return tokens.length === 0 ? undefined : { text: tokens.map((t) => t.text).join(" "), tokens }
}

/**
 * Parses a blacklist as e621's site does: the `blacklisted_tags` text (newline-separated) or its lines. Never
 * fails — like e621, anything it cannot read becomes a plain tag or a token that matches nothing.
 *
 * @category Functions
 * @since 0.1.0
 */
export const parse = (text: string | ReadonlyArray<string>): Blacklist => {
  const lines = typeof text === "string" ? text.split(/\r?\n|\r/) : text.flatMap((l) => l.split(/\r?\n|\r/))
  const rules: Array<Rule> = []
  const seen = new Set<string>()
  for (const line of lines) {
    const rule = parseRule(line)
    if (rule === undefined || seen.has(rule.text)) continue
    seen.add(rule.text)
    rules.push(rule)
  }
  return { rules }
}

/**
 * The logged-in user's blacklist (`GET /users/me.json`, its `blacklisted_tags`). Without credentials e621
 * answers its anonymous placeholder, which carries the site's default blacklist: that is what you get (an
 * answer without `blacklisted_tags` gives {@link empty}).
 *
 * @category Constants
 * @since 0.1.0
 */
export const fromCurrentUser: Effect.Effect<Blacklist, E621Error, E621Client.E621Client> = Effect.map(
  Users.me,
  (me) => parse(me.blacklisted_tags ?? "")
)

/**
 * The blacklist as e621 stores it: one normalised rule per line.
 *
 * @category Functions
 * @since 0.1.0
 */
export const render = (bl: Blacklist): string => bl.rules.map((r) => r.text).join("\n")

// ---------------------------------------------------------------------------------------------------------
// Evaluation (Filter.updateWithPosts)
// ---------------------------------------------------------------------------------------------------------

/** Keeps deleted posts in play: `TagQuery` hides them from queries that do not ask for them. */
const statusAny = TagQuery.metatag("status", "any")

const compileCheck = (check: Check): (post: Post) => boolean => {
  switch (check._tag) {
    case "Term":
      return TagQuery.matcher({ terms: [statusAny, check.term] })
    case "Uploader":
      return (post) => post.uploader_name !== undefined && post.uploader_name.toLowerCase() === check.name
    case "UploaderId":
      return (post) => compare(post.uploader_id, check.comparison)
    case "Favorited":
      return (post) => post.is_favorited
    case "Never":
      return () => false
  }
}

const compileRule = (rule: Rule): (post: Post) => boolean => {
  const compiled = rule.tokens.map((t) => {
    const test = compileCheck(t.check)
    return { optional: t.optional, test: t.negated ? (post: Post) => !test(post) : test }
  })
  const required = compiled.filter((t) => !t.optional).map((t) => t.test)
  const optional = compiled.filter((t) => t.optional).map((t) => t.test)
  return (post) => required.every((test) => test(post)) && (optional.length === 0 || optional.some((test) => test(post)))
}

const compiledRules = new WeakMap<Blacklist, ReadonlyArray<readonly [Rule, (post: Post) => boolean]>>()

const compiled = (bl: Blacklist) => {
  let rules = compiledRules.get(bl)
  if (rules === undefined) {
    rules = bl.rules.map((rule) => [rule, compileRule(rule)] as const)
    compiledRules.set(bl, rules)
  }
  return rules
}

/**
 * The first rule that hides `post`, or `Option.none()` when the blacklist lets it through. Rules are
 * compiled once per blacklist value.
 *
 * @category Functions
 * @since 0.1.0
 */
export const matches = (bl: Blacklist, post: Post): Option.Option<Rule> => {
  for (const [rule, test] of compiled(bl)) if (test(post)) return Option.some(rule)
  return Option.none()
}

/**
 * Whether some rule of the blacklist hides `post`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const isBlacklisted = (bl: Blacklist, post: Post): boolean => Option.isSome(matches(bl, post))

/**
 * A `Stream` operator that drops the posts the blacklist hides:
 * `Posts.stream({ tags }).pipe(Blacklist.filter(bl))`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const filter = (
  bl: Blacklist
): <E, R>(self: Stream.Stream<Post, E, R>) => Stream.Stream<Post, E, R> =>
<E, R>(self: Stream.Stream<Post, E, R>): Stream.Stream<Post, E, R> =>
  bl.rules.length === 0 ? self : Stream.filter(self, (post: Post) => !isBlacklisted(bl, post))

// ---------------------------------------------------------------------------------------------------------
// Pushing rules into searches
// ---------------------------------------------------------------------------------------------------------

/** A token as a search term (operator `must`), or `undefined` when a search would mean something else. */
const searchTerm = (check: Check): TagQuery.Tag | TagQuery.Metatag | undefined => {
  switch (check._tag) {
    case "Term":
      return check.searchable ? check.term : undefined
    case "Uploader":
      return /^[^\s*()~"-][^\s*"]*$/.test(check.name) ? TagQuery.metatag("user", check.name) : undefined
    case "UploaderId":
      return check.comparison.op === "=" && check.comparison.value > 0
        ? TagQuery.metatag("user_id", String(check.comparison.value))
        : undefined
    case "Favorited":
    case "Never":
      return undefined
  }
}

/**
 * The search term that excludes the posts a rule hides, or `undefined` when a search cannot say it exactly:
 * a one-token rule becomes `-token` (`token` for `-token`), a longer one `-( … )` with its `-` and `~` items.
 * Rules with `status:` next to other tokens stay local (inside a group, `status:` would change which deleted
 * posts a search shows).
 */
const exclusion = (rule: Rule): TagQuery.Term | undefined => {
  const items: Array<TagQuery.Term> = []
  for (const token of rule.tokens) {
    const t = searchTerm(token.check)
    if (t === undefined) return undefined
    if (rule.tokens.length === 1) return token.negated ? t : TagQuery.not(t)
    if (t._tag === "Metatag" && t.name === "status") return undefined
    if (token.optional) items.push(token.negated ? TagQuery.any(TagQuery.group([TagQuery.not(t)])) : TagQuery.any(t))
    else items.push(token.negated ? TagQuery.not(t) : t)
  }
  return TagQuery.not(TagQuery.group(items))
}

/**
 * Splits a blacklist for a search: `query` holds negated terms a search can evaluate exactly as the site
 * blacklist does (`-tag`, `-rating:e`, `-score:<0`, `-( tag1 tag2 )`, …), using at most `budget` tags as e621
 * counts them ({@link TagQuery.count}; pass `TagQuery.tagLimit - TagQuery.count(yourQuery)`); `local` holds
 * the rules left for {@link filter} — wildcards (e621's search expands only 40 of them), `fav:`, bare
 * file-type words and other tokens a search reads differently, and whatever did not fit. Cheaper rules are
 * placed first, so as many rules as possible move to the server.
 *
 * @category Functions
 * @since 0.1.0
 */
export const toQuery = (bl: Blacklist, budget: number = TagQuery.tagLimit): {
  readonly query: TagQuery.TagQuery
  readonly local: Blacklist
} => {
  const candidates = bl.rules.map((rule, index) => ({ rule, index, term: exclusion(rule) }))
  const byCost = candidates
    .filter((c) => c.term !== undefined)
    .sort((a, b) => a.rule.tokens.length - b.rule.tokens.length || a.index - b.index)
  const pushed = new Set<number>()
  let query = TagQuery.empty
  for (const c of byCost) {
    const next = TagQuery.make([query, c.term!])
    if (TagQuery.count(next) > budget) continue
    query = next
    pushed.add(c.index)
  }
  return { query, local: { rules: candidates.filter((c) => !pushed.has(c.index)).map((c) => c.rule) } }
}

// ---------------------------------------------------------------------------------------------------------
// The client's blacklist
// ---------------------------------------------------------------------------------------------------------

/**
 * The `blacklist` option of `E621Client`: blacklist text, its lines, a parsed {@link Blacklist}, or
 * `{ account: true }` for the logged-in user's own (loaded once per client with {@link fromCurrentUser}).
 *
 * @category Types
 * @since 0.1.0
 */
export type Source = string | ReadonlyArray<string> | Blacklist | { readonly account: true }

/**
 * When `true`, the client's blacklist is not applied (a per-call blacklist still is). Set it with
 * {@link unfiltered}, or `Stream.provideService(stream, Blacklist.Skip, true)` for a stream.
 *
 * @category Constants
 * @since 0.1.0
 */
export const Skip: Context.Reference<boolean> = Blacklisting.Skip

/**
 * Runs an effect without the client's blacklist (everything it searches comes back).
 *
 * @category Functions
 * @since 0.1.0
 */
export const unfiltered = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, Skip, true)

interface State {
  loaded: Blacklist | undefined
  hidden: number
}

/** Per client (the service value): the resolved blacklist and the count of posts it hid. */
const states = new WeakMap<object, State>()

const stateOf = (client: object): State => {
  let state = states.get(client)
  if (state === undefined) {
    state = { loaded: undefined, hidden: 0 }
    states.set(client, state)
  }
  return state
}

const isBlacklist = (source: Source): source is Blacklist => typeof source === "object" && "rules" in source

/**
 * The blacklist a call applies: its own (`false`: none), else the client's `blacklist` option unless
 * {@link Skip} is set, else none. `{ account: true }` is loaded from `/users/me.json` on first use and kept.
 *
 * @category Functions
 * @since 0.1.0
 */
export const inForce = (
  perCall?: Blacklist | false | undefined
): Effect.Effect<Blacklist | undefined, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    if (perCall === false) return undefined
    if (perCall !== undefined) return perCall
    if (yield* Skip) return undefined
    const client = yield* E621Client.E621Client
    const source = client.settings.blacklist
    if (source === undefined) return undefined
    const state = stateOf(client)
    if (state.loaded !== undefined) return state.loaded
    const loaded = isBlacklist(source)
      ? source
      : typeof source === "string" || Array.isArray(source)
      ? parse(source as string | ReadonlyArray<string>)
      : yield* fromCurrentUser
    state.loaded = loaded
    return loaded
  })

/**
 * How many posts blacklists have hidden from this client's searches, streams, watches and downloads so far.
 *
 * @category Constants
 * @since 0.1.0
 */
export const hidden: Effect.Effect<number, never, E621Client.E621Client> = E621Client.E621Client.use((client) =>
  Effect.succeed(stateOf(client).hidden)
)

/**
 * Splits posts into those shown and those the blacklist hides; the hidden ones are counted ({@link hidden})
 * and logged at debug level with their ids and rules — never dropped silently.
 *
 * @category Functions
 * @since 0.1.0
 */
export const partition = <A>(
  bl: Blacklist | undefined,
  items: ReadonlyArray<A>,
  postOf: (item: A) => Post
): Effect.Effect<{ readonly shown: ReadonlyArray<A>; readonly hidden: ReadonlyArray<A> }, never, E621Client.E621Client> => {
  if (bl === undefined || bl.rules.length === 0) return Effect.succeed({ shown: items, hidden: [] })
  const shown: Array<A> = []
  const hiddenItems: Array<{ readonly item: A; readonly rule: Rule }> = []
  for (const item of items) {
    const rule = matches(bl, postOf(item))
    if (Option.isSome(rule)) hiddenItems.push({ item, rule: rule.value })
    else shown.push(item)
  }
  if (hiddenItems.length === 0) return Effect.succeed({ shown, hidden: [] })
  return Effect.gen(function*() {
    stateOf(yield* E621Client.E621Client).hidden += hiddenItems.length
    yield* Effect.logDebug(`blacklist hid ${hiddenItems.length} post(s)`).pipe(Effect.annotateLogs({
      hidden: hiddenItems.map(({ item, rule }) => `#${postOf(item).id}: ${rule.text}`).join("; ")
    }))
    return { shown, hidden: hiddenItems.map(({ item }) => item) }
  })
}

/**
 * A `Stream` operator applying {@link partition} to each chunk: hidden items are counted and logged.
 *
 * @category Functions
 * @since 0.1.0
 */
export const hide = <A>(
  bl: Blacklist | undefined,
  postOf: (item: A) => Post
): <E, R>(self: Stream.Stream<A, E, R>) => Stream.Stream<A, E, R | E621Client.E621Client> =>
<E, R>(self: Stream.Stream<A, E, R>): Stream.Stream<A, E, R | E621Client.E621Client> =>
  bl === undefined || bl.rules.length === 0
    ? self
    : self.pipe(
      Stream.mapArrayEffect((items) => Effect.map(partition(bl, items, postOf), ({ shown }) => Arr.of(shown))),
      Stream.filter(Arr.isReadonlyArrayNonEmpty),
      Stream.flattenArray
    )
