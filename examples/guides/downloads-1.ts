// examples/guides/downloads-1.ts
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Posts } from "@effect-e621/core"
import { Downloads, NodeE621 } from "@effect-e621/platform-node"
import { Console, Effect, Stream } from "effect"

const otters = Posts.stream({ tags: "otter rating:s score:>50" }).pipe(Stream.take(200))

Downloads.all(otters, "./otters", { filename: "{artist}/{id}.{ext}", concurrency: 4 }).pipe(
  Stream.runForEach((outcome) => {
    switch (outcome._tag) {
      case "Downloaded":
      case "Skipped":
        return Console.log(outcome._tag, outcome.path, outcome.bytes)
      case "Unavailable":
        return Console.log("no file for", outcome.post.id, outcome.reason)
      case "Failed":
        return Console.error("failed", outcome.post.id, outcome.error.message)
    }
  }),
  Effect.provide([NodeE621.layer({ userAgent: "otter-archive/1.0 (by some_user on e621)" }), NodeServices.layer]),
  NodeRuntime.runMain
)
