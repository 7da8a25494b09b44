/**
 * Real JPEG files for the fake's previews: a baseline JPEG of one colour at a given size, small enough to build on
 * every request (a few bytes per 8×8 block), so a page showing the fake's thumbnails shows real images.
 *
 * @since 0.1.0
 */

/** Writes bits most significant first, stuffing a zero byte after every 0xFF as JPEG's entropy coding requires. */
class BitWriter {
  readonly bytes: Array<number> = []
  private current = 0
  private count = 0
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >>> i) & 1)
      if (++this.count === 8) this.flushByte()
    }
  }
  /** Pads the last byte with ones. */
  finish(): Array<number> {
    if (this.count > 0) this.write(0xff, 8 - this.count)
    return this.bytes
  }
  private flushByte(): void {
    this.bytes.push(this.current)
    if (this.current === 0xff) this.bytes.push(0)
    this.current = 0
    this.count = 0
  }
}

const category = (value: number): number => value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1

const segment = (marker: number, payload: ReadonlyArray<number>): Array<number> =>
  [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]

const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)))

/**
 * A `width`×`height` baseline JPEG (JFIF, YCbCr 4:4:4) filled with one RGB colour. Every block holds only its DC
 * coefficient: quantisation 1, a DC table of twelve 4-bit codes (category = code), an AC table with only
 * end-of-block.
 *
 * @since 0.1.0
 */
export const solid = (width: number, height: number, [r, g, b]: readonly [number, number, number]): Uint8Array => {
  const w = Math.max(1, Math.min(65_535, Math.round(width)))
  const h = Math.max(1, Math.min(65_535, Math.round(height)))
  const ycc = [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
    clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128)
  ]
  const bits = new BitWriter()
  const blocks = Math.ceil(w / 8) * Math.ceil(h / 8)
  for (let block = 0; block < blocks; block++) {
    for (const level of ycc) {
      // a flat block's DC coefficient is 8 × (level − 128); after the first block the difference is 0
      const diff = block === 0 ? 8 * (level - 128) : 0
      const size = category(diff)
      bits.write(size, 4)
      if (size > 0) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size)
      bits.write(0, 1) // end of block
    }
  }
  const components = [1, 2, 3]
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, ...components.flatMap((id) => [id, 0x11, 0])]),
    ...segment(0xc4, [0x00, 0, 0, 0, 12, ...new Array<number>(12).fill(0), ...Array.from({ length: 12 }, (_, i) => i)]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0]),
    ...segment(0xda, [3, ...components.flatMap((id) => [id, 0]), 0, 63, 0]),
    ...bits.finish(),
    0xff, 0xd9
  ])
}
