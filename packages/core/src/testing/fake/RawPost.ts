/**
 * A post in e621's raw model format (`Post#as_json`): what `GET /comments.json?group_by=post` lists and what
 * legacy IQDB results wrap.
 *
 * @internal
 */
import * as Post from "../../schemas/Post.ts"
import * as FakeRender from "./Render.ts"

/**
 * `Post#as_json`: the model's columns (`duration` as a string, tag counts per category), with `md5`,
 * `file_ext` and the URLs only when the viewer may see the file. `comments` gives the comment columns the
 * caller knows (`last_commented_at`, `comment_count`).
 *
 * @since 0.1.0
 */
export const rawPost = (
  post: Post.Post,
  visible: boolean,
  comments: { readonly last: string | null; readonly count: number }
): Record<string, unknown> => {
  const tags = [...Post.allTags(post)].sort()
  return {
    id: post.id,
    created_at: post.created_at,
    updated_at: post.updated_at,
    up_score: post.score.up,
    down_score: post.score.down,
    score: post.score.total,
    source: post.sources.join("\n"),
    ...(visible ? { md5: post.file.md5 } : {}),
    rating: post.rating,
    is_note_locked: post.flags.note_locked,
    is_rating_locked: post.flags.rating_locked,
    is_status_locked: post.flags.status_locked,
    is_pending: post.flags.pending,
    is_flagged: post.flags.flagged,
    is_deleted: post.flags.deleted,
    uploader_id: post.uploader_id,
    approver_id: post.approver_id,
    last_noted_at: post.has_notes ? post.updated_at : null,
    last_comment_bumped_at: comments.last,
    fav_count: post.fav_count,
    tag_string: tags.join(" "),
    tag_count: tags.length,
    ...Object.fromEntries(Object.entries(post.tags).map(([category, list]) => [`tag_count_${category}`, list.length])),
    ...(visible ? { file_ext: post.file.ext } : {}),
    file_size: post.file.size,
    image_width: post.file.width,
    image_height: post.file.height,
    parent_id: post.relationships.parent_id,
    has_children: post.relationships.has_children,
    last_commented_at: comments.last,
    has_active_children: post.relationships.has_active_children,
    bit_flags: 0,
    locked_tags: post.locked_tags.length === 0 ? null : post.locked_tags.join(" "),
    description: post.description,
    comment_count: comments.count,
    change_seq: post.change_seq,
    bg_color: null,
    duration: post.duration === null || post.duration === undefined ? null : String(post.duration),
    is_comment_disabled: false,
    is_comment_locked: false,
    video_samples: {},
    hotness: FakeRender.hotnessOf(post),
    has_sample: post.sample.has,
    has_visible_children: post.relationships.has_active_children,
    children_ids: post.relationships.children.length === 0 ? null : post.relationships.children.join(" "),
    pool_ids: post.pools,
    is_favorited: post.is_favorited,
    vote_by: post.vote ?? 0,
    ...(visible ? { file_url: post.file.url, sample_url: post.sample.url ?? post.file.url, preview_file_url: post.preview.url } : {})
  }
}
