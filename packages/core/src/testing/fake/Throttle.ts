/**
 * e621's per-action limits (`User::LimitMethods.create_user_throttle`, with the repository's default values):
 * an action is refused when the user already did it `limit` times in the window, or when the account is
 * younger than the minimum age, unless the user's level bypasses the limit. Counted on the fake's clock, from
 * the fake's own records: post, pool, note, wiki and artist versions, pools, comments, blips, forum posts,
 * flags, tag relationship requests.
 *
 * @since 0.1.0
 */
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"

/**
 * One limit: `limit` actions per `window` milliseconds, waived from level `bypass` (none when `undefined`),
 * refused to accounts younger than `newbieDays`.
 *
 * @since 0.1.0
 */
export interface Throttle {
  readonly limit: number
  readonly window: number
  readonly bypass: FakeData.Level | undefined
  readonly newbieDays: number | undefined
}

const HOUR = 3_600_000

const DAY = 86_400_000

/**
 * Whether an account is younger than `days` at the fake's time `now` (accounts dated after `now` count as
 * old, so a TestClock at 1970 does not make every account new).
 *
 * @since 0.1.0
 */
export const younger = (user: FakeData.User, now: number, days: number): boolean => {
  const age = now - Date.parse(user.created_at)
  return age >= 0 && age < days * DAY
}

/** Post edits, reverts and note copies (`post_edit_limit`): 150 an hour, Privileged and above exempt. @since 0.1.0 */
export const postEdit: Throttle = { limit: 150, window: HOUR, bypass: "Privileged", newbieDays: 7 }

/** Comments (`member_comment_limit`): 15 an hour, Privileged and above exempt. @since 0.1.0 */
export const comment: Throttle = { limit: 15, window: HOUR, bypass: "Privileged", newbieDays: 7 }

/** Blips (`blip_limit`): 25 an hour, Privileged and above exempt. @since 0.1.0 */
export const blip: Throttle = { limit: 25, window: HOUR, bypass: "Privileged", newbieDays: 3 }

/** Forum posts (`member_comment_limit`): 15 an hour, nobody exempt. @since 0.1.0 */
export const forumPost: Throttle = { limit: 15, window: HOUR, bypass: undefined, newbieDays: 3 }

/** Post flags (`post_flag_limit`): 20 an hour; approvers (here: Janitor and above) exempt. @since 0.1.0 */
export const postFlag: Throttle = { limit: 20, window: HOUR, bypass: "Janitor", newbieDays: 3 }

/** Pool creation (`pool_limit`): 5 an hour, staff exempt. @since 0.1.0 */
export const pool: Throttle = { limit: 5, window: HOUR, bypass: "Staff", newbieDays: 7 }

/** Pool edits of name, description, category or active flag (`pool_edit_limit`, every pool version counts): 10 an hour, staff exempt. @since 0.1.0 */
export const poolEdit: Throttle = { limit: 10, window: HOUR, bypass: "Staff", newbieDays: 3 }

/** Pools whose posts a user changed (`pool_post_edit_limit`, distinct pools): 30 an hour, Privileged and above exempt. @since 0.1.0 */
export const poolPostEdit: Throttle = { limit: 30, window: HOUR, bypass: "Privileged", newbieDays: 7 }

/** Note creations, edits, deletions and reverts (`note_edit_limit`, note versions): 50 an hour, Privileged and above exempt. @since 0.1.0 */
export const noteEdit: Throttle = { limit: 50, window: HOUR, bypass: "Privileged", newbieDays: 3 }

/** Wiki page edits (`wiki_edit_limit`, wiki page versions): 60 an hour, Privileged and above exempt. @since 0.1.0 */
export const wikiEdit: Throttle = { limit: 60, window: HOUR, bypass: "Privileged", newbieDays: 7 }

/** Artist edits (`artist_edit_limit`, artist versions): 25 an hour, Privileged and above exempt. @since 0.1.0 */
export const artistEdit: Throttle = { limit: 25, window: HOUR, bypass: "Privileged", newbieDays: 7 }

/** Alias and implication requests (`tag_suggestion_limit`, BURs counted too): 15 an hour, staff exempt. @since 0.1.0 */
export const suggestTag: Throttle = { limit: 15, window: HOUR, bypass: "Staff", newbieDays: 7 }

/**
 * Why `user` may not act now — e621's `User.throttle_reason` text ("reached the hourly limit for this action",
 * "can not yet perform this action. Account is too new") — or `undefined` when it may. `times` are the moments
 * of the user's earlier actions (ISO strings); only those inside the window up to `now` count.
 *
 * @since 0.1.0
 */
export const refusal = (
  throttle: Throttle,
  user: FakeData.User,
  now: number,
  times: Iterable<string>
): string | undefined => {
  if (throttle.bypass !== undefined && FakeContext.atLeast(user, throttle.bypass)) return undefined
  if (throttle.newbieDays !== undefined && younger(user, now, throttle.newbieDays)) {
    return "can not yet perform this action. Account is too new"
  }
  let recent = 0
  for (const time of times) {
    const at = Date.parse(time)
    if (at > now - throttle.window && at <= now) recent++
  }
  return recent >= throttle.limit ? "reached the hourly limit for this action" : undefined
}
