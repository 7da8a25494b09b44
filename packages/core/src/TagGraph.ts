/**
 * The tag graph — aliases and implications — and what it means for searching.
 *
 * What e621 does (`app/logical/tag_query.rb#normalize_tags`, `TagAlias.to_aliased`, `post.rb`):
 *
 * - **Aliases are applied to searches.** Every plain tag of a query (at every group level, `-` and `~` alike;
 *   not wildcards, not metatags) is replaced by the consequent of its *active* alias (status `active`,
 *   `processing` or `queued`, e621's `approved` scope) before the search runs, so `kitty` finds posts tagged
 *   `domestic_cat`. A post never carries an aliased-away name.
 * - **Implications are not applied to searches.** e621 adds implied tags to a post when it is tagged
 *   (`Post#normalize_tags`: `TagImplication.with_descendants`), so a post tagged `wolf` already carries
 *   `canine`; the search for `canine` simply finds it. Offline data (DB exports, the fake) carries the implied
 *   tags the same way, so evaluating a query needs only the aliases. {@link implied} gives the closure for
 *   tagging (what a new tag will add), not for searching.
 *
 * Only active relationships count; pending, deleted and retired ones are ignored.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as TagAliases from "./api/TagAliases.ts"
import type * as E621Client from "./E621Client.ts"
import type { E621Error } from "./E621Error.ts"
import type { Post } from "./schemas/Post.ts"
import * as TagQuery from "./TagQuery.ts"

/**
 * Active aliases (antecedent → consequent) and implications (antecedent → its direct consequents).
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagGraph {
  readonly aliases: ReadonlyMap<string, string>
  readonly implications: ReadonlyMap<string, ReadonlyArray<string>>
}

/**
 * A relationship as e621's API and DB exports give it (`tag_aliases`, `tag_implications`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Relationship {
  readonly antecedent_name: string
  readonly consequent_name: string
  readonly status: string
}

/**
 * The statuses e621 treats as in force (`TagRelationship.approved`): `active`, `processing`, `queued`.
 *
 * @category Constants
 * @since 0.1.0
 */
export const activeStatuses: ReadonlySet<string> = new Set(["active", "processing", "queued"])

/**
 * A graph without relationships: queries evaluate as written.
 *
 * @category Constants
 * @since 0.1.0
 */
export const empty: TagGraph = { aliases: new Map(), implications: new Map() }

/**
 * A graph from relationship rows (API answers or DB export rows); inactive rows are skipped.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (rows: {
  readonly aliases?: Iterable<Relationship> | undefined
  readonly implications?: Iterable<Relationship> | undefined
}): TagGraph => {
  const aliases = new Map<string, string>()
  for (const row of rows.aliases ?? []) {
    if (activeStatuses.has(row.status)) aliases.set(row.antecedent_name, row.consequent_name)
  }
  const implications = new Map<string, Array<string>>()
  for (const row of rows.implications ?? []) {
    if (!activeStatuses.has(row.status)) continue
    const list = implications.get(row.antecedent_name)
    if (list === undefined) implications.set(row.antecedent_name, [row.consequent_name])
    else list.push(row.consequent_name)
  }
  return { aliases, implications }
}

const resolveTerms = (graph: TagGraph, terms: ReadonlyArray<TagQuery.Term>): ReadonlyArray<TagQuery.Term> =>
  terms.map((term) => {
    if (term._tag === "Group") return { ...term, terms: resolveTerms(graph, term.terms) }
    if (term._tag !== "Tag" || term.wildcard) return term
    const target = graph.aliases.get(term.name)
    return target === undefined ? term : { ...term, name: target }
  })

/**
 * The query as e621 runs it: every plain tag replaced by its active alias's consequent (one step, as e621 does:
 * aliases never chain on e621, it refuses an alias whose consequent is itself aliased).
 *
 * @category Functions
 * @since 0.1.0
 */
export const resolve = (graph: TagGraph, query: TagQuery.TagQuery): TagQuery.TagQuery =>
  graph.aliases.size === 0 ? query : { terms: resolveTerms(graph, query.terms) }

/**
 * `TagQuery.matcher` of the resolved query: whether e621's search would return a post.
 *
 * @category Functions
 * @since 0.1.0
 */
export const matcher = (
  graph: TagGraph,
  query: TagQuery.TagQuery,
  context?: TagQuery.EvaluateContext
): (post: Post) => boolean => TagQuery.matcher(resolve(graph, query), context)

/**
 * The tags a tag implies, transitively (what e621 adds to a post tagged with it); the tag itself excluded.
 *
 * @category Functions
 * @since 0.1.0
 */
export const implied = (graph: TagGraph, tag: string): ReadonlySet<string> => {
  const out = new Set<string>()
  const todo = [...(graph.implications.get(tag) ?? [])]
  while (todo.length > 0) {
    const next = todo.pop()!
    if (next === tag || out.has(next)) continue
    out.add(next)
    todo.push(...(graph.implications.get(next) ?? []))
  }
  return out
}

/**
 * The plain (non-wildcard) tag names of a query, at every level: the names e621 looks aliases up for.
 *
 * @category Functions
 * @since 0.1.0
 */
export const tagNames = (query: TagQuery.TagQuery): ReadonlyArray<string> => {
  const names = new Set<string>()
  const walk = (terms: ReadonlyArray<TagQuery.Term>): void => {
    for (const term of terms) {
      if (term._tag === "Group") walk(term.terms)
      else if (term._tag === "Tag" && !term.wildcard) names.add(term.name)
    }
  }
  walk(query.terms)
  return [...names]
}

/** Names per `search[antecedent_name]` (e621 reads at most `max_per_page`, 320). */
const namesPerRequest = 320

/**
 * The active aliases of the plain tags of some queries, from the API (`GET /tag_aliases.json`,
 * `search[antecedent_name]`, one request per 320 names; none when there are no plain tags): enough to
 * {@link resolve} those queries as e621 will.
 *
 * @category Functions
 * @since 0.1.0
 */
export const aliasesOf = (
  queries: Iterable<TagQuery.TagQuery>
): Effect.Effect<TagGraph, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const names = [...new Set([...queries].flatMap(tagNames))]
    const rows: Array<Relationship> = []
    for (let start = 0; start < names.length; start += namesPerRequest) {
      const batch = names.slice(start, start + namesPerRequest)
      rows.push(...yield* TagAliases.search({ antecedentName: batch, status: "approved", limit: namesPerRequest }))
    }
    return make({ aliases: rows })
  })
