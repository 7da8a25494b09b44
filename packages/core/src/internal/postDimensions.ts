/**
 * The preview and sample sizes e621 reports for a post, from the original's size (e621ng's
 * `Post#preview_dimensions`, `Post#has_sample?`, `Post#sample_dimensions` and `ImageSampler`'s
 * `calc_dimensions_for_preview` / `calc_dimensions_for_sample`, as reworked in June 2025, #1160). Used where
 * e621 does not send them (the raw model format) and by the fake, so both say what e621 says.
 *
 * Before June 2025 e621 reported other sizes (previews fit in 150×150, samples 850 wide at most); answers of
 * that era carry their own sizes, which are kept as sent.
 */

/** e621's preview size (`small_image_width`). */
export const previewSide = 256

/** e621's sample size (`large_image_width`). */
export const sampleSide = 850

/** A width and a height in pixels. */
export interface Size {
  readonly width: number
  readonly height: number
}

/**
 * A preview's size: the short side scaled to 256 (up or down), and a long side that would then exceed 512
 * cropped to 512; a square becomes 256×256. Without usable dimensions (missing, or not positive) e621 reports
 * 256×256.
 */
export const previewSize = (width: number, height: number): Size => {
  if (!(width > 0 && height > 0)) return { width: previewSide, height: previewSide }
  const scale = previewSide / Math.min(width, height)
  if (width < height && height * scale > previewSide * 2) return { width: previewSide, height: previewSide * 2 }
  if (width > height && width * scale > previewSide * 2) return { width: previewSide * 2, height: previewSide }
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

/** Tags that make e621 keep an image unsampled (animations are served as they are). */
const animatedTags: ReadonlyArray<string> = ["animated_gif", "animated_png", "animated_webp"]

const videoExtensions: ReadonlyArray<string> = ["webm", "mp4"]

const stillExtensions: ReadonlyArray<string> = ["jpg", "png", "webp"]

/**
 * Whether e621 makes a sample: always for videos; never for GIFs, Flash, or images tagged `animated_gif` /
 * `animated_png` / `animated_webp`; for other images (JPEG, PNG, WebP) when the short side exceeds 850 or the
 * long side 1700; never for anything else.
 */
export const hasSample = (ext: string, width: number, height: number, tags: ReadonlyArray<string>): boolean => {
  if (videoExtensions.includes(ext)) return true
  if (!stillExtensions.includes(ext) || tags.some((tag) => animatedTags.includes(tag))) return false
  return Math.min(width, height) > sampleSide || Math.max(width, height) > sampleSide * 2
}

/**
 * A sample's size: without a sample, the original's; with one, scaled (up or down) so the short side is 850
 * unless the long side would then exceed 1700, in which case the long side is 1700 — both sides by one
 * factor; a square becomes 850×850.
 */
export const sampleSize = (width: number, height: number, sampled: boolean): Size => {
  if (!sampled || !(width > 0 && height > 0)) return { width, height }
  const long = Math.max(width, height)
  const scale = Math.min(sampleSide / Math.min(width, height), (sampleSide * 2) / long)
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}
