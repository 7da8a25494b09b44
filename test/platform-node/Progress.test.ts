import { assert, describe, it } from "@effect/vitest"
import { Progress } from "@effect-e621/platform-node"
import * as Effect from "effect/Effect"
import { PassThrough } from "node:stream"

/** A terminal of `columns` columns that records what is written to it. */
const terminal = (columns: number) => {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns })
  const written: Array<string> = []
  stream.on("data", (chunk: Buffer) => written.push(chunk.toString()))
  return { stream, written }
}

describe("Progress", () => {
  it.effect("fits every width from 10 to 200 columns, with a bar while there is room for one", () =>
    Effect.scoped(Effect.gen(function*() {
      for (let columns = 10; columns <= 200; columns++) {
        const { stream } = terminal(columns)
        const progress = yield* Progress.make({ label: "export posts", unit: "rows", output: stream, interval: 60_000 })
        progress.total(12_345_678, 987_654_321_000)
        progress.item(6_000_000)
        progress.bytes(400_000_000_000)
        const line = progress.line()
        assert.isBelow(line.length, columns, `${columns}: ${line}`)
        if (columns >= 45) assert.match(line, /\[#+\.+\]/, `${columns}: ${line}`)
        if (columns >= 110) assert.match(line, /B\/s.*ETA/, `${columns}: ${line}`)
      }
    })))

  it.effect("re-reads the width at every redraw and redraws at once on resize", () =>
    Effect.gen(function*() {
      const { stream, written } = terminal(120)
      yield* Effect.scoped(Effect.gen(function*() {
        const progress = yield* Progress.make({ label: "download", output: stream, interval: 60_000 })
        progress.total(100)
        progress.item(50)
        assert.isAbove(progress.line().length, 60)
        stream.columns = 40
        stream.emit("resize")
        assert.isBelow(progress.line().length, 40)
      }))
      const redraws = written.join("").split("\r\x1b[2K").slice(1)
      assert.isAtLeast(redraws.length, 2)
      for (const line of redraws) assert.isBelow(line.trimEnd().length, 40)
    }))

  it.effect("writes plain lines, without control characters, when the output is not a terminal", () =>
    Effect.gen(function*() {
      const stream = Object.assign(new PassThrough(), { isTTY: false })
      const written: Array<string> = []
      stream.on("data", (chunk: Buffer) => written.push(chunk.toString()))
      yield* Effect.scoped(Effect.gen(function*() {
        const progress = yield* Progress.make({ label: "download", output: stream, plainInterval: 60_000 })
        progress.total(10)
        progress.item(10)
      }))
      assert.deepStrictEqual(written.length, 1)
      assert.match(written[0]!, /^download: 10\/10 files  0 B  0 B\/s  ETA 0s \(done\)\n$/)
    }))
})
