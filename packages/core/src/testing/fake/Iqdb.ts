/**
 * The fake's IQDB look-ups (`/iqdb_queries`, by post, URL or file): posts scored by the features they share.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Iqdb.ts"
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRawPost from "./RawPost.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeUploadWhitelists from "./UploadWhitelists.ts"
import { parseFile, urlFile } from "./Uploads.ts"

const featuresOf = (post: Post.Post): Set<string> =>
  new Set([...post.tags.general, ...post.tags.species, ...post.tags.character, ...post.tags.copyright, ...post.tags.artist])

/** Candidates scanned per look-up (the most recent posts). */
const scanned = 5_000

/** The most similar posts to a reference: score 100 for the reference itself, else 100 × shared / smaller tag set. */
const similarTo = (store: FakeData.Store, reference: number, exact: boolean): Array<{ readonly index: number; readonly score: number }> => {
  const features = featuresOf(store.at(reference))
  const out: Array<{ readonly index: number; readonly score: number }> = []
  for (let j = store.size - 1; j >= Math.max(0, store.size - scanned); j--) {
    if (j === reference) {
      out.push({ index: j, score: exact ? 100 : 95 })
      continue
    }
    const other = featuresOf(store.at(j))
    let common = 0
    for (const t of other) if (features.has(t)) common++
    const score = Math.round(10_000 * common / Math.max(1, Math.min(features.size, other.size))) / 100
    out.push({ index: j, score: Math.min(94, score) })
  }
  if (reference < store.size - scanned) out.push({ index: reference, score: exact ? 100 : 95 })
  return out
}

const iqdb: FakeContext.Handler = (ctx) => {
  const { store } = ctx
  const nested = FakeTable.searchParams(ctx.params)
  const params: Record<string, string> = Object.keys(nested).length > 0 ? nested : { ...ctx.params }
  const cutoff = params.score_cutoff === undefined || params.score_cutoff === "" ? 60 : Number(params.score_cutoff)
  let reference = -1
  let exact = false
  const pseudo = (md5: string) => store.size === 0 ? -1 : Number.parseInt(md5.slice(0, 8), 16) % store.size
  if (params.file !== undefined && params.file !== "") {
    const file = parseFile(params.file)
    if (file === undefined) return FakeHttp.expectedError(400, "Invalid file parameter")
    reference = store.indexOfMd5(file.md5)
    exact = reference >= 0
    if (!exact) reference = pseudo(file.md5)
  } else if (params.url !== undefined && params.url !== "") {
    const url = FakeUploadWhitelists.allowedUrl(params.url, ctx.viewer.user)
    if (url === undefined) return FakeHttp.expectedError(400, "Not allowed to request content from this URL")
    reference = pseudo(urlFile(url).md5)
  } else if (params.post_id !== undefined && params.post_id !== "") {
    if (!/^\d+$/.test(params.post_id)) return FakeHttp.expectedError(400, "Invalid post_id parameter")
    reference = store.indexOf(Number(params.post_id))
    exact = true
  } else if (params.hash !== undefined && params.hash !== "") {
    if (!/^[0-9a-f]+$/i.test(params.hash)) return FakeHttp.expectedError(400, "Invalid hash parameter")
    reference = store.indexOfMd5(params.hash)
    exact = reference >= 0
    if (!exact) reference = pseudo(params.hash.toLowerCase().padEnd(8, "0"))
  }
  if (reference < 0) return FakeHttp.json(200, [])
  const v2 = ctx.params.v2 === "true"
  const matches = similarTo(store, reference, exact)
    .filter((m) => m.score >= cutoff)
    .sort((a, b) => b.score - a.score || store.ids[b.index]! - store.ids[a.index]!)
    .slice(0, 25)
  return FakeHttp.json(200, matches.map((m) => {
    const post = FakeRender.project(store, store.at(m.index), ctx.viewer)
    return {
      post_id: post.id,
      score: m.score,
      post: v2 ? FakeRender.render(post, "basic") : { posts: FakeRawPost.rawPost(post, FakeRender.isVisible(post, ctx.viewer), { last: null, count: post.comment_count }) }
    }
  }))
}

/**
 * The routes of `/iqdb_queries` (declared in `api/Iqdb.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: iqdb, byFile: iqdb })
