/**
 * The authorise stage: who is asking.
 *
 * - **Identification**: e621 requires a descriptive `User-Agent` (validated when the layer is built). In
 *   **browser mode**, which cannot set that header, API requests carry it as e621's `_client` query parameter
 *   instead, and files (static hosts, which read no `_client`) carry nothing.
 * - **Basic auth** from the `Redacted` credentials, on API requests only: files never carry credentials,
 *   whatever their host. The key stays a `Redacted` in the request, so effect redacts the `Authorization`
 *   header wherever the request is inspected, logged or serialised.
 *
 * Both are `HttpClient.mapRequestInput` stages: the request is authorised before any preprocessing of the
 * `HttpClient` in context, and before a user's `transformClient` stage, which therefore sees it as it is sent.
 *
 * @internal
 */
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Redacted from "effect/Redacted"
import * as Browser from "../browser.ts"

/** The resolved identity of a client: its identification, browser mode and credentials. */
export interface Identity {
  readonly userAgent: string
  readonly browser: boolean
  readonly credentials?: { readonly username: string; readonly apiKey: Redacted.Redacted<string> } | undefined
}

/** An API request with its identification (`User-Agent`, or `_client` in browser mode). */
export const identifyApi = (identity: Identity) => (request: HttpClientRequest.HttpClientRequest): HttpClientRequest.HttpClientRequest =>
  identity.browser
    ? HttpClientRequest.setUrlParam(request, Browser.clientParam, identity.userAgent)
    : HttpClientRequest.setHeader(request, "user-agent", identity.userAgent)

/** A file request with its identification (`User-Agent`; nothing in browser mode). */
export const identifyFile = (identity: Identity) => (request: HttpClientRequest.HttpClientRequest): HttpClientRequest.HttpClientRequest =>
  identity.browser ? request : HttpClientRequest.setHeader(request, "user-agent", identity.userAgent)

/** The stage of API requests: identification, then Basic auth when there are credentials. */
export const api = (identity: Identity) => <E, R>(client: HttpClient.HttpClient.With<E, R>): HttpClient.HttpClient.With<E, R> => {
  const identify = identifyApi(identity)
  const credentials = identity.credentials
  return HttpClient.mapRequestInput(
    client,
    credentials === undefined
      ? identify
      : (request) => HttpClientRequest.basicAuth(identify(request), credentials.username, credentials.apiKey)
  )
}

/** The stage of file requests: identification only, never credentials. */
export const file = (identity: Identity) => <E, R>(client: HttpClient.HttpClient.With<E, R>): HttpClient.HttpClient.With<E, R> =>
  HttpClient.mapRequestInput(client, identifyFile(identity))
