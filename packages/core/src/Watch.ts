/**
 * Following tag queries: the posts that appear for them from now on, oldest first, each once — what a bot that
 * posts new uploads, or a "followed tags" screen with unseen counts, is built on. `Posts.watch` is the
 * one-query form.
 *
 * How it asks e621: `page=a<position>` cursors (e621 takes the `limit` lowest ids above `position`, whatever
 * the order, and answers them newest first), so a poll sees every post that entered the search index after the
 * last one, however many; a poll that returns a full page keeps paging before it sleeps. Many queries share one
 * request per poll: they are packed into OR-groups, `~a ~b ~( c -d ) …`, within e621's 40-tag limit (every
 * token counts once, `~` or not, including the tokens inside groups: `TagQuery.count`); a query that cannot be
 * packed (no tags, one that shows deleted posts, or one with a metatag a post cannot be checked against
 * locally, such as `fav:` or `date:` — `TagQuery.decidable`) is polled by itself, so its posts are exactly e621's. Each new post is then attributed
 * locally to the queries it matches (`TagQuery.evaluate`, after resolving the queries' active aliases as
 * e621 does — `TagGraph`).
 *
 * Every request goes through the client's rate limiter and retry schedule. A poll that still fails with a
 * transient error (server error, 429/503, network) is logged and tried again, from the same position, at the
 * next tick of the schedule; other errors end the stream. Every poll is emitted — with no posts when nothing
 * came — and carries the `position` to store: pass it back as `since` to resume without gaps or repeats.
 *
 * Limits of id-order following (e621's, not ours): the position is one post id, and a post keeps the id it
 * was uploaded with. A post that enters a search after newer ones keeps an id below the position and is **not
 * delivered**: one that starts matching by a tag edit, one undeleted, and one approved from the mod queue
 * while e621 hides pending uploads from searches (its `hide_pending_posts_for` lockdown; normally pending
 * posts are searchable at once and are delivered on upload) — and, rarely, an upload that becomes searchable
 * a moment after a newer one (e621 indexes a post when its transaction commits, and two uploads can commit out
 * of id order) if a poll lands in that moment. We do not look back: that would need a set of
 * seen ids as the position, not one number. To see edits follow `Posts.changes`; approvals, `PostApprovals`.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Pull from "effect/Pull"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Posts from "./api/Posts.ts"
import * as Blacklist from "./Blacklist.ts"
import * as E621Client from "./E621Client.ts"
import { E621DecodeError, type E621Error, invalidInput } from "./E621Error.ts"
import * as Endpoint from "./internal/endpoint.ts"
import * as Params from "./internal/params.ts"
import type { Post } from "./schemas/Post.ts"
import * as TagGraph from "./TagGraph.ts"
import * as TagQuery from "./TagQuery.ts"

/**
 * How to follow: the poll interval (`every`: a duration, or any `Schedule` — a finite one ends the stream),
 * the stored position to resume from (`since`: a post id; default the newest post at start), the page size
 * (1..320, default 320) and a blacklist whose posts are left out (and counted in `hidden`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** The poll interval: a duration (`"1 minute"`) or any `Schedule`; a finite one ends the stream. */
  readonly every: Duration.Input | Schedule.Schedule<unknown>
  /** The stored position (a post id): posts with larger ids are streamed. Default: the newest post at start. */
  readonly since?: number | undefined
  /** Posts per request, 1..320 (default 320). */
  readonly pageSize?: number | undefined
  /** Default: the client's `blacklist` option; `false` turns it off. */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
}

/**
 * A new post and the names of the followed queries it matches.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Hit<K extends string> {
  readonly post: Post
  readonly queries: ReadonlyArray<K>
}

/**
 * One poll: the new posts (ascending ids), how many each query got, how many the blacklist hid, and the
 * `position` to store once they are handled.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Poll<K extends string> {
  readonly position: number
  readonly posts: ReadonlyArray<Hit<K>>
  readonly counts: Readonly<Record<K, number>>
  readonly hidden: number
}

/** The metatags that are global on e621 (hoisted out of groups) and would break paging or packing. */
const global: ReadonlySet<string> = new Set(["order", "randseed", "limit"])

const hasGlobal = (terms: ReadonlyArray<TagQuery.Term>): boolean =>
  terms.some((t) => t._tag === "Group" ? hasGlobal(t.terms) : t._tag === "Metatag" && global.has(t.name))

interface Followed<K extends string> {
  readonly key: K
  readonly query: TagQuery.TagQuery
}

/** One request per poll: the query sent, and the followed queries it covers. */
interface Batch<K extends string> {
  readonly tags: string | undefined
  readonly members: ReadonlyArray<Followed<K>>
}

/** A query as one alternative of an OR-group: `~tag`, or `~( … )`. */
const alternative = (query: TagQuery.TagQuery): TagQuery.Term => {
  const [only] = query.terms
  return query.terms.length === 1 && only!._tag === "Tag" && only!.operator === "must" && !only!.wildcard
    ? { ...only!, operator: "any" }
    : { _tag: "Group", operator: "any", terms: query.terms }
}

/**
 * Queries that cannot share a request: no tags, showing deleted posts (it would show them for all), or with a
 * metatag we cannot check on a post (`fav:`, `date:`, …): only e621 can say which posts are theirs.
 */
const alone = (query: TagQuery.TagQuery): boolean =>
  query.terms.length === 0 || TagQuery.includesDeleted(query) || !TagQuery.decidable(query)

/**
 * Packs followed queries into as few requests as e621's limits allow (greedy, in the given order): OR-groups of
 * at most 40 tags and 10 levels; the queries {@link alone} says cannot share, alone, as written.
 */
const pack = <K extends string>(followed: ReadonlyArray<Followed<K>>): ReadonlyArray<Batch<K>> => {
  const batches: Array<Batch<K>> = []
  let members: Array<Followed<K>> = []
  let terms: Array<TagQuery.Term> = []
  const flush = () => {
    if (members.length === 1) batches.push(single(members[0]!))
    else if (members.length > 1) batches.push({ tags: TagQuery.render({ terms }), members })
    members = []
    terms = []
  }
  for (const f of followed) {
    if (alone(f.query)) {
      batches.push(single(f))
      continue
    }
    const next = [...terms, alternative(f.query)]
    const candidate = { terms: next }
    if (members.length > 0 && (TagQuery.count(candidate) > TagQuery.tagLimit || TagQuery.depth(candidate) > TagQuery.depthLimit)) {
      flush()
      terms = [alternative(f.query)]
    } else terms = next
    members.push(f)
  }
  flush()
  return batches
}

const single = <K extends string>(f: Followed<K>): Batch<K> => ({
  tags: f.query.terms.length === 0 ? undefined : TagQuery.render(f.query),
  members: [f]
})

const noProgress = (position: number) => {
  const issue = `no progress: page a${position} was full but held no id above ${position}`
  return new E621DecodeError({ url: "/posts.json", issue, excerpt: "", message: `/posts.json: ${issue}` })
}

const optionKeys = Params.keys<Options>({ every: true, since: true, pageSize: true, blacklist: true })

const checkOptions = (options: Options) =>
  Effect.gen(function*() {
    yield* Params.options(options, optionKeys, undefined, { required: true })
    // a Schedule is the caller's value; only a duration written as an object (`{ minutes: 1 }`) has keys to check
    if (!Schedule.isSchedule(options.every)) yield* Params.durationKeys(options.every, "every")
    const schedule: Schedule.Schedule<unknown> = Schedule.isSchedule(options.every)
      ? options.every as Schedule.Schedule<unknown>
      : yield* Duration.fromInput(options.every as Duration.Input).pipe(
        Effect.fromOption,
        Effect.filterOrFail((interval) => Duration.isFinite(interval) && Duration.toMillis(interval) > 0),
        Effect.map((interval) => Schedule.spaced(interval)),
        Effect.mapError(() => invalidInput("every", `must be a positive, finite duration like "1 minute" or a Schedule, got ${Params.got(options.every)}`))
      )
    const since = options.since
    if (since !== undefined && (!Number.isSafeInteger(since) || since < 0 || since > Params.maxId)) {
      return yield* invalidInput("since", `must be a post id (an integer 0..${Params.maxId}), got ${Params.got(since)}${Params.asNumber(since)}`)
    }
    const pageSize = (yield* Params.limit(options.pageSize ?? 320, { field: "pageSize", min: 1 }))!
    return { schedule, since, pageSize }
  })

/**
 * Follows many tag queries at once (`{ name: tags }`): an endless `Stream` of {@link Poll}s, one per request
 * round — the first at once (no posts, the starting position), then one per tick of `every`, or immediately
 * again while pages come back full. Queries are packed into shared requests (`~` OR-groups, see the module documentation); the queries'
 * active aliases are looked up once at start when more than one query shares a request.
 *
 * Fails with `E621InvalidInput` before any request for a query over e621's limits or with `order:`,
 * `randseed:` or `limit:` (following is in id order), and for bad options (an unknown key too).
 *
 * @category Stream
 * @since 0.1.0
 */
export const follow = <K extends string>(
  queries: Readonly<Record<K, Posts.Tags | undefined>>,
  options: Options
): Stream.Stream<Poll<K>, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    const { pageSize, schedule, since } = yield* checkOptions(options)
    yield* Params.object(queries, "queries")
    const followed: Array<Followed<K>> = []
    for (const key of Object.keys(queries) as Array<K>) {
      const tags = queries[key]
      const query = tags === undefined ? TagQuery.empty : yield* Effect.mapError(
        TagQuery.fromInput(tags),
        (error) => invalidInput(`queries.${key}`, error.message)
      )
      if (hasGlobal(query.terms)) {
        return yield* invalidInput(`queries.${key}`, "following is in id order: leave out order:, randseed: and limit:")
      }
      followed.push({ key, query })
    }
    if (followed.length === 0) return yield* invalidInput("queries", "follow at least one query")
    const blacklist = yield* Blacklist.inForce(options.blacklist)
    const batches = pack(followed)
    const shared = batches.filter((b) => b.members.length > 1).flatMap((b) => b.members.map((m) => m.query))
    const graph = shared.length === 0 ? TagGraph.empty : yield* TagGraph.aliasesOf(shared)
    const matchers = batches.map((b) =>
      b.members.length === 1 ? undefined : b.members.map((m) => [m.key, TagGraph.matcher(graph, m.query)] as const)
    )
    const start = since ?? (yield* Endpoint.postList(Endpoint.request(Posts.routes.search, { query: { limit: 1 } })))[0]?.id ?? 0
    const emptyCounts = () => Object.fromEntries(followed.map((f) => [f.key, 0])) as Record<K, number>

    /** One round from `position`: every batch's next page; the new position and whether to page on at once. */
    const round = (position: number) =>
      Effect.gen(function*() {
        const found = new Map<number, { post: Post; queries: Set<K> }>()
        let bound = Number.POSITIVE_INFINITY
        let highest = position
        for (const [index, batch] of batches.entries()) {
          // raw ids decide fullness and position, so an item the schema rejects (skipped and reported by the
          // lenient decoding) neither stops the paging nor holds the position back
          const page = yield* Endpoint.postPage(
            Endpoint.request(Posts.routes.search, { query: { tags: batch.tags, limit: pageSize, page: `a${position}` } })
          )
          const ids = (page.ids ?? []).filter((id): id is number => id !== undefined && Params.isId(id) && id > position)
          if ((page.ids?.length ?? 0) >= pageSize) {
            if (ids.length === 0) return yield* noProgress(position)
            // complete only up to its highest id: later ones come with the next page
            bound = Math.min(bound, Math.max(...ids))
          }
          highest = Math.max(highest, ...ids)
          const fresh = (yield* page.decode).filter((post): post is Post => post !== undefined && post.id > position)
          const match = matchers[index]
          for (const post of fresh) {
            const entry = found.get(post.id) ?? { post, queries: new Set<K>() }
            found.set(post.id, entry)
            const keys = match === undefined ? batch.members.map((m) => m.key) : match.filter(([, m]) => m(post)).map(([key]) => key)
            // the server matched it; a query we cannot evaluate locally (a metatag we cannot see) takes it
            for (const key of keys.length > 0 ? keys : batch.members.map((m) => m.key)) entry.queries.add(key)
          }
        }
        const full = bound !== Number.POSITIVE_INFINITY
        const ids = [...found.keys()].filter((id) => id <= bound).sort((a, b) => a - b)
        const counts = emptyCounts()
        const posts: Array<Hit<K>> = []
        const { hidden, shown } = yield* Blacklist.partition(blacklist, ids.map((id) => found.get(id)!), (entry) => entry.post)
        for (const { post, queries } of shown) {
          const keys = followed.map((f) => f.key).filter((key) => queries.has(key))
          for (const key of keys) counts[key]++
          posts.push({ post, queries: keys })
        }
        const next = full ? bound : highest
        return { poll: { position: next, posts, counts, hidden: hidden.length } satisfies Poll<K>, full }
      })

    return Stream.fromPull(Effect.gen(function*() {
      const step = yield* Schedule.toStepWithSleep(schedule)
      const sleep = Pull.catchDone(step(undefined), () => Cause.done())
      let position = start
      let started = false
      // from now: the first round waits a tick; from a stored position: catch up at once
      let wait = since === undefined
      return Effect.gen(function*() {
        if (!started) {
          started = true
          return [{ position, posts: [], counts: emptyCounts(), hidden: 0 } satisfies Poll<K>] as const
        }
        while (true) {
          if (wait) yield* sleep
          const result = yield* Effect.result(round(position))
          if (result._tag === "Failure") {
            if (!E621Client.isRetryable(result.failure, true)) return yield* Effect.fail(result.failure)
            yield* Effect.logWarning(`Watch: poll after ${position} failed, trying again at the next tick`, result.failure.message)
            wait = true
            continue
          }
          position = result.success.poll.position
          wait = !result.success.full
          return [result.success.poll] as const
        }
      })
    }))
  }))
