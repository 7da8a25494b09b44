/**
 * Keep a JSON file of post metadata current with `Posts.changes`: the file holds every post seen so far and
 * the largest `change_seq` processed, so each run (and each round of a long-running loop) asks e621 only for
 * what changed since — `change:>N order:change_asc status:any`, deleted posts included — and resumes where the
 * last one stopped, even after a crash (the file is replaced atomically after each round).
 *
 *   E621_USER_AGENT="my-sync/1.0 (by me on e621)" npx tsx examples/sync.ts posts.json "rating:s" 1
 *
 * Scores and favourite counts do not move `change_seq` on e621, so they are not kept here (see
 * `Posts.changes`). A first run from 0 walks every post of the search: for a whole-site copy start from e621's
 * daily database export instead and sync from its largest `change_seq`.
 *
 * `program` needs `E621Client`, `FileSystem` and `Path`: `main` runs it against e621 with Node's file system,
 * the tests run it against the fake in a temporary directory.
 */
import { Post, Posts } from "@effect-e621/core"
import { NodeE621 } from "@effect-e621/platform-node"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { pathToFileURL } from "node:url"
import { Console, Duration, Effect, FileSystem, Layer, Path, Stream } from "effect"

/** What the file keeps of a post: the metadata whose changes bump `change_seq`. */
export interface Entry {
  readonly id: number
  readonly change_seq: number
  readonly rating: Post.Rating
  readonly tags: ReadonlyArray<string>
  readonly sources: ReadonlyArray<string>
  readonly parent_id: number | null
  readonly md5: string
  readonly ext: string
  readonly deleted: boolean
  readonly pending: boolean
  readonly flagged: boolean
}

/** The file: the largest `change_seq` processed and every post by id. */
export interface Snapshot {
  readonly changeSeq: number
  readonly posts: Readonly<Record<string, Entry>>
}

export interface Options {
  /** Only posts matching these tags (default: all). */
  readonly tags?: string | undefined
  /** Rounds to run (default 1), each after `every`. */
  readonly rounds?: number | undefined
  readonly every?: Duration.Input | undefined
}

const entryOf = (post: Post.Post): Entry => ({
  id: post.id,
  change_seq: post.change_seq,
  rating: post.rating,
  tags: Post.allTags(post),
  sources: post.sources,
  parent_id: post.relationships.parent_id,
  md5: post.file.md5,
  ext: post.file.ext,
  deleted: post.flags.deleted,
  pending: post.flags.pending,
  flagged: post.flags.flagged
})

const read = (file: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    if (!(yield* fs.exists(file))) return { changeSeq: 0, posts: {} } satisfies Snapshot
    return JSON.parse(yield* fs.readFileString(file)) as Snapshot
  })

/** Writes next to the file, then renames: a reader (or a crash) never sees half a file. */
const write = (file: string, snapshot: Snapshot) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* fs.makeDirectory(path.dirname(file), { recursive: true })
    const temporary = `${file}.tmp`
    yield* fs.writeFileString(temporary, JSON.stringify(snapshot))
    yield* fs.rename(temporary, file)
  })

export const program = (file: string, options: Options = {}) =>
  Effect.gen(function*() {
    let snapshot = yield* read(file)
    const rounds = options.rounds ?? 1
    const changed: Array<number> = []
    for (let round = 1; round <= rounds; round++) {
      if (round > 1) yield* Effect.sleep(options.every ?? "1 minute")
      const posts: Record<string, Entry> = { ...snapshot.posts }
      let changeSeq = snapshot.changeSeq
      let count = 0
      yield* Posts.changes({ since: snapshot.changeSeq, tags: options.tags }).pipe(
        Stream.runForEach((post) =>
          Effect.sync(() => {
            posts[post.id] = entryOf(post)
            changeSeq = Math.max(changeSeq, post.change_seq)
            changed.push(post.id)
            count++
          })
        )
      )
      snapshot = { changeSeq, posts }
      yield* write(file, snapshot)
      yield* Console.log(`round ${round}: ${count} changed, ${Object.keys(posts).length} posts, change_seq ${changeSeq}`)
    }
    return { snapshot, changed }
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program(process.argv[2] ?? "posts.json", { tags: process.argv[3], rounds: Number(process.argv[4] ?? 1) }).pipe(
    Effect.provide(Layer.merge(NodeE621.layerConfig(), NodeServices.layer)),
    Effect.runPromise
  )
}
