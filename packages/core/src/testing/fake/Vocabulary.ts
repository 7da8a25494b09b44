/**
 * The fixed tag vocabulary of the fake: realistic e621 tags in all nine categories, so tag searches,
 * blacklists and category metatags have something true to find.
 *
 * @since 0.1.0
 */
import * as Post from "../../schemas/Post.ts"

/**
 * e621's nine tag categories, in the order of the legacy `tags` object.
 *
 * @since 0.1.0
 */
export const categories = Post.categories

/**
 * One of the nine tag categories.
 *
 * @since 0.1.0
 */
export type Category = Post.Category

/** @since 0.1.0 */
export const artists: ReadonlyArray<string> = [
  "amber_quill", "backlit_fern", "cobalt_paws", "dapper_dusk", "ember_wisp", "frostbyte_art", "gilded_tail",
  "hazelnut_ink", "indigo_howl", "juniper_sketch", "kestrel_lines", "lumen_fox", "moss_and_marrow", "nightpaw",
  "opal_stripes", "pine_whisker", "quartz_muzzle", "rustfang", "saffron_snout", "thistle_brush", "umbra_ink",
  "velvet_vixen", "willow_wolf", "xeno_doodles", "yarrow_art", "zephyr_claw", "conditional_dnp", "sound_warning"
]

/** @since 0.1.0 */
export const contributors: ReadonlyArray<string> = ["commission_helper", "colorist_kit", "voice_actor_rowan"]

/** @since 0.1.0 */
export const copyrights: ReadonlyArray<string> = [
  "nintendo", "pokemon", "sega", "sonic_the_hedgehog_(series)", "hasbro", "my_little_pony", "disney", "zootopia",
  "undertale_(series)", "star_fox", "blizzard_entertainment", "warcraft", "beastars", "mihoyo", "the_legend_of_zelda"
]

/** @since 0.1.0 */
export const characters: ReadonlyArray<string> = [
  "nick_wilde", "judy_hopps", "twilight_sparkle_(mlp)", "rainbow_dash_(mlp)", "sonic_the_hedgehog", "tails_(sonic)",
  "toriel", "asriel_dreemurr", "krystal_(star_fox)", "fox_mccloud", "legoshi_(beastars)", "lucario", "eevee_(character)",
  "link", "fan_character"
]

/** @since 0.1.0 */
export const species: ReadonlyArray<string> = [
  "mammal", "canid", "canine", "canis", "wolf", "fox", "domestic_dog", "felid", "feline", "felis", "domestic_cat",
  "dragon", "scalie", "reptile", "lizard", "avian", "bird", "equine", "horse", "pony", "lagomorph", "leporid",
  "rabbit", "hyena", "deer", "cervine", "bovid", "bear", "rodent", "mouse", "protogen", "sergal", "pokemon_(species)",
  "eeveelution", "hybrid"
]

/** @since 0.1.0 */
export const general: ReadonlyArray<string> = [
  "solo", "duo", "group", "anthro", "feral", "fur", "smile", "looking_at_viewer", "open_mouth", "tail", "clothing",
  "simple_background", "white_background", "text", "blue_eyes", "green_eyes", "yellow_eyes", "standing", "sitting",
  "outside", "inside", "tree", "plant", "sky", "cloud", "night", "detailed_background", "hair", "paws", "claws",
  "whiskers", "tongue", "teeth", "blush", "eyes_closed", "happy", "sleeping", "food", "water", "snow", "grass",
  "flower", "hat", "scarf", "hoodie", "shirt", "topwear", "bottomwear", "pants", "fluffy", "fluffy_tail",
  "white_body", "black_body", "orange_body", "grey_fur", "brown_fur", "red_hair", "long_hair", "holding_object",
  "dialogue", "speech_bubble", "humor", "cute", "winter", "summer", "beach", "forest", "city", "building"
]

/** @since 0.1.0 */
export const invalid: ReadonlyArray<string> = ["invalid_tag", "unknown_character_(invalid)"]

/** Meta tags other than the year and the resolution / media-type ones added from the file. */
export const meta: ReadonlyArray<string> = [
  "digital_media_(artwork)", "traditional_media_(artwork)", "english_text", "comic", "sketch", "colored", "shaded",
  "signature", "watermark", "monochrome", "greyscale", "widescreen", "unfinished", "lol_comments", "meme"
]

/** @since 0.1.0 */
export const lore: ReadonlyArray<string> = ["male_(lore)", "female_(lore)", "trans_(lore)", "gay_(lore)"]

/**
 * The category of every tag the generator can produce (years and media tags included).
 *
 * @since 0.1.0
 */
export const categoryOf: ReadonlyMap<string, Category> = (() => {
  const map = new Map<string, Category>()
  const add = (tags: ReadonlyArray<string>, category: Category) => tags.forEach((t) => map.set(t, category))
  add(general, "general")
  add(["young"], "general")
  add(artists, "artist")
  add(["unknown_artist"], "artist")
  add(contributors, "contributor")
  add(copyrights, "copyright")
  add(characters, "character")
  add(species, "species")
  add(invalid, "invalid")
  add(meta, "meta")
  add(["hi_res", "absurd_res", "low_res", "animated", "webm", "mp4", "sound", "no_sound", "3d_(artwork)", "2d_animation"], "meta")
  for (let year = 2005; year <= 2030; year++) map.set(String(year), "meta")
  add(lore, "lore")
  return map
})()

/** @since 0.1.0 */
export const poolWords: ReadonlyArray<string> = [
  "Autumn", "Moonlit", "Tales", "Adventures", "Sketchbook", "Comic", "Journey", "Den", "Stories", "Chronicles",
  "Winter", "Daily", "Doodles", "Pack", "Forest", "Harbor", "Summer", "Echoes", "Lanterns", "Waystation"
]

/** @since 0.1.0 */
export const nameParts: ReadonlyArray<string> = [
  "fluffy", "silver", "shadow", "sunny", "mossy", "tiny", "grumpy", "sleepy", "rusty", "velvet", "frost", "ember",
  "fox", "wolf", "otter", "raven", "lynx", "badger", "moth", "drake", "hare", "coyote", "gecko", "heron"
]
