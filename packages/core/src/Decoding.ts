/**
 * What a list answer does with an item its schema rejects.
 *
 * e621's data has decades of history: a page of 320 records can hold one whose field has a type the schema
 * does not expect (a `null` where the database allows none, a new enum value, a broken legacy row). Lists are
 * decoded item by item when the page as a whole does not decode, and then:
 *
 * - `"lenient"` (the default): the other items are delivered, and each rejected one is reported — an
 *   `Effect.logWarning` naming its id, and the client's or the call's `onRejected` with an `E621DecodeError`
 *   carrying the item's `index`, `id`, the schema `path` and an excerpt of the item. A stream keeps paging
 *   from the raw ids, so a skipped item never moves the cursor.
 * - `"strict"`: the call fails with that `E621DecodeError`.
 *
 * An answer that is not a list, or one in which no item decodes (a changed format rather than an odd record,
 * or nothing else to deliver), fails in both modes. Set the mode for a client with the `E621Client`
 * options `decoding` and `onRejected`, and for one call (an `Effect` or a `Stream`) by providing
 * {@link Override}:
 *
 * ```ts
 * Posts.stream({ tags: "canine" }).pipe(Stream.provideService(Decoding.Override, { mode: "strict" }))
 * Posts.getMany(ids).pipe(Effect.provideService(Decoding.Override, { onRejected: (e) => Queue.offer(q, e) }))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { E621DecodeError } from "./E621Error.ts"

/**
 * `"lenient"`: deliver the items that decode and report the others; `"strict"`: fail on the first rejected
 * item.
 *
 * @category Types
 * @since 0.1.0
 */
export type Mode = "lenient" | "strict"

/**
 * Called once for every item a lenient list skipped, with the `E621DecodeError` that names it (`index` in the
 * answer, `id` when the item has a numeric one, schema `path`, `excerpt`). Its failures are not possible; run
 * what may fail inside it with your own error handling.
 *
 * @category Types
 * @since 0.1.0
 */
export type OnRejected = (rejected: E621DecodeError) => Effect.Effect<void>

/**
 * A per-call override of the client's `decoding` / `onRejected` options; unset fields keep the client's.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Policy {
  readonly mode?: Mode | undefined
  readonly onRejected?: OnRejected | undefined
}

/**
 * The decoding policy of the calls it is provided to (`Effect.provideService` / `Stream.provideService`);
 * empty by default, so the client's options apply.
 *
 * @category Constants
 * @since 0.1.0
 */
export const Override: Context.Reference<Policy> = Context.Reference<Policy>("@effect-e621/core/Decoding/Override", {
  defaultValue: () => ({})
})
