/**
 * The answers to favouriting and unfavouriting a post (`app/controllers/favorites_controller.rb`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Post from "./Post.ts"

/**
 * The current answer of `POST /favorites.json` and `DELETE /favorites/:id.json` (since 2025-08-12):
 * `{"post_id":N,"favorite_count":N}`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const FavoriteCount = Schema.Struct({
  post_id: Schema.Number,
  favorite_count: Schema.Number
})

/**
 * The answer before 2025-08-12 to `POST /favorites.json`: 201 with the post, `{"post":{…}}`.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const FavoritePost = Schema.Struct({ post: Post.Post })

/**
 * Either answer of a favourite change (the old `DELETE` answered 204 with no body, handled by the caller).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const FavoriteAnswer = Schema.Union([FavoriteCount, FavoritePost])

/**
 * What a favourite change did: the post, its favourite count afterwards (absent when e621 answered an old
 * empty 204), and the post itself when e621 sent it (the pre-2025 answer).
 *
 * @category Types
 * @since 0.1.0
 */
export interface FavoriteChange {
  readonly post_id: number
  readonly favorite_count?: number
  readonly post?: Post.Post
}

/**
 * Normalises both answer shapes to a {@link FavoriteChange}.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const toChange = (answer: typeof FavoriteAnswer.Type): FavoriteChange =>
  "post" in answer
    ? { post_id: answer.post.id, favorite_count: answer.post.fav_count, post: answer.post }
    : { post_id: answer.post_id, favorite_count: answer.favorite_count }
