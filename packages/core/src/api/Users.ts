/**
 * Users: search and read accounts, read the caller's own record and settings, and change those settings;
 * the caller's account menu and uploader tags, and name changes (`app/controllers/users_controller.rb`,
 * `user_name_change_requests_controller.rb`).
 *
 * Compare levels with `User.levelAtLeast(user, "Privileged")` (by `level_string`): e621 renumbered the
 * numeric levels in June 2026.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Users } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const users = yield* Users.search({ nameMatches: "some_*", limit: 5 })
 *   const user = yield* Users.get("some_user") // by name or id
 *   const me = yield* Users.me
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as E621Client from "../E621Client.ts"
import { type E621Error, invalidInput } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import { AvatarMenu } from "../schemas/AvatarMenu.ts"
import { UploadTags } from "../schemas/UploadTags.ts"
import * as User from "../schemas/User.ts"
import { UserNameChangeRequest } from "../schemas/UserNameChangeRequest.ts"

/**
 * Search fields of `GET /users.json` (a strict controller: e621 answers unknown keys with 403, so they are
 * refused before sending). `nameMatches` takes `*` wildcards, case-insensitive; `level`, `minLevel`,
 * `maxLevel` are numeric levels — use `User.levels.Privileged` etc. (2026 numbering). `ipAddr` and
 * `emailMatches` are admin-only (others get 403). `createdAt` / `updatedAt` (always permitted by
 * `permit_search_params`) filter by account creation / last change.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const UserSearch = Schema.Struct({
  id: Schema.optionalKey(Params.Range),
  createdAt: Schema.optionalKey(Params.Time),
  updatedAt: Schema.optionalKey(Params.Time),
  nameMatches: Schema.optionalKey(Params.Text),
  aboutMe: Schema.optionalKey(Params.Text),
  avatarId: Schema.optionalKey(Params.Id),
  level: Schema.optionalKey(Params.Range),
  minLevel: Schema.optionalKey(Schema.Int),
  maxLevel: Schema.optionalKey(Schema.Int),
  canApprovePosts: Schema.optionalKey(Schema.Boolean),
  canUploadFree: Schema.optionalKey(Schema.Boolean),
  canKarmaFree: Schema.optionalKey(Schema.Boolean),
  ipAddr: Schema.optionalKey(Params.Text),
  emailMatches: Schema.optionalKey(Params.Text),
  order: Schema.optionalKey(
    Schema.Literals(["name", "post_upload_count", "note_count", "post_update_count", "upload_karma", "id_asc", "id_desc"])
  )
})

/**
 * Search fields of `GET /users.json` as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface UserSearch extends Schema.Schema.Type<typeof UserSearch> {}

/**
 * The settings {@link update} can change: exactly the `user[…]` keys e621's `users_controller#user_params`
 * permits (password changes are left out on purpose). `blacklistedTags` is a newline-separated string or a
 * list of lines; `perPage` is 1..320; `profileAbout`, `profileArtinfo`, `avatarId` need Member;
 * `enableCompactUploader` needs 10 uploads (e621 answers 403 otherwise). `dmailFilterWords` is the dmail
 * filter's word list.
 *
 * @category Schemas
 * @since 0.1.0
 */
export const Settings = Schema.Struct({
  blacklistedTags: Schema.optionalKey(Schema.Union([Schema.String, Schema.Array(Schema.String)])),
  favoriteTags: Schema.optionalKey(Schema.String),
  perPage: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: Params.maxLimit }))),
  commentThreshold: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: -49_999, maximum: 49_999 }))),
  defaultImageSize: Schema.optionalKey(Schema.Literals(["large", "fit", "fitv", "original"])),
  timeZone: Schema.optionalKey(Params.Text),
  customStyle: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(500_000))),
  descriptionCollapsedInitially: Schema.optionalKey(Schema.Boolean),
  hideComments: Schema.optionalKey(Schema.Boolean),
  receiveEmailNotifications: Schema.optionalKey(Schema.Boolean),
  enableKeyboardNavigation: Schema.optionalKey(Schema.Boolean),
  enablePrivacyMode: Schema.optionalKey(Schema.Boolean),
  disableUserDmails: Schema.optionalKey(Schema.Boolean),
  blacklistUsers: Schema.optionalKey(Schema.Boolean),
  showPostStatistics: Schema.optionalKey(Schema.Boolean),
  showHiddenComments: Schema.optionalKey(Schema.Boolean),
  enableAutoComplete: Schema.optionalKey(Schema.Boolean),
  enableSafeMode: Schema.optionalKey(Schema.Boolean),
  disableResponsiveMode: Schema.optionalKey(Schema.Boolean),
  forumNotificationDot: Schema.optionalKey(Schema.Boolean),
  enableCompactUploader: Schema.optionalKey(Schema.Boolean),
  profileAbout: Schema.optionalKey(Schema.String),
  profileArtinfo: Schema.optionalKey(Schema.String),
  avatarId: Schema.optionalKey(Schema.NullOr(Params.Id)),
  dmailFilterWords: Schema.optionalKey(Schema.String)
})

/**
 * The settings {@link update} can change, as a type.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Settings extends Schema.Schema.Type<typeof Settings> {}

/**
 * The routes of users, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  search: Route.make({
    method: "GET",
    path: "/users.json",
    auth: "none",
    search: UserSearch,
    item: User.User,
    quirks: ["strict-search"]
  }),
  get: Route.make({ method: "GET", path: "/users/:idOrName.json", auth: "none", item: User.UserFull }),
  me: Route.make({ method: "GET", path: "/users/me.json", auth: "none", item: User.Me }),
  uploadLimit: Route.make({ method: "GET", path: "/users/:idOrName/upload_limit.json", auth: "member", item: User.UserFull }),
  // e621's route is `PATCH /users/:id.json`, whose id it ignores: the caller's own record is always edited
  update: Route.make({ method: "PATCH", path: "/users/me.json", auth: "member", quirks: ["unthrottled"] }),
  avatarMenu: Route.make({ method: "GET", path: "/users/avatar_menu.json", auth: "member", item: AvatarMenu }),
  uploadTags: Route.make({ method: "GET", path: "/users/upload_tags.json", auth: "member", item: UploadTags }),
  nameChangeRequest: Route.make({
    method: "GET",
    path: "/user_name_change_requests/:id.json",
    auth: "member",
    item: UserNameChangeRequest
  })
} as const

// `search` and `stream` build their function on each call (the builders only capture the route) rather than
// when the module loads: the blacklist loads this module for `me`, and a top-level call would keep the paging
// machinery live in every bundle that can load the blacklist, inside the chunk it shares with the search.
/**
 * One page of users (`GET /users.json`, public fields only; newest first unless `order` is given).
 *
 * @category Search
 * @function
 * @since 0.1.0
 */
export const search: Paging.SearchFunction<UserSearch, User.User> = (params) => Endpoint.search(routes.search)(params)

/**
 * Every user matching a search, as a `Stream` (`b<id>` cursors unless `order` is a non-id order).
 *
 * @category Stream
 * @function
 * @since 0.1.0
 */
export const stream: Paging.StreamFunction<UserSearch, User.User> = (params) => Endpoint.stream(routes.search)(params)

/** The `:idOrName` path segment: a checked id, or a checked and encoded name. */
const userKey = (field: string, idOrName: number | string): Effect.Effect<number | string, E621Error> => {
  if (typeof idOrName === "number") return Params.id(field, idOrName)
  return Params.text(field, idOrName, { max: 100 }).pipe(
    Effect.flatMap((name) => Params.segment(field, name.trim()))
  )
}

/**
 * One user by id or by name (`GET /users/:id_or_name.json`; names are case-insensitive; a name made only
 * of digits is read as an id by e621). Includes the full fields (counts, profile); the private settings
 * appear only when it is the caller's own record — use {@link me} for those.
 *
 * @category Read
 * @since 0.1.0
 */
export const get = (idOrName: number | string): Effect.Effect<User.UserFull, E621Error, E621Client.E621Client> =>
  Effect.flatMap(userKey("idOrName", idOrName), (key) => Endpoint.call(routes.get, { path: { idOrName: key } }))

/**
 * The caller's own record with its private settings (`GET /users/me.json`, since Feb 2026):
 * `blacklisted_tags`, `per_page`, `enable_safe_mode`, `api_burst_limit`, `remaining_api_limit`, … Without
 * credentials e621 answers a placeholder (`id: null`, name `"Anonymous"`); test it with `User.isAnonymous`.
 *
 * @category Read
 * @since 0.1.0
 */
export const me: Effect.Effect<User.Me, E621Error, E621Client.E621Client> = Endpoint.call(routes.me)

/**
 * A user's upload allowance (`GET /users/:id/upload_limit.json`, logged-in callers only — 403 otherwise):
 * the full record, whose `upload_slots` (since July 2026; `upload_limit` before) is what is left.
 *
 * @category Read
 * @since 0.1.0
 */
export const uploadLimit = (
  idOrName: number | string
): Effect.Effect<User.UserFull, E621Error, E621Client.E621Client> =>
  Effect.flatMap(
    userKey("idOrName", idOrName),
    (key) => Endpoint.call(routes.uploadLimit, { path: { idOrName: key } })
  )

const settingsFields = (settings: Settings): Record<string, string> => {
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue
    if (key === "dmailFilterWords") {
      fields["user[dmail_filter_attributes][words]"] = String(value)
    } else if (key === "blacklistedTags") {
      fields["user[blacklisted_tags]"] = Array.isArray(value) ? value.join("\n") : String(value)
    } else {
      fields[`user[${Params.snakeCase(key)}]`] = value === null ? "" : String(value)
    }
  }
  return fields
}

/**
 * Changes the caller's own settings (`PATCH /users/:id.json`; e621 ignores the id and always edits the
 * logged-in user, so none is asked for and the request goes to `/users/me.json`). Answers 204 → `void`; a
 * failed validation (an unknown time zone, a too long blacklist) → `E621ValidationFailed`; anonymous →
 * `E621Forbidden`. Not counted by e621's write throttle. An empty patch is refused before sending.
 *
 * @category Write
 * @since 0.1.0
 */
export const update = (settings: Settings): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(Settings, settings, "settings")
    const fields = settingsFields(checked)
    if (Object.keys(fields).length === 0) return yield* invalidInput("settings", "must change at least one setting")
    yield* Endpoint.send(routes.update, { body: { _tag: "Form", fields } })
  })

/**
 * Which of the caller's own lists have entries — uploads, favourites, sets, comments, forum posts, blips
 * (`GET /users/avatar_menu.json`, logged-in callers only: 403 otherwise), as e621's account menu shows them.
 *
 * @category Read
 * @since 0.1.0
 */
export const avatarMenu: Effect.Effect<AvatarMenu, E621Error, E621Client.E621Client> = Endpoint.call(routes.avatarMenu)

/**
 * The tags e621's uploader offers the caller (`GET /users/upload_tags.json`, logged-in callers only): their
 * favourite tags, and the tags they added most in the last hour, each with post count and category.
 *
 * @category Read
 * @since 0.1.0
 */
export const uploadTags: Effect.Effect<UploadTags, E621Error, E621Client.E621Client> = Endpoint.call(routes.uploadTags)

/**
 * One user name change (`GET /user_name_change_requests/:id.json`, members): the caller's own, or any for
 * moderators (`E621Forbidden` otherwise). e621 applies a change when it is made; listing them all is
 * moderator work.
 *
 * @category Read
 * @function
 * @since 0.1.0
 */
export const nameChangeRequest: (
  id: number
) => Effect.Effect<UserNameChangeRequest, E621Error, E621Client.E621Client> = Endpoint.get(routes.nameChangeRequest)
