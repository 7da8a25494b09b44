/**
 * e621's request limits, measured on the effect `Clock`: the edge's read limit (2 per second, 503 beyond),
 * the application's write throttle for logged-in users (sliding minute: 60 Member, 90 Privileged,
 * 120 Former Staff and above; `X-Api-Limit`, 429 beyond), and IQDB's throttles (fixed windows from the first
 * hit, `RateLimiter` in `app/logical/rate_limiter.rb`, 429 beyond; since 2026-08-21). Violations are always
 * counted; they are only refused when `enforce` is on.
 *
 * @since 0.1.0
 */
import type * as E621Fake from "../../testing/E621Fake.ts"
import * as FakeData from "./FakeData.ts"

/** Public as `E621Fake.Violations`. @internal */
export type Violations = E621Fake.Violations

/**
 * The two kinds of IQDB look-up e621 throttles apart: `"image"` (by file or URL) and `"light"` (by post id or
 * hash), or `undefined` when the query names neither (no throttle). Like e621, `search[…]` wins over top-level
 * parameters when present.
 *
 * @since 0.1.0
 */
export const iqdbKind = (params: Readonly<Record<string, string>>): "image" | "light" | undefined => {
  const nested = Object.keys(params).some((key) => key.startsWith("search["))
  const value = (key: string) => (nested ? params[`search[${key}]`] : params[key]) ?? ""
  if (value("file") !== "" || value("url") !== "") return "image"
  if (value("post_id") !== "" || value("hash") !== "") return "light"
  return undefined
}

/**
 * IQDB's limits (`iqdb_queries_controller.rb#throttle`): by file or URL anonymous 1 per 60 s, members 6 per
 * 10 s; by post id or hash 10 per 10 s. Anonymous callers are counted per address, members per user and per
 * address (the fake has one address).
 *
 * @since 0.1.0
 */
export const iqdbLimitOf = (kind: "image" | "light", anonymous: boolean): { readonly limit: number; readonly period: number } =>
  kind === "light" ? { limit: 10, period: 10_000 } : anonymous ? { limit: 1, period: 60_000 } : { limit: 6, period: 10_000 }

/**
 * Writes per sliding minute for a user level (`User#api_burst_limit`).
 *
 * @since 0.1.0
 */
export const writeLimitOf = (level: FakeData.Level): number =>
  FakeData.levels[level] >= FakeData.levels["Former Staff"] ? 120 : level === "Privileged" ? 90 : 60

/**
 * The sliding windows and violation counters of one fake.
 *
 * @since 0.1.0
 */
export class Limits {
  readonly enforce: boolean
  private reads: Array<number> = []
  private readonly writes = new Map<number, Array<number>>()
  private readonly windows = new Map<string, { readonly start: number; count: number }>()
  private readViolations = 0
  private writeViolations = 0
  private iqdbViolations = 0

  constructor(enforce: boolean) {
    this.enforce = enforce
  }

  /** Counts a read at `now`; `false` when it must be refused (over 2 in the last second, enforced). */
  read(now: number): boolean {
    this.reads = this.reads.filter((t) => t > now - 1000)
    const over = this.reads.length >= 2
    if (over) this.readViolations++
    if (over && this.enforce) return false
    this.reads.push(now)
    return true
  }

  /**
   * Counts a write of a logged-in user at `now`. `remaining` is e621's `X-Api-Limit` (what was left before
   * this request); `allowed` is `false` when it must be refused with 429.
   */
  write(user: FakeData.User, now: number): { readonly allowed: boolean; readonly remaining: number } {
    const limit = writeLimitOf(user.level_string)
    const window = (this.writes.get(user.id) ?? []).filter((t) => t > now - 60_000)
    const remaining = Math.max(0, limit - window.length)
    const over = window.length >= limit
    if (over) this.writeViolations++
    if (!(over && this.enforce)) window.push(now)
    this.writes.set(user.id, window)
    return { allowed: !(over && this.enforce), remaining }
  }

  /** Counts an IQDB look-up at `now`; `false` when it must be refused with 429 (over its fixed window, enforced). */
  iqdb(kind: "image" | "light", user: FakeData.User | undefined, now: number): boolean {
    const { limit, period } = iqdbLimitOf(kind, user === undefined)
    const keys = user === undefined ? [`${kind}:anon`] : [`${kind}:address`, `${kind}:user:${user.id}`]
    const live = (key: string) => {
      const window = this.windows.get(key)
      return window !== undefined && now < window.start + period ? window : undefined
    }
    const over = keys.some((key) => (live(key)?.count ?? 0) >= limit)
    if (over) this.iqdbViolations++
    if (over && this.enforce) return false
    for (const key of keys) {
      const window = live(key)
      if (window === undefined) this.windows.set(key, { start: now, count: 1 })
      else window.count++
    }
    return true
  }

  /** The violation counters. */
  get violations(): Violations {
    return { reads: this.readViolations, writes: this.writeViolations, iqdb: this.iqdbViolations }
  }
}
