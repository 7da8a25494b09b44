/**
 * The `@example` blocks of the packages' doc comments typecheck (issue #16, item 4), as a user would write
 * them: every ```ts block of an `@example` in `packages/<package>/src` (outside `internal/`) becomes a module of
 * its own in a scratch folder of the repository, importing the packages by name (their compiled declarations:
 * `npm test` runs `tsc -b` first) and `effect`, and the repository's TypeScript checks them all at once with the
 * house's strict options (`exactOptionalPropertyTypes` included; unused names allowed, an example may show a
 * value without using it). The guides' examples are checked the same way by `tsc -b` (`examples/guides`).
 *
 * A deliberately wrong block is checked with them, so the test cannot pass by checking nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Child from "node:child_process"
import * as Fs from "node:fs"
import * as NodePath from "node:path"

const root = NodePath.resolve(import.meta.dirname, "../..")

/** One ```ts block of an `@example`: where it comes from and its code. */
export interface Example {
  readonly file: string
  readonly line: number
  readonly code: string
}

const sources = (dir: string): Array<string> =>
  Fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === "internal" ? [] : sources(NodePath.join(dir, entry.name))
      : entry.name.endsWith(".ts") ? [NodePath.join(dir, entry.name)] : []
  )

/** The ```ts blocks of every `@example` tag in the doc comments of a source file. */
export const examplesOf = (file: string, text: string): Array<Example> => {
  const out: Array<Example> = []
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment[0].split("\n").map((line) => line.replace(/^\s*\/?\*+\/?\s?/, "").replace(/\s*\*\/$/, ""))
    const startLine = text.slice(0, comment.index).split("\n").length
    let inExample = false
    let block: Array<string> | undefined
    let blockLine = 0
    lines.forEach((line, i) => {
      if (block !== undefined) {
        if (/^```\s*$/.test(line)) {
          out.push({ file, line: blockLine, code: block.join("\n") })
          block = undefined
        } else block.push(line)
        return
      }
      if (/^@\w+/.test(line)) inExample = line.startsWith("@example")
      if (inExample && /^```(ts|typescript)\s*$/.test(line)) {
        block = []
        blockLine = startLine + i + 1
      }
    })
  }
  return out
}

const allExamples = (): Array<Example> =>
  ["core", "platform-node"].flatMap((pkg) =>
    sources(NodePath.join(root, "packages", pkg, "src")).flatMap((file) =>
      examplesOf(NodePath.relative(root, file), Fs.readFileSync(file, "utf8"))
    )
  )

const tsconfig = {
  compilerOptions: {
    target: "ES2023",
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    moduleDetection: "force",
    verbatimModuleSyntax: true,
    strict: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"]
  },
  include: ["*.ts"]
}

describe("doc comment examples", () => {
  it("finds the @example blocks of a comment, and only those", () => {
    const text = [
      "/**",
      " * Text.",
      " *",
      " * ```ts",
      " * not an example",
      " * ```",
      " *",
      " * @example",
      " * ```ts",
      " * const a = 1",
      " * ```",
      " *",
      " * @since 0.1.0",
      " */"
    ].join("\n")
    assert.deepStrictEqual(examplesOf("x.ts", text), [{ file: "x.ts", line: 10, code: "const a = 1" }])
  })

  it("every ```ts block of an @example in the packages' sources typechecks against the public packages", () => {
    const examples = allExamples()
    assert.isAbove(examples.length, 50)
    const dir = Fs.mkdtempSync(NodePath.join(root, ".scratch-examples-"))
    try {
      const names = new Map<string, Example>()
      examples.forEach((example, i) => {
        const name = `${String(i).padStart(3, "0")}-${NodePath.basename(example.file, ".ts")}.ts`
        names.set(name, example)
        Fs.writeFileSync(NodePath.join(dir, name), `${example.code}\n`)
      })
      // the canary: a wrong example that must be reported
      Fs.writeFileSync(NodePath.join(dir, "canary.ts"), `import { Pools } from "@effect-e621/core"\nexport const name: string = Pools.search\n`)
      Fs.writeFileSync(NodePath.join(dir, "package.json"), JSON.stringify({ type: "module" }))
      Fs.writeFileSync(NodePath.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2))
      const result = Child.spawnSync(
        process.execPath,
        [NodePath.join(root, "node_modules/typescript/bin/tsc"), "-p", NodePath.join(dir, "tsconfig.json"), "--pretty", "false"],
        { cwd: dir, encoding: "utf8", timeout: 240_000 }
      )
      const output = `${result.stdout}${result.stderr}`
      const errors = output.split("\n").filter((line) => /error TS\d+/.test(line))
      assert.isTrue(errors.some((line) => line.startsWith("canary.ts")), `the wrong example was not reported:\n${output}`)
      const wrong = errors.filter((line) => !line.startsWith("canary.ts")).map((line) => {
        const match = /^(\S+?\.ts)\((\d+),(\d+)\): (.*)$/.exec(line)
        const example = match === null ? undefined : names.get(match[1]!)
        return example === undefined ? line : `${example.file}:${example.line + Number(match![2]) - 1}: ${match![4]}`
      })
      assert.deepStrictEqual(wrong, [], `examples that do not typecheck:\n${wrong.join("\n")}`)
    } finally {
      Fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
