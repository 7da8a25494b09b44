/**
 * The fake's post replacements (`/post_replacements`: search and create), with the files of `Uploads.ts`.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostReplacements.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeUploadWhitelists from "./UploadWhitelists.ts"
import { canApprove, dimensionsOf, extOf, parseFile, urlFile } from "./Uploads.ts"
import { generatedUsers } from "./Common.ts"

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
    const creators = generatedUsers(store)
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

const replacementIndex: FakeContext.Handler = (ctx) => {
  const viewer = ctx.viewer.user
  return FakeTable.search(Api.routes.search)(ctx, replacementsTable(ctx.store).rows, {
    visible: (r) => r.status !== "rejected" || FakeRender.isStaff(viewer) || viewer?.id === r.creator_id,
    render: renderReplacement,
    users: { creator: (r) => r.creator_id, approver: (r) => r.approver_id },
    filters: {
      fileExt: FakeTable.exact((r) => r.file_ext),
      md5: FakeTable.exact((r) => r.md5),
      status: FakeTable.exact((r) => r.status),
      uploaderIdOnApprove: FakeTable.numeric((r) => r.uploader_id_on_approve),
      uploaderNameOnApprove: FakeTable.userName((r) => r.uploader_id_on_approve),
      postId: FakeTable.numeric((r) => r.post_id),
      reason: FakeTable.text((r) => r.reason),
      source: (r, value, c) => FakeTable.text<ReplacementRow>((x) => x.source)(r, `*${value}*`, c),
      fileName: FakeTable.text((r) => r.file_name)
    }
  })
}

const replacementFailed = (message: string): FakeHttp.FakeResponse => FakeHttp.json(412, { success: false, message })

/** `POST /post_replacements.json`: staff (the fake has no beta testers). */
const replacementCreate: FakeContext.Handler = (ctx) => {
  const { store } = ctx
  const user = ctx.viewer.user!
  if (!FakeRender.isStaff(user)) return FakeHttp.accessDenied("You are not part of the replacements beta")
  const raw = ctx.params.post_id
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

/**
 * The routes of `/post_replacements` (declared in `api/PostReplacements.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: replacementIndex, create: replacementCreate })
