/**
 * SCHEMA-AUDIT.md is the table of what e621 has sent for every field of every response schema, and what a
 * `null` there decodes to. This test reads it: for every row, a minimal valid answer with that field set to
 * `null` must decode as the row says (or be rejected when it says `rejected`); every field of every audited
 * schema must have a row. Legacy shapes (renamed and later-added keys) are checked below it.
 */
import * as Artist from "@effect-e621/core/schemas/Artist"
import * as Blip from "@effect-e621/core/schemas/Blip"
import * as DbExport from "@effect-e621/core/schemas/DbExport"
import * as Mascot from "@effect-e621/core/schemas/Mascot"
import * as Post from "@effect-e621/core/schemas/Post"
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import type * as SchemaAST from "effect/SchemaAST"
import { readFileSync } from "node:fs"
import { fieldAt, fieldsOf, getAt, sampleOf, setAt } from "./schemaSample.ts"

const audit = readFileSync(new URL("../../SCHEMA-AUDIT.md", import.meta.url), "utf8")

interface Row {
  readonly path: ReadonlyArray<string>
  readonly to: ReadonlyArray<string>
  /** `"rejected"`, `"(absent)"`, or the JSON the decoded field must equal. */
  readonly decodesAs: string
}

interface Family {
  /** `File.Export`, e.g. `Post.Post`. */
  readonly name: string
  readonly rows: Array<Row>
}

/** The families (`### \`File.Export\``) and their table rows, in file order. */
const families: ReadonlyArray<Family> = (() => {
  const out: Array<Family> = []
  for (const line of audit.split("\n")) {
    const heading = /^### `(\w+)\.(\w+)`$/.exec(line)
    if (heading !== null) {
      out.push({ name: `${heading[1]}.${heading[2]}`, rows: [] })
      continue
    }
    const family = out.at(-1)
    if (family === undefined || !line.startsWith("| `")) continue
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim())
    const field = /^`([^`]+)`(?: → `([^`]+)`)?$/.exec(cells[0]!)
    if (field === null || cells.length !== 5) throw new Error(`SCHEMA-AUDIT.md: bad row: ${line}`)
    const path = field[1]!.split(".")
    family.rows.push({ path, to: field[2]?.split(".") ?? path, decodesAs: cells[4]!.replace(/^`|`$/g, "") })
  }
  return out
})()

const schemaOf = async (name: string): Promise<Schema.Top> => {
  const [file, exported] = name.split(".") as [string, string]
  const module = (await import(`../../packages/core/src/schemas/${file}.ts`)) as Record<string, unknown>
  const schema = module[exported]
  if (!Schema.isSchema(schema)) throw new Error(`SCHEMA-AUDIT.md: ${name} is not a schema`)
  return schema
}

const decodes = (schema: Schema.Top, value: unknown) =>
  Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>)(value)

describe("SCHEMA-AUDIT.md", () => {
  it("audits every schema module", () => {
    const audited = new Set(families.map((f) => f.name.split(".")[0]))
    assert.isAtLeast(families.length, 60)
    assert.isAtLeast(families.reduce((n, f) => n + f.rows.length, 0), 700)
    for (const file of ["Post", "Pool", "Tag", "User", "Comment", "Blip", "Ticket", "WikiPageVersion"]) {
      assert.isTrue(audited.has(file), file)
    }
  })

  for (const family of families) {
    describe(family.name, () => {
      it("every field has a row, every row a field", async () => {
        const schema = await schemaOf(family.name)
        const ast: SchemaAST.AST = schema.ast
        const listed = new Set(family.rows.map((r) => r.path.join(".")))
        for (const key of fieldsOf(ast).keys()) assert.isTrue(listed.has(key), `${family.name}.${key} has no row`)
        for (const row of family.rows) assert.isDefined(fieldAt(ast, row.path), `${family.name}: no field ${row.path.join(".")}`)
      })

      it("a null in each field decodes as the audit says", async () => {
        const schema = await schemaOf(family.name)
        const base = sampleOf(schema.ast)
        assert.isTrue(decodes(schema, base)._tag === "Success", `${family.name}: the minimal answer decodes`)
        for (const row of family.rows) {
          const where = `${family.name}.${row.path.join(".")}`
          const exit = decodes(schema, setAt(base, schema.ast, row.path, null))
          if (row.decodesAs === "rejected") {
            assert.strictEqual(exit._tag, "Failure", `${where}: null must be rejected`)
            continue
          }
          if (exit._tag === "Failure") assert.fail(`${where}: null must decode as ${row.decodesAs}, got ${exit.cause}`)
          else {
            const decoded = getAt(exit.value, row.to)
            if (row.decodesAs === "(absent)") assert.isUndefined(decoded, where)
            else assert.deepStrictEqual(decoded, JSON.parse(row.decodesAs), where)
          }
        }
      })
    })
  }
})

describe("legacy shapes", () => {
  const decodeBlip = Schema.decodeUnknownSync(Blip.Blip)
  const blip = {
    id: 1,
    creator_id: 2,
    body: "hi",
    response_to: null,
    created_at: "2024-01-01T00:00:00.000-05:00",
    updated_at: "2024-01-01T00:00:00.000-05:00"
  }

  it("a blip of before March 2026 says is_hidden; it decodes as is_deleted", () => {
    assert.strictEqual(decodeBlip({ ...blip, is_hidden: true }).is_deleted, true)
    assert.strictEqual(decodeBlip({ ...blip, is_hidden: false }).is_deleted, false)
    assert.strictEqual(decodeBlip({ ...blip, is_deleted: true }).is_deleted, true)
    assert.isFalse("is_hidden" in decodeBlip({ ...blip, is_hidden: true }))
    assert.deepStrictEqual(Schema.encodeSync(Blip.Blip)(decodeBlip({ ...blip, is_hidden: true })), { ...blip, is_deleted: true })
  })

  it("an artist of 2020 (no linked_user_id, no is_locked) decodes with e621's defaults", () => {
    const artist = Schema.decodeUnknownSync(Artist.Artist)({
      id: 1,
      name: "someone",
      creator_id: 2,
      is_active: true,
      group_name: "",
      other_names: [],
      created_at: "2020-04-01T00:00:00.000-04:00",
      updated_at: "2020-04-01T00:00:00.000-04:00"
    })
    assert.strictEqual(artist.linked_user_id, null)
    assert.strictEqual(artist.is_locked, false)
  })

  it("a mascot of 2022 (no available_on) and an export of June 2026 (no checksum) decode", () => {
    const mascot = Schema.decodeUnknownSync(Mascot.Mascot)({
      id: 1,
      creator_id: 1,
      display_name: "m",
      md5: "d41d8cd98f00b204e9800998ecf8427e",
      file_ext: "png",
      background_color: "#012e57",
      artist_url: "https://example.com",
      artist_name: "a",
      active: true,
      url_path: "/m.png",
      created_at: "2022-10-15T00:00:00.000-04:00",
      updated_at: "2022-10-15T00:00:00.000-04:00"
    })
    assert.deepStrictEqual(mascot.available_on, [])
    const dbExport = Schema.decodeUnknownSync(DbExport.DbExport)({
      name: "posts",
      file_name: "posts.csv.gz",
      file_size: 1,
      updated_at: "2026-06-10T00:00:00.000-04:00",
      url: "https://e621.net/db_export/posts.csv.gz"
    })
    assert.strictEqual(dbExport.checksum, null)
  })

  it("a 2020 post with null status_locked and a null sample.has (Flash) decodes; the other posts keep their values", () => {
    const page = JSON.parse(
      readFileSync(new URL("../fixtures/real/nasso__rs621/320_page-2_fluffy_rating-s_order-score.json", import.meta.url), "utf8")
    ) as { posts: ReadonlyArray<{ id: number; flags: { status_locked: boolean | null }; sample: { has: boolean | null } }> }
    const posts = Schema.decodeUnknownSync(Schema.Array(Post.Post))(page.posts)
    const nullLocked = page.posts.filter((p) => p.flags.status_locked === null).map((p) => p.id)
    const nullSample = page.posts.filter((p) => p.sample.has === null).map((p) => p.id)
    assert.strictEqual(nullLocked.length, 11)
    assert.strictEqual(nullSample.length, 1)
    for (const [i, post] of posts.entries()) {
      const wire = page.posts[i]!
      assert.strictEqual(post.flags.status_locked, wire.flags.status_locked ?? false)
      assert.strictEqual(post.sample.has, wire.sample.has ?? false)
    }
  })
})
