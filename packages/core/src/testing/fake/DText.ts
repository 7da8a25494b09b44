/**
 * The fake's DText preview (`POST /dtext_preview`).
 *
 * @since 0.1.0
 */
import * as Api from "../../api/DText.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** A small subset of DText: paragraphs, line breaks, `[b]`, `[i]`, `[s]`, `[color]`, `post #id`, `thumb #id`. */
const formatText = (body: string, allowColor: boolean, thumbs: Set<number>): string => {
  const inline = (text: string): string => {
    let html = escapeHtml(text)
    html = html.replace(/\[(b|i|s)\]([\s\S]*?)\[\/\1\]/g, (_m, tag: string, inner: string) =>
      `<${tag === "b" ? "strong" : tag === "i" ? "em" : "s"}>${inner}</${tag === "b" ? "strong" : tag === "i" ? "em" : "s"}>`)
    if (allowColor) {
      html = html.replace(/\[color=([#\w]+)\]([\s\S]*?)\[\/color\]/g, (_m, color: string, inner: string) =>
        `<span class="dtext-color" style="color:${color}">${inner}</span>`)
    }
    html = html.replace(/\bthumb #(\d+)/g, (_m, id: string) => {
      thumbs.add(Number(id))
      return `<a class="dtext-link dtext-id-link dtext-post-id-link thumb-placeholder-link" data-id="${id}" href="/posts/${id}">post #${id}</a>`
    })
    html = html.replace(/(^|[^\w"])post #(\d+)/g, (_m, pre: string, id: string) =>
      `${pre}<a class="dtext-link dtext-id-link dtext-post-id-link" href="/posts/${id}">post #${id}</a>`)
    return html.replace(/\n/g, "<br>")
  }
  return body
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${inline(p.trim())}</p>`)
    .join("")
}

const dtextPreview: FakeContext.Handler = (ctx) => {
  const thumbs = new Set<number>()
  const html = formatText(ctx.params.body ?? "", FakeContext.truthy(ctx.params.allow_color), thumbs)
  const posts: Record<string, unknown> = {}
  for (const id of thumbs) {
    const stored = ctx.store.byId(id)
    if (stored === undefined) continue
    const post = FakeRender.project(ctx.store, stored, ctx.viewer)
    const visible = FakeRender.isVisible(stored, ctx.viewer)
    posts[String(id)] = {
      id,
      flags: [post.flags.pending ? "pending" : "", post.flags.flagged ? "flagged" : "", post.flags.deleted ? "deleted" : ""].filter((f) => f !== "").join(" "),
      tags: Object.values(post.tags).flat().join(" "),
      rating: post.rating,
      file_ext: post.file.ext,
      width: post.file.width,
      height: post.file.height,
      size: post.file.size,
      created_at: post.created_at,
      uploader_id: post.uploader_id,
      score: post.score.total,
      fav_count: post.fav_count,
      is_favorited: post.is_favorited,
      comment_count: post.comment_count,
      ...(visible ? { md5: post.file.md5, preview_url: post.preview.url, sample_url: post.sample.url, file_url: post.file.url } : {})
    }
  }
  return FakeHttp.json(200, { html, posts })
}

/**
 * The routes of `/dtext_preview` (declared in `api/DText.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { preview: dtextPreview })
