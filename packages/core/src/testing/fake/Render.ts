/**
 * How the fake shows a stored post to one viewer: e621's visibility rules (null URLs), the viewer's own
 * `is_favorited` / `vote`, and the three output formats (legacy, v2 basic/extended, v2 thumbnail).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Post from "../../schemas/Post.ts"
import * as FakeData from "./Data.ts"

/**
 * Who is looking: the logged-in user (or `undefined` for anonymous) and whether safe mode is on.
 *
 * @since 0.1.0
 */
export interface Viewer {
  readonly user: FakeData.User | undefined
  readonly safeMode: boolean
}

/**
 * Whether the viewer is staff (level ≥ Staff): staff see deleted posts' files.
 *
 * @since 0.1.0
 */
export const isStaff = (user: FakeData.User | undefined): boolean =>
  user !== undefined && FakeData.levels[user.level_string] >= FakeData.levels.Staff

/**
 * e621's `Post#visible?`: deleted posts are hidden from non-staff; `young` posts not rated `s` from anonymous
 * viewers (`user_needs_login_for_post?`); non-`s` posts in safe mode.
 *
 * @since 0.1.0
 */
export const isVisible = (post: Post.Post, viewer: Viewer): boolean => {
  if (post.flags.deleted && !isStaff(viewer.user)) return false
  if (viewer.user === undefined && post.rating !== "s" && post.tags.general.includes("young")) return false
  if (viewer.safeMode && post.rating !== "s") return false
  return true
}

const nullUrls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(nullUrls)
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = k === "url" ? null : nullUrls(v)
  return out
}

/**
 * The post with every URL set to `null` (`md5`/`ext` stay, as on e621).
 *
 * @since 0.1.0
 */
export const hideUrls = (post: Post.Post): Post.Post => ({
  ...post,
  file: { ...post.file, url: null },
  preview: { ...post.preview, url: null, alt: null },
  sample: { ...post.sample, url: null, alt: null, alternates: nullUrls(post.sample.alternates) as Record<string, unknown> }
})

/**
 * The viewer's own fields (`is_favorited`, `vote`), without touching URLs: what searches evaluate.
 *
 * @since 0.1.0
 */
export const withViewerFields = (store: FakeData.Store, post: Post.Post, user: FakeData.User | undefined): Post.Post => {
  if (user === undefined) return post
  const favorited = store.favorites.get(user.id)?.has(post.id) ?? false
  const vote = store.votes.get(user.id)?.get(post.id) ?? 0
  return favorited === post.is_favorited && vote === post.vote ? post : { ...post, is_favorited: favorited, vote }
}

/**
 * The post as this viewer receives it: own fields set, URLs hidden when not visible.
 *
 * @since 0.1.0
 */
export const project = (store: FakeData.Store, post: Post.Post, viewer: Viewer): Post.Post => {
  const own = withViewerFields(store, post, viewer.user)
  return isVisible(own, viewer) ? own : hideUrls(own)
}

/**
 * e621's hotness (log10 of the score plus creation time / 432,000 s), as `TagQuery.sort` computes it.
 *
 * @since 0.1.0
 */
export const hotnessOf = (post: Post.Post): number => {
  const s = post.score.total
  return Math.sign(s) * Math.log10(Math.max(Math.abs(s), 1)) + Date.parse(post.created_at) / 1000 / 432_000
}

const encodeV2 = Schema.encodeSync(Post.PostV2)

/**
 * Post output formats: legacy (default), `v2=true` with `mode=basic|extended|thumbnail`.
 *
 * @since 0.1.0
 */
export type Format = "legacy" | "basic" | "extended" | "thumbnail"

/**
 * The JSON value of a (projected) post in a format. v2 `basic` has a flat, sorted tag list.
 *
 * @since 0.1.0
 */
export const render = (post: Post.Post, format: Format): unknown => {
  switch (format) {
    case "legacy":
      return post
    case "thumbnail":
      return Post.toThumbnailJson(post)
    case "extended":
      return encodeV2({ ...post, hotness: hotnessOf(post) })
    case "basic": {
      const v2 = encodeV2({ ...post, hotness: hotnessOf(post) })
      return { ...v2, tags: [...Post.allTags(post)].sort() }
    }
  }
}
