/**
 * Small deterministic random numbers for the fake: a 32-bit integer hash and the mulberry32 generator.
 * Every value the fake invents derives from the user's seed through these, so two fakes built with the
 * same options answer byte-for-byte the same.
 *
 * @since 0.1.0
 */

/**
 * Mixes two 32-bit integers into one well-distributed unsigned 32-bit integer (murmur3 finaliser).
 *
 * @since 0.1.0
 */
export const hash = (a: number, b: number): number => {
  let h = (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * A seeded random source (mulberry32) with the few helpers the generator needs.
 *
 * @since 0.1.0
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** An integer in [min, max]. */
  between(min: number, max: number): number
  /** `true` with probability `p`. */
  chance(p: number): boolean
  /** One element of a non-empty array. */
  pick<A>(items: ReadonlyArray<A>): A
  /** `k` distinct elements of `items` (fewer when `items` is shorter). */
  sample<A>(items: ReadonlyArray<A>, k: number): Array<A>
}

class Mulberry32 implements Random {
  private state: number
  constructor(seed: number) {
    this.state = seed | 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<A>(items: ReadonlyArray<A>): A {
    return items[this.int(items.length)]!
  }
  sample<A>(items: ReadonlyArray<A>, k: number): Array<A> {
    if (k >= items.length) return [...items]
    const chosen: Array<number> = []
    while (chosen.length < k) {
      const i = this.int(items.length)
      if (!chosen.includes(i)) chosen.push(i)
    }
    return chosen.map((i) => items[i]!)
  }
}

/**
 * Creates a {@link Random} from a 32-bit seed.
 *
 * @since 0.1.0
 */
export const make = (seed: number): Random => new Mulberry32(seed)

/**
 * 32 lower-case hex digits derived from `(seed, id)`: the fake's stand-in for a file's MD5.
 *
 * @since 0.1.0
 */
export const md5Of = (seed: number, id: number): string => {
  let out = ""
  let h = hash(seed, id)
  for (let k = 0; k < 4; k++) {
    h = hash(h, k + 0x51ed27)
    out += h.toString(16).padStart(8, "0")
  }
  return out
}
