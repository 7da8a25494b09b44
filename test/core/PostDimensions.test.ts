/**
 * The preview and sample sizes the client computes for raw-model posts (IQDB legacy results,
 * `/comments.json?group_by=post`), table-tested against e621ng's rules (`Post#preview_dimensions`,
 * `Post#has_sample?`, `Post#sample_dimensions`, `ImageSampler.calc_dimensions_for_preview/_sample`).
 */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Post from "@effect-e621/core/schemas/Post"

const md5 = "1610e96ca2e0af6b7c5e06b03cda83c8"
const url = (kind: string, ext: string) => `https://static1.e621.net/data/${kind}/16/10/${md5}.${ext}`

/** A minimal raw-model post of a given file; `extra` overrides or adds keys. */
const raw = (ext: string, width: number, height: number, extra: Record<string, unknown> = {}) => ({
  id: 1,
  created_at: "2026-01-01T00:00:00.000-05:00",
  updated_at: null,
  up_score: 0,
  down_score: 0,
  score: 0,
  source: "",
  md5,
  rating: "s",
  is_note_locked: false,
  is_rating_locked: false,
  is_status_locked: false,
  is_pending: false,
  is_flagged: false,
  is_deleted: false,
  uploader_id: 1,
  approver_id: null,
  fav_count: 0,
  tag_string: "solo",
  file_ext: ext,
  file_size: 1,
  image_width: width,
  image_height: height,
  parent_id: null,
  has_children: false,
  has_active_children: false,
  description: "",
  comment_count: 0,
  change_seq: 1,
  file_url: url("", ext),
  sample_url: url("sample", "jpg"),
  preview_file_url: url("preview", "jpg"),
  ...extra
})

const decode = Schema.decodeUnknownSync(Post.RawPost)

describe("RawPost: preview size (short side to 256, up or down; long side cropped at 512)", () => {
  const rows: ReadonlyArray<readonly [width: number, height: number, preview: readonly [number, number]]> = [
    [100, 150, [256, 384]], // scaled up, never only down
    [150, 100, [384, 256]],
    [100, 100, [256, 256]], // square
    [1000, 1000, [256, 256]],
    [1000, 1500, [256, 384]],
    [1000, 2000, [256, 512]], // long side exactly 2×: no crop
    [100, 300, [256, 512]], // long side beyond 512: cropped
    [3000, 1000, [512, 256]],
    [1920, 1080, [455, 256]], // rounded
    [1, 1, [256, 256]], // e621's corrupt legacy files report 1×1
    [0, 0, [256, 256]], // no usable dimensions: e621 reports the box
    [5000, 1, [512, 256]]
  ]
  for (const [width, height, [pw, ph]] of rows) {
    it(`${width}×${height} → ${pw}×${ph}`, () => {
      const post = decode(raw("jpg", width, height))
      assert.deepStrictEqual([post.preview.width, post.preview.height], [pw, ph])
    })
  }
})

describe("RawPost: sample (has_sample by e621's rule, both sides scaled by one factor)", () => {
  const rows: ReadonlyArray<
    readonly [name: string, ext: string, width: number, height: number, tags: string, has: boolean, size: readonly [number, number]]
  > = [
    ["tall image: long side to 1700", "jpg", 1000, 5000, "", true, [340, 1700]],
    ["small image: no sample", "jpg", 100, 150, "", false, [100, 150]],
    ["850×850: not larger than the sample", "jpg", 850, 850, "", false, [850, 850]],
    ["851×851: square sample", "png", 851, 851, "", true, [850, 850]],
    ["only the long side too long", "jpg", 800, 1701, "", true, [800, 1700]],
    ["wide image: short side to 850", "webp", 2000, 1500, "", true, [1133, 850]],
    ["very wide image: long side to 1700", "jpg", 6000, 1000, "", true, [1700, 283]],
    ["GIF: never sampled", "gif", 2000, 2000, "", false, [2000, 2000]],
    ["Flash: never sampled", "swf", 2000, 2000, "", false, [2000, 2000]],
    ["animated PNG: never sampled", "png", 2000, 2000, "animated_png", false, [2000, 2000]],
    ["animated WebP: never sampled", "webp", 2000, 2000, "animated_webp", false, [2000, 2000]],
    ["small video: always sampled, scaled up", "webm", 640, 360, "", true, [1511, 850]],
    ["tall video", "mp4", 360, 640, "", true, [850, 1511]]
  ]
  for (const [name, ext, width, height, tags, has, [sw, sh]] of rows) {
    it(`${name}: ${ext} ${width}×${height} → ${has ? `${sw}×${sh}` : "none"}`, () => {
      const post = decode(raw(ext, width, height, { tag_string: `solo ${tags}`.trim() }))
      assert.deepStrictEqual([post.sample.has, post.sample.width, post.sample.height], [has, sw, sh])
      assert.strictEqual(post.sample.url, has ? url("sample", "jpg") : null)
      // e621's own has_sample, when sent, is the same answer
      const told = decode(raw(ext, width, height, { tag_string: `solo ${tags}`.trim(), has_sample: has }))
      assert.deepStrictEqual([told.sample.width, told.sample.height], [sw, sh])
    })
  }

  it("e621's has_sample wins over the rule (it knows what it generated)", () => {
    const post = decode(raw("jpg", 2000, 2000, { has_sample: false }))
    assert.deepStrictEqual([post.sample.has, post.sample.width, post.sample.height, post.sample.url], [false, 2000, 2000, null])
  })

  it("answers before June 2025: has_large / large_file_url (null has_large for Flash means no sample)", () => {
    const { sample_url: _s, ...old } = raw("jpg", 2000, 1500, { has_large: true, large_file_url: url("sample", "jpg") })
    const post = decode(old)
    assert.deepStrictEqual([post.sample.has, post.sample.width, post.sample.height], [true, 1133, 850])
    assert.strictEqual(post.sample.url, url("sample", "jpg"))
    const flash = decode(raw("swf", 2000, 2000, { has_large: null, sample_url: url("", "swf") }))
    assert.deepStrictEqual([flash.sample.has, flash.sample.url], [false, null])
  })
})
