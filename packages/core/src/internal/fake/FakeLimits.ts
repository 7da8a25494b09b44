/**
 * e621's request limits, measured on the effect `Clock`: the edge's read limit (2 per second, 503 beyond)
 * and the application's write throttle for logged-in users (sliding minute: 60 Member, 90 Privileged,
 * 120 Former Staff and above; `X-Api-Limit`, 429 beyond). Violations are always counted; they are only
 * refused when `enforce` is on.
 *
 * @since 0.1.0
 */
import * as FakeData from "./FakeData.ts"

/**
 * How many requests exceeded a limit so far (counted whether or not limits are enforced).
 *
 * @since 0.1.0
 */
export interface Violations {
  readonly reads: number
  readonly writes: number
}

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
  private readViolations = 0
  private writeViolations = 0

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

  /** The violation counters. */
  get violations(): Violations {
    return { reads: this.readViolations, writes: this.writeViolations }
  }
}
