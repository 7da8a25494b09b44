/**
 * IQDB (since August 2026 the "ERIS" service) reverse image search results
 * (`app/controllers/iqdb_queries_controller.rb`, `app/logical/iqdb_proxy.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Post from "./Post.ts"

/**
 * The `post` of a result as sent: the legacy answer wraps the raw model post a second time
 * (`"post":{"posts":{…}}`, because the controller renders with `root: "posts"`); the `v2=true` answer has the
 * v2 basic post; some recorded answers have a legacy post.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const MatchPost = Schema.Union([Schema.Struct({ posts: Post.RawPost }), Post.PostV2, Post.Post])

/**
 * One result as sent: the similarity service's fields (at least `post_id` and `score`, 0..100) plus `post`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const IqdbMatchJson = Schema.Struct({
  post_id: Schema.Number,
  score: Schema.Number,
  hash: Schema.optionalKey(Schema.String),
  post: MatchPost
})

/**
 * A result: the matching post (decoded to a `Post` from whichever shape came), and its similarity `score`
 * (e621 drops results below the `score_cutoff`, default 60).
 *
 * @category Types
 * @since 0.1.0
 */
export interface IqdbMatch {
  readonly post_id: number
  readonly score: number
  readonly post: Post.Post
}

/**
 * Normalises a decoded result: unwraps the doubly wrapped raw post.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const fromJson = (json: typeof IqdbMatchJson.Type): IqdbMatch => ({
  post_id: json.post_id,
  score: json.score,
  post: "posts" in json.post ? json.post.posts : json.post
})
