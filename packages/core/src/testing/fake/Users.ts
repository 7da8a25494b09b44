/**
 * The fake's Users family: `/users.json` (strict search), `/users/:id_or_name.json`, `/users/me.json` (with
 * the anonymous placeholder), `/users/:id/upload_limit.json` and `PATCH /users/me.json` (the caller's own
 * settings, with e621's permitted keys and validations; e621 serves it at any `/users/:id.json` and ignores the
 * id, the client sends `me`). Per-user settings and counts live in the table
 * `users.profiles`; API keys are never rendered.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Users.ts"
import * as FakeContext from "./Handler.ts"
import * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePostSets from "./PostSets.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import * as FakeTagTable from "./TagTable.ts"

/**
 * A user's settings and counters as the fake keeps them (keyed by user id).
 *
 * @since 0.1.0
 */
export interface Profile {
  readonly id: number
  readonly updated_at: string
  readonly email: string
  readonly base_upload_limit: number
  readonly upload_karma: number
  readonly can_approve_posts: boolean
  readonly can_upload_free: boolean
  readonly avatar_id: number | null
  readonly profile_about: string
  readonly profile_artinfo: string
  readonly post_upload_count: number
  readonly post_update_count: number
  readonly note_update_count: number
  readonly counts: Readonly<Record<string, number>>
  readonly settings: Readonly<Record<string, string | number | boolean | null>>
}

/** e621's default blacklist on the live site. */
const defaultBlacklist = "gore\nscat\nwatersports\nyoung -rating:s\nloli\nshota"

/** A few of Rails' `ActiveSupport::TimeZone` names (the fake's stand-in for the full list). */
const timeZones = new Set([
  "UTC", "Eastern Time (US & Canada)", "Central Time (US & Canada)", "Mountain Time (US & Canada)",
  "Pacific Time (US & Canada)", "Alaska", "Hawaii", "London", "Berlin", "Paris", "Amsterdam", "Stockholm",
  "Moscow", "Tokyo", "Seoul", "Sydney", "Brasilia", "Buenos Aires"
])

const defaultSettings = (): Record<string, string | number | boolean | null> => ({
  blacklist_users: false,
  description_collapsed_initially: false,
  hide_comments: false,
  show_hidden_comments: false,
  show_post_statistics: true,
  receive_email_notifications: false,
  enable_keyboard_navigation: true,
  enable_privacy_mode: false,
  enable_auto_complete: true,
  enable_safe_mode: false,
  disable_responsive_mode: false,
  no_flagging: false,
  disable_user_dmails: false,
  enable_compact_uploader: false,
  replacements_beta: false,
  forum_notification_dot: false,
  recent_tags: null,
  comment_threshold: -10,
  default_image_size: "large",
  favorite_tags: null,
  blacklisted_tags: defaultBlacklist,
  time_zone: "Eastern Time (US & Canada)",
  per_page: 75,
  custom_style: null,
  dmail_filter_words: ""
})

const seedProfiles = (store: FakeData.Store): FakeTable.Table<Profile> => {
  const rng = Random.make(Random.hash(store.seed, 0x05e45))
  return new FakeTable.Table(store.users.map((user): Profile => {
    const staff = FakeData.levels[user.level_string] >= FakeData.levels.Janitor
    // `tester` has a few uploads (below the 10 that unlock the compact uploader), whatever the seed
    const random = rng.chance(0.5) ? rng.int(400) : rng.int(5)
    const uploads = user.name === "tester" ? 3 : random
    return {
      id: user.id,
      updated_at: user.created_at,
      email: `${user.name}@example.com`,
      base_upload_limit: 10,
      upload_karma: uploads * 10 + rng.int(100),
      can_approve_posts: staff || rng.chance(0.05),
      can_upload_free: staff || rng.chance(0.1),
      avatar_id: rng.chance(0.6) ? 100 + rng.int(5000) : null,
      profile_about: rng.chance(0.5) ? `Hi, I am ${user.name}.` : "",
      profile_artinfo: rng.chance(0.2) ? "Commissions open." : "",
      post_upload_count: uploads,
      post_update_count: rng.int(3000),
      note_update_count: rng.int(200),
      counts: {
        wiki_page_version_count: rng.int(100),
        artist_version_count: rng.int(50),
        pool_version_count: rng.int(80),
        forum_post_count: rng.int(300),
        comment_count: rng.int(900),
        flag_count: rng.int(40),
        favorite_count: store.favorites.get(user.id)?.size ?? 0,
        positive_feedback_count: rng.chance(0.1) ? 1 : 0,
        neutral_feedback_count: 0,
        negative_feedback_count: rng.chance(0.05) ? 1 : 0
      },
      settings: defaultSettings()
    }
  }))
}

/**
 * The per-user table (settings, counters), seeded from the store's users.
 *
 * @since 0.1.0
 */
export const profiles = (store: FakeData.Store): FakeTable.Table<Profile> => FakeTable.tableOf(store, "users.profiles", seedProfiles)

const profileOf = (store: FakeData.Store, user: FakeData.User): Profile => profiles(store).get(user.id) ?? seedProfiles(store).get(user.id)!

const uploadSlots = (profile: Profile): number => Math.max(0, Math.min(50, profile.base_upload_limit + Math.floor(profile.post_upload_count / 10)))

const publicJson = (user: FakeData.User, profile: Profile) => ({
  id: user.id,
  created_at: user.created_at,
  name: user.name,
  level: FakeData.levels[user.level_string],
  base_upload_limit: profile.base_upload_limit,
  upload_karma: profile.upload_karma,
  upload_karma_free: profile.upload_karma >= 1000,
  post_upload_count: profile.post_upload_count,
  post_update_count: profile.post_update_count,
  note_update_count: profile.note_update_count,
  is_banned: user.level_string === "Blocked",
  can_approve_posts: profile.can_approve_posts,
  can_upload_free: profile.can_upload_free,
  level_string: user.level_string,
  avatar_id: profile.avatar_id,
  is_verified: true,
  has_cropped_avatar: false
})

const privateJson = (user: FakeData.User, profile: Profile) => {
  const { dmail_filter_words: _words, ...settings } = profile.settings
  const burst = FakeData.levels[user.level_string] >= FakeData.levels["Former Staff"]
    ? 120
    : FakeData.levels[user.level_string] >= FakeData.levels.Privileged
    ? 90
    : 60
  return {
    ...settings,
    is_banned: user.level_string === "Blocked",
    can_approve_posts: profile.can_approve_posts,
    can_upload_free: profile.can_upload_free,
    updated_at: profile.updated_at,
    email: profile.email,
    last_logged_in_at: profile.updated_at,
    last_forum_read_at: null,
    favorite_count: profile.counts.favorite_count ?? 0,
    api_regen_multiplier: 1,
    api_burst_limit: burst,
    remaining_api_limit: burst,
    statement_timeout: 3000,
    favorite_limit: 100_000,
    tag_query_limit: 40,
    has_mail: false,
    unread_dmail_count: 0
  }
}

/**
 * A user's JSON for one viewer: public fields, `full` adds counts and profile texts, and the viewer's own
 * record adds the private settings (never the API key).
 *
 * @since 0.1.0
 */
export const render = (ctx: FakeContext.Context, user: FakeData.User, full: boolean): Record<string, unknown> => {
  const profile = profileOf(ctx.store, user)
  const base: Record<string, unknown> = publicJson(user, profile)
  const extra = full
    ? { ...profile.counts, upload_slots: uploadSlots(profile), profile_about: profile.profile_about, profile_artinfo: profile.profile_artinfo }
    : {}
  const own = ctx.viewer.user?.id === user.id ? privateJson(user, profile) : {}
  const admin = ctx.viewer.user !== undefined && ctx.viewer.user.id !== user.id && FakeContext.atLeast(ctx.viewer.user, "Admin")
    ? { last_logged_in_at: profile.updated_at }
    : {}
  return { ...base, ...extra, ...own, ...admin }
}

/** `User.anonymous` rendered with every private field, as `/users/me.json` answers logged-out callers. */
const anonymous = (ctx: FakeContext.Context): Record<string, unknown> => {
  const settings = defaultSettings()
  delete settings.dmail_filter_words
  return {
    id: null,
    created_at: new Date(ctx.now).toISOString(),
    name: "Anonymous",
    level: 0,
    base_upload_limit: 10,
    upload_karma: 0,
    upload_karma_free: false,
    post_upload_count: 0,
    post_update_count: 0,
    note_update_count: 0,
    is_banned: false,
    can_approve_posts: false,
    can_upload_free: false,
    level_string: "Anonymous",
    avatar_id: null,
    is_verified: false,
    has_cropped_avatar: false,
    wiki_page_version_count: 0,
    artist_version_count: 0,
    pool_version_count: 0,
    forum_post_count: 0,
    comment_count: 0,
    flag_count: 0,
    favorite_count: 0,
    positive_feedback_count: 0,
    neutral_feedback_count: 0,
    negative_feedback_count: 0,
    upload_slots: 10,
    profile_about: "",
    profile_artinfo: "",
    ...settings,
    updated_at: null,
    email: null,
    last_logged_in_at: null,
    last_forum_read_at: null,
    api_regen_multiplier: 1,
    api_burst_limit: 60,
    remaining_api_limit: 60,
    statement_timeout: 3000,
    favorite_limit: 100_000,
    tag_query_limit: 40,
    has_mail: false,
    unread_dmail_count: 0
  }
}

interface UserRow {
  readonly id: number
  readonly created_at: string
  /** e621's `users.updated_at`; the fake's accounts never change it, so it is their creation time. */
  readonly updated_at: string
  readonly user: FakeData.User
  readonly profile: Profile
}

const nameMatches: FakeTable.Filter<UserRow> = (row, value, ctx) => {
  const normalized = value.trim().toLowerCase().replace(/\s+/g, "_")
  return normalized.includes("*")
    ? FakeTable.text<UserRow>((r) => r.user.name)(row, normalized, ctx)
    : row.user.name.toLowerCase() === normalized
}

const levelOf = (row: UserRow): number => FakeData.levels[row.user.level_string]
const desc = (get: (row: UserRow) => number) => (a: UserRow, b: UserRow) => get(b) - get(a)

const search: FakeContext.Handler = (ctx) => {
  const search = FakeTable.searchParams(ctx.params)
  const admin = FakeContext.atLeast(ctx.viewer.user, "Admin")
  for (const key of ["ip_addr", "email_matches"]) {
    if (search[key] !== undefined && !admin) return FakeHttp.reasonError(403, `found unpermitted parameter: :${key}`)
  }
  const table = profiles(ctx.store)
  const rows: Array<UserRow> = ctx.store.users.map((user) => ({
    id: user.id,
    created_at: user.created_at,
    updated_at: user.created_at,
    user,
    profile: table.get(user.id) ?? profileOf(ctx.store, user)
  }))
  return FakeTable.search(Api.routes.search)(ctx, rows, {
    filters: {
      nameMatches,
      aboutMe: (row, value, c) =>
        FakeTable.text<UserRow>((r) => r.profile.profile_about)(row, value, c) ||
        FakeTable.text<UserRow>((r) => r.profile.profile_artinfo)(row, value, c),
      avatarId: FakeTable.numeric((row) => row.profile.avatar_id),
      level: FakeTable.numeric(levelOf),
      minLevel: (row, value) => levelOf(row) >= (Number.parseInt(value, 10) || 0),
      maxLevel: (row, value) => levelOf(row) <= (Number.parseInt(value, 10) || 0),
      canApprovePosts: FakeTable.bool((row) => row.profile.can_approve_posts),
      canUploadFree: FakeTable.bool((row) => row.profile.can_upload_free),
      canKarmaFree: FakeTable.bool((row) => row.profile.upload_karma >= 1000),
      ipAddr: () => false,
      emailMatches: FakeTable.text((row) => row.profile.email)
    },
    orders: {
      name: (a, b) => a.user.name.localeCompare(b.user.name),
      post_upload_count: desc((row) => row.profile.post_upload_count),
      note_count: desc((row) => row.profile.note_update_count),
      post_update_count: desc((row) => row.profile.post_update_count),
      upload_karma: desc((row) => row.profile.upload_karma)
    },
    render: (row, c) => render(c, row.user, false)
  })
}

/** `User.name_or_id_to_id_forced`: digits are an id, anything else a case-insensitive name. */
const find = (ctx: FakeContext.Context, raw: string): FakeData.User | undefined => {
  let key: string
  try {
    key = decodeURIComponent(raw)
  } catch {
    return undefined
  }
  return /^\d+$/.test(key) ? ctx.store.users.find((u) => u.id === Number(key)) : ctx.store.userByName(key)
}

const get: FakeContext.Handler = (ctx, match) => {
  const user = find(ctx, match[1]!)
  return user === undefined ? FakeTable.notFound() : FakeHttp.json(200, render(ctx, user, true))
}

const me: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user
  return FakeHttp.json(200, user === undefined ? anonymous(ctx) : render(ctx, user, true))
}

const uploadLimit: FakeContext.Handler = get

interface NameChange {
  readonly id: number
  readonly status: string
  readonly user_id: number
  readonly approver_id: number | null
  readonly original_name: string
  readonly desired_name: string
  readonly change_reason: string
  readonly rejection_reason: string | null
  readonly created_at: string
  readonly updated_at: string
}

/** A few past name changes: the second is `tester`'s (from `tester_old`). */
const nameChanges = (store: FakeData.Store): FakeTable.Table<NameChange> =>
  FakeTable.tableOf(store, "users.name_changes", (s) => {
    const others = s.users.filter((u) => u.name !== "tester")
    const tester = s.users.find((u) => u.name === "tester") ?? s.users[0]!
    const owners = [others[5 % others.length]!, tester, others[9 % others.length]!]
    return new FakeTable.Table(owners.map((user, i): NameChange => {
      const at = new Date(Date.UTC(2025, 2 + i, 10)).toISOString()
      return {
        id: i + 1,
        status: "pending",
        user_id: user.id,
        approver_id: null,
        original_name: `${user.name}_old`,
        desired_name: user.name,
        change_reason: i === 1 ? "A typo in my first name." : "",
        rejection_reason: null,
        created_at: at,
        updated_at: at
      }
    }))
  })

/** `GET /user_name_change_requests/:id` (member): the caller's own, or any for moderators. */
const nameChangeShow: FakeContext.Handler = (ctx, match) => {
  const row = nameChanges(ctx.store).get(Number(match[1]))
  if (row === undefined) return FakeTable.notFound()
  return row.user_id === ctx.viewer.user!.id || FakeContext.atLeast(ctx.viewer.user, "Moderator")
    ? FakeHttp.json(200, row)
    : FakeHttp.accessDenied()
}

/** `GET /users/avatar_menu` (logged in): which of the caller's own lists are non-empty. */
const avatarMenu: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const profile = profileOf(ctx.store, user)
  const count = (key: string) => profile.counts[key] ?? 0
  return FakeHttp.json(200, {
    has_uploads: profile.post_upload_count > 0,
    has_favorites: (ctx.store.favorites.get(user.id)?.size ?? 0) > 0,
    has_sets: FakePostSets.sets(ctx.store).rows.some((set) => set.creator_id === user.id),
    has_comments: count("comment_count") > 0,
    has_forums: count("forum_post_count") > 0,
    has_blips: count("blip_count") > 0
  })
}

/** `{name, count, category_id}` of the existing tags among `names`. */
const tagEntries = (ctx: FakeContext.Context, names: ReadonlyArray<string>) =>
  names.flatMap((name) => {
    const tag = FakeTagTable.tagsOf(ctx.store).byName(name)
    return tag === undefined ? [] : [{ name: tag.name, count: tag.post_count, category_id: tag.category }]
  })

/**
 * `GET /users/upload_tags` (logged in, `UserPresenter`): the caller's favourite tags (their `favorite_tags`
 * setting, in its order) and the tags they added most in the last hour (from up to 150 post versions, at most
 * 50, most used first), each `{name, count, category_id}`; tags that do not exist are left out.
 */
const uploadTags: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const favorite = String(profileOf(ctx.store, user).settings.favorite_tags ?? "").split(/\s+/).filter((t) => t !== "")
  const since = ctx.now - 3_600_000
  const added = new Map<string, number>()
  const versions = ctx.store.versions
    .filter((v) => v.updater_id === user.id && Date.parse(v.updated_at) > since)
    .sort((a, b) => b.id - a.id)
    .slice(0, 150)
  for (const version of versions) for (const tag of version.added_tags) added.set(tag, (added.get(tag) ?? 0) + 1)
  const recent = [...added].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 50).map(([tag]) => tag)
  return FakeHttp.json(200, { upload_tags: tagEntries(ctx, favorite), recent_tags: tagEntries(ctx, recent) })
}

const booleanKeys = new Set([
  "description_collapsed_initially", "hide_comments", "receive_email_notifications", "enable_keyboard_navigation",
  "enable_privacy_mode", "disable_user_dmails", "blacklist_users", "show_post_statistics", "show_hidden_comments",
  "enable_auto_complete", "enable_safe_mode", "disable_responsive_mode", "forum_notification_dot", "enable_compact_uploader"
])
const textKeys = new Set(["favorite_tags", "blacklisted_tags", "time_zone", "custom_style", "default_image_size"])
const numberKeys = new Set(["comment_threshold", "per_page"])
const profileKeys = new Set(["profile_about", "profile_artinfo", "avatar_id"])

/** The `user[…]` keys of a request (`user[dmail_filter_attributes][words]` → `dmail_filter_attributes.words`). */
const userFields = (params: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) {
    const m = /^user\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(key)
    if (m) out[m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`] = value
  }
  return out
}

const update: FakeContext.Handler = (ctx) => {
  const user = ctx.viewer.user!
  const fields = userFields(ctx.params)
  if (Object.keys(fields).length === 0) {
    return FakeHttp.expectedError(400, "param is missing or the value is empty or invalid: user")
  }
  const profile = profileOf(ctx.store, user)
  const errors: Record<string, Array<string>> = {}
  const settings: Record<string, string | number | boolean | null> = { ...profile.settings }
  const changes: Partial<Record<"profile_about" | "profile_artinfo", string>> & { avatar_id?: number | null } = {}
  for (const [key, value] of Object.entries(fields)) {
    const permitted = booleanKeys.has(key) || textKeys.has(key) || numberKeys.has(key) || profileKeys.has(key) ||
      key === "dmail_filter_attributes.words" || key === "dmail_filter_attributes.id"
    const compact = key === "enable_compact_uploader" && profile.post_upload_count < 10
    if (!permitted || compact) {
      return FakeHttp.reasonError(403, `found unpermitted parameter: :${key.replace(/\..*$/, "")}`)
    }
    if (booleanKeys.has(key)) settings[key] = FakeContext.truthy(value)
    else if (numberKeys.has(key)) {
      const n = Number(value)
      if (!/^-?\d+$/.test(value.trim())) errors[key] = ["is not a number"]
      else if (key === "per_page" && (n < 1 || n > 320)) errors[key] = ["is not included in the list"]
      else if (key === "comment_threshold" && (n <= -50_000 || n >= 50_000)) errors[key] = ["must be less than 50000"]
      else settings[key] = n
    } else if (key === "default_image_size" && !["large", "fit", "fitv", "original"].includes(value)) {
      errors[key] = ["is not included in the list"]
    } else if (key === "time_zone" && !timeZones.has(value)) {
      errors[key] = ["is not included in the list"]
    } else if (key === "blacklisted_tags") {
      if (value.length > 150_000) errors[key] = ["is too long (maximum is 150000 characters)"]
      else settings[key] = value.replace(/\r\n/g, "\n").split("\n").map((line) => line.trim()).filter((l) => l !== "").join("\n")
    } else if (key === "dmail_filter_attributes.words") settings.dmail_filter_words = value
    else if (key === "avatar_id") changes.avatar_id = value === "" ? null : Number(value)
    else if (key === "profile_about" || key === "profile_artinfo") changes[key] = value.replace(/\r\n/g, "\n")
    else if (textKeys.has(key)) settings[key] = value
  }
  if (Object.keys(errors).length > 0) return FakeTable.invalid(errors)
  profiles(ctx.store).update(user.id, (row) => ({
    ...row,
    ...changes,
    settings,
    updated_at: new Date(ctx.now).toISOString()
  }))
  return FakeHttp.noContent()
}

/**
 * The routes of the Users family (declared in `api/Users.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, {
  search, get, me, uploadLimit, update, avatarMenu, uploadTags, nameChangeRequest: nameChangeShow
})
