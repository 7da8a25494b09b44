/**
 * Posts: search, stream, fetch, edit and vote on e621 posts (`app/controllers/posts_controller.rb`).
 *
 * Every function is an `Effect` (or a `Stream`) that needs `E621Client`. Input is checked before any
 * request — `limit` ≤ 320, `page` ≤ 750, ids, e621's 40-tag limit — and fails with `E621InvalidInput`.
 * Posts decode from the legacy and the v2 format alike (`E621Client` option `postFormat`).
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Posts } from "@effect-e621/core"
 *
 * const program = Posts.stream({ tags: ["canine", "-3d", "rating:s"] }).pipe(
 *   Stream.take(500),
 *   Stream.runForEach((post) => Effect.log(post.id, post.score.total))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as Blacklist from "../Blacklist.ts"
import * as E621Client from "../E621Client.ts"
import { E621DecodeError, type E621Error, invalidInput } from "../E621Error.ts"
import * as Blacklisting from "../internal/blacklisting.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Paginate from "../internal/paginate.ts"
import * as Params from "../internal/params.ts"
// the syntax half of `TagQuery.ts`, which adds the local evaluation a search does not need (and bundles would carry)
import * as TagQuery from "../internal/tagQuerySyntax.ts"
import * as Vote from "../internal/vote.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import * as Post from "../schemas/Post.ts"
import { PostCount } from "../schemas/PostCount.ts"
import { VoteResult } from "../schemas/PostVote.ts"
import { Recommendations } from "../schemas/Recommendations.ts"
import { UserMinimal } from "../schemas/UserMinimal.ts"
import type { TagQuery as Query } from "../TagQuery.ts"
import * as Watch from "../Watch.ts"

/**
 * A tag query: a string as typed on the site (`"canine -3d rating:s"`), a list of tokens
 * (`["canine", "-3d"]`), or a `TagQuery`.
 *
 * @category Types
 * @since 0.1.0
 */
export type Tags = string | ReadonlyArray<string> | Query

/**
 * A page: `1..750`, or a cursor `"b<id>"` (posts with lower ids) / `"a<id>"` (higher ids; e621 still returns
 * the page in descending order).
 *
 * @category Types
 * @since 0.1.0
 */
export type Page = Paging.Page

/**
 * Parameters of {@link search}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SearchParams {
  /** Tag query; up to 40 tags as e621 counts them. */
  readonly tags?: Tags | undefined
  /** Posts per page, 0..320 (e621's default is the user's per-page setting, 75). */
  readonly limit?: number | undefined
  /** Page number `1..750` (410 beyond), or a `"b<id>"` / `"a<id>"` cursor (no cap); see {@link Page}. */
  readonly page?: Page | undefined
  /**
   * Hide the posts of this blacklist (counted in `Blacklist.hidden`); `false` turns the client's `blacklist`
   * option off for this call. Default: the client's option. A hidden post leaves the page short.
   */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
}

/**
 * Parameters of {@link stream}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface StreamParams {
  /** Tag query; up to 40 tags as e621 counts them (fewer when `blacklist` adds exclusions). */
  readonly tags?: Tags | undefined
  /** Posts per request, 1..320 (default 320). */
  readonly pageSize?: number | undefined
  /**
   * Queries with an `order:` other than id can only walk numbered pages, which e621 caps at 750: `"stop"`
   * there (default) or `"fail"` with `E621PageLimit`. Id-ordered queries use `b<id>` cursors and have no cap.
   */
  readonly onPageLimit?: "stop" | "fail" | undefined
  /** Pages fetched ahead while the consumer works (default 1). */
  readonly prefetch?: number | undefined
  /**
   * Hide the posts this blacklist hides (see `Blacklist.fromCurrentUser`). The rules a search can express are
   * sent as negated tags within the tags left of the 40-tag limit (`Blacklist.toQuery`), and every post is
   * still checked locally, so the stream is exactly what the site blacklist would show (posts excluded by
   * the server are not counted). Default: the client's `blacklist` option, applied locally only, so every
   * hidden post is counted (`Blacklist.hidden`); `false` turns it off for this call.
   */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
}

/**
 * The routes of posts (`/posts`: search, show, random, count, edits, votes, a post's favouriters and similar
 * posts), each keyed by the function that calls it. `search` (`GET /posts.json`) also serves {@link stream},
 * {@link changes}, {@link getMany}, {@link getByMd5}, {@link watch} and `Watch.follow`; `vote` / `unvote` also
 * serve `PostVotes.create` / `PostVotes.delete`. Routes answering posts have the `post-format` quirk: their
 * `item` and envelope are the legacy format's, the client's `postFormat` decides what is sent and decoded.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/posts.json",
    auth: "none",
    item: Post.Post,
    envelope: Route.list("posts"),
    quirks: ["post-format"]
  }),
  get: Route.make({
    method: "GET",
    path: "/posts/:id.json",
    auth: "none",
    item: Post.Post,
    envelope: Route.key("post"),
    quirks: ["post-format"]
  }),
  random: Route.make({
    method: "GET",
    path: "/posts/random.json",
    auth: "none",
    item: Post.Post,
    envelope: Route.key("post"),
    quirks: ["post-format"]
  }),
  count: Route.make({ method: "GET", path: "/posts/count.json", auth: "none", item: PostCount }),
  update: Route.make({
    method: "PATCH",
    path: "/posts/:id.json",
    auth: "member",
    root: "post",
    item: Post.Post,
    envelope: Route.key("post"),
    quirks: ["post-format"]
  }),
  markAsTranslated: Route.make({
    method: "PUT",
    path: "/posts/:id/mark_as_translated.json",
    auth: "member",
    root: "post",
    idempotent: true,
    item: Post.Post,
    envelope: Route.key("post"),
    quirks: ["post-format"]
  }),
  revert: Route.make({ method: "PUT", path: "/posts/:id/revert.json", auth: "member" }),
  copyNotes: Route.make({ method: "PUT", path: "/posts/:id/copy_notes.json", auth: "member" }),
  /** Idempotent as sent by default (`no_unvote=true`); a toggling vote is not (see {@link vote}). */
  vote: Route.make({
    method: "POST",
    path: "/posts/:id/votes.json",
    auth: "member",
    idempotent: true,
    item: VoteResult,
    quirks: ["unthrottled"]
  }),
  unvote: Route.make({ method: "DELETE", path: "/posts/:id/votes.json", auth: "member", idempotent: true, quirks: ["unthrottled"] }),
  favorites: Route.make({
    method: "GET",
    path: "/posts/:id/favorites.json",
    auth: "none",
    item: UserMinimal,
    envelope: Route.list(),
    maxLimit: 100,
    stream: false
  }),
  similar: Route.make({ method: "GET", path: "/posts/:id/similar/:by.json", auth: "none", item: Recommendations })
} as const

const tagsQuery = (tags: Tags | undefined) =>
  tags === undefined ? Effect.succeed(undefined) : Effect.map(TagQuery.fromInput(tags), TagQuery.render)

const postId = (id: number) => Params.id("id", id)

const searchKeys = /* @__PURE__ */ Params.keys<SearchParams>({ tags: true, limit: true, page: true, blacklist: true })

/**
 * One page of posts matching a tag query (`GET /posts.json`). Newest first unless the query has an `order:`.
 *
 * @category Search
 * @since 0.1.0
 */
export const search = (
  params: SearchParams = {}
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.pagingOf(params, "search")
    yield* Params.options(params, searchKeys)
    const tags = yield* tagsQuery(params.tags)
    const limit = yield* Params.limit(params.limit)
    const page = yield* Params.page(params.page)
    const blacklist = yield* Blacklisting.inForce(params.blacklist)
    const posts = yield* Endpoint.postList(Endpoint.request(routes.search, { query: { tags, limit, page } }))
    return yield* Blacklisting.shown(blacklist, posts, identity)
  })

const streamKeys = /* @__PURE__ */ Params.keys<StreamParams>({ tags: true, pageSize: true, onPageLimit: true, prefetch: true, blacklist: true })
const identity = <A>(a: A): A => a

/**
 * Every post matching a tag query, as a `Stream` that fetches page after page under the client's rate limit.
 * Id-ordered queries (no `order:`, or `order:id` / `order:id_desc`) page with `b<id>` cursors — no 750-page
 * cap, no duplicates, newest first; other orders walk numbered pages up to e621's cap (see `onPageLimit`).
 *
 * @category Stream
 * @since 0.1.0
 */
export const stream = (params: StreamParams = {}): Stream.Stream<Post.Post, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.pagingOf(params, "stream")
    yield* Params.options(params, streamKeys)
    const asked = params.tags === undefined ? undefined : yield* TagQuery.fromInput(params.tags)
    const blacklist = yield* Blacklisting.inForce(params.blacklist)
    // a blacklist given to the call also narrows the query (the client's is applied to what comes back)
    const query = params.blacklist === undefined || params.blacklist === false ? asked : withExclusions(asked, blacklist)
    const tags = query === undefined ? undefined : TagQuery.render(query)
    const paging = yield* Params.streamPaging(params)
    const cursor = query === undefined || TagQuery.isIdOrdered(query)
    const posts = Paginate.streamRaw(
      (page, limit) => Endpoint.postPage(Endpoint.request(routes.search, { query: { tags, limit, page } })),
      { ...paging, path: routes.search.path, mode: cursor ? "cursor" : "numbered" }
    )
    return posts.pipe(Blacklisting.hide(blacklist, identity))
  }))

/**
 * The query with a blacklist's expressible rules in front (the caller's own `status:`/`order:` come later and
 * keep winning, as the last one does on e621), within the tags the query leaves free.
 */
const withExclusions = (
  query: TagQuery.TagQuery | undefined,
  applied: Blacklisting.Applied | undefined
): TagQuery.TagQuery | undefined => {
  if (applied === undefined) return query
  const base = query ?? TagQuery.empty
  const exclusions = applied.module.toQuery(applied.blacklist, TagQuery.tagLimit - TagQuery.count(base)).query
  return exclusions.terms.length === 0 ? query : TagQuery.make([exclusions, base])
}

/**
 * What {@link watch} follows: a tag query, and a blacklist whose posts are left out (default: the client's
 * `blacklist` option; `false` turns it off).
 *
 * @category Types
 * @since 0.1.0
 */
export interface WatchParams {
  /** The tag query to follow (up to 40 tags as e621 counts them; no `order:`, `randseed:` or `limit:`). */
  readonly tags?: Tags | undefined
  /** Default: the client's `blacklist` option; `false` turns it off. Hidden posts are counted, not delivered. */
  readonly blacklist?: Blacklist.Blacklist | false | undefined
}

const watchKeys = /* @__PURE__ */ Params.keys<WatchParams>({ tags: true, blacklist: true })
const watchOptionKeys = /* @__PURE__ */ Params.keys<Omit<Watch.Options, "blacklist">>({ every: true, since: true, pageSize: true })

/**
 * The posts that appear for a tag query from now on (or after the stored post id `since`), oldest first, each
 * once, as an endless `Stream` polled on `every` (a duration or a `Schedule`) under the client's rate limit:
 * `page=a<id>` cursors, several pages at once when many posts came, transient failures retried at the next
 * tick without losing the position. Posts come in ascending id order, so the id of the last post handled is
 * the position to store; `Watch.follow` also gives it for polls that brought nothing (and follows many queries
 * with one request per poll). Bad input (an unknown key in either object too) fails with `E621InvalidInput`
 * before any request.
 *
 * @category Stream
 * @since 0.1.0
 */
export const watch = (
  params: WatchParams,
  options: Omit<Watch.Options, "blacklist">
): Stream.Stream<Post.Post, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.options(params, watchKeys)
    yield* Params.options(options, watchOptionKeys, undefined, { required: true })
    return Watch.follow({ posts: params?.tags }, { ...options, blacklist: params?.blacklist }).pipe(
      // the query is this function's `tags`
      Stream.mapError((error) =>
        error._tag === "E621InvalidInput" && error.field === "queries.posts"
          ? invalidInput("tags", error.message.replace(/^queries\.posts: /, ""))
          : error
      ),
      Stream.flatMap((poll) => Stream.fromIterable(poll.posts.map((hit) => hit.post)))
    )
  }))

/**
 * Parameters of {@link changes}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ChangesParams {
  /** The last `change_seq` already seen (0 for everything): posts whose `change_seq` is larger are streamed. */
  readonly since: number
  /**
   * Only posts matching these tags (no `order:`, `randseed:` or `status:`). A post edited so that it no
   * longer matches is not reported: filter locally instead if you must see those.
   */
  readonly tags?: Tags | undefined
  /** Posts per request, 1..320 (default 320). */
  readonly pageSize?: number | undefined
}

const reservedInChanges: ReadonlySet<string> = new Set(["order", "randseed", "status"])

const hasReserved = (terms: ReadonlyArray<TagQuery.Term>): boolean =>
  terms.some((t) => t._tag === "Group" ? hasReserved(t.terms) : t._tag === "Metatag" && reservedInChanges.has(t.name))

const changesKeys = /* @__PURE__ */ Params.keys<ChangesParams>({ since: true, tags: true, pageSize: true })

/**
 * Every post whose metadata changed after the `change_seq` `since`, oldest change first, deleted posts
 * included — e621's incremental-sync recipe: `change:>N order:change_asc status:any` on page 1, then again with
 * `N` raised to the largest `change_seq` returned, until a page comes back short. `order:change_asc` is not
 * an id order, so there are no `b<id>` cursors and no 750-page cap. The stream ends when it has caught up;
 * to resume, keep the largest `change_seq` you processed and pass it as `since` next time.
 *
 * Caveats (e621's `posts_trigger_change_seq`): `change_seq` moves only when `tag_string`, `parent_id`,
 * `source`, `approver_id`, `rating`, `description`, `md5`, `is_deleted`, `is_pending`, `is_flagged`, a lock
 * flag, `bit_flags`, `has_active_children` or `last_noted_at` changes. Score, favourites, comment counts
 * and votes never bump it, and — the trigger compares with `!=` — neither does a first `parent_id`,
 * `approver_id` or `last_noted_at` set from NULL alone (approval of a pending post still shows through
 * `is_pending`). Searches read e621's search index, which trails the database by moments: a post edited while
 * you sync comes back again later with its newer `change_seq` (de-duplicate by id), and resuming from a
 * slightly smaller `since` costs little. A post destroyed outright (not just deleted) never shows up.
 *
 * @category Stream
 * @since 0.1.0
 */
export const changes = (params: ChangesParams): Stream.Stream<Post.Post, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.options(params, changesKeys, undefined, { required: true })
    if (!Number.isSafeInteger(params?.since) || params.since < 0) {
      return yield* invalidInput("since", `must be a change_seq (an integer ≥ 0; 0 for everything), got ${Params.got(params?.since)}`)
    }
    const extra = params.tags === undefined ? TagQuery.empty : yield* TagQuery.fromInput(params.tags)
    if (hasReserved(extra.terms)) {
      return yield* invalidInput("tags", "changes sets order:, randseed: and status: itself; leave them out")
    }
    const { pageSize } = yield* Params.streamPaging(params)
    const queryAfter = (since: number) =>
      TagQuery.make([
        extra,
        TagQuery.metatag("change", `>${since}`),
        TagQuery.order("change_asc"),
        TagQuery.metatag("status", "any")
      ])
    yield* TagQuery.validate(queryAfter(params.since))
    return Stream.paginate(params.since, (since: number) =>
      Effect.gen(function*() {
        const tags = TagQuery.render(queryAfter(since))
        const { items: batch, size } = yield* Endpoint.postListSized(
          Endpoint.request(routes.search, { query: { tags, limit: pageSize } })
        )
        const invalid = batch.find((post) => !Params.isId(post.id) || !Number.isSafeInteger(post.change_seq) || post.change_seq < 0)
        if (invalid !== undefined) {
          const issue = Params.isId(invalid.id)
            ? `post #${invalid.id} has the change_seq ${invalid.change_seq}, which is not a change_seq`
            : `a post has the id ${invalid.id}, which is not an e621 id (an integer 1..${Params.maxId})`
          return yield* new E621DecodeError({ url: "/posts.json", issue, excerpt: "", message: `/posts.json: ${issue}` })
        }
        // whatever the server sends: only changes after `since`, oldest first, each once
        const fresh = batch.filter((post) => post.change_seq > since)
          .sort((a, b) => a.change_seq - b.change_seq || a.id - b.id)
          .filter((post, i, all) => i === 0 || post.id !== all[i - 1]!.id || post.change_seq !== all[i - 1]!.change_seq)
        // full by what e621 sent: a post the schema rejected (lenient) still counts
        const full = size >= pageSize
        if (fresh.length === 0 && full) {
          const issue = `no progress: change:>${since} returned no post with a larger change_seq`
          return yield* new E621DecodeError({ url: "/posts.json", issue, excerpt: "", message: `/posts.json: ${issue}` })
        }
        return [fresh, full && fresh.length > 0 ? Option.some(fresh.at(-1)!.change_seq) : Option.none()] as const
      }))
  }))

/**
 * One post by id (`GET /posts/:id.json`). Fails with `E621NotFound` when it does not exist, and
 * `E621Forbidden` for young pending posts e621 hides from non-staff. For many ids use {@link getMany}: one
 * request per 100 ids, and missing ids are left out instead of failing — a different contract, so it keeps its
 * own name rather than overloading `get` on arrays (and `Effect.forEach(ids, Posts.get)` keeps its meaning).
 *
 * @category Read
 * @since 0.1.0
 */
export const get = (id: number): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  Effect.flatMap(postId(id), (id) => Endpoint.postOne(Endpoint.request(routes.get, { path: { id } })))

/** Ids per `id:` query in {@link getMany}. */
const batchSize = 100

/**
 * Many posts by id, in the order of `ids` (`GET /posts.json?tags=id:1,2,3 status:any`, batches of 100).
 * Deleted posts are included; ids that do not exist (or that the viewer may not see) are left out.
 * Duplicated ids give the post once per occurrence.
 *
 * @category Read
 * @since 0.1.0
 */
export const getMany = (
  ids: ReadonlyArray<number>
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.list("ids", ids, "post ids")
    for (const [index, id] of ids.entries()) yield* Params.id(`ids[${index}]`, id)
    const unique = [...new Set(ids)]
    const found = new Map<number, Post.Post>()
    for (let start = 0; start < unique.length; start += batchSize) {
      const batch = unique.slice(start, start + batchSize)
      const posts = yield* Endpoint.postList(Endpoint.request(routes.search, {
        query: { tags: `id:${batch.join(",")} status:any`, limit: batch.length }
      }))
      for (const post of posts) found.set(post.id, post)
    }
    return ids.flatMap((id) => {
      const post = found.get(id)
      return post === undefined ? [] : [post]
    })
  })

/**
 * The post with a file MD5 (`GET /posts.json?md5=…`), deleted posts included. `E621NotFound` if none.
 *
 * @category Read
 * @since 0.1.0
 */
export const getByMd5 = (md5: string): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  /^[0-9a-f]{32}$/i.test(md5)
    ? Endpoint.postOne(Endpoint.request(routes.search, { query: { md5: md5.toLowerCase() } }))
    : Effect.fail(invalidInput("md5", `must be 32 hexadecimal characters, got ${Params.got(md5)}`))

/**
 * Parameters of {@link random} and {@link count}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface TagsParams {
  /** Tag query; up to 40 tags as e621 counts them. */
  readonly tags?: Tags | undefined
}

const tagsParamsKeys = /* @__PURE__ */ Params.keys<TagsParams>({ tags: true })

const tagsOnly = (params: TagsParams) =>
  Effect.andThen(Params.options(params, tagsParamsKeys), () => tagsQuery(params.tags))

/**
 * A random post matching a tag query (`GET /posts/random.json`); `E621NotFound` when nothing matches.
 *
 * @category Read
 * @since 0.1.0
 */
export const random = (params: TagsParams = {}): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  Effect.flatMap(tagsOnly(params), (tags) => Endpoint.postOne(Endpoint.request(routes.random, { query: { tags } })))

/**
 * How many posts match a tag query (`GET /posts/count.json`, since July 2026). e621 stops counting at
 * 240,001 and sets `capped`.
 *
 * @category Read
 * @since 0.1.0
 */
export const count = (params: TagsParams = {}): Effect.Effect<PostCount, E621Error, E621Client.E621Client> =>
  Effect.flatMap(tagsOnly(params), (tags) => Endpoint.call(routes.count, { query: { tags } }))

/**
 * Changes to a post (`PATCH /posts/:id.json`, member). Tags and sources are diffs by default — only what you
 * name changes — so concurrent edits by others survive. `old*` fields turn on e621's three-way merge: when
 * the new value equals the old one, e621 keeps the stored value.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Update {
  /**
   * Tags to add and remove as e621's own diff string (`post[tag_string_diff]`): `"canine -male"` adds
   * `canine` and removes `male` (e621 resolves aliases of both; edit metatags such as `rating:s` work too).
   */
  readonly tagDiff?: string | undefined
  /** Tags to add and remove (`post[tag_string_diff]`), as lists. */
  readonly tags?: { readonly add?: ReadonlyArray<string>; readonly remove?: ReadonlyArray<string> } | undefined
  /** Replace all tags (`post[tag_string]`); prefer `tags` diffs. */
  readonly tagString?: string | undefined
  /** The tag string you based `tagString` on (`post[old_tag_string]`), for the merge. */
  readonly oldTagString?: string | undefined
  /** Sources to add and remove (`post[source_diff]`). */
  readonly sources?: { readonly add?: ReadonlyArray<string>; readonly remove?: ReadonlyArray<string> } | undefined
  readonly rating?: Post.Rating | undefined
  readonly oldRating?: Post.Rating | undefined
  /** New parent post id, or `null` to remove the parent. */
  readonly parentId?: number | null | undefined
  readonly oldParentId?: number | null | undefined
  readonly description?: string | undefined
  readonly oldDescription?: string | undefined
  /** Edit reason shown in the post's history. */
  readonly editReason?: string | undefined
}

/**
 * A tag name as one token: no whitespace, control or invisible format characters (e621 splits a diff on ASCII
 * whitespace only and refuses names with any other space or format character: `TagNameValidator`).
 */
const tagToken = /^[^\s\p{Cc}\p{Z}\p{Cf}]+$/u

const updateKeys = /* @__PURE__ */ Params.keys<Update>({
  tags: true,
  tagString: true,
  oldTagString: true,
  sources: true,
  rating: true,
  oldRating: true,
  parentId: true,
  oldParentId: true,
  description: true,
  oldDescription: true,
  editReason: true,
  tagDiff: true
})
const diffKeys = /* @__PURE__ */ Params.keys<NonNullable<Update["tags"]>>({ add: true, remove: true })
/** A `tag_string_diff`: whitespace-separated tags, `-tag` to remove; normalised to single spaces. */
const tagDiff = (diff: string) => {
  if (typeof diff === "string" && diff.length > 100_000) {
    return Effect.fail(invalidInput("tagDiff", `must be at most 100000 characters (as tagString), got ${diff.length}`))
  }
  const tokens = typeof diff === "string" ? diff.split(/[ \t\n\r\f\v]+/).filter((t) => t !== "") : []
  const bad = tokens.find((t) => t === "-" || t.startsWith("--") || !tagToken.test(t))
  if (typeof diff !== "string" || tokens.length === 0 || bad !== undefined) {
    const got = typeof diff === "string" ? JSON.stringify(bad ?? diff) : String(diff)
    return Effect.fail(invalidInput("tagDiff", `must name tags to add ("canine") or remove ("-male"), got ${got}`))
  }
  return Effect.succeed(tokens.join(" "))
}

const updateFields = (patch: Update) =>
  Effect.gen(function*() {
    yield* Params.options(patch, updateKeys, "patch", { required: true })
    yield* Params.options(patch.tags, diffKeys, "patch.tags")
    yield* Params.options(patch.sources, diffKeys, "patch.sources")
    const fields: Record<string, string | undefined> = {}
    if (patch.tags !== undefined) {
      const add = yield* Params.list("tags.add", patch.tags.add ?? [], "tag names")
      const remove = yield* Params.list("tags.remove", patch.tags.remove ?? [], "tag names")
      for (const tag of [...add, ...remove]) {
        if (typeof tag !== "string" || !tagToken.test(tag) || tag.startsWith("-")) {
          return yield* invalidInput("tags", `must list single tag names (no spaces, no leading "-"), got ${Params.got(tag)}`)
        }
      }
      if (add.length + remove.length === 0) return yield* invalidInput("tags", "name at least one tag to add or remove")
      fields["post[tag_string_diff]"] = [...add, ...remove.map((tag) => `-${tag}`)].join(" ")
    }
    if (patch.tagDiff !== undefined) {
      if (patch.tags !== undefined) return yield* invalidInput("tagDiff", "use either tagDiff or tags (both are diffs)")
      fields["post[tag_string_diff]"] = yield* tagDiff(patch.tagDiff)
    }
    if (patch.tagString !== undefined) {
      if (patch.tags !== undefined || patch.tagDiff !== undefined) {
        return yield* invalidInput("tagString", "use either a diff (tags, tagDiff) or tagString")
      }
      fields["post[tag_string]"] = yield* Params.text("tagString", patch.tagString)
    }
    fields["post[old_tag_string]"] = patch.oldTagString
    if (patch.sources !== undefined) {
      const add = yield* Params.list("sources.add", patch.sources.add ?? [], "source URLs")
      const remove = yield* Params.list("sources.remove", patch.sources.remove ?? [], "source URLs")
      for (const source of [...add, ...remove]) {
        if (typeof source !== "string" || source.trim() === "" || /[\r\n]/.test(source) || source.length > 2049) {
          return yield* invalidInput(
            "sources",
            `each source must be one non-empty line of at most 2049 characters, got ${Params.got(source)}`
          )
        }
      }
      fields["post[source_diff]"] = [...add, ...remove.map((source) => `-${source}`)].join("\n")
    }
    for (const [field, value] of [["rating", patch.rating], ["oldRating", patch.oldRating]] as const) {
      if (value !== undefined && value !== "s" && value !== "q" && value !== "e") {
        return yield* invalidInput(field, `must be "s" (safe), "q" (questionable) or "e" (explicit), got ${Params.got(value)}`)
      }
    }
    fields["post[rating]"] = patch.rating
    fields["post[old_rating]"] = patch.oldRating
    for (const [field, key, value] of [
      ["parentId", "post[parent_id]", patch.parentId],
      ["oldParentId", "post[old_parent_id]", patch.oldParentId]
    ] as const) {
      if (value === undefined) continue
      fields[key] = value === null ? "" : String(yield* Params.id(field, value))
    }
    if (patch.description !== undefined) {
      fields["post[description]"] = yield* Params.text("description", patch.description, { allowEmpty: true, max: 50_000 })
    }
    fields["post[old_description]"] = patch.oldDescription
    if (patch.editReason !== undefined) {
      fields["post[edit_reason]"] = yield* Params.text("editReason", patch.editReason, { max: 250 })
    }
    if (Object.values(fields).every((value) => value === undefined)) {
      return yield* invalidInput("patch", "nothing to change")
    }
    return fields
  })

/**
 * Edits a post (`PATCH /posts/:id.json`, member). e621 answers 200 with the post even when it rejected the
 * change, so the returned post is checked: a rating, parent or description that did not take fails with
 * `E621ValidationFailed`. Members get 150 post edits an hour (reverts and undos count; Privileged and above are
 * exempt); beyond that e621 answers 403, `E621Forbidden` ("Updater reached the hourly limit for this action").
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (id: number, patch: Update): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* postId(id)
    const fields = yield* updateFields(patch)
    const request = Endpoint.request(routes.update, { path: { id: checked }, body: { _tag: "Form", fields } })
    const post = yield* Endpoint.postOne(request)
    const rejected = [
      patch.rating !== undefined && post.rating !== patch.rating ? `rating is still ${post.rating}` : undefined,
      patch.parentId !== undefined && post.relationships.parent_id !== patch.parentId
        ? `parent is still ${post.relationships.parent_id}`
        : undefined,
      patch.description !== undefined && post.description !== patch.description ? "description unchanged" : undefined
    ].filter((reason) => reason !== undefined)
    if (rejected.length > 0) {
      return yield* Endpoint.rejected(request.method, { status: 200, url: request.path, body: { errors: { base: rejected } } })
    }
    return post
  })

/**
 * What {@link markAsTranslated} sets besides the outcome: `translationCheck` / `partiallyTranslated` add
 * (`true`) or remove (`false`) those tags; unset, they stay as they are.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Translation {
  readonly translationCheck?: boolean | undefined
  readonly partiallyTranslated?: boolean | undefined
}

const translationKeys = /* @__PURE__ */ Params.keys<Translation>({ translationCheck: true, partiallyTranslated: true })

const allTags = (post: Post.Post): ReadonlyArray<string> => Object.values(post.tags).flat()

/**
 * Marks a post's translation done or still wanted (`PUT /posts/:id/mark_as_translated.json`, member, under
 * e621's post-edit limits), as the notes panel does: after `translationCheck` / `partiallyTranslated` are
 * applied, a post with `translation_check` or `partially_translated` gets `translation_request` (and loses
 * `translated`); any other gets `translated` (and loses `translation_request`). Answers the post. e621
 * answers 200 even when it did not save: a post without that outcome is `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const markAsTranslated = (
  id: number, translation: Translation = {}
): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* postId(id)
    yield* Params.options(translation, translationKeys)
    for (const field of ["translationCheck", "partiallyTranslated"] as const) {
      const value = translation[field]
      if (value !== undefined && typeof value !== "boolean") {
        return yield* invalidInput(field, `must be true or false, got ${Params.got(value)}`)
      }
    }
    const fields = {
      "post[translation_check]": translation.translationCheck,
      "post[partially_translated]": translation.partiallyTranslated
    }
    const request = Endpoint.request(routes.markAsTranslated, { path: { id: checked }, body: { _tag: "Form", fields } })
    const post = yield* Endpoint.postOne(request)
    const tags = allTags(post)
    const requested = tags.includes("translation_check") || tags.includes("partially_translated")
    const outcome = requested ? "translation_request" : "translated"
    const missing = [
      translation.translationCheck === true && !tags.includes("translation_check") ? "translation_check was not added" : undefined,
      translation.translationCheck === false && tags.includes("translation_check") ? "translation_check was not removed" : undefined,
      translation.partiallyTranslated === true && !tags.includes("partially_translated") ? "partially_translated was not added" : undefined,
      translation.partiallyTranslated === false && tags.includes("partially_translated") ? "partially_translated was not removed" : undefined,
      tags.includes(outcome) ? undefined : `${outcome} was not added`
    ].filter((reason) => reason !== undefined)
    if (missing.length > 0) {
      return yield* Endpoint.rejected(request.method, { status: 200, url: request.path, body: { errors: { base: missing } } })
    }
    return post
  })

/**
 * Reverts a post to one of its versions (`PUT /posts/:id/revert.json`, member). Answers nothing (204).
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const revert: (
  id: number, versionId: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = (id, versionId) =>
  Endpoint.revert(routes.revert)(id, versionId)

/**
 * Copies the notes of post `id` onto `toPostId` (`PUT /posts/:id/copy_notes.json`, member). e621 answers 400
 * with a reason when it cannot (e.g. no notes to copy): `E621ValidationFailed`.
 *
 * @category Write
 * @since 0.1.0
 */
export const copyNotes = (id: number, toPostId: number): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* postId(id)
    const other = yield* Params.id("toPostId", toPostId)
    if (other === id) return yield* invalidInput("toPostId", "must differ from the source post")
    yield* Endpoint.send(routes.copyNotes, { path: { id: checked }, body: { _tag: "Form", fields: { other_post_id: other } } })
  })

/**
 * Options of {@link vote}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface VoteOptions {
  /** Send e621's toggling vote: the same vote twice removes it (default `false`). */
  readonly toggle?: boolean | undefined
}

/**
 * Votes a post up (`1`) or down (`-1`) (`POST /posts/:id/votes.json`, member). e621 *toggles*: the same vote
 * twice removes it. This client sends `no_unvote=true` unless `toggle: true`, so a retried or repeated vote
 * stays a vote — which also makes the call safe to retry. e621 then still answers `our_score: 0` for the
 * repeated vote; this client reports the vote that stands (`score`) instead.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const vote: (
  id: number,
  score: 1 | -1,
  options?: VoteOptions
) => Effect.Effect<VoteResult, E621Error, E621Client.E621Client> = (id, score, options) =>
  Vote.vote(routes.vote)(id, score, options)

/**
 * Removes the caller's vote (`DELETE /posts/:id/votes.json`, member). Safe to repeat.
 *
 * @category Write
 * @function
 * @since 0.1.0
 */
export const unvote: (
  id: number
) => Effect.Effect<void, E621Error, E621Client.E621Client> = (id) =>
  Endpoint.action(routes.unvote)(id)

/**
 * Parameters of {@link favorites}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface FavoritesParams {
  /** Users per page, 1..100. */
  readonly limit?: number | undefined
  /** Page number 1..750. */
  readonly page?: number | undefined
}

const favoritesKeys = /* @__PURE__ */ Params.keys<FavoritesParams>({ limit: true, page: true })

/**
 * Who favourited a post (`GET /posts/:id/favorites.json`), ordered by name; users with privacy mode are
 * hidden, and a post whose favourites list is hidden answers `E621Forbidden`. `limit` is 1..100.
 *
 * @category Read
 * @since 0.1.0
 */
export const favorites = (
  id: number,
  params: FavoritesParams = {}
): Effect.Effect<ReadonlyArray<UserMinimal>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* postId(id)
    yield* Params.options(params, favoritesKeys)
    const limit = yield* Params.limit(params.limit, { min: 1, max: routes.favorites.maxLimit })
    const page = yield* Params.page(params.page)
    return yield* Endpoint.callList(routes.favorites, { path: { id: checked }, query: { limit, page } })
  })

/**
 * Parameters of {@link similar}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface SimilarParams {
  /** Similar by `"artist"` or by `"tags"` (default). */
  readonly by?: "artist" | "tags" | undefined
  /** Posts, 1..20 (e621's default 6). */
  readonly limit?: number | undefined
}

const similarKeys = /* @__PURE__ */ Params.keys<SimilarParams>({ by: true, limit: true })

/**
 * Posts similar to a post (`GET /posts/:id/similar/artist.json` or `/similar/tags.json`, 2026), ranked, with
 * their thumbnails. `limit` is 1..20 (e621's default 6).
 *
 * @category Read
 * @since 0.1.0
 */
export const similar = (
  id: number,
  params: SimilarParams = {}
): Effect.Effect<Recommendations, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    yield* Params.options(params, similarKeys)
    const by = (yield* Params.oneOf("by", params.by, ["artist", "tags"])) ?? "tags"
    const checked = yield* postId(id)
    const limit = yield* Params.limit(params.limit, { min: 1, max: 20 })
    return yield* Endpoint.call(routes.similar, { path: { id: checked, by }, query: { limit } })
  })

/**
 * Which file of a post to download: the `original` upload, the `sample` (e621's resized JPEG; the original
 * when the post has no sample, as e621's v2 format does) or the `preview` thumbnail.
 *
 * @category Types
 * @since 0.1.0
 */
export type Variant = "original" | "sample" | "preview"

/**
 * The URL of a variant of a post as e621 gave it, or `null` when e621 withheld it (see `Post.visibility`).
 * Never rebuilt from the md5.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const fileUrl = (post: Post.Post, variant: Variant = "original"): string | null => {
  switch (variant) {
    case "original":
      return post.file.url
    case "sample":
      return post.sample.has && post.sample.url !== null ? post.sample.url : post.file.url
    case "preview":
      return post.preview.url
  }
}

/**
 * Options of {@link download}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface DownloadOptions {
  /** Which file (default `"original"`). */
  readonly variant?: Variant | undefined
}

const downloadKeys = /* @__PURE__ */ Params.keys<DownloadOptions>({ variant: true })

/**
 * The bytes of a post's file from e621's static host (`static1.e621.net`), as a stream: sent with the
 * User-Agent and without credentials, under the client's `"files"` rate-limit bucket (not the API's), retried
 * until the headers arrive; the body then has the client's `transfer` deadlines (a stalled or trickling body
 * fails with `E621TransportError` of kind `"timeout"`). A redirect is never followed (`E621DecodeError`). A post whose URL e621 withheld fails with `E621InvalidInput` (`field: "post"`)
 * whose message gives `Post.visibility`'s reason (`deleted`, `safe-mode`, `login-required`, `hidden`) — the
 * URL is never reconstructed. The md5 is not checked here (a stream has no end to check it at); the Node
 * `Downloads` module verifies it.
 *
 * @category Stream
 * @since 0.1.0
 */
export const download = (
  post: Post.Post,
  options: DownloadOptions = {}
): Stream.Stream<Uint8Array, E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    yield* Params.options(options, downloadKeys)
    const variant = (yield* Params.oneOf("variant", options.variant, ["original", "sample", "preview"])) ?? "original"
    const url = fileUrl(post, variant)
    if (url === null) {
      const settings = yield* E621Client.settings
      const reason = Post.visibility(post, { safeMode: settings.safeMode, loggedIn: settings.username !== undefined })
      return yield* invalidInput("post", `post ${post.id} has no ${variant} URL: ${reason === "visible" ? "hidden" : reason}`)
    }
    const file = yield* E621Client.fetchFile(url)
    return file.body
  }))
