/**
 * Tags: e621's tag records (`app/models/tag.rb`, `app/logical/tag_category.rb`) and the related-tags string
 * they carry.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

/**
 * e621's tag categories by id (`TagCategory::CANONICAL_MAPPING`). e621 may add more: tag records keep the
 * number whatever it is.
 *
 * @category Constants
 * @since 0.1.0
 */
export const categoryIds = {
  general: 0,
  artist: 1,
  contributor: 2,
  copyright: 3,
  character: 4,
  species: 5,
  invalid: 6,
  meta: 7,
  lore: 8
} as const

/**
 * The name of a known tag category.
 *
 * @category Types
 * @since 0.1.0
 */
export type CategoryName = keyof typeof categoryIds

/**
 * The known category names, in id order.
 *
 * @category Constants
 * @since 0.1.0
 */
export const categoryNames: ReadonlyArray<CategoryName> = Object.keys(categoryIds) as Array<CategoryName>

/**
 * The name of a category id, or `undefined` for a category this library does not know yet.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const categoryName = (id: number): CategoryName | undefined => categoryNames[id]

/**
 * The categories only admins may give a tag (`TagCategory::ADMIN_ONLY_MAPPING`): invalid, meta, lore.
 *
 * @category Constants
 * @since 0.1.0
 */
export const adminOnlyCategories: ReadonlyArray<CategoryName> = ["invalid", "meta", "lore"]

/**
 * A category as callers may give it: a known name or a raw id.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CategoryInput = Schema.Union([
  Schema.Literals(categoryNames as [CategoryName, ...Array<CategoryName>]),
  Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 32_767 }))
])

/**
 * A category as callers may give it.
 *
 * @category Types
 * @since 0.1.0
 */
export type CategoryInput = CategoryName | number

/**
 * The id of a category given by name or id.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const categoryId = (category: CategoryInput): number =>
  typeof category === "number" ? category : categoryIds[category]

/**
 * One category or a list of them, by name or id (a search filter).
 *
 * @category Schemas
 * @since 0.1.0
 */
export const CategoryList = Schema.Union([
  CategoryInput,
  Schema.Array(CategoryInput).check(Schema.isMinLength(1), Schema.isMaxLength(320))
])

/**
 * One category or a list of them, by name or id.
 *
 * @category Types
 * @since 0.1.0
 */
export type CategoryList = CategoryInput | ReadonlyArray<CategoryInput>

/**
 * e621's form of a category filter: comma-separated ids (`"1,5"`).
 *
 * @category Helpers
 * @since 0.1.0
 */
export const categoryListParam = (value: CategoryList): string =>
  (Array.isArray(value) ? value : [value as CategoryInput]).map(categoryId).join(",")

/**
 * One entry of a tag's related tags: a tag name and how many posts of e621's sample (up to 300 posts
 * carrying the tag) also carry it (`RelatedTagCalculator`).
 *
 * @category Types
 * @since 0.1.0
 */
export interface RelatedTagCount {
  readonly name: string
  readonly count: number
}

/**
 * Parses e621's `related_tags` string, `"name count name count …"` (the 25 most frequent co-occurring tags of
 * a sample, most frequent first; the tag itself included). Blank strings and the `"[]"` of old records give
 * `[]`; a trailing name without a count gets count 0.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const parseRelatedTags = (raw: string | null | undefined): ReadonlyArray<RelatedTagCount> => {
  if (raw == null) return []
  const words = raw.split(/\s+/).filter((w) => w !== "" && w !== "[]")
  const out: Array<RelatedTagCount> = []
  for (let i = 0; i < words.length; i += 2) {
    const count = Number(words[i + 1])
    out.push({ name: words[i]!, count: Number.isFinite(count) ? count : 0 })
  }
  return out
}

/**
 * Renders related tags back to e621's string form.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const formatRelatedTags = (tags: ReadonlyArray<RelatedTagCount>): string =>
  tags.map((tag) => `${tag.name} ${tag.count}`).join(" ")

const RelatedTagEntry = Schema.Struct({ name: Schema.String, count: Schema.Number })

/**
 * `related_tags` decoded from e621's `"name count …"` string to structured {@link RelatedTagCount} entries.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const RelatedTags = Schema.String.pipe(
  Schema.decodeTo(
    Schema.Array(RelatedTagEntry),
    SchemaTransformation.transform<ReadonlyArray<RelatedTagCount>, string>({
      decode: parseRelatedTags,
      encode: formatRelatedTags
    })
  )
)

/**
 * A tag as e621 sends it (`/tags.json`, `/tags/:id.json`): every column of `tags`. `category` is a number
 * (0 general, 1 artist, 2 contributor, 3 copyright, 4 character, 5 species, 6 invalid, 7 meta, 8 lore) and is
 * kept as sent, so a category e621 adds later still decodes (see {@link categoryName}). `related_tags` is
 * parsed into entries (`null` when e621 never computed them); `post_count` counts posts carrying the tag,
 * deleted ones included.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Tag = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  post_count: Schema.Number,
  category: Schema.Number,
  related_tags: Schema.optionalKey(Schema.NullOr(RelatedTags)),
  related_tags_updated_at: Schema.optionalKey(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  updated_at: Schema.String,
  is_locked: Schema.optionalKey(Schema.Boolean)
})

/**
 * A decoded tag.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Tag extends Schema.Schema.Type<typeof Tag> {}

/**
 * A tag as e621 sends it, before decoding (`related_tags` still a string).
 *
 * @category Types
 * @since 0.1.0
 */
export type TagJson = typeof Tag.Encoded

/**
 * A tag name as e621 stores it (`Tag.normalize_name`): Unicode NFC, lower case, trimmed, spaces as
 * underscores.
 *
 * @category Helpers
 * @since 0.1.0
 */
export const normalizeName = (name: string): string => name.normalize("NFC").toLowerCase().trim().replace(/ /g, "_")
