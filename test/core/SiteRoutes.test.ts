import * as Appeals from "@effect-e621/core/api/Appeals"
import * as Bans from "@effect-e621/core/api/Bans"
import * as Mascots from "@effect-e621/core/api/Mascots"
import * as ModActions from "@effect-e621/core/api/ModActions"
import * as SearchTrends from "@effect-e621/core/api/SearchTrends"
import * as Takedowns from "@effect-e621/core/api/Takedowns"
import * as Tickets from "@effect-e621/core/api/Tickets"
import * as UserFeedbacks from "@effect-e621/core/api/UserFeedbacks"
import * as Users from "@effect-e621/core/api/Users"
import * as E621Client from "@effect-e621/core/E621Client"
import * as Route from "@effect-e621/core/Route"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const layer = E621Fake.layer({ posts: 20, seed: 3 })

/** The list routes of the site and moderation families, by name. */
const lists: ReadonlyArray<readonly [string, Route.Any]> = [
  ["Users", Users.routes.search],
  ["UserFeedbacks", UserFeedbacks.routes.search],
  ["Tickets", Tickets.routes.search],
  ["Appeals", Appeals.routes.search],
  ["Takedowns", Takedowns.routes.search],
  ["SearchTrends", SearchTrends.routes.search],
  ["Bans", Bans.routes.search],
  ["ModActions", ModActions.routes.search],
  ["Mascots", Mascots.routes.search]
]

describe("site and moderation route declarations", () => {
  it.effect("a strict-search route answers an unknown search key with e621's 403; the others ignore it", () =>
    Effect.gen(function*() {
      const strict: Array<string> = []
      for (const [name, route] of lists) {
        const sent = E621Client.execute({ method: route.method, path: route.path, query: { "search[bogus_key]": "1" } })
        if (Route.has(route, "strict-search")) {
          strict.push(name)
          const error = yield* Effect.flip(sent)
          assert.strictEqual(error._tag, "E621Forbidden", name)
          assert.include(error._tag === "E621Forbidden" ? error.reason : "", "unpermitted parameter: :bogus_key", name)
        } else {
          assert.strictEqual((yield* sent).status, 200, name)
        }
      }
      assert.deepStrictEqual(strict, ["Users", "UserFeedbacks", "Tickets", "Appeals", "Takedowns", "SearchTrends"])
    }).pipe(Effect.provide(layer)))
})
