/**
 * Fault injection for the fake: seeded random failures at a given rate, and failures queued by tests.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import type * as E621Fake from "../../testing/E621Fake.ts"
import * as FakeHttp from "./FakeHttp.ts"
import * as Random from "./FakeRandom.ts"

/** Public as `E621Fake.FaultKind`. @internal */
export type FaultKind = E621Fake.FaultKind

/**
 * The {@link FaultKind}s of the default random plan (all but `"stall"` and `"trickle"`).
 *
 * @since 0.1.0
 */
export const allKinds: ReadonlyArray<FaultKind> = ["500", "502", "503", "522", "429", "503-retry-after", "drop", "drop-after", "truncate", "slow"]

/** Public as `E621Fake.FaultOptions`. @internal */
export type FaultOptions = E621Fake.FaultOptions

/**
 * The fault state of one fake: the random plan and the queue of faults requested by tests.
 *
 * @since 0.1.0
 */
export class Faults {
  private options: FaultOptions | undefined
  private random: Random.Random
  private readonly queue: Array<FaultKind> = []
  private readonly rewrites: Array<(body: unknown) => unknown> = []
  private readonly defaultSeed: number

  constructor(options: FaultOptions | undefined, seed: number) {
    this.defaultSeed = seed
    this.options = options
    this.random = Random.make(Random.hash(options?.seed ?? seed, 0xfa17))
  }

  /** Replaces the random plan (and restarts its generator); `undefined` turns random faults off. */
  set(options: FaultOptions | undefined): void {
    this.options = options
    this.random = Random.make(Random.hash(options?.seed ?? this.defaultSeed, 0xfa17))
  }

  /** Makes the next `n` requests fail with `kind` (before any random fault). */
  enqueue(kind: FaultKind, n: number): void {
    for (let i = 0; i < n; i++) this.queue.push(kind)
  }

  /** Rewrites the JSON body of the next successful JSON answer with `f` (queued, one answer each). */
  enqueueRewrite(f: (body: unknown) => unknown): void {
    this.rewrites.push(f)
  }

  /**
   * The answer with the next queued rewrite applied, when it is a 2xx JSON answer (others pass unchanged and
   * leave the rewrite queued).
   */
  rewrite(response: FakeHttp.FakeResponse): FakeHttp.FakeResponse {
    if (this.rewrites.length === 0 || response.status < 200 || response.status > 299 || response.bytes !== undefined) {
      return response
    }
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      return response
    }
    const f = this.rewrites.shift()!
    return { ...response, body: JSON.stringify(f(body)) }
  }

  /** The fault of the next request, if any. Draws one number per request while a plan is set. */
  next(): FaultKind | undefined {
    const queued = this.queue.shift()
    if (queued !== undefined) return queued
    const options = this.options
    if (options === undefined || options.rate <= 0) return undefined
    const hit = this.random.next() < options.rate
    const kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : allKinds
    const kind = this.random.pick(kinds)
    return hit ? kind : undefined
  }

  /** `Retry-After` in seconds. */
  get retryAfter(): number {
    return this.options?.retryAfter ?? 1
  }

  /** Delay of a `"slow"` answer. */
  get latency(): Duration.Duration {
    return Duration.fromInputUnsafe(this.options?.latency ?? "1 minute")
  }
}

/**
 * The answer of a fault that replaces the whole response (`undefined` for the kinds that wrap a real one:
 * `drop-after`, `truncate`, `slow`).
 *
 * @since 0.1.0
 */
export const replacement = (kind: FaultKind, retryAfter: number): FakeHttp.FakeResponse | undefined => {
  switch (kind) {
    case "500":
      return FakeHttp.nginxPage(500, "Internal Server Error")
    case "502":
      return FakeHttp.nginxPage(502, "Bad Gateway")
    case "503":
      return FakeHttp.nginxPage(503, "Service Temporarily Unavailable")
    case "522":
      return FakeHttp.cloudflare522()
    case "429":
      return FakeHttp.expectedError(429, "Throttled: Too many requests", { "retry-after": String(retryAfter) })
    case "503-retry-after":
      return FakeHttp.nginxPage(503, "Service Temporarily Unavailable", { "retry-after": String(retryAfter) })
    case "drop":
      return { status: 0, headers: {}, body: "", fault: "drop" }
    default:
      return undefined
  }
}
