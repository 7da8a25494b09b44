/**
 * The `e621` command line (built with `effect/cli`): search, show posts and pools, download files, export
 * database dumps to NDJSON, and check who you are — against e621, e926, e6ai, any e621ng URL, or an
 * embedded fake (`--host fake`, offline).
 *
 * ```sh
 * e621 search "otter rating:s" --limit 5
 * e621 get 3291457 --format json
 * e621 download pool:12345 --dir ./comic --filename "{pool_index}_{id}.{ext}"
 * e621 export posts --query "otter score:>100" > otters.ndjson
 * E621_USERNAME=me E621_API_KEY=… e621 whoami
 * ```
 *
 * Configuration: flags first, then the environment (`E621_HOST`, `E621_USER_AGENT`, `E621_USERNAME`,
 * `E621_API_KEY`); without a User-Agent the command sends `effect-e621-cli/0.1.0 (command line)`. Long work
 * shows a progress bar fitted to the terminal's width on a TTY and plain periodic lines otherwise, on stderr.
 * A mistyped command line gets its reason, a "did you mean" and a pointer to `--help` on stderr (exit 2);
 * `download` needs a target, and `export` does not write to a terminal. Errors are one line on stderr with an
 * exit code: 2 bad input, 3 not found, 4 refused (401/403), 5 rate limited, 6 network or server, 1 anything
 * else (including files that failed to download).
 *
 * Not loaded by the package index: import it as `@effect-e621/platform-node/Cli`.
 *
 * @module @effect-e621/platform-node/Cli
 * @since 0.1.0
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import type * as E621Client from "@effect-e621/core/E621Client"
import type * as Post from "@effect-e621/core/schemas/Post"
import * as Posts from "@effect-e621/core/api/Posts"
import type { E621Error } from "@effect-e621/core/E621Error"
import { invalidInput } from "@effect-e621/core/E621Error"
import * as Pools from "@effect-e621/core/api/Pools"
import * as Users from "@effect-e621/core/api/Users"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Argument from "effect/cli/Argument"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Fs from "node:fs"
import type * as Downloads from "./Downloads.ts"
import * as CliExit from "./internal/cliExit.ts"
import * as UsageError from "./internal/usageError.ts"
import type * as NodeDbExports from "./NodeDbExports.ts"
import * as NodeE621 from "./NodeE621.ts"
import * as Progress from "@effect-e621/core/Progress"

/**
 * The version the command reports.
 *
 * @category Constants
 * @since 0.1.0
 */
export const version: string = CliExit.version

const defaultUserAgent = `effect-e621-cli/${version}`

/**
 * A user name as it can stand in the default User-Agent: any character other than a letter, digit or one of
 * `_-~'.` is percent-encoded as UTF-8, so no name (non-Latin-1, control characters, parentheses) can make the
 * header unsendable or unbalance its comment.
 */
const userAgentName = (name: string): string =>
  name.replace(/[^A-Za-z0-9_\-~'.]/gu, (char) =>
    Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""))

// ---------------------------------------------------------------------------------------------------------
// Shared flags and the client they configure

/** A flag with its default, shown in `--help` after the description. */
const defaulted = <A>(description: string, value: NoInfer<A>) => (flag: Flag.Flag<A>): Flag.Flag<A> =>
  flag.pipe(Flag.withDescription(`${description} (default: ${String(value)})`), Flag.withDefault(value))

/** A number flag within `min..max` (`max` omitted: no upper bound); outside it the command line is refused. */
const within = (min: number, max = Number.POSITIVE_INFINITY) =>
  Flag.filter<number>(
    (n) => n >= min && n <= max,
    () => max === Number.POSITIVE_INFINITY ? `at least ${min}` : `from ${min} to ${max}`
  )

const shared = {
  host: Flag.String("host").pipe(
    Flag.withDescription("e621, e926, e6ai, fake (an offline e621 in this process) or a base URL (default: E621_HOST, else e621)"),
    Flag.optional
  ),
  format: Flag.Literals("format", ["table", "json", "ndjson"]).pipe(
    defaulted("Output: table for people; json, or ndjson (an object a line), for programs", "table")
  ),
  userAgent: Flag.String("user-agent").pipe(
    Flag.withDescription(
      `User-Agent sent to e621 (default: E621_USER_AGENT, else "${defaultUserAgent} (command line)", or "${defaultUserAgent} (by NAME on e621)" with credentials)`
    ),
    Flag.optional
  ),
  username: Flag.String("username").pipe(Flag.withDescription("Account name, with --api-key (default: E621_USERNAME)"), Flag.optional),
  apiKey: Flag.Redacted("api-key").pipe(
    Flag.withDescription("API key from your e621 account settings, with --username (default: E621_API_KEY)"),
    Flag.optional
  ),
  filesRate: Flag.Int("files-rate").pipe(
    within(1),
    Flag.withDescription("Files per second from the static host (default: 4; 500 with --host fake)"),
    Flag.optional
  ),
  fakePosts: Flag.Int("fake-posts").pipe(within(0), defaulted("Posts in the fake (--host fake)", 2_000)),
  fakeFaults: Flag.Finite("fake-faults").pipe(
    within(0, 1),
    defaulted("Share of the fake's answers that fail (0..1), to watch retries at work", 0)
  )
}

const root = Command.make("e621").pipe(
  Command.withSharedFlags(shared),
  Command.withDescription(
    `Search e621, download files and export its database from the command line. Requests identify themselves with the User-Agent "${defaultUserAgent} (command line)" unless --user-agent or E621_USER_AGENT says otherwise (e621 asks for "name/version (by NAME on e621)").`
  ),
  Command.withExamples([
    { command: "e621 search \"otter rating:s\" --limit 5", description: "Five safe otter posts, as a table" },
    { command: "e621 --format json get 3291457", description: "One post as JSON" },
    { command: "e621 download pool:12345 --dir ./comic", description: "A pool's files, in reading order" },
    { command: "e621 --host fake download rating:s --limit 20 --dir /tmp/try", description: "Try it offline" }
  ])
)

const envOption = (name: string) => Config.option(Config.String(name))

/**
 * Runs an effect with an `E621Client` configured from the flags and the environment (and the fake, if asked:
 * loaded only then, so the other commands never load it).
 */
const withClient = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.scoped(Effect.gen(function*() {
    const flags = yield* root
    const envHost = yield* envOption("E621_HOST").pipe(Effect.orElseSucceed(() => Option.none<string>()))
    const envAgent = yield* envOption("E621_USER_AGENT").pipe(Effect.orElseSucceed(() => Option.none<string>()))
    const envUser = yield* envOption("E621_USERNAME").pipe(Effect.orElseSucceed(() => Option.none<string>()))
    const envKey = yield* Config.option(Config.Redacted("E621_API_KEY")).pipe(Effect.orElseSucceed(() => Option.none()))
    const host = Option.getOrElse(Option.orElse(flags.host, () => envHost), () => "e621")
    const username = Option.getOrUndefined(Option.orElse(flags.username, () => envUser))
    const apiKey = Option.getOrUndefined(Option.orElse(flags.apiKey, () => envKey))
    if ((username === undefined) !== (apiKey === undefined)) {
      return yield* invalidInput(
        username === undefined ? "username" : "api-key",
        "set both --username/E621_USERNAME and --api-key/E621_API_KEY, or neither"
      )
    }
    const fake = host === "fake"
    const baseUrl = fake
      ? (yield* (yield* Effect.promise(() => import("./NodeE621Fake.ts"))).serve({
        posts: flags.fakePosts,
        seed: 1,
        files: true,
        ...(flags.fakeFaults > 0 ? { faults: { rate: flags.fakeFaults, kinds: ["502", "503-retry-after", "drop"], retryAfter: 1 } } : {})
      })).url
      : host
    const userAgent = Option.getOrElse(
      Option.orElse(flags.userAgent, () => envAgent),
      () => `${defaultUserAgent} (${username === undefined ? "command line" : `by ${userAgentName(username)} on e621`})`
    )
    const filesRate = Option.getOrElse(flags.filesRate, () => (fake ? 500 : 4))
    const layer = NodeE621.layer({
      host: baseUrl,
      userAgent,
      filesRateLimit: { limit: Math.max(1, filesRate), window: "1 second" },
      ...(username !== undefined && apiKey !== undefined
        ? { credentials: { username, apiKey: Redacted.isRedacted(apiKey) ? apiKey : Redacted.make(String(apiKey)) } }
        : {})
    })
    return yield* Effect.provide(effect, layer as Layer.Layer<E621Client.E621Client, E621Error>)
  }))

// ---------------------------------------------------------------------------------------------------------
// Output

type Format = "table" | "json" | "ndjson"

const truncate = (text: string, width: number): string => (text.length > width ? text.slice(0, width - 1) + "…" : text)

const table = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? []
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n")
}

const postRow = (post: Post.Post): ReadonlyArray<string> => [
  String(post.id),
  post.rating,
  String(post.score.total),
  String(post.fav_count),
  post.file.ext,
  Progress.formatBytes(post.file.size),
  truncate(post.tags.artist.join(" ") || "-", 24),
  truncate([...post.tags.species, ...post.tags.general].join(" "), 60)
]

const printPosts = (posts: ReadonlyArray<Post.Post>, format: Format) =>
  format === "table"
    ? Console.log(table([["id", "rating", "score", "favs", "ext", "size", "artist", "tags"], ...posts.map(postRow)]))
    : format === "json"
    ? Console.log(JSON.stringify(posts, null, 2))
    : Effect.forEach(posts, (post) => Console.log(JSON.stringify(post)), { discard: true })

const queryOf = (words: ReadonlyArray<string>): string => words.join(" ")

// ---------------------------------------------------------------------------------------------------------
// Commands

const search = Command.make(
  "search",
  {
    query: Argument.String("query").pipe(
      Argument.withDescription("Tag query, e.g. \"otter rating:s\" (none: the newest posts)"),
      Argument.variadic()
    ),
    limit: Flag.Int("limit").pipe(within(1, 320), defaulted("Posts to show (1..320)", 20))
  },
  Effect.fn(function*({ limit, query }) {
    const { format } = yield* root
    const posts = yield* withClient(Posts.search({ tags: queryOf(query), limit }))
    yield* printPosts(posts, format)
  })
).pipe(
  Command.withDescription("Search posts (one page)"),
  Command.withExamples([
    { command: "e621 search \"otter rating:s\" --limit 5", description: "The five newest safe otter posts" },
    { command: "e621 --format ndjson search \"order:score canine\"", description: "One JSON object a line, best first" }
  ])
)

const get = Command.make(
  "get",
  { id: Argument.Int("id").pipe(Argument.withDescription("Post id")) },
  Effect.fn(function*({ id }) {
    const { format } = yield* root
    const post = yield* withClient(Posts.get(id))
    yield* printPosts([post], format)
  })
).pipe(
  Command.withDescription("Show one post"),
  Command.withExamples([{ command: "e621 --format json get 3291457", description: "Every field of post 3291457" }])
)

const pool = Command.make(
  "pool",
  { id: Argument.Int("id").pipe(Argument.withDescription("Pool id")) },
  Effect.fn(function*({ id }) {
    const { format } = yield* root
    const found = yield* withClient(Pools.get(id))
    if (format !== "table") return yield* Console.log(JSON.stringify(found, null, format === "json" ? 2 : undefined))
    yield* Console.log(table([
      ["id", String(found.id)],
      ["name", found.name.replace(/_/g, " ")],
      ["category", found.category],
      ["posts", String(found.post_ids.length)],
      ["order", truncate(found.post_ids.join(" "), 100)]
    ]))
  })
).pipe(
  Command.withDescription("Show a pool and its posts in reading order"),
  Command.withExamples([{ command: "e621 pool 12345", description: "Name, category and post ids of pool 12345" }])
)

const whoami = Command.make(
  "whoami",
  {},
  Effect.fn(function*() {
    const { format } = yield* root
    const me = yield* withClient(Users.me)
    if (format !== "table") return yield* Console.log(JSON.stringify(me, null, format === "json" ? 2 : undefined))
    const record = me as { readonly id: number | null; readonly name: string; readonly level_string?: string }
    yield* Console.log(record.id === null ? "anonymous" : `${record.name} (id ${record.id}, ${record.level_string ?? "?"})`)
  })
).pipe(
  Command.withDescription("Show the account the credentials belong to"),
  Command.withExamples([
    { command: "E621_USERNAME=me E621_API_KEY=... e621 whoami", description: "Check an API key" }
  ])
)

// The commands' heavy modules are loaded by the command that uses them (`e621 --version` or `search` never
// loads the download or export machinery).
const loadDownloads = Effect.promise(() => import("./Downloads.ts"))
const loadDbExports = Effect.promise(() => import("./NodeDbExports.ts"))

/** A download target: a tag query, `pool:ID` (reading order) or `set:ID`. */
const itemsOf = (downloads: typeof Downloads, target: string, limit: number) => {
  const poolMatch = /^pool:(\d+)$/.exec(target)
  if (poolMatch) return downloads.poolItems(Number(poolMatch[1]))
  const setMatch = /^set:(\d+)$/.exec(target)
  const tags = setMatch ? `set:${setMatch[1]}` : target
  return Posts.stream({ tags }).pipe(Stream.take(limit)) as Stream.Stream<Downloads.Item, E621Error, E621Client.E621Client>
}

const download = Command.make(
  "download",
  {
    target: Argument.String("target").pipe(
      Argument.withDescription("What to download: a tag query, pool:ID or set:ID"),
      Argument.variadic({ min: 1 })
    ),
    dir: Flag.String("dir").pipe(defaulted("Directory to write to", ".")),
    limit: Flag.Int("limit").pipe(within(1), defaulted("At most this many posts of a query", 100)),
    filename: Flag.String("filename").pipe(
      Flag.withDescription(
        "File name template, e.g. \"{artist}/{id}.{ext}\" (default: {id}.{ext}; {pool_index}_{id}.{ext} for a pool)"
      ),
      Flag.optional
    ),
    variant: Flag.Literals("variant", ["original", "sample", "preview"]).pipe(
      defaulted("Which file: sample is smaller, preview a thumbnail", "original")
    ),
    concurrency: Flag.Int("concurrency").pipe(within(1), defaulted("Files in flight", 4)),
    failFast: Flag.Boolean("fail-fast").pipe(
      Flag.withDescription("Stop at the first file that fails (default: report it, go on, exit 1 at the end)"),
      Flag.withDefault(false)
    )
  },
  Effect.fn(function*({ concurrency, dir, failFast, filename, limit, target, variant }) {
    const { format } = yield* root
    const what = queryOf(target).trim()
    // an empty query would mean "the newest posts": never download those by accident
    if (what === "") return yield* invalidInput("target", "name what to download: a tag query, pool:ID or set:ID")
    const isPool = /^pool:\d+$/.test(what)
    const summary = { Downloaded: 0, Skipped: 0, Unavailable: 0, Failed: 0 }
    const reasons = new Map<string, number>()
    const Downloads = yield* loadDownloads
    yield* withClient(Effect.scoped(Effect.gen(function*() {
      const progress = yield* Progress.make({ label: "download" })
      if (isPool) {
        const found = yield* Pools.get(Number(what.slice(5)))
        progress.total(found.post_ids.length)
      } else {
        progress.total(limit)
      }
      yield* Downloads.all(itemsOf(Downloads, what, limit), dir, {
        variant,
        concurrency,
        failFast,
        onBytes: progress.bytes,
        ...(Option.isSome(filename) ? { filename: filename.value } : isPool ? { filename: "{pool_index}_{id}.{ext}" } : {})
      }).pipe(
        Stream.runForEach((outcome) =>
          Effect.gen(function*() {
            progress.item()
            summary[outcome._tag]++
            if (outcome._tag === "Unavailable") reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1)
            if (format === "ndjson") yield* Console.log(JSON.stringify(outcomeJson(outcome)))
            if (outcome._tag === "Failed") yield* Console.error(`e621: post ${outcome.post.id}: ${outcome.error.message}`)
          })
        )
      )
    })))
    const unavailable = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(", ")
    const line = `downloaded ${summary.Downloaded}, already present ${summary.Skipped}, unavailable ${summary.Unavailable}${
      unavailable === "" ? "" : ` (${unavailable})`
    }, failed ${summary.Failed}`
    if (format === "json") yield* Console.log(JSON.stringify({ ...summary, unavailable: Object.fromEntries(reasons) }, null, 2))
    else if (format === "table") yield* Console.log(line)
    if (summary.Failed > 0) yield* Effect.sync(() => { process.exitCode = 1 })
  })
).pipe(
  Command.withDescription("Download post files: a tag query, pool:ID (in reading order) or set:ID"),
  Command.withExamples([
    { command: "e621 download \"otter rating:s\" --limit 50 --dir ./otters", description: "The 50 newest safe otter posts" },
    { command: "e621 download pool:12345 --dir ./comic", description: "A pool as 001_<id>.<ext>, 002_…, in reading order" },
    { command: "e621 download set:678 --variant sample --filename \"{artist}/{id}.{ext}\"", description: "A set's samples, a folder per artist" }
  ])
)

const outcomeJson = (outcome: Downloads.Outcome) => ({
  id: outcome.post.id,
  status: outcome._tag,
  ...(outcome._tag === "Downloaded" || outcome._tag === "Skipped" ? { path: outcome.path, bytes: outcome.bytes } : {}),
  ...(outcome._tag === "Unavailable" ? { reason: outcome.reason } : {}),
  ...(outcome._tag === "Failed" ? { error: outcome.error.message } : {})
})

const exportCommand = Command.make(
  "export",
  {
    name: Argument.String("name").pipe(
      Argument.withDescription("posts, tags, pools, wiki_pages, artists, … (none: list them, as --list)"),
      Argument.optional
    ),
    query: Flag.String("query").pipe(Flag.withDescription("Keep posts matching this tag query (posts only)"), Flag.optional),
    out: Flag.String("out").pipe(
      Flag.withDescription("Write NDJSON to this file (default: stdout, which must then not be a terminal)"),
      Flag.optional
    ),
    list: Flag.Boolean("list").pipe(Flag.withDescription("List the available exports"), Flag.withDefault(false))
  },
  Effect.fn(function*({ list, name, out, query }) {
    const { format } = yield* root
    const NodeDbExports = yield* loadDbExports
    if (list || Option.isNone(name)) {
      const entries = yield* withClient(NodeDbExports.list)
      if (format !== "table") return yield* Console.log(JSON.stringify(entries, null, format === "json" ? 2 : undefined))
      return yield* Console.log(table([
        ["name", "file", "size", "date"],
        ...entries.map((e) => [e.name, e.fileName, e.size === undefined ? "?" : Progress.formatBytes(e.size), e.date ?? e.updatedAt ?? ""])
      ]))
    }
    if (Option.isSome(query) && name.value !== "posts") {
      return yield* invalidInput("query", "--query filters the posts export only")
    }
    // millions of rows on a terminal help no one: ask for a file or a pipe
    if (Option.isNone(out) && process.stdout.isTTY === true) {
      return yield* invalidInput(
        "out",
        `the ${name.value} export is large: write it to a file (--out ${name.value}.ndjson) or a pipe (| head), not to a terminal`
      )
    }
    const sink = Option.isSome(out) ? Fs.createWriteStream(out.value) : undefined
    const write = (line: string) =>
      sink === undefined ? Console.log(line) : Effect.callback<void>((resume) => {
        if (sink.write(line + "\n")) resume(Effect.void)
        else sink.once("drain", () => resume(Effect.void))
      })
    let matched = 0
    yield* withClient(Effect.scoped(Effect.gen(function*() {
      const progress = yield* Progress.make({ label: `export ${name.value}`, unit: "rows" })
      let last = 0
      const options: NodeDbExports.StreamOptions = {
        onProgress: (read, total) => {
          progress.bytes(read - last)
          last = read
          progress.total(undefined, total)
        }
      }
      const counted = <A, E, R>(rows: Stream.Stream<A, E, R>) =>
        rows.pipe(Stream.tap(() => Effect.sync(() => progress.item())), Stream.map((row): unknown => row))
      const kept = Option.isSome(query)
        ? NodeDbExports.stream("posts", options).pipe(
          Stream.tap(() => Effect.sync(() => progress.item())),
          NodeDbExports.filter(query.value),
          Stream.map((row): unknown => row)
        )
        : NodeDbExports.stream(name.value, options).pipe(counted)
      yield* Stream.runForEach(kept, (row) => {
        matched++
        return write(JSON.stringify(row))
      })
    })))
    if (sink !== undefined) {
      yield* Effect.callback<void>((resume) => {
        sink.end(() => resume(Effect.void))
      })
    }
    yield* Console.error(`${matched} rows${Option.isSome(query) ? ` matching "${query.value}"` : ""}`)
  })
).pipe(
  Command.withDescription("Stream a database export as NDJSON (optionally only posts matching --query)"),
  Command.withExamples([
    { command: "e621 export --list", description: "The exports e621 offers today, with their sizes" },
    { command: "e621 export posts --query \"canine score:>100\" --out canine.ndjson", description: "Posts matching a query" },
    { command: "e621 export tags | head", description: "The first tags" }
  ])
)

/**
 * The `e621` command with its subcommands.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const command = root.pipe(Command.withSubcommands([search, get, pool, download, exportCommand, whoami]))

/**
 * The exit code for a failure: 2 bad input, 3 not found, 4 refused (401/403), 5 rate limited, 6 network or
 * server, 1 otherwise.
 *
 * @category Functions
 * @function
 * @since 0.1.0
 */
export const exitCode: (error: unknown) => number = CliExit.exitCode

const describe = (error: unknown): string => {
  if (typeof error === "object" && error !== null && "_tag" in error) {
    const tagged = error as { readonly _tag: string; readonly message?: string; readonly field?: string }
    const field = tagged._tag === "E621InvalidInput" && tagged.field !== undefined && !(tagged.message ?? "").startsWith(tagged.field)
      ? `${tagged.field}: `
      : ""
    return `${tagged._tag.replace(/^E621/, "")}: ${field}${tagged.message ?? ""}`.split("\n")[0]!
  }
  return error instanceof Error ? error.message.split("\n")[0]! : String(error)
}

/**
 * Runs the command on arguments (without `node` and the script), printing failures as one line on stderr
 * and setting `process.exitCode`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const run = (args: ReadonlyArray<string>): Effect.Effect<void> =>
  Command.runWith(command, { version })(args).pipe(
    Effect.catch((error: unknown) =>
      Effect.sync(() => {
        const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : ""
        if (tag !== "ShowHelp") process.stderr.write(`e621: ${describe(error)}\n`)
        process.exitCode = exitCode(error)
      })
    ),
    Effect.provide(Layer.merge(NodeServices.layer, CliOutput.layerPresenter(presenter)))
  )

// Help and the version as effect/cli prints them; a mistyped command line as the reason (with a "did you
// mean") and a pointer to --help, on stderr, instead of the whole help on stdout.
const presenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Console.error(UsageError.render(event.commandPath, event.errors, event.helpDoc))
      : CliOutput.defaultPresenter.present(event)
}
