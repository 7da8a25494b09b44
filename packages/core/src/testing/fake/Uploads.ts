/**
 * The fake's uploads (`POST /uploads.json`) and the files they carry. Multipart files arrive as
 * `file:<name>:<size>:<digest>` parameters (`FakeHttp.fileParam`); the digest stands for the file's MD5, so
 * uploading the same bytes twice is a duplicate, and an IQDB look-up by that file finds the post
 * (`Iqdb.ts`; replacements are `PostReplacements.ts`).
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Uploads.ts"
import type * as Post from "../../schemas/Post.ts"
import * as Dimensions from "../../internal/postDimensions.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeUploadWhitelists from "./UploadWhitelists.ts"

/** A file given as a multipart part or a URL: its name, size and digest. */
export interface FileFacts {
  readonly name: string
  readonly size: number
  readonly md5: string
}

/** The file of a `file:<name>:<size>:<digest>` parameter. @internal */
export const parseFile = (raw: string | undefined): FileFacts | undefined => {
  const m = /^file:(.*):(\d+):([0-9a-f]{32})$/.exec(raw ?? "")
  return m === null ? undefined : { name: m[1]!, size: Number(m[2]), md5: m[3]! }
}

/** The file a URL stands for (its name, and a size and digest derived from the URL). @internal */
export const urlFile = (url: URL): FileFacts => {
  const name = url.pathname.split("/").pop() || "download"
  const facts = parseFile(FakeHttp.fileParam(name, new TextEncoder().encode(url.toString())))!
  return { ...facts, size: 10_000 + (Number.parseInt(facts.md5.slice(0, 6), 16) % 5_000_000) }
}

const extensions: ReadonlyArray<string> = ["jpg", "png", "gif", "webm", "mp4", "webp"]

/** The extension of a file name, when e621 accepts it. @internal */
export const extOf = (name: string): string | undefined => {
  const ext = name.toLowerCase().split(".").pop()
  const normal = ext === "jpeg" ? "jpg" : ext
  return normal !== undefined && extensions.includes(normal) ? normal : undefined
}

/** The dimensions the fake gives a file, from its digest. @internal */
export const dimensionsOf = (md5: string): { readonly width: number; readonly height: number } => {
  const h = Number.parseInt(md5.slice(0, 8), 16)
  return { width: 400 + (h % 3200), height: 400 + ((h >>> 12) % 2400) }
}

const words = (s: string | undefined): Array<string> =>
  (s ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "")

/** An approver (`can_approve_posts`): Janitor and above in the fake. */
export const canApprove = (user: FakeData.User): boolean => FakeContext.atLeast(user, "Janitor")

const invalidUpload = (message: string): FakeHttp.FakeResponse =>
  FakeHttp.json(412, { success: false, reason: "invalid", message })

/** `POST /uploads.json` (member): a new post from `upload[file]` or `upload[direct_url]`. */
const upload: FakeContext.Handler = (ctx) => {
  const { store } = ctx
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, "upload")
  let file = parseFile(fields.file)
  if (file === undefined && fields.direct_url !== undefined && fields.direct_url !== "") {
    const url = FakeUploadWhitelists.allowedUrl(fields.direct_url, user)
    if (url === undefined) return invalidUpload("Direct url is not whitelisted")
    file = urlFile(url)
  }
  if (file === undefined) return invalidUpload("No file or direct URL was provided")
  const rating = fields.rating?.trim().charAt(0).toLowerCase()
  if (rating !== "s" && rating !== "q" && rating !== "e") return invalidUpload("Rating is invalid")
  const ext = extOf(file.name) ?? "jpg"
  const duplicate = store.indexOfMd5(file.md5)
  if (duplicate >= 0) {
    const postId = store.ids[duplicate]!
    return FakeHttp.json(412, { success: false, reason: "duplicate", location: `/posts/${postId}`, post_id: postId })
  }
  const tags = words(fields.tag_string)
  const tagList = tags.length === 0 ? ["tagme"] : [...new Set(tags)].sort()
  const grouped: Record<string, Array<string>> = {}
  for (const tag of tagList) (grouped[store.categoryOf(tag)] ??= []).push(tag)
  const sources = (fields.source ?? "").split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "").slice(0, 10).map((s) => s.slice(0, 2049))
  const parentIndex = /^\d+$/.test(fields.parent_id ?? "") ? store.indexOf(Number(fields.parent_id)) : -1
  const pending = !canApprove(user) || FakeContext.truthy(fields.as_pending)
  const { height, width } = dimensionsOf(file.md5)
  const urls = FakeData.urlsOf(file.md5, ext)
  const sampled = Dimensions.hasSample(ext, width, height, tagList)
  const at = new Date(ctx.now).toISOString()
  const md5 = file.md5
  const size = file.size
  const post = store.addPost((id): Post.Post => ({
    id,
    created_at: at,
    updated_at: at,
    file: { width, height, ext, size, md5, url: urls.file },
    preview: { ...Dimensions.previewSize(width, height), url: urls.preview, alt: urls.previewWebp },
    sample: {
      has: sampled,
      ...Dimensions.sampleSize(width, height, sampled),
      url: sampled ? urls.sample : null,
      alt: sampled ? urls.sampleWebp : null,
      alternates: {}
    },
    score: { up: 0, down: 0, total: 0 },
    tags: FakeData.normalizeTags(grouped),
    locked_tags: [],
    change_seq: store.nextChangeSeq(),
    flags: { pending, flagged: false, note_locked: false, status_locked: false, rating_locked: false, deleted: false },
    rating,
    fav_count: 0,
    sources,
    pools: [],
    relationships: {
      parent_id: parentIndex >= 0 ? store.ids[parentIndex]! : null,
      has_children: false,
      has_active_children: false,
      children: []
    },
    approver_id: pending ? null : user.id,
    uploader_id: user.id,
    uploader_name: user.name,
    description: fields.description ?? "",
    comment_count: 0,
    is_favorited: false,
    vote: 0,
    has_notes: false,
    duration: null
  }))
  store.versions.push({
    id: store.nextVersionId(),
    post_id: post.id,
    version: 1,
    tags: tagList.join(" "),
    added_tags: tagList,
    removed_tags: [],
    rating,
    rating_changed: false,
    parent_id: post.relationships.parent_id,
    parent_changed: false,
    source: sources.join("\n"),
    source_changed: false,
    description: post.description,
    description_changed: false,
    updater_id: user.id,
    updater_name: user.name,
    updated_at: at,
    reason: null
  })
  return FakeHttp.json(200, { success: true, location: `/posts/${post.id}`, post_id: post.id })
}

/**
 * The routes of `/uploads` (declared in `api/Uploads.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { create: upload })
