/**
 * effect-e621: an Effect-native client for the e621 / e926 / e6ai JSON API.
 *
 * Every endpoint is an `Effect` (lists are also `Stream`s) that needs the {@link E621Client} service; provide
 * it with `NodeE621.layer` (from `@effect-e621/platform-node`), `E621Client.layer` over any `HttpClient`, or
 * the fake e621 from `@effect-e621/core/testing` in tests.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as E621Client from "./E621Client.ts"

/** @since 0.1.0 */
export * as E621Error from "./E621Error.ts"

/** @since 0.1.0 */
export * as TagQuery from "./TagQuery.ts"

/** @since 0.1.0 */
export * as Posts from "./api/Posts.ts"

/** @since 0.1.0 */
export * as Post from "./schemas/Post.ts"

/** @since 0.1.0 */
export * as PostCount from "./schemas/PostCount.ts"

/** @since 0.1.0 */
export * as PostVote from "./schemas/PostVote.ts"

/** @since 0.1.0 */
export * as Recommendations from "./schemas/Recommendations.ts"

/** @since 0.1.0 */
export * as UserMinimal from "./schemas/UserMinimal.ts"
