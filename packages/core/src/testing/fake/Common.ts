/**
 * Helpers shared by the fake's community families (comments, notes, blips, forum, dmails): seeded random
 * sources, seeded timestamps, user names and level checks as e621 computes them.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as Random from "./Random.ts"
import type * as FakeTable from "./Table.ts"
import * as FakePosts from "./Posts.ts"

/** Start of the seeded community data (2024-01-01). */
const START = Date.UTC(2024, 0, 1)

/**
 * A random source for one family's seed data, derived from the store's seed and a family salt.
 *
 * @since 0.1.0
 */
export const rngOf = (store: FakeData.Store, salt: number): Random.Random => Random.make(Random.hash(store.seed, salt))

/**
 * The seeded timestamp of the `index`-th row of a family (monotonic, hours apart, from 2024).
 *
 * @since 0.1.0
 */
export const seededTime = (index: number, rng: Random.Random, spacingHours = 7): string =>
  new Date(START + index * spacingHours * 3_600_000 + rng.int(3_600_000)).toISOString()

/**
 * A request's time as an ISO string.
 *
 * @since 0.1.0
 */
export const nowIso = (ctx: FakeContext.Context): string => new Date(ctx.now).toISOString()

/**
 * Users who write things: every account but the banned ones.
 *
 * @since 0.1.0
 */
export const authors = (store: FakeData.Store): ReadonlyArray<FakeData.User> =>
  store.users.filter((user) => user.level_string !== "Blocked")

/**
 * A fixed account by name (`tester`, `privileged`, `admin`, …).
 *
 * @since 0.1.0
 */
export const fixed = (store: FakeData.Store, name: string): FakeData.User => store.userByName(name)!

/**
 * A user's name (`User.id_to_name`); `"Anonymous"` for a missing user, as e621 prints it.
 *
 * @since 0.1.0
 */
export const nameOf = (store: FakeData.Store, id: number | null | undefined): string =>
  (id === null || id === undefined ? undefined : store.users.find((user) => user.id === id)?.name) ?? "Anonymous"

/**
 * The numeric level of the viewer (0 for anonymous).
 *
 * @since 0.1.0
 */
export const levelOf = (user: FakeData.User | undefined): number => user === undefined ? 0 : FakeData.levels[user.level_string]

/**
 * Whether the viewer's level is at least `level`.
 *
 * @since 0.1.0
 */
export const is = (ctx: FakeContext.Context, level: FakeData.Level): boolean => levelOf(ctx.viewer.user) >= FakeData.levels[level]

/**
 * The viewer's id, or -1 for anonymous.
 *
 * @since 0.1.0
 */
export const viewerId = (ctx: FakeContext.Context): number => ctx.viewer.user?.id ?? -1

/**
 * Rails-rooted fields whose names are not in `permitted`, the first of which e621 refuses with 403
 * (`action_on_unpermitted_parameters = :raise`).
 *
 * @since 0.1.0
 */
export const unpermitted = (fields: Readonly<Record<string, string>>, permitted: ReadonlyArray<string>): string | undefined =>
  Object.keys(fields).map((key) => key.replace(/\].*$/, "")).find((key) => !permitted.includes(key))

/**
 * Rails' `full_messages` of a field-errors object (`{body: ["is too short"]}` → `"Body is too short"`).
 *
 * @since 0.1.0
 */
export const fullMessages = (errors: Readonly<Record<string, ReadonlyArray<string>>>): Array<string> =>
  Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) =>
      field === "base" ? message : `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, " ")} ${message}`
    )
  )

/**
 * Minimal DText → HTML for the fake's `dtext` fields: escapes HTML and wraps paragraphs.
 *
 * @since 0.1.0
 */
export const dtextHtml = (body: string): string =>
  body.split(/\n{2,}/).map((part) =>
    `<p>${part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>")}</p>`
  ).join("")

/**
 * A few sentences for seeded bodies.
 *
 * @since 0.1.0
 */
export const phrases: ReadonlyArray<string> = [
  "Love the colours on this one.",
  "The lighting is great here.",
  "Source please?",
  "This artist never disappoints.",
  "Adorable expression!",
  "Tagging fix: added the missing species tag.",
  "Is there a part two of this?",
  "The background detail is impressive.",
  "Great composition and pose.",
  "I think this belongs in the pool with the others."
]

/** An ISO 8601 timestamp. @internal */
export const iso = (ms: number): string => new Date(ms).toISOString()

/** The last `n` post indices, newest first. */
export const recent = (store: FakeData.Store, n: number): Array<number> => {
  const out: Array<number> = []
  for (let i = store.size - 1; i >= 0 && out.length < n; i--) out.push(i)
  return out
}

/** The generated users (ids from 1000), or every user when there are none. @internal */
export const generatedUsers = (store: FakeData.Store): ReadonlyArray<FakeData.User> => {
  const users = store.users.filter((u) => u.id >= 1000)
  return users.length > 0 ? users : store.users
}

/** `search[post_tags_match]`: the post of the row matches a tag query (as the viewer sees it). */
export const postTagsMatch = <A>(postId: (row: A) => number): FakeTable.Filter<A> => (row, value, ctx) => {
  const q = FakePosts.parseTags(ctx.store, value)
  if (FakeContext.isResponse(q)) return false
  const index = ctx.store.indexOf(postId(row))
  return index >= 0 && FakePosts.matcherOf(ctx.store, q, ctx.viewer)(index)
}

/** A comparator, newest (greatest) first. @internal */
export const byDesc = <A>(get: (a: A) => string | number) => (a: A, b: A): number => {
  const x = get(a)
  const y = get(b)
  return x < y ? 1 : x > y ? -1 : 0
}
