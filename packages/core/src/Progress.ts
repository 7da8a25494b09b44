/**
 * Progress reporting for long work on the command line (downloads, exports, streams): a bar redrawn in place
 * on a TTY — count, bytes, rate, ETA — and plain periodic lines otherwise (logs, CI, pipes), on stderr so
 * stdout stays clean for data. On a TTY the line always fits the terminal's width, re-read at every redraw and
 * on resize: the bar narrows, then the rate, the size and the ETA give way, so the line never wraps.
 *
 * @since 0.1.0
 */
import { checkOptions, type E621InvalidInput, optionKeys } from "./E621Error.ts"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

/**
 * A running progress display: add items and bytes as they complete; `finish` prints the final line.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Progress {
  /** Counts `n` more items done (default 1). */
  readonly item: (n?: number) => void
  /** Counts `n` more bytes done. */
  readonly bytes: (n: number) => void
  /** Sets the totals when they become known (items and/or bytes). */
  readonly total: (items: number | undefined, bytes?: number | undefined) => void
  /** The current status line (counts, rate, ETA when totals are known), as printed (fitted to the width on a TTY). */
  readonly line: () => string
}

/**
 * Where a progress display prints: a text sink such as Node's `process.stderr` (any object with `write`). On a
 * TTY its `columns` bound the line, and its `resize` event (when it has `on`) redraws at once.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Output {
  /** Prints text as it is (no newline added). */
  readonly write: (text: string) => unknown
  /** Whether it is a terminal (then the line is redrawn in place). */
  readonly isTTY?: boolean | undefined
  /** The terminal's width, re-read at every redraw. */
  readonly columns?: number | undefined
  /** Subscribes to the terminal's `resize` event. */
  readonly on?: (event: "resize", listener: () => void) => unknown
  /** Unsubscribes from `resize` when the display ends. */
  readonly removeListener?: (event: "resize", listener: () => void) => unknown
}

/**
 * Options: a `label`, the output (default `process.stderr`), whether it is a TTY (default: the stream's
 * `isTTY`), the redraw interval on a TTY (default 100 ms) and the line interval otherwise (default 2 s).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options {
  /** What is running, printed first (`download`, `export posts`). */
  readonly label: string
  /** What the items are called in the count (default `"files"`). */
  readonly unit?: "files" | "rows"
  /** Where to print (default `process.stderr`); on a TTY its `columns` (re-read at every redraw) bound the line. */
  readonly output?: Output
  /** Redraw one line in place (default: the output's `isTTY`); otherwise print plain periodic lines. */
  readonly tty?: boolean
  /** Redraw interval on a TTY, in milliseconds (default 100). */
  readonly interval?: number
  /** Interval of the plain lines, in milliseconds (default 2000). */
  readonly plainInterval?: number
}

// the runtime's standard error (Node, Bun, Deno's Node compatibility); a display without one prints nowhere
const stderr = (): Output =>
  (globalThis as { readonly process?: { readonly stderr?: Output } }).process?.stderr ?? { write: () => undefined }

/**
 * `1.5 MB`, `820 kB`, `12 B`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const formatBytes = (n: number): string => {
  if (n < 1000) return `${Math.round(n)} B`
  const units = ["kB", "MB", "GB", "TB"]
  let value = n / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/**
 * `42s`, `3m05s`, `1h02m`.
 *
 * @category Functions
 * @since 0.1.0
 */
export const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return "--"
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
}

const optionKeysOf = optionKeys<Options>({
  label: true,
  unit: true,
  output: true,
  tty: true,
  interval: true,
  plainInterval: true
})

/**
 * Starts a progress display for the scope: redraws on a timer and prints the final line when the scope
 * closes.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Progress, E621InvalidInput, Scope.Scope> =>
  Effect.gen(function*() {
    yield* checkOptions(options, optionKeysOf, undefined, { required: true })
    const output = options.output ?? stderr()
    const tty = options.tty ?? output.isTTY === true
    const unit = options.unit ?? "files"
    const started = Date.now()
    let items = 0
    let bytes = 0
    let totalItems: number | undefined
    let totalBytes: number | undefined

    const line = (): string => {
      const elapsed = Math.max(0.001, (Date.now() - started) / 1000)
      const rate = bytes / elapsed
      const fraction = totalBytes !== undefined && totalBytes > 0
        ? bytes / totalBytes
        : totalItems !== undefined && totalItems > 0
        ? items / totalItems
        : undefined
      const eta = fraction !== undefined && fraction > 0 ? elapsed * (1 - fraction) / fraction : Number.NaN
      const stats: Stats = {
        count: totalItems === undefined ? `${items} ${unit}` : `${items}/${totalItems} ${unit}`,
        size: totalBytes === undefined ? formatBytes(bytes) : `${formatBytes(bytes)}/${formatBytes(totalBytes)}`,
        rate: `${formatBytes(rate)}/s`,
        eta: `ETA ${formatDuration(eta)}`
      }
      if (!tty) return `${options.label}: ${[stats.count, stats.size, stats.rate, stats.eta].join("  ")}`
      return fit(options.label, stats, fraction, columns())
    }

    // the terminal's width now (Node refreshes `columns` on SIGWINCH); 80 when the stream does not say
    const columns = () => {
      const n = output.columns
      return typeof n === "number" && n > 0 ? n : 80
    }

    const draw = () => {
      if (tty) output.write(`\r\x1b[2K${line()}`)
      else output.write(`${line()}\n`)
    }

    const timer = setInterval(draw, tty ? options.interval ?? 100 : options.plainInterval ?? 2000)
    // a resized terminal gets a line of its new width at once
    const resized = () => draw()
    if (tty) output.on?.("resize", resized)
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        clearInterval(timer)
        output.removeListener?.("resize", resized)
        if (tty) output.write(`\r\x1b[2K${line()}\n`)
        else output.write(`${line()} (done)\n`)
      })
    )
    return {
      item: (n = 1) => {
        items += n
      },
      bytes: (n) => {
        bytes += n
      },
      total: (nextItems, nextBytes) => {
        totalItems = nextItems
        totalBytes = nextBytes
      },
      line
    }
  })

interface Stats {
  readonly count: string
  readonly size: string
  readonly rate: string
  readonly eta: string
}

/**
 * The richest line that fits in `columns - 1` characters (the last column would wrap on some terminals): the
 * bar (10 to 30 wide) and its percentage while there is room, the rate, the size, the ETA and the count dropped
 * in that order around it; then the same fields without a bar; at the very least the label and the count, cut
 * to the width.
 */
const fit = (label: string, stats: Stats, fraction: number | undefined, columns: number): string => {
  const max = Math.max(1, columns - 1)
  const percent = fraction === undefined ? undefined : `${String(Math.floor(Math.min(1, fraction) * 100)).padStart(3)}%`
  const choices = [
    [stats.count, stats.size, stats.rate, stats.eta],
    [stats.count, stats.size, stats.eta],
    [stats.count, stats.eta],
    [stats.count],
    []
  ]
  if (fraction !== undefined && percent !== undefined) {
    for (const fields of choices) {
      const text = [percent, ...fields].join("  ")
      const room = Math.min(30, max - label.length - text.length - 4)
      if (room >= 10) {
        const filled = Math.min(room, Math.round(fraction * room))
        return `${label} [${"#".repeat(filled)}${".".repeat(room - filled)}] ${text}`
      }
    }
  }
  for (const fields of percent === undefined ? choices.slice(0, -1) : choices) {
    const plain = `${label}: ${[percent?.trimStart(), ...fields].filter((f) => f !== undefined).join("  ")}`
    if (plain.length <= max) return plain
  }
  const least = `${label}: ${stats.count}`
  return least.length <= max ? least : least.slice(0, max)
}
