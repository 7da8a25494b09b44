/**
 * The gate between the post families and `Blacklist.ts`: a call needs the blacklist module (its parser, its
 * matcher, the account's blacklist through `api/Users.ts`) only when a blacklist is in force — its own, or the
 * client's `blacklist` option — so a program that never blacklists never loads it (`import()` on first use;
 * a bundler splits it off).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as BlacklistModule from "../Blacklist.ts"
import * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import type { Post } from "../schemas/Post.ts"

/** `Blacklist.Skip` (defined here so that checking it does not load the blacklist module). */
export const Skip = Context.Reference<boolean>("@effect-e621/core/Blacklist/Skip", { defaultValue: () => false })

/** A blacklist in force for a call, with the module that applies it. */
export interface Applied {
  readonly blacklist: BlacklistModule.Blacklist
  readonly module: typeof BlacklistModule
}

/** `Blacklist.inForce`, loading the module only when the call or the client has a blacklist. */
export const inForce = (
  perCall: BlacklistModule.Blacklist | false | undefined
): Effect.Effect<Applied | undefined, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    if (perCall === false) return undefined
    if (perCall === undefined && ((yield* Skip) || (yield* E621Client.E621Client).settings.blacklist === undefined)) {
      return undefined
    }
    const module = yield* Effect.promise(() => import("../Blacklist.ts"))
    const blacklist = yield* module.inForce(perCall)
    return blacklist === undefined ? undefined : { blacklist, module }
  })

/** The items the blacklist shows (all of them without one); the hidden ones are counted and logged. */
export const shown = <A>(
  applied: Applied | undefined,
  items: ReadonlyArray<A>,
  postOf: (item: A) => Post
): Effect.Effect<ReadonlyArray<A>, never, E621Client.E621Client> =>
  applied === undefined
    ? Effect.succeed(items)
    : Effect.map(applied.module.partition(applied.blacklist, items, postOf), (parts) => parts.shown)

/** A stream without the items the blacklist hides (unchanged without one). */
export const hide = <A>(applied: Applied | undefined, postOf: (item: A) => Post) =>
<E, R>(stream: Stream.Stream<A, E, R>): Stream.Stream<A, E, R | E621Client.E621Client> =>
  applied === undefined ? stream : stream.pipe(applied.module.hide(applied.blacklist, postOf))
