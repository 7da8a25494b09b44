/**
 * The fake's favorites: `GET /favorites.json` (favourite order, privacy), `POST /favorites.json`,
 * `DELETE /favorites/:post_id.json`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Favorites.ts"
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"

/**
 * Whether a user hides their favourites from others: banned accounts, and (deterministically from the seed)
 * about a quarter of the generated users, standing for e621's privacy mode.
 *
 * @since 0.1.0
 */
export const hidesFavorites = (store: FakeData.Store, user: FakeData.User): boolean =>
  user.level_string === "Blocked" || (user.id >= 1000 && Random.hash(store.seed, user.id ^ 0x0fa7) % 4 === 0)

const postIndex = (store: FakeData.Store, raw: string | undefined): number =>
  raw !== undefined && /^\d+$/.test(raw) ? store.indexOf(Number(raw)) : -1

/** `GET /favorites.json`: `user_id` (default the caller; 404 when anonymous), newest favourite first. */
const index: FakeContext.Handler = (ctx) => {
  const { params, store, viewer } = ctx
  const raw = params.user_id
  const user = raw === undefined ? viewer.user : store.users.find((u) => String(u.id) === raw)
  if (user === undefined) return FakeHttp.notFound()
  const limit = FakeContext.parseLimit(params.limit, 75)
  if (FakeContext.isResponse(limit)) return limit
  const page = FakeContext.parsePage(params.page)
  if (FakeContext.isResponse(page)) return page
  const hidden = hidesFavorites(store, user) && viewer.user?.id !== user.id && !FakeContext.atLeast(viewer.user, "Moderator")
  if (hidden) return FakePosts.renderList(params, [])
  // favourite order: the n-th favourite has the hidden favourite id n (what e621's a/b cursors count)
  const ids = [...(store.favorites.get(user.id) ?? [])]
  const rows = ids.map((postId, i) => ({ favoriteId: i + 1, postId })).reverse()
  const slice = page._tag === "Numbered"
    ? rows.slice((page.page - 1) * limit, page.page * limit)
    : page._tag === "Before"
    ? rows.filter((r) => r.favoriteId < page.id).slice(0, limit)
    : rows.filter((r) => r.favoriteId > page.id).slice(-limit)
  const posts = slice.flatMap((r) => {
    const post = store.byId(r.postId)
    return post === undefined ? [] : [FakeRender.project(store, post, viewer)]
  })
  return FakePosts.renderList(params, posts)
}

const countAnswer = (post: Post.Post): FakeHttp.FakeResponse =>
  FakeHttp.json(200, { post_id: post.id, favorite_count: post.fav_count })

/** `POST /favorites.json` (member): `post_id`; 422 when already a favourite. */
const create: FakeContext.Handler = (ctx) => {
  const { store } = ctx
  const i = postIndex(store, ctx.params.post_id)
  if (i < 0) return FakeHttp.notFound()
  const user = ctx.viewer.user!
  const post = store.at(i)
  if (store.favorites.get(user.id)?.has(post.id)) return FakeHttp.expectedError(422, "You have already favorited this post")
  store.addFavorite(user.id, post.id)
  store.write(i, { ...post, fav_count: post.fav_count + 1 })
  return countAnswer(store.at(i))
}

/** `DELETE /favorites/:post_id.json` (member): removes the favourite if there is one. */
const destroy: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const i = postIndex(store, match[1])
  if (i < 0) return FakeHttp.notFound()
  const user = ctx.viewer.user!
  const post = store.at(i)
  const mine = store.favorites.get(user.id)
  if (mine?.has(post.id)) {
    mine.delete(post.id)
    store.favoriters.get(post.id)?.delete(user.id)
    store.write(i, { ...post, fav_count: Math.max(0, post.fav_count - 1) })
  }
  return countAnswer(store.at(i))
}

/**
 * The routes of `/favorites` (declared in `api/Favorites.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: index, add: create, remove: destroy })
