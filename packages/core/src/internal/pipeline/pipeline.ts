/**
 * The request path: named stages composed once per client and shared by API and file requests.
 *
 * From the network outwards, one attempt is
 *
 * 1. **transport** (`transport.ts`): the `HttpClient` in context, redirects never followed;
 * 2. **authorise** (`authorise.ts`): identification (`User-Agent` or `_client`) and, for API requests, Basic auth;
 * 3. the user's **`transformClient`** stage, if any: an `HttpClient` → `HttpClient` function (effect's
 *    `HttpClient.tap`, `tapRequest`, `mapRequest`, `transform`, …) that sees every attempt, API and file, as it
 *    is sent (with the `Authorization` header, which effect redacts wherever a request is logged or inspected),
 *    and its raw response;
 * 4. **body** (`body.ts`): the attempt's timeout, the body cap (API) or the deadlines (files);
 * 5. **classify** (`internal/classify.ts`): statuses, error bodies, HTML pages, redirects → tagged errors;
 * 6. **limit** (`limit.ts`): a token of every budget before the attempt, bucket pauses after it;
 *
 * then, around all attempts, **retry** (`retry.ts`), **scrub** (`internal/scrub.ts`: the credentials in every
 * form a server could echo them, out of every error) and **trace** (a span per call).
 *
 * Stages 1–3 are `HttpClient` stages (what a user stage plugs into); from 4 on, an attempt's result is an e621
 * answer (parsed JSON, or a bounded file stream) and its errors are `E621Error`s, so those stages are functions
 * over the attempt's `Effect`.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Redacted from "effect/Redacted"
import type * as BudgetStore from "../../BudgetStore.ts"
import type * as E621Client from "../../E621Client.ts"
import { describeValue, type E621Error, invalidInput, sanitizeUrl } from "../../E621Error.ts"
import * as Browser from "../browser.ts"
import * as Classify from "../classify.ts"
import * as Params from "../params.ts"
import * as Scrub from "../scrub.ts"
import * as Authorise from "./authorise.ts"
import * as Body from "./body.ts"
import * as Limit from "./limit.ts"
import * as Retry from "./retry.ts"

/** The resolved options the request path needs. */
export interface Config {
  readonly baseUrl: string
  readonly identity: Authorise.Identity
  readonly timeout: Duration.Duration
  readonly deadlines: Body.Deadlines
  readonly retry: E621Client.Retry | undefined
  readonly limit: Limit.Config
  readonly transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/** The two ways into the path. */
export interface Pipeline {
  readonly execute: (request: E621Client.Request) => Effect.Effect<E621Client.Response, E621Error>
  readonly fetchFile: (url: string) => Effect.Effect<E621Client.FileResponse, E621Error>
}

/** Composes the stages over `transport` (redirects off) and the budget `store`. */
export const make = (
  transport: HttpClient.HttpClient,
  store: BudgetStore.BudgetStore["Service"],
  config: Config
): Effect.Effect<Pipeline> =>
  Effect.gen(function*() {
    const { baseUrl, deadlines, timeout } = config
    const credentials = config.identity.credentials
    const user = config.transformClient ?? identity
    // API and file requests differ only in their authorise stage.
    const api = user(Authorise.api(config.identity)(transport))
    const files = user(Authorise.file(config.identity)(transport))
    const identifyApi = Authorise.identifyApi(config.identity)
    const scrub = credentials === undefined ? Scrub.none : Scrub.make(credentials.username, Redacted.value(credentials.apiKey))
    const limiter = yield* Limit.make(store, config.limit)
    const retry = Retry.stage(config.retry, config.limit.maxServerWait)
    const hostKey = new URL(baseUrl).host

    /** Steps 4–6 and the retries of one call; `answer` turns what the attempt read into the caller's value. */
    const attempts = <A>(
      call: Limit.Call & { readonly read: boolean },
      client: HttpClient.HttpClient,
      request: HttpClientRequest.HttpClientRequest,
      reader: Body.Reader,
      answer: (read: Body.Read) => Effect.Effect<A, E621Error>
    ): Effect.Effect<A, E621Error> =>
      client.execute(request).pipe(
        Effect.flatMap((response) => reader(response, call.context)),
        Body.timed(call.context, timeout),
        Effect.flatMap((read) => {
          limiter.observe(call.bucket, read.response.headers)
          return answer(read)
        }),
        limiter.around(call),
        retry(call.read),
        Effect.mapError(scrub.error)
      )

    const execute = (request: E621Client.Request): Effect.Effect<E621Client.Response, E621Error> => {
      if (!Params.isRoutePath(request.path)) {
        return Effect.fail(invalidInput("path", `${JSON.stringify(request.path)} is not a plain route path (no ., .., \\, ?, # or controls in it)`))
      }
      const httpRequest = buildRequest(baseUrl, request)
      // the URL as sent (with `_client` in browser mode; the User-Agent header does not change it)
      const url = scrub.text(sanitizeUrl(Classify.fullUrl(config.identity.browser ? identifyApi(httpRequest) : httpRequest)))
      const context = { method: request.method, url }
      const call = {
        context,
        bucket: request.bucket ?? (request.method === "GET" ? "read" : "write"),
        host: hostKey,
        read: request.method === "GET" || request.idempotent === true,
        preflighted: config.identity.browser && Browser.preflighted(request.method, credentials !== undefined)
      } as const
      return attempts(call, api, httpRequest, Body.api, ({ bytes, response }) =>
        Classify.response(context, response.status, response.headers, bytes, scrub)).pipe(
          credentials === undefined ? Effect.mapError(Classify.withoutCredentials) : identity,
          Effect.withSpan("E621Client.execute", { attributes: { "http.method": request.method, "url.full": url } })
        )
    }

    const fetchFile = (raw: string): Effect.Effect<E621Client.FileResponse, E621Error> =>
      Effect.mapError(Effect.suspend(() => openFile(raw)), scrub.error)

    const openFile = (raw: string): Effect.Effect<E621Client.FileResponse, E621Error> => {
      let target: URL
      try {
        target = new URL(raw, baseUrl + "/")
      } catch {
        return invalidInput("url", `must be a file URL like "https://static1.e621.net/data/…", got ${describeValue(raw)}`)
      }
      if (target.protocol !== "https:" && target.protocol !== "http:") {
        return invalidInput("url", `must be an https:// (or http://) URL, got ${describeValue(raw)}`)
      }
      if (target.username !== "" || target.password !== "") {
        return invalidInput("url", "file URLs must not carry credentials")
      }
      const url = scrub.text(sanitizeUrl(target))
      const context = { method: "GET", url }
      const call = { context, bucket: "files", host: target.host, read: true, preflighted: false } as const
      return attempts(call, files, HttpClientRequest.get(target.toString()), Body.file, ({ bytes, response }) =>
        Body.isSuccess(response.status)
          ? Effect.succeed({ url, ...Body.fileBody(response, context, deadlines, scrub) })
          : Classify.response(context, response.status, response.headers, bytes, scrub).pipe(
            Effect.andThen(Effect.fail(Body.bodyError(context, `unexpected status ${response.status}`)))
          )).pipe(Effect.withSpan("E621Client.fetchFile", { attributes: { "url.full": url } }))
    }

    return { execute, fetchFile }
  })

/** The request an endpoint described, before identification and authorisation. */
const buildRequest = (baseUrl: string, request: E621Client.Request): HttpClientRequest.HttpClientRequest => {
  let result = HttpClientRequest.make(request.method)(baseUrl + request.path, {
    urlParams: Classify.urlParams(request.query),
    acceptJson: true
  })
  if (request.body?._tag === "Form") {
    result = HttpClientRequest.bodyUrlParams(result, Classify.urlParams(request.body.fields))
  } else if (request.body?._tag === "Multipart") {
    result = HttpClientRequest.bodyFormData(result, request.body.data)
  }
  return result
}
