/**
 * DText: render e621's markup to HTML (`app/controllers/dtext_previews_controller.rb`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { DText } from "@effect-e621/core"
 *
 * const program = Effect.gen(function*() {
 *   const preview = yield* DText.preview("[b]Otters[/b] are {{otter|great}}")
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as E621Client from "../E621Client.ts"
import type { E621Error } from "../E621Error.ts"
import * as Endpoint from "../internal/endpoint.ts"
import * as Params from "../internal/params.ts"
import * as Route from "../Route.ts"
import { DTextPreview } from "../schemas/DTextPreview.ts"

/**
 * Options of {@link preview}.
 *
 * @category Types
 * @since 0.1.0
 */
export interface PreviewOptions {
  /** Allow `[color]` tags (as in wiki and artist pages; default false). */
  readonly allowColor?: boolean | undefined
}

const previewKeys = Params.keys<PreviewOptions>({ allowColor: true })

/**
 * The routes of DText rendering, each keyed by the function that calls it.
 *
 * @category Routes
 * @since 0.1.0
 */
export const routes = {
  preview: Route.make({ method: "POST", path: "/dtext_preview.json", auth: "none", idempotent: true, item: DTextPreview })
} as const

/**
 * Renders DText as e621 would (`POST /dtext_preview.json`): the HTML and the posts that `thumb #id`
 * references bring along. It is a POST without a login check, but Rails' CSRF protection refuses it unless
 * the request carries header credentials — anonymous clients get a 403 (`E621Forbidden`). Counts toward
 * the write throttle; safe to retry.
 *
 * @category Read
 * @since 0.1.0
 */
export const preview = (
  body: string,
  options: PreviewOptions = {}
): Effect.Effect<DTextPreview, E621Error, E621Client.E621Client> =>
  Effect.flatMap(
    Effect.andThen(Params.options(options, previewKeys), Params.text("body", body, { allowEmpty: true, max: 500_000 })),
    (text) =>
    Endpoint.call(routes.preview, {
      body: { _tag: "Form", fields: { body: text, allow_color: options.allowColor === true ? "true" : undefined } }
    }))
