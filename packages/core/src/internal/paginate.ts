/**
 * Streams every result of a paginated e621 route, page after page, through the same page function a
 * single `search` uses (so each page fetch has the client's limiter, timeout and retries; the stream is never
 * restarted).
 *
 * - **cursor** mode asks for `page=b<lowest id yielded>`: no 750-page cap, no duplicates, no gaps. Only ids
 *   below the cursor are yielded, largest first, so the cursor strictly decreases and is always a valid id;
 *   a full page without any fails the stream instead of looping.
 * - **numbered** mode walks `page=1,2,…` for orders that are not by id; at e621's cap it stops, or fails with
 *   `E621PageLimit` when asked to. Results that shift between pages are de-duplicated by id; a full page of
 *   ids already given fails the stream.
 *
 * The next page is fetched while the consumer works on the current one.
 *
 * @internal
 */
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { E621DecodeError, E621PageLimit } from "../E621Error.ts"
import { isId, maxId, maxPage } from "./params.ts"

/** @internal */
export interface Options {
  readonly pageSize: number
  readonly mode: "cursor" | "numbered"
  /** What to do at the numbered-page cap: `"stop"` (default) or `"fail"` with `E621PageLimit`. */
  readonly onPageLimit?: "stop" | "fail" | undefined
  /** Last numbered page (default 750). */
  readonly maxPage?: number | undefined
  /** Pages fetched ahead of the consumer (default 1). */
  readonly prefetch?: number | undefined
  /**
   * Whether the first page must already be a cursor page. e621's default order is id descending only for
   * posts; other tables sort by name, date or status until a cursor replaces the order with id order, so their
   * first page asks for `b2147483647` (every id below the largest e621 accepts).
   */
  readonly cursorFromStart?: boolean | undefined
  /** For error messages. */
  readonly path: string
}

type State = { readonly page: number; readonly cursor: number | undefined; readonly seen: Set<number> | undefined }

/**
 * One fetched page before decoding: the ids read straight from the JSON (enough to pick the next cursor and
 * drop repeats), and the decode still to run. `ids` is `undefined` when the JSON is not a list of records with
 * numeric ids; the stream then stops after this page and its decode reports the problem. One entry per item
 * of the answer: an item without a numeric id has `undefined` (it is never yielded; its decode rejects it).
 * `decode` gives one entry per item too, `undefined` where a lenient decode skipped it (see `Decoding`).
 *
 * @internal
 */
export interface RawPage<A, E, R> {
  readonly ids: ReadonlyArray<number | undefined> | undefined
  readonly decode: Effect.Effect<ReadonlyArray<A | undefined>, E, R>
}

/**
 * The ids of a payload that is a list of records, aligned with its items (`undefined` for an item without a
 * numeric id), or `undefined` when it is not a list or no item has a numeric id.
 *
 * @internal
 */
export const idsOf = (payload: unknown): ReadonlyArray<number | undefined> | undefined => {
  if (!Array.isArray(payload)) return undefined
  const ids: Array<number | undefined> = []
  let numeric = 0
  for (const item of payload as ReadonlyArray<unknown>) {
    const id = typeof item === "object" && item !== null ? (item as { readonly id?: unknown }).id : undefined
    if (typeof id === "number") numeric++
    ids.push(typeof id === "number" ? id : undefined)
  }
  return numeric === 0 && ids.length > 0 ? undefined : ids
}

const setImmediate = (globalThis as { readonly setImmediate?: (f: () => void) => unknown }).setImmediate
const clearImmediate = (globalThis as { readonly clearImmediate?: (handle: unknown) => void }).clearImmediate

/**
 * Two turns of the event loop (`setImmediate`; a fiber yield where there is none). Taking a page wakes the
 * producer, which builds the next request in the next turn, and Node writes a request to its socket only after
 * that turn's callback: decoding after both turns puts the request on the wire first, so e621 builds the next
 * page while this one is decoded and consumed (measured: ~0.4 ms a page off a walk's critical path).
 */
const yieldToEventLoop: Effect.Effect<void> = setImmediate === undefined || clearImmediate === undefined
  ? Effect.yieldNow
  : Effect.callback<void>((resume) => {
    let handle = setImmediate(() => {
      handle = setImmediate(() => resume(Effect.void))
    })
    return Effect.sync(() => clearImmediate(handle))
  })

interface Pending<A, E, R> {
  readonly decode: Effect.Effect<ReadonlyArray<A | undefined>, E, R>
  /** The items to yield, by index, in order (`undefined`: all of them, as they came). */
  readonly pick: ReadonlyArray<number> | undefined
}

const hostile = (path: string, issue: string) =>
  new E621DecodeError({ url: path, issue, excerpt: "", message: `${path}: ${issue}` })

/**
 * Which items of a cursor page to yield, and in which order: the ids strictly below `bound` (the cursor, or
 * one above the largest id), each once, largest first. `undefined` when the page already is exactly that (the
 * common case, checked in one pass).
 */
const cursorPick = (ids: ReadonlyArray<number | undefined>, bound: number): ReadonlyArray<number> | undefined => {
  let previous = bound
  let ordered = true
  for (const id of ids) {
    if (id === undefined) continue
    if (id >= previous) {
      ordered = false
      break
    }
    previous = id
  }
  if (ordered) return undefined
  const below = ids.flatMap((id, index) => (id !== undefined && id < bound ? [index] : []))
  below.sort((a, b) => ids[b]! - ids[a]!)
  return below.filter((index, i) => i === 0 || ids[below[i - 1]!] !== ids[index])
}

/**
 * Streams pages whose decoding is deferred: the next request goes out as soon as the raw page's ids give its
 * cursor, and the page is decoded on the consumer's side of the prefetch buffer — decoding page N overlaps with
 * e621 building page N+1.
 *
 * Whatever the server sends, each id is yielded at most once: in cursor mode strictly below the cursor and in
 * descending order (repeats and ids at or above the cursor are dropped, a page is re-ordered by id); in numbered
 * mode ids already seen are dropped. An id that is not a valid e621 id (an integer 1..2147483647) fails the
 * stream with `E621DecodeError` — it could become neither a record nor a cursor — and so does a full page that
 * brings nothing new (the same page again, ids only at or above the cursor), instead of looping; a short page
 * that brings nothing new is the end.
 *
 * @internal
 */
export const streamRaw = <A, E, R>(
  fetch: (page: string | undefined, limit: number) => Effect.Effect<RawPage<A, E, R>, E, R>,
  options: Options
): Stream.Stream<A, E | E621PageLimit | E621DecodeError, R> => {
  const last = options.maxPage ?? maxPage
  const initial: State = { page: 1, cursor: undefined, seen: options.mode === "numbered" ? new Set() : undefined }
  const pages = Stream.paginate(initial, (state: State) =>
    Effect.gen(function*() {
      if (options.mode === "numbered" && state.page > last) {
        if (options.onPageLimit === "fail") {
          const reason = `numbered pages stop at page ${last}; narrow the search or order by id`
          return yield* new E621PageLimit({ url: options.path, status: 410, reason, message: `${options.path}: ${reason}` })
        }
        return [[], Option.none()] as const
      }
      const pageParam = options.mode === "cursor"
        ? state.cursor === undefined ? (options.cursorFromStart ? `b${maxId}` : undefined) : `b${state.cursor}`
        : String(state.page)
      const page = yield* fetch(pageParam, options.pageSize)
      const ids = page.ids
      if (ids === undefined) return [[{ decode: page.decode, pick: undefined }], Option.none()] as const
      if (ids.length === 0) return [[], Option.none()] as const
      const invalid = ids.find((id) => id !== undefined && !isId(id))
      if (invalid !== undefined) {
        return yield* hostile(options.path, `page ${pageParam ?? 1} holds the id ${invalid}, which is not an e621 id (an integer 1..${maxId})`)
      }
      const full = ids.length >= options.pageSize
      if (options.mode === "cursor") {
        const bound = state.cursor ?? (options.cursorFromStart ? maxId : maxId + 1)
        const pick = cursorPick(ids, bound)
        if (pick !== undefined && pick.length === 0) {
          if (!full) return [[], Option.none()] as const
          return yield* hostile(options.path, `no progress: page ${pageParam} returned no id below ${bound}`)
        }
        const lowest = pick === undefined ? ids.findLast((id) => id !== undefined)! : ids[pick[pick.length - 1]!]!
        // `b1` could only answer nothing, and `b0` is not a cursor
        const more = full && lowest > 1
        return [[{ decode: page.decode, pick }], more ? Option.some({ ...state, cursor: lowest }) : Option.none()] as const
      }
      const seen = state.seen!
      const pick: Array<number> = []
      ids.forEach((id, index) => {
        if (id === undefined || seen.has(id)) return
        seen.add(id)
        pick.push(index)
      })
      if (pick.length === 0 && full) {
        return yield* hostile(options.path, `no progress: page ${state.page} returned only ids already seen`)
      }
      const pending: Pending<A, E, R> = { decode: page.decode, pick: pick.length === ids.length ? undefined : pick }
      return [[pending], full ? Option.some({ ...state, page: state.page + 1 }) : Option.none()] as const
    }))
  // One page is always being fetched ahead while the consumer decodes and works; `capacity` holds the others.
  return pages.pipe(
    Stream.bufferArray({ capacity: Math.max(0, (options.prefetch ?? 1) - 1) }),
    Stream.mapEffect(({ decode, pick }) =>
      Effect.andThen(
        yieldToEventLoop,
        Effect.map(decode, (items): ReadonlyArray<A> =>
          pick === undefined
            ? items.filter((item): item is A => item !== undefined)
            : pick.flatMap((index) => {
              const item = items[index]
              return item === undefined ? [] : [item]
            }))
      )
    ),
    Stream.filter(Arr.isReadonlyArrayNonEmpty),
    Stream.flattenArray
  )
}
