/**
 * What the fake's tag relationship families share: aliases and implications seeded from the vocabulary, with
 * e621's search semantics (`TagRelationship.search`), the HTML-only request flow (`POST /tag_alias_request` →
 * 302 redirect, 406 when invalid), and the lookups searches apply (active aliases, implied tags). The routes are
 * `TagAliases.ts` and `TagImplications.ts`, bulk update requests `BulkUpdateRequests.ts`.
 *
 * @since 0.1.0
 */
import * as TagAliasesApi from "../../api/TagAliases.ts"
import * as TagImplicationsApi from "../../api/TagImplications.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as Random from "./Random.ts"
import * as FakeTable from "./Table.ts"
import * as FakeTagTable from "./TagTable.ts"
import * as FakeThrottle from "./Throttle.ts"
import { byDesc } from "./Common.ts"

/**
 * A stored alias or implication (`descendant_names` only for implications).
 *
 * @since 0.1.0
 */
export interface RelationshipRow {
  readonly id: number
  readonly antecedent_name: string
  readonly consequent_name: string
  readonly creator_id: number
  readonly forum_topic_id: number | null
  readonly status: string
  readonly created_at: string
  readonly updated_at: string
  readonly post_count?: number
  readonly approver_id: number | null
  readonly forum_post_id: number | null
  readonly descendant_names?: ReadonlyArray<string>
  readonly reason: string
}

/**
 * A stored bulk update request.
 *
 * @since 0.1.0
 */
export interface BurRow {
  readonly id: number
  readonly user_id: number
  readonly forum_topic_id: number | null
  readonly script: string
  readonly status: "pending" | "approved" | "rejected"
  readonly created_at: string
  readonly updated_at: string
  readonly approver_id: number | null
  readonly forum_post_id: number | null
  readonly title: string | null
}

/** Kinds of relationship. */
export type Kind = "alias" | "implication"

const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["dog", "domestic_dog"], ["puppy", "domestic_dog"], ["cat", "domestic_cat"], ["kitty", "domestic_cat"],
  ["bunny", "rabbit"], ["lupine", "wolf"], ["vulpine", "fox"], ["birb", "bird"], ["pone", "pony"],
  ["hyaena", "hyena"], ["reindeer", "deer"], ["lizardfolk", "lizard"], ["mice", "mouse"], ["pokemon_species", "pokemon_(species)"],
  ["eevee", "eevee_(character)"], ["judy", "judy_hopps"], ["nick", "nick_wilde"], ["fox_mccloud_(star_fox)", "fox_mccloud"],
  ["tailed", "tail"], ["furred", "fur"], ["smiling", "smile"], ["closed_eyes", "eyes_closed"], ["flora", "plant"],
  ["tshirt", "shirt"], ["trousers", "pants"], ["caption", "text"], ["b&w", "monochrome"], ["grayscale", "greyscale"],
  ["hires", "hi_res"], ["absurdres", "absurd_res"], ["lowres", "low_res"], ["3d", "3d_(artwork)"], ["zelda", "the_legend_of_zelda"],
  ["mlp", "my_little_pony"], ["sonic", "sonic_the_hedgehog_(series)"], ["undertale", "undertale_(series)"]
]

const IMPLICATIONS: ReadonlyArray<readonly [string, string]> = [
  ["wolf", "canis"], ["domestic_dog", "canis"], ["canis", "canine"], ["fox", "canine"], ["canine", "canid"],
  ["canid", "mammal"], ["domestic_cat", "felis"], ["felis", "feline"], ["feline", "felid"], ["felid", "mammal"],
  ["lizard", "reptile"], ["reptile", "scalie"], ["dragon", "scalie"], ["rabbit", "leporid"], ["leporid", "lagomorph"],
  ["lagomorph", "mammal"], ["horse", "equine"], ["pony", "equine"], ["equine", "mammal"], ["bird", "avian"],
  ["deer", "cervine"], ["mouse", "rodent"], ["rodent", "mammal"], ["hyena", "mammal"], ["bear", "mammal"],
  ["fluffy_tail", "tail"], ["fluffy_tail", "fluffy"], ["absurd_res", "hi_res"], ["judy_hopps", "zootopia"],
  ["nick_wilde", "zootopia"], ["zootopia", "disney"], ["pokemon", "nintendo"], ["lucario", "pokemon_(species)"],
  ["twilight_sparkle_(mlp)", "my_little_pony"], ["my_little_pony", "hasbro"], ["toriel", "undertale_(series)"]
]

const STATUS_ORDER = ["queued", "processing", "pending", "active", "deleted", "retired"]

interface Seeded {
  readonly aliases: FakeTable.Table<RelationshipRow>
  readonly implications: FakeTable.Table<RelationshipRow>
  readonly burs: FakeTable.Table<BurRow>
  /** Last forum topic / post ids handed out for requests. */
  forum: { topic: number; post: number }
}

const pickStatus = (rng: Random.Random): string => {
  const r = rng.next()
  return r < 0.72 ? "active" : r < 0.84 ? "pending" : r < 0.92 ? "deleted" : r < 0.96 ? "retired" : "queued"
}

/** Transitive consequents of `name` over active implications, `name` included, sorted. */
const descendantsOf = (rows: ReadonlyArray<RelationshipRow>, name: string): Array<string> => {
  const out = new Set<string>()
  let frontier = [name]
  while (frontier.length > 0) {
    for (const n of frontier) out.add(n)
    frontier = rows.filter((r) => r.status === "active" && frontier.includes(r.antecedent_name) && !out.has(r.consequent_name))
      .map((r) => r.consequent_name)
  }
  return [...out].sort()
}

const seed = (store: FakeData.Store): Seeded => {
  const rng = Random.make(Random.hash(store.seed, 0x7a1a5))
  const staff = store.users.filter((u) => u.level_string === "Admin")
  const members = store.users.filter((u) => u.level_string !== "Blocked")
  let topic = 20_000
  let post = 300_000
  const time = (i: number, n: number) => new Date(Date.UTC(2016, 0, 1) + Math.floor((i + rng.next()) / n * 3_650 * 86_400_000)).toISOString()
  const relationships = (pairs: ReadonlyArray<readonly [string, string]>, kind: Kind): Array<RelationshipRow> => {
    let id = kind === "alias" ? 4_000 : 9_000
    const rows = pairs.map(([antecedent, consequent], i): RelationshipRow => {
      id += 1 + rng.int(40)
      const status = pickStatus(rng)
      const created = time(i, pairs.length)
      const hasForum = rng.chance(0.8)
      return {
        id,
        antecedent_name: antecedent,
        consequent_name: consequent,
        creator_id: rng.pick(members).id,
        forum_topic_id: hasForum ? (topic += 1 + rng.int(30)) : null,
        status,
        created_at: created,
        updated_at: created,
        ...(kind === "alias" ? { post_count: 1 + rng.int(800) } : {}),
        approver_id: status === "pending" || status === "queued" ? null : rng.pick(staff).id,
        forum_post_id: hasForum ? (post += 1 + rng.int(200)) : null,
        reason: rng.chance(0.3) ? "" : `${antecedent} and ${consequent} mean the same thing here.`
      }
    })
    return kind === "alias" ? rows : rows.map((row) => ({ ...row, descendant_names: descendantsOf(rows, row.consequent_name) }))
  }
  const aliases = relationships(ALIASES, "alias")
  const implications = relationships(IMPLICATIONS, "implication")
  const burs: Array<BurRow> = []
  let burId = 1_500
  for (let i = 0; i < 24; i++) {
    burId += 1 + rng.int(25)
    const lines = rng.sample([...ALIASES.map(([a, c]) => `alias ${a} -> ${c}`), ...IMPLICATIONS.map(([a, c]) => `imply ${a} -> ${c}`)], 1 + rng.int(4))
    const r = rng.next()
    const status = r < 0.3 ? "pending" : r < 0.8 ? "approved" : "rejected"
    const created = time(i, 24)
    burs.push({
      id: burId,
      user_id: rng.pick(members).id,
      forum_topic_id: (topic += 1 + rng.int(30)),
      script: lines.join("\n"),
      status,
      created_at: created,
      updated_at: created,
      approver_id: status === "approved" ? rng.pick(staff).id : null,
      forum_post_id: (post += 1 + rng.int(200)),
      title: `Tag cleanup ${i + 1}`
    })
  }
  return {
    aliases: new FakeTable.Table(aliases),
    implications: new FakeTable.Table(implications),
    burs: new FakeTable.Table(burs),
    forum: { topic, post }
  }
}

/**
 * The relationship tables of a store, seeded on first use.
 *
 * @since 0.1.0
 */
export const stateOf = (store: FakeData.Store): Seeded => {
  const existing = store.tables.get("tag_relationships") as Seeded | undefined
  if (existing !== undefined) return existing
  const created = seed(store)
  store.tables.set("tag_relationships", created)
  return created
}

/** The table of aliases or of implications. @internal */
export const tableOf = (store: FakeData.Store, kind: Kind) => kind === "alias" ? stateOf(store).aliases : stateOf(store).implications

/** `TagAlias.to_aliased_with_originals`: each name to its active alias's consequent, or to itself. */
export const aliased = (store: FakeData.Store, names: ReadonlyArray<string>): Map<string, string> => {
  const out = new Map(names.map((name) => [name, name] as const))
  for (const row of stateOf(store).aliases.rows) {
    if (row.status === "active" && out.has(row.antecedent_name)) out.set(row.antecedent_name, row.consequent_name)
  }
  return out
}

/** `TagImplication.descendants_with_originals`: each name with active implications to all it implies. */
export const descendants = (store: FakeData.Store, names: ReadonlyArray<string>): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>()
  for (const row of stateOf(store).implications.rows) {
    if (row.status !== "active" || !names.includes(row.antecedent_name)) continue
    const set = out.get(row.antecedent_name) ?? new Set<string>()
    for (const name of row.descendant_names ?? [row.consequent_name]) set.add(name)
    out.set(row.antecedent_name, set)
  }
  return out
}

const statusRank = (status: string): number => {
  const i = STATUS_ORDER.indexOf(status)
  return i < 0 ? -1 : i // unknown statuses ("error: …") sort first, as NULLS FIRST does
}

/** The tag names of a comma- or space-separated search value (at most 320). @internal */
export const names = (value: string) => value.split(/[ ,]/).filter((s) => s !== "").slice(0, 320)

const categoryIn = (ctx: FakeContext.Context, name: string, value: string): boolean => {
  const row = FakeTagTable.tagsOf(ctx.store).byName(name)
  return row !== undefined && value.split(",").slice(0, 320).map((s) => s.trim()).includes(String(row.category))
}

/** `GET /tag_aliases` / `GET /tag_implications`: e621's `TagRelationship.search`. @internal */
export const relationshipIndex = (kind: Kind): FakeContext.Handler => (ctx) => {
  const postCount = (name: string) => FakeTagTable.tagsOf(ctx.store).byName(name)?.post_count ?? 0
  const route = kind === "alias" ? TagAliasesApi.routes.search : TagImplicationsApi.routes.search
  return FakeTable.search(route)(ctx, tableOf(ctx.store, kind).rows, {
    users: { creator: (row) => row.creator_id, approver: (row) => row.approver_id },
    filters: {
      nameMatches: (row, value) => {
        const test = FakeTagTable.like(value.toLowerCase().trim())
        return test(row.antecedent_name) || test(row.consequent_name)
      },
      antecedentName: (row, value) => names(value).includes(row.antecedent_name),
      consequentName: (row, value) => names(value).includes(row.consequent_name),
      status: (row, value) =>
        value.toLowerCase() === "approved"
          ? ["active", "processing", "queued"].includes(row.status)
          : row.status === value.toLowerCase(),
      antecedentTagCategory: (row, value, c) => categoryIn(c, row.antecedent_name, value),
      consequentTagCategory: (row, value, c) => categoryIn(c, row.consequent_name, value)
    },
    orders: {
      created_at: byDesc((row) => row.created_at),
      updated_at: byDesc((row) => row.updated_at),
      name: (a, b) => a.antecedent_name.localeCompare(b.antecedent_name) || a.consequent_name.localeCompare(b.consequent_name),
      tag_count: (a, b) =>
        postCount(b.consequent_name) - postCount(a.consequent_name) || a.antecedent_name.localeCompare(b.antecedent_name)
    },
    defaultOrder: (a, b) => statusRank(a.status) - statusRank(b.status) || b.id - a.id
  })
}

/** `GET /tag_aliases/:id` / `GET /tag_implications/:id`. @internal */
export const relationshipShow = (kind: Kind): FakeContext.Handler => (ctx, match) => {
  const row = tableOf(ctx.store, kind).get(Number(match[1]))
  return row === undefined ? FakeTable.notFound() : FakeHttp.json(200, row)
}

/** `DELETE /tag_aliases/:id`: the creator of a pending request or an admin rejects it (status `deleted`). */
export const relationshipDestroy = (kind: Kind): FakeContext.Handler => (ctx, match) => {
  const table = tableOf(ctx.store, kind)
  const row = table.get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  const user = ctx.viewer.user
  const allowed = (FakeContext.atLeast(user, "Admin") && row.status !== "deleted") ||
    (row.status === "pending" && user !== undefined && row.creator_id === user.id)
  if (!allowed) return FakeHttp.accessDenied()
  table.update(row.id, (r) => ({ ...r, status: "deleted", updated_at: new Date(ctx.now).toISOString() }))
  return FakeHttp.noContent()
}

const notAcceptable = (): FakeHttp.FakeResponse =>
  FakeHttp.html(406, "<!doctype html>\n<html><head><title>Not Acceptable - e621</title></head><body><h1>Not Acceptable</h1><p>The requested format is not supported for this action.</p></body></html>\n")

/** e621's shared limit of alias and implication requests (`suggest_tag`: BURs count, but are not limited). */
const suggestionRefused = (store: FakeData.Store, user: FakeData.User, now: number): string | undefined => {
  const state = stateOf(store)
  const times = [
    ...[...state.aliases.rows, ...state.implications.rows].filter((row) => row.creator_id === user.id).map((row) => row.created_at),
    ...state.burs.rows.filter((row) => row.user_id === user.id).map((row) => row.created_at)
  ]
  return FakeThrottle.refusal(FakeThrottle.suggestTag, user, now, times)
}

const tagName = /^[^\s*,#%\\]+$/

/** Why a new relationship would be refused (`TagRelationship` validations), or `undefined`. */
export const relationshipError = (store: FakeData.Store, kind: Kind, antecedent: string, consequent: string): string | undefined => {
  if (antecedent === consequent) return "Cannot alias or implicate a tag to itself"
  if (!tagName.test(antecedent) || !tagName.test(consequent) || consequent.length > 100) return "Consequent name is invalid"
  const relevant = (row: RelationshipRow) => ["active", "processing", "queued", "pending"].includes(row.status)
  const rows = tableOf(store, kind).rows.filter(relevant)
  if (kind === "alias") {
    if (rows.some((row) => row.antecedent_name === antecedent)) return "Antecedent name has already been taken"
    if (rows.some((row) => row.antecedent_name === consequent)) return `A tag alias for ${consequent} already exists`
  } else {
    if (rows.some((row) => row.antecedent_name === antecedent && row.consequent_name === consequent)) {
      return "Antecedent name has already been taken"
    }
    if (descendantsOf(tableOf(store, "implication").rows, consequent).includes(antecedent)) return "Tag implication can not create a circular relation with another tag implication"
  }
  return undefined
}

/** The request's time, ISO 8601. @internal */
export const nowIso = (ctx: FakeContext.Context) => new Date(ctx.now).toISOString()

/**
 * `POST /tag_alias_request` / `/tag_implication_request` (member): an HTML form flow. Invalid → the form is
 * rendered again, which for JSON is a 406 HTML page; valid → a pending relationship and a forum topic, then a
 * 302 redirect to the topic.
 */
export const relationshipRequest = (kind: Kind): FakeContext.Handler => (ctx) => {
  const user = ctx.viewer.user!
  const fields = FakeTable.fields(ctx.params, `tag_${kind}_request`)
  const normalize = (s: string | undefined) => (s ?? "").trim().toLowerCase().replace(/ /g, "_")
  const antecedent = normalize(fields.antecedent_name)
  const consequent = normalize(fields.consequent_name)
  const reason = fields.reason ?? ""
  if (
    antecedent === "" || consequent === "" || reason.length < 5 || suggestionRefused(ctx.store, user, ctx.now) !== undefined ||
    relationshipError(ctx.store, kind, antecedent, consequent) !== undefined
  ) return notAcceptable()
  const state = stateOf(ctx.store)
  const topic = ++state.forum.topic
  const post = ++state.forum.post
  const at = nowIso(ctx)
  const table = tableOf(ctx.store, kind)
  table.insert((id) => ({
    id,
    antecedent_name: antecedent,
    consequent_name: consequent,
    creator_id: user.id,
    forum_topic_id: topic,
    status: "pending",
    created_at: at,
    updated_at: at,
    ...(kind === "alias"
      ? { post_count: FakeTagTable.tagsOf(ctx.store).byName(antecedent)?.post_count ?? 0 }
      : { descendant_names: descendantsOf(table.rows, consequent) }),
    approver_id: null,
    forum_post_id: post,
    reason
  }))
  return FakeHttp.redirect(`/forum_topics/${topic}`)
}

/**
 * The active (or queued / processing) aliases — e621's `active` scope: what autocomplete shows and what every
 * search applies to its plain tags (`TagAlias.to_aliased`).
 *
 * @since 0.1.0
 */
export const activeAliases = (store: FakeData.Store): ReadonlyArray<RelationshipRow> =>
  stateOf(store).aliases.rows.filter((row) => ["active", "processing", "queued"].includes(row.status))
