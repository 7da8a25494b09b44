/**
 * The fake's file-carrying families: uploads (`POST /uploads.json`), post replacements and IQDB. Multipart
 * files arrive as `file:<name>:<size>:<digest>` parameters (`FakeHttp.fileParam`); the digest stands for the
 * file's MD5, so uploading the same bytes twice is a duplicate, and an IQDB look-up by that file finds the post.
 *
 * @since 0.1.0
 */
import type * as Post from "../../schemas/Post.ts"
import * as Dimensions from "../../internal/postDimensions.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRawPost from "./RawPost.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as FakeTable from "./Table.ts"
import * as FakeUploadWhitelists from "./UploadWhitelists.ts"

/** A file given as a multipart part or a URL: its name, size and digest. */
interface FileFacts {
  readonly name: string
  readonly size: number
  readonly md5: string
}

const parseFile = (raw: string | undefined): FileFacts | undefined => {
  const m = /^file:(.*):(\d+):([0-9a-f]{32})$/.exec(raw ?? "")
  return m === null ? undefined : { name: m[1]!, size: Number(m[2]), md5: m[3]! }
}

const urlFile = (url: URL): FileFacts => {
  const name = url.pathname.split("/").pop() || "download"
  const facts = parseFile(FakeHttp.fileParam(name, new TextEncoder().encode(url.toString())))!
  return { ...facts, size: 10_000 + (Number.parseInt(facts.md5.slice(0, 6), 16) % 5_000_000) }
}

const extensions: ReadonlyArray<string> = ["jpg", "png", "gif", "webm", "mp4", "webp"]

const extOf = (name: string): string | undefined => {
  const ext = name.toLowerCase().split(".").pop()
  const normal = ext === "jpeg" ? "jpg" : ext
  return normal !== undefined && extensions.includes(normal) ? normal : undefined
}

const dimensionsOf = (md5: string): { readonly width: number; readonly height: number } => {
  const h = Number.parseInt(md5.slice(0, 8), 16)
  return { width: 400 + (h % 3200), height: 400 + ((h >>> 12) % 2400) }
}

const words = (s: string | undefined): Array<string> =>
  (s ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "")

/** An approver (`can_approve_posts`): Janitor and above in the fake. */
const canApprove = (user: FakeData.User): boolean => FakeContext.atLeast(user, "Janitor")

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

// ---------------------------------------------------------------------------------------------------------
// Post replacements
// ---------------------------------------------------------------------------------------------------------

interface ReplacementRow {
  readonly id: number
  readonly created_at: string
  readonly updated_at: string
  readonly post_id: number
  readonly creator_id: number
  readonly approver_id: number | null
  readonly file_ext: string
  readonly file_size: number
  readonly image_height: number
  readonly image_width: number
  readonly md5: string
  readonly source: string | null
  readonly file_name: string | null
  readonly status: "pending" | "approved" | "rejected" | "original" | "promoted"
  readonly reason: string
  readonly sequence_number: number
  readonly uploader_id_on_approve: number
}

const replacementsTable = (store: FakeData.Store) =>
  FakeTable.tableOf<ReplacementRow>(store, "post_replacements", (store) => {
    const rng = Random.make(Random.hash(store.seed, 0x4e91))
    const users = store.users.filter((u) => u.id >= 1000)
    const creators = users.length > 0 ? users : store.users
    const rows: Array<Omit<ReplacementRow, "id">> = []
    for (let i = Math.max(0, store.size - 600); i < store.size; i++) {
      if (!rng.chance(0.06)) continue
      const post = store.at(i)
      const at = Date.parse(post.created_at)
      const base = {
        post_id: post.id,
        uploader_id_on_approve: post.uploader_id,
        file_ext: post.file.ext,
        file_name: `${post.file.md5.slice(0, 8)}.${post.file.ext}`,
        source: post.sources[0] ?? null
      }
      rows.push({
        ...base,
        created_at: post.created_at,
        updated_at: post.created_at,
        creator_id: post.uploader_id,
        approver_id: null,
        file_size: post.file.size,
        image_height: post.file.height,
        image_width: post.file.width,
        md5: post.file.md5,
        status: "original",
        reason: "Original file",
        sequence_number: 0
      })
      const when = new Date(at + 86_400_000 * (1 + rng.int(60))).toISOString()
      const md5 = Random.md5Of(store.seed ^ 0x4e91, post.id)
      rows.push({
        ...base,
        created_at: when,
        updated_at: when,
        creator_id: rng.pick(creators).id,
        approver_id: null,
        file_size: Math.floor(post.file.size * 1.5),
        image_height: post.file.height * 2,
        image_width: post.file.width * 2,
        md5,
        status: rng.pick(["pending", "pending", "rejected", "approved"] as const),
        reason: rng.pick(["Higher resolution", "Uncropped version", "Better quality"]),
        sequence_number: 1
      })
    }
    return new FakeTable.Table(rows.map((row, k) => ({ ...row, id: k + 1 })))
  })

const renderReplacement = (row: ReplacementRow): unknown => {
  const { uploader_id_on_approve: _, ...json } = row
  return json
}

const replacementIndex: FakeContext.Handler = (ctx, match) => {
  const params = match[1] === undefined ? ctx.params : { ...ctx.params, "search[post_id]": match[1] }
  const viewer = ctx.viewer.user
  return FakeTable.index({ ...ctx, params }, replacementsTable(ctx.store).rows, {
    visible: (r) => r.status !== "rejected" || FakeRender.isStaff(viewer) || viewer?.id === r.creator_id,
    render: renderReplacement,
    filters: {
      file_ext: FakeTable.exact((r) => r.file_ext),
      md5: FakeTable.exact((r) => r.md5),
      status: FakeTable.exact((r) => r.status),
      creator_id: FakeTable.numeric((r) => r.creator_id),
      creator_name: FakeTable.userName((r) => r.creator_id),
      approver_id: FakeTable.numeric((r) => r.approver_id),
      approver_name: FakeTable.userName((r) => r.approver_id),
      uploader_id_on_approve: FakeTable.numeric((r) => r.uploader_id_on_approve),
      uploader_name_on_approve: FakeTable.userName((r) => r.uploader_id_on_approve),
      post_id: FakeTable.numeric((r) => r.post_id),
      reason: FakeTable.text((r) => r.reason),
      source: (r, value, c) => FakeTable.text<ReplacementRow>((x) => x.source)(r, `*${value}*`, c),
      file_name: FakeTable.text((r) => r.file_name)
    }
  })
}

const replacementFailed = (message: string): FakeHttp.FakeResponse => FakeHttp.json(412, { success: false, message })

/** `POST /post_replacements.json` / `/posts/:id/replacements.json`: staff (the fake has no beta testers). */
const replacementCreate: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  const user = ctx.viewer.user!
  if (!FakeRender.isStaff(user)) return FakeHttp.accessDenied("You are not part of the replacements beta")
  const raw = match[1] ?? ctx.params.post_id
  const index = raw !== undefined && /^\d+$/.test(raw) ? store.indexOf(Number(raw)) : -1
  if (index < 0) return FakeHttp.notFound()
  const fields = FakeTable.fields(ctx.params, "post_replacement")
  let file = parseFile(fields.replacement_file)
  if (file === undefined && fields.replacement_url !== undefined && fields.replacement_url !== "") {
    const url = FakeUploadWhitelists.allowedUrl(fields.replacement_url, ctx.viewer.user)
    if (url === undefined) return replacementFailed("Replacement url is not whitelisted")
    file = urlFile(url)
  }
  if (file === undefined) return replacementFailed("Replacement file or replacement url must be present")
  if ((fields.reason ?? "").trim() === "") return replacementFailed("Reason can't be blank")
  const post = store.at(index)
  if (post.file.md5 === file.md5) return replacementFailed("Md5 duplicate of the current post")
  const table = replacementsTable(store)
  if (table.rows.some((r) => r.md5 === file.md5 && r.status === "pending")) {
    return replacementFailed("Md5 duplicate of a pending replacement")
  }
  const approve = canApprove(user) && !FakeContext.truthy(fields.as_pending)
  const at = new Date(ctx.now).toISOString()
  const ext = extOf(file.name) ?? post.file.ext
  const { height, width } = dimensionsOf(file.md5)
  const sequence = table.rows.filter((r) => r.post_id === post.id).length
  table.insert((id) => ({
    id,
    created_at: at,
    updated_at: at,
    post_id: post.id,
    creator_id: user.id,
    approver_id: approve ? user.id : null,
    file_ext: ext,
    file_size: file.size,
    image_height: height,
    image_width: width,
    md5: file.md5,
    source: fields.source === undefined || fields.source === "" ? null : fields.source,
    file_name: file.name,
    status: approve ? "approved" : "pending",
    reason: fields.reason!,
    sequence_number: sequence,
    uploader_id_on_approve: post.uploader_id
  }))
  if (approve) {
    const urls = FakeData.urlsOf(file.md5, ext)
    store.write(index, {
      ...post,
      file: { width, height, ext, size: file.size, md5: file.md5, url: urls.file },
      preview: { ...post.preview, url: urls.preview, alt: urls.previewWebp },
      updated_at: at,
      change_seq: store.nextChangeSeq()
    })
  }
  return FakeHttp.json(200, { success: true, location: `/posts/${post.id}` })
}

// ---------------------------------------------------------------------------------------------------------
// IQDB
// ---------------------------------------------------------------------------------------------------------

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
 * The routes of the Uploads, PostReplacements and Iqdb families.
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  { method: "POST", pattern: /^\/uploads$/, auth: "member", throttled: true, handler: upload },
  { method: "GET", pattern: /^\/post_replacements$/, auth: "none", throttled: false, handler: replacementIndex },
  { method: "GET", pattern: /^\/posts\/(\d+)\/replacements$/, auth: "none", throttled: false, handler: replacementIndex },
  { method: "POST", pattern: /^\/post_replacements$/, auth: "member", throttled: true, handler: replacementCreate },
  { method: "POST", pattern: /^\/posts\/(\d+)\/replacements$/, auth: "member", throttled: true, handler: replacementCreate },
  { method: "GET", pattern: /^\/iqdb_queries$/, auth: "none", throttled: false, handler: iqdb },
  { method: "POST", pattern: /^\/iqdb_queries$/, auth: "none", throttled: false, csrf: false, handler: iqdb }
]
