/**
 * SHA-256 (FIPS 180-4), synchronous and runtime-neutral. WebCrypto's `crypto.subtle.digest` is asynchronous:
 * awaiting it while a client is built puts a real promise into every layer that builds one, which races the
 * `TestClock` in users' tests. The client hashes a few dozen bytes once, so a plain implementation is enough.
 *
 * @internal
 */

// FIPS 180-4 §4.2.2 and §5.3.3: the constants are the first 32 bits of the fractional parts of the cube roots
// (K) and square roots (H0) of the first 64 (8) primes. Computed here rather than listed (≈ 600 bytes less in a
// browser bundle); each lies far enough from a rounding boundary (> 0.005 of its last bit) that a `Math.cbrt`
// off by many ulps still gives the same bits, and `test/core/Identity.test.ts` checks digests against
// `node:crypto`.
const primes: Array<number> = []
for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n)

const fraction32 = (x: number): number => ((x - Math.floor(x)) * 0x1_0000_0000) >>> 0

const K = new Uint32Array(primes.map((p) => fraction32(Math.cbrt(p))))

const H0 = primes.slice(0, 8).map((p) => fraction32(Math.sqrt(p)))

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

/** The SHA-256 digest of `data` (32 bytes). @internal */
export const digest = (data: Uint8Array): Uint8Array => {
  const bitLength = data.length * 8
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x1_0000_0000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = new Uint32Array(H0)
  const w = new Uint32Array(64)
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4)
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3)
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10)
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    h[0] = h[0]! + a
    h[1] = h[1]! + b
    h[2] = h[2]! + c
    h[3] = h[3]! + d
    h[4] = h[4]! + e
    h[5] = h[5]! + f
    h[6] = h[6]! + g
    h[7] = h[7]! + hh
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]!)
  return out
}
