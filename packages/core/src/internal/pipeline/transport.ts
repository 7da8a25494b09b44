/**
 * The transport stage: the `HttpClient` in context, made safe for e621.
 *
 * - **No redirects**, whatever the HTTP layer: Node's clients do not follow them, and `fetch` (which does by
 *   default) is told not to through effect's `RequestInit` (the user's own init is kept otherwise). A 3xx is then
 *   classified (`internal/classify.ts`), never followed.
 * - **Browser mode** sends no tracing headers (they would make every request a CORS preflight), and `fetch` sends
 *   no cookies by default (`credentials: "omit"`, unless the user's own `RequestInit` asks for them): a
 *   userscript on e621's own origin would otherwise send the site's session along (answers as that user, CSRF
 *   failures on anonymous writes).
 *
 * @internal
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"

/** `http` with redirects never followed and, in browser mode, no trace propagation headers nor cookies. */
export const make = (http: HttpClient.HttpClient, browser: boolean): HttpClient.HttpClient => {
  const defaultInit: globalThis.RequestInit = browser ? { credentials: "omit" } : {}
  return HttpClient.transform(http, (effect) =>
    Effect.contextWith((context: Context.Context<never>) =>
      effect.pipe(Effect.provideService(FetchHttpClient.RequestInit, {
        ...defaultInit,
        ...Context.getOrUndefined(context, FetchHttpClient.RequestInit),
        redirect: "manual"
      }))
    ).pipe(browser ? Effect.provideService(HttpClient.TracerPropagationEnabled, false) : (self) => self))
}
