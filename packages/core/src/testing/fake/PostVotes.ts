/**
 * The fake's post votes listing (`/post_votes`, moderators): a table seeded from the store's posts and users
 * on first use, kept in step with the votes post writes record.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostVotes.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { generatedUsers, iso, recent } from "./Common.ts"

interface VoteRow {
  readonly id: number
  readonly post_id: number
  readonly user_id: number
  readonly score: number
  readonly created_at: string
  readonly updated_at: string
}

const votesTable = (store: FakeData.Store) =>
  FakeTable.tableOf<VoteRow>(store, "post_votes", (store) => {
    const rng = Random.make(Random.hash(store.seed, 0x70e5))
    const users = generatedUsers(store)
    const posts = recent(store, 400)
    const table = new FakeTable.Table<VoteRow>([], 1)
    if (posts.length === 0) return table
    for (let k = 0; k < 150; k++) {
      const user = rng.pick(users)
      const postId = store.ids[rng.pick(posts)]!
      const mine = store.votes.get(user.id) ?? new Map<number, 1 | -1>()
      if (mine.has(postId)) continue
      const score = rng.chance(0.85) ? 1 : -1
      mine.set(postId, score)
      store.votes.set(user.id, mine)
      const at = iso(Date.parse(store.byId(postId)!.created_at) + rng.int(30 * 86_400_000))
      table.insert((id) => ({ id, post_id: postId, user_id: user.id, score, created_at: at, updated_at: at }))
    }
    return table
  })

/** Brings the vote records in line with `store.votes` (votes cast through `/posts/:id/votes.json`). */
const syncVotes = (store: FakeData.Store, now: number): FakeTable.Table<VoteRow> => {
  const table = votesTable(store)
  const byKey = new Map(table.rows.map((row) => [`${row.user_id}:${row.post_id}`, row]))
  for (const [userId, votes] of store.votes) {
    for (const [postId, score] of votes) {
      const row = byKey.get(`${userId}:${postId}`)
      byKey.delete(`${userId}:${postId}`)
      if (row === undefined) {
        table.insert((id) => ({ id, post_id: postId, user_id: userId, score, created_at: iso(now), updated_at: iso(now) }))
      } else if (row.score !== score) table.update(row.id, (r) => ({ ...r, score, updated_at: iso(now) }))
    }
  }
  for (const row of byKey.values()) table.delete(row.id)
  return table
}

const uploaderOf = (store: FakeData.Store, postId: number): number | undefined => store.byId(postId)?.uploader_id

const voteIndex: FakeContext.Handler = (ctx) => {
  if (!FakeContext.atLeast(ctx.viewer.user, "Moderator")) return FakeHttp.accessDenied()
  const table = syncVotes(ctx.store, ctx.now)
  return FakeTable.search(Api.routes.search)(ctx, table.rows, {
    users: { user: (v) => v.user_id, postCreator: (v) => uploaderOf(ctx.store, v.post_id) },
    filters: {
      postId: FakeTable.numeric((v) => v.post_id),
      timeframe: (v, value) => Date.parse(v.updated_at) >= ctx.now - Number(value) * 86_400_000,
      score: FakeTable.numeric((v) => v.score)
    }
  })
}

/**
 * The routes of `/post_votes` (declared in `api/PostVotes.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: voteIndex })
