/**
 * The fake's static file host (`static1.e621.net` in post URLs, served on the fake's own host too): small
 * synthetic files under e621's URL layout (§5.1a), `/data/aa/bb/<md5>.<ext>`, `/data/sample/…`,
 * `/data/preview/…`. Each file starts with its format's magic bytes and is deterministic per post, so a
 * fake built with `files: true` gives every post the real MD5 and size of the bytes it serves, and
 * downloads can be verified as on e621. Static requests need no login and do not count against the API limit.
 *
 * @since 0.1.0
 */
import type * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakeJpeg from "./Jpeg.ts"
import * as Random from "./Random.ts"

// ---------------------------------------------------------------------------------------------------------
// MD5 (RFC 1321), for the fake's file digests — core has no Node `crypto`.

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0)

/**
 * The MD5 digest of bytes, as 32 lower-case hex digits.
 *
 * @since 0.1.0
 */
export const md5 = (bytes: Uint8Array): string => {
  const length = bytes.length
  const padded = new Uint8Array(((length + 8) >>> 6) * 64 + 64)
  padded.set(bytes)
  padded[length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, (length * 8) >>> 0, true)
  view.setUint32(padded.length - 4, Math.floor(length / 0x20000000), true)
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476
  const m = new Uint32Array(16)
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let j = 0; j < 16; j++) m[j] = view.getUint32(offset + j * 4, true)
    let a = a0, b = b0, c = c0, d = d0
    for (let i = 0; i < 64; i++) {
      let f: number, g: number
      if (i < 16) {
        f = (b & c) | (~b & d)
        g = i
      } else if (i < 32) {
        f = (d & b) | (~d & c)
        g = (5 * i + 1) % 16
      } else if (i < 48) {
        f = b ^ c ^ d
        g = (3 * i + 5) % 16
      } else {
        f = c ^ (b | ~d)
        g = (7 * i) % 16
      }
      const sum = (a + f + K[i]! + m[g]!) | 0
      const s = S[(i >>> 4) * 4 + (i & 3)]!
      a = d
      d = c
      c = b
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0
    }
    a0 = (a0 + a) | 0
    b0 = (b0 + b) | 0
    c0 = (c0 + c) | 0
    d0 = (d0 + d) | 0
  }
  let hex = ""
  for (const word of [a0, b0, c0, d0]) {
    for (let i = 0; i < 4; i++) hex += ((word >>> (i * 8)) & 0xff).toString(16).padStart(2, "0")
  }
  return hex
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic files

const magic: Readonly<Record<string, ReadonlyArray<number>>> = {
  jpg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  webm: [0x1a, 0x45, 0xdf, 0xa3],
  mp4: [0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32],
  webp: [0x52, 0x49, 0x46, 0x46, 0x00, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50],
  swf: [0x46, 0x57, 0x53]
}

/**
 * Which file of a post: the original, the sample or the preview (JPEG or WebP), or a video sample.
 *
 * @since 0.1.0
 */
export type Variant = "original" | "sample" | "preview" | "video"

const variantSalt: Readonly<Record<Variant, number>> = { original: 0, sample: 0x5a, preview: 0x9e, video: 0x71 }

/**
 * The bytes the fake serves for a post's file: the format's magic bytes, then deterministic noise. Originals
 * are 2–24 KiB, samples 1–8 KiB, WebP previews 0.5–2 KiB — small enough for demos of hundreds of files
 * (JPEG previews are real images: {@link preview}).
 *
 * @since 0.1.0
 */
export const content = (seed: number, id: number, ext: string, variant: Variant = "original"): Uint8Array => {
  const rng = Random.make(Random.hash(Random.hash(seed, id), 0xf11e + variantSalt[variant]))
  const size = variant === "original"
    ? 2048 + rng.int(22 * 1024)
    : variant === "preview"
    ? 512 + rng.int(1536)
    : 1024 + rng.int(7 * 1024)
  const bytes = new Uint8Array(size)
  const head = magic[ext] ?? magic.jpg!
  bytes.set(head)
  for (let i = head.length; i < size; i += 4) {
    const word = Math.floor(rng.next() * 0x100000000)
    for (let k = 0; k < 4 && i + k < size; k++) bytes[i + k] = (word >>> (k * 8)) & 0xff
  }
  return bytes
}

/**
 * A post's JPEG preview: a real image of the preview size e621 reports, in one colour drawn for the post, so a
 * page showing the fake's thumbnails shows images.
 *
 * @since 0.1.0
 */
export const preview = (seed: number, id: number, width: number, height: number): Uint8Array => {
  const rng = Random.make(Random.hash(Random.hash(seed, id), 0xf11e + variantSalt.preview))
  return FakeJpeg.solid(width, height, [rng.int(256), rng.int(256), rng.int(256)])
}

/**
 * The md5 and size of a post's original when the fake serves real files.
 *
 * @since 0.1.0
 */
export const original = (seed: number, id: number, ext: string): { readonly md5: string; readonly size: number } => {
  const bytes = content(seed, id, ext)
  return { md5: md5(bytes), size: bytes.length }
}

// ---------------------------------------------------------------------------------------------------------
// Routes

/**
 * A binary answer (a file), with its content type and length.
 *
 * @since 0.1.0
 */
export const binary = (bytes: Uint8Array, contentType: string, headers: Readonly<Record<string, string>> = {}): FakeHttp.FakeResponse => ({
  status: 200,
  headers: { "content-type": contentType, "content-length": String(bytes.length), ...headers },
  body: "",
  bytes
})

const types: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webm: "video/webm",
  mp4: "video/mp4",
  webp: "image/webp",
  swf: "application/x-shockwave-flash"
}

/** nginx's 404 for a file that is not there (also for deleted posts' files, which moved to `/data/deleted`). */
const missing = (): FakeHttp.FakeResponse => FakeHttp.nginxPage(404, "Not Found")

const serveFile = (store: FakeData.Store, kind: string | undefined, md5Hex: string, suffix: string | undefined, ext: string) => {
  const index = store.indexOfMd5(md5Hex)
  if (index < 0) return missing()
  const post = store.at(index)
  if (post.flags.deleted) return missing()
  if (kind === undefined) {
    if (ext !== post.file.ext) return missing()
    return binary(content(store.seed, post.id, post.file.ext), types[ext] ?? "application/octet-stream")
  }
  if (kind === "preview") {
    return ext === "jpg"
      ? binary(preview(store.seed, post.id, post.preview.width, post.preview.height), "image/jpeg")
      : binary(content(store.seed, post.id, ext, "preview"), types[ext] ?? "image/jpeg")
  }
  if (!post.sample.has) return missing()
  if (suffix !== undefined) return binary(content(store.seed, post.id, "mp4", "video"), "video/mp4")
  return binary(content(store.seed, post.id, ext, "sample"), types[ext] ?? "image/jpeg")
}

/**
 * The static-file routes (raw: answered whatever the format, without login or API rate limit).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = [
  {
    method: "GET",
    pattern: /^\/data\/(?:(sample|preview)\/)?([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{32})(?:_(720p|480p|alt))?\.(\w+)$/,
    auth: "none",
    throttled: false,
    raw: true,
    handler: (ctx, match) => {
      const [, kind, aa, bb, hex, suffix, ext] = match
      if (hex!.slice(0, 2) !== aa || hex!.slice(2, 4) !== bb) return missing()
      return serveFile(ctx.store, kind, hex!, suffix, ext!)
    }
  }
]
