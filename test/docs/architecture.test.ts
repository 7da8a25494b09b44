/**
 * ARCHITECTURE.md stays true: every file or folder it names in inline code exists (from the repository root or
 * from a package's `src/`), and it is linked from the README.
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Links from "../../scripts/links.ts"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const bases = ["packages/core/src", "packages/platform-node/src"]

describe("ARCHITECTURE.md", () => {
  it("names only files and folders that exist", () => {
    const named = Links.codePaths(fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8"))
    assert.isAbove(named.length, 50, "the path check found (almost) no paths: is the extraction broken?")
    assert.deepStrictEqual(Links.missingPaths(root, "ARCHITECTURE.md", bases), [])
  })

  it("is linked from the README", () => {
    assert.include(fs.readFileSync(path.join(root, "README.md"), "utf8"), "](ARCHITECTURE.md)")
  })

  it("notices a missing file, folder or glob match, and skips routes, modules, placeholders and code blocks", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "effect-e621-arch-"))
    fs.mkdirSync(path.join(dir, "pkg/src/api"), { recursive: true })
    fs.writeFileSync(path.join(dir, "pkg/src/api/Posts.ts"), "")
    fs.writeFileSync(path.join(dir, "README.md"), "")
    fs.writeFileSync(
      path.join(dir, "A.md"),
      "`README.md` `api/Posts.ts` `api/` `api/*.ts` `Posts.search` `/posts.json` `effect/Schema`\n" +
        "`api/<Family>.ts` `GET /x.json` `@effect-e621/core`\n" +
        "`api/Pools.ts` `gone/` `api/*.md` `pkg/src/api/Posts.ts`\n" +
        "```\n`in/code.ts`\n```\n"
    )
    assert.deepStrictEqual(Links.missingPaths(dir, "A.md", ["pkg/src"]), [
      "A.md:3: api/Pools.ts",
      "A.md:3: gone/",
      "A.md:3: api/*.md"
    ])
  })
})
