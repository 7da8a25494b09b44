// examples/guides/uploading-1.ts
import { Favorites, Posts } from "@effect-e621/core"
import { NodeUploads } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"

export const publish = (path: string) =>
  Effect.gen(function*() {
    // a file from disk: size checked against e621's limit for its type, sent, and the new Post returned
    const post = yield* NodeUploads.fromPath(path, {
      tags: "otter solo",
      rating: "s",
      sources: ["https://www.furaffinity.net/view/1/"]
    })
    // tags edited as e621's own diff string: add `river`, remove `solo`
    yield* Posts.update(post.id, { tagDiff: "river -solo", editReason: "scenery" })
    // a user's favourites by name (e621 takes ids; the name is looked up once)
    const favourites = yield* Favorites.stream({ username: "some_user" }).pipe(Stream.take(10), Stream.runCollect)
    yield* Console.log(`uploaded #${post.id}; some_user has ${favourites.length}+ favourites`)
  })
