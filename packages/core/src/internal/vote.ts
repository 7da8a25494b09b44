/**
 * Voting on a post or a comment (`POST /posts/:id/votes.json`, `/comments/:id/votes.json` with `score`):
 * e621 toggles, so the same vote twice removes it. This sends `no_unvote=true` unless the caller asks for
 * the toggling vote, which keeps a repeated vote a vote and makes the call safe to retry.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import type * as Route from "../Route.ts"
import * as Endpoint from "./endpoint.ts"
import * as Params from "./params.ts"

/**
 * Options of a vote: `toggle` sends e621's toggling vote (default `false`).
 *
 * @internal
 */
export interface Options {
  readonly toggle?: boolean | undefined
}

const keys = Params.keys<Options>({ toggle: true })

/**
 * A vote of `1` (up) or `-1` (down) on one record through the family's `vote` route. With `no_unvote`,
 * e621 answers a repeated vote with `our_score: 0` although the vote stays
 * (`post_votes_controller.rb#create`: `@post_vote == :need_unvote ? 0 : …`): the answer then carries the
 * vote that stands.
 *
 * @internal
 */
export const vote = <S extends Schema.ConstraintDecoder<{ readonly our_score: number }>>(
  route: Route.Route & { readonly item: S }
) =>
(id: number, score: 1 | -1, options: Options = {}): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    if (score !== 1 && score !== -1) return yield* invalidInput("score", `must be 1 (up) or -1 (down), got ${Params.got(score)}`)
    yield* Params.options(options, keys)
    const toggle = options.toggle === true
    const request = Endpoint.request(route, {
      path: { id: checkedId },
      body: { _tag: "Form", fields: { score, no_unvote: toggle ? undefined : "true" } }
    })
    // a toggling vote undoes itself when repeated: only the `no_unvote` vote is retried
    const result = yield* Endpoint.json({ ...request, idempotent: !toggle }, route.item)
    return !toggle && result.our_score === 0 ? { ...result, our_score: score } : result
  })
