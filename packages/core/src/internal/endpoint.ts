/**
 * The one interpreter behind every endpoint: send an `E621Client.Request`, normalise e621's envelope,
 * decode with a Schema, and turn a schema mismatch into `E621DecodeError`. Family modules only declare
 * routes with these helpers; quirks of single routes are named options here, never ad-hoc code there.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"
import * as Decoding from "../Decoding.ts"
import * as E621Client from "../E621Client.ts"
import { E621DecodeError, type E621Error, type E621InvalidInput, E621ValidationFailed } from "../E621Error.ts"
import type * as Paging from "../Paging.ts"
import * as Route from "../Route.ts"
import * as Post from "../schemas/Post.ts"
import * as Classify from "./classify.ts"
import * as Paginate from "./paginate.ts"
import * as Params from "./params.ts"

/** @internal */
export type Envelope = Route.Envelope
/** @internal */
export const none: Envelope = Route.none
/** @internal */
export const key = Route.key
/** @internal */
export const list = Route.list
/** @internal */
export const jsonString = Route.jsonString

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Removes the envelope; `undefined` when the body does not have the expected form. @internal */
export const unwrap = (envelope: Envelope, body: unknown): unknown => {
  switch (envelope._tag) {
    case "None":
      return body
    case "Key":
      return isRecord(body) && envelope.key in body ? body[envelope.key] : body
    case "List": {
      if (Array.isArray(body)) return body
      if (!isRecord(body)) return body
      if (envelope.key !== undefined && Array.isArray(body[envelope.key])) return body[envelope.key]
      const values = Object.values(body)
      return values.length === 1 && Array.isArray(values[0]) ? values[0] : body
    }
    case "JsonString": {
      const inner = isRecord(body) ? body[envelope.key] : undefined
      if (typeof inner !== "string") return inner ?? body
      try {
        return JSON.parse(inner)
      } catch {
        return inner
      }
    }
  }
}

type Decoder = (input: unknown) => Result.Result<unknown, Schema.SchemaError>
const decoders = new WeakMap<object, Decoder>()

/**
 * A cached synchronous decoder for a schema, built once and reused for every page. Response schemas are
 * compiled by effect's Schema JIT (`SchemaJITCompiler`), which brings parse + decode of a 320-post page close
 * to `JSON.parse` alone; where `new Function` is not allowed (strict CSP) effect falls back to the interpreter.
 *
 * @internal
 */
export const decoderFor = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S
): (input: unknown) => Result.Result<S["Type"], Schema.SchemaError> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    SchemaJITCompiler.enable(schema.ast)
    decoder = Schema.decodeUnknownResult(schema, { errors: "first" }) as Decoder
    decoders.set(schema, decoder)
  }
  return decoder as (input: unknown) => Result.Result<S["Type"], Schema.SchemaError>
}

/**
 * The payload as JSON text for an error excerpt. A hostile body (200,000 nested arrays) makes both
 * `JSON.stringify` and `String` overflow the stack; then only its first levels are shown, never a defect.
 */
const preview = (payload: unknown): string => {
  if (payload === undefined) return "(empty body)"
  try {
    return JSON.stringify(payload) ?? String(payload)
  } catch {
    return shallow(payload, 0)
  }
}

const shallow = (value: unknown, depth: number): string => {
  if (typeof value !== "object" || value === null) {
    try {
      return JSON.stringify(value) ?? String(value)
    } catch {
      return "…"
    }
  }
  if (depth >= 20) return "…"
  if (Array.isArray(value)) return `[${value.slice(0, 20).map((item: unknown) => shallow(item, depth + 1)).join(",")}…]`
  const entries = Object.entries(value).slice(0, 20)
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${shallow(item, depth + 1)}`).join(",")}…}`
}

/** `["flags"]["deleted"]`: where the first issue of a decode sits. */
const pathOf = (issue: SchemaIssue.Issue): string => {
  const keys: Array<PropertyKey> = []
  let current: SchemaIssue.Issue | undefined = issue
  while (current !== undefined) {
    switch (current._tag) {
      case "Pointer":
        keys.push(...current.path)
        current = current.issue
        break
      case "Filter":
      case "Encoding":
        current = current.issue
        break
      case "Composite":
        current = current.issues[0]
        break
      default:
        current = undefined
    }
  }
  return keys.map((key) => `[${typeof key === "symbol" ? String(key) : JSON.stringify(key)}]`).join("")
}

/**
 * How the list being decoded treats a rejected item: the client's options under the call's
 * `Decoding.Override`.
 *
 * @internal
 */
export interface Policy {
  readonly mode: Decoding.Mode
  readonly onRejected: Decoding.OnRejected | undefined
}

/** The policy in force: `Decoding.Override` over the client's settings. @internal */
export const policy = (settings: E621Client.Settings): Effect.Effect<Policy> =>
  Effect.map(Effect.service(Decoding.Override), (override) => ({
    mode: override.mode ?? settings.decoding,
    onRejected: override.onRejected ?? settings.onRejected
  }))

const idOf = (item: unknown): number | undefined => {
  const id = typeof item === "object" && item !== null ? (item as { readonly id?: unknown }).id : undefined
  return typeof id === "number" ? id : undefined
}

const rejectedItem = (
  error: Schema.SchemaError,
  response: { readonly url: string; readonly status: number },
  method: string,
  index: number,
  item: unknown
): E621DecodeError => {
  const issue = error.message
  const id = idOf(item)
  const path = pathOf(error.issue)
  const which = id === undefined ? `item ${index}` : `item ${index} (id ${id})`
  return new E621DecodeError({
    method,
    url: response.url,
    status: response.status,
    issue,
    excerpt: Classify.excerpt(preview(item).slice(0, 2000)),
    index,
    ...(id === undefined ? {} : { id }),
    path,
    message: `${method} ${response.url}: ${which} rejected at ${path || "its root"}: ${issue.split("\n")[0]}`
  })
}

/**
 * Decodes a list answer: the whole page at once with the compiled list schema (the fast path), and only when
 * that fails item by item. A payload that is not an array fails as a whole. Then, `strict`, the first rejected
 * item fails the call; `lenient`, every rejected item is logged with its id, given to `onRejected`, and left
 * as a hole (`undefined`) so the result stays aligned with the answer's items — unless no item decodes: that
 * is a changed answer, not an odd record, and fails with the first item's error in both modes.
 *
 * @internal
 */
export const decodeItems = <S extends Schema.ConstraintDecoder<unknown>>(
  item: S,
  response: { readonly url: string; readonly status: number },
  method: string,
  payload: unknown,
  policy: Policy
): Effect.Effect<ReadonlyArray<S["Type"] | undefined>, E621DecodeError> => {
  const whole = decoderFor(listOf(item))(payload)
  if (Result.isSuccess(whole)) return Effect.succeed(whole.success)
  if (!Array.isArray(payload)) return decode(listOf(item), response, method, payload)
  const decodeOne = decoderFor(item)
  // dense (no array holes): callers look at every index
  const items: Array<S["Type"] | undefined> = []
  const rejected: Array<E621DecodeError> = []
  for (let index = 0; index < payload.length; index++) {
    const result = decodeOne(payload[index])
    if (Result.isSuccess(result)) {
      items.push(result.success)
      continue
    }
    items.push(undefined)
    const error = rejectedItem(result.failure, response, method, index, payload[index])
    if (policy.mode === "strict") return Effect.fail(error)
    rejected.push(error)
  }
  // a list schema may reject what each item schema accepts (a length check on the list itself)
  if (rejected.length === 0) return decode(listOf(item), response, method, payload)
  // no item decodes: the answer changed shape (or the schema is wrong), not one odd record
  if (rejected.length === payload.length) return Effect.fail(rejected[0]!)
  const onRejected = policy.onRejected
  return Effect.as(
    Effect.forEach(rejected, (error) =>
      Effect.andThen(
        Effect.logWarning(`skipped an item e621 sent that the schema rejects: ${error.message}`).pipe(
          Effect.annotateLogs({ url: error.url ?? "", index: error.index ?? -1, id: error.id ?? "none", path: error.path ?? "" })
        ),
        onRejected === undefined ? Effect.void : onRejected(error)
      ), { discard: true }),
    items
  )
}

const present = <A>(items: ReadonlyArray<A | undefined>): ReadonlyArray<A> =>
  items.includes(undefined) ? items.filter((item): item is A => item !== undefined) : items as ReadonlyArray<A>

/**
 * A decoded list and how many items e621 sent (`size`, rejected ones included): whether a page was full,
 * and so whether there is a next one, is read from `size`, never from the decoded items.
 *
 * @internal
 */
export interface Sized<A> {
  readonly items: ReadonlyArray<A>
  readonly size: number
}

/**
 * Sends a request for a list and decodes it item by item where needed ({@link decodeItems}), under the
 * decoding policy of the client and the call.
 *
 * @internal
 */
export const jsonListSized = <S extends Schema.ConstraintDecoder<unknown>>(
  request: E621Client.Request,
  item: S,
  envelope: Envelope = list()
): Effect.Effect<Sized<S["Type"]>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.E621Client, (client) =>
    Effect.flatMap(client.execute(request), (response) =>
      Effect.flatMap(policy(client.settings), (policy) =>
        Effect.map(
          decodeItems(item, response, request.method, unwrap(envelope, response.body), policy),
          (items) => ({ items: present(items), size: items.length })
        ))))

const itemsOf = <A>(sized: Sized<A>): ReadonlyArray<A> => sized.items

/**
 * {@link jsonListSized}, the items only.
 *
 * @internal
 */
export const jsonList = <S extends Schema.ConstraintDecoder<unknown>>(
  request: E621Client.Request,
  item: S,
  envelope: Envelope = list()
): Effect.Effect<ReadonlyArray<S["Type"]>, E621Error, E621Client.E621Client> =>
  Effect.map(jsonListSized(request, item, envelope), itemsOf)

/** Decodes a payload, or fails with `E621DecodeError` carrying the schema issue and an excerpt. @internal */
export const decode = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  response: { readonly url: string; readonly status: number },
  method: string,
  payload: unknown
): Effect.Effect<S["Type"], E621DecodeError> => {
  const result = decoderFor(schema)(payload)
  if (Result.isSuccess(result)) return Effect.succeed(result.success)
  const issue = result.failure.message
  const text = preview(payload)
  return Effect.fail(
    new E621DecodeError({
      method,
      url: response.url,
      status: response.status,
      issue,
      excerpt: Classify.excerpt(text.slice(0, 2000)),
      message: `${method} ${response.url}: unexpected response shape: ${issue.split("\n").slice(0, 3).join(" ")}`
    })
  )
}

/**
 * Sends a request and decodes the payload.
 *
 * @internal
 */
export const json = <S extends Schema.ConstraintDecoder<unknown>>(
  request: E621Client.Request,
  schema: S,
  envelope: Envelope = none
): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.flatMap(
    E621Client.execute(request),
    (response) => decode(schema, response, request.method, unwrap(envelope, response.body))
  )

/**
 * Sends a request for a list and returns it undecoded: the ids read from the JSON and the decode still to run,
 * so a stream can ask for the next page before decoding this one (see `Paginate.streamRaw`).
 *
 * @internal
 */
export const jsonPage = <S extends Schema.ConstraintDecoder<unknown>>(
  request: E621Client.Request,
  item: S,
  envelope: Envelope = list()
): Effect.Effect<Paginate.RawPage<S["Type"], E621DecodeError, never>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.E621Client, (client) =>
    Effect.map(client.execute(request), (response) => {
      const payload = unwrap(envelope, response.body)
      return {
        ids: Paginate.idsOf(payload),
        // suspended: the page must be decoded by the stream's consumer, under the consumer's policy
        decode: Effect.flatMap(
          Effect.suspend(() => policy(client.settings)),
          (policy) => decodeItems(item, response, request.method, payload, policy)
        )
      }
    }))

/**
 * Sends a request whose success is an empty body (204) or a body the caller does not need.
 *
 * @internal
 */
export const empty = (request: E621Client.Request): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.asVoid(E621Client.execute(request))

/**
 * Fails with `E621ValidationFailed` for an answer that e621 sent with a success status but that carries a
 * failed validation (`errors`, `success:false`, `id: null`, or values that did not change); e621 sends those
 * from actions that render their own JSON.
 *
 * @internal
 */
export const rejected = (
  method: string,
  response: { readonly url: string; readonly status: number; readonly body: unknown }
): Effect.Effect<never, E621ValidationFailed> => {
  const explained = Classify.explain(response.body)
  const reason = explained?.reason ?? "e621 did not apply the change"
  return Effect.fail(
    new E621ValidationFailed({
      method,
      url: response.url,
      status: response.status,
      reason,
      errors: explained?.errors ?? { base: [reason] },
      message: `${method} ${response.url}: ${response.status} ${reason}`
    })
  )
}

const asV2 = (request: E621Client.Request): E621Client.Request => ({
  ...request,
  query: { ...request.query, v2: "true", mode: "extended" }
})

/**
 * The post-format quirk, handled once for every route that answers posts (`/posts`, `/favorites`,
 * `/popular`): in the client's `"v2"` format the request gets `v2=true&mode=extended` and the answer is
 * decoded with `PostV2` (the `v2` envelope); in `"legacy"` with `Post` (the `legacy` envelope). Both give
 * `Post`s; `read` is the interpreter function that sends and decodes.
 */
const inPostFormat = <A>(
  request: E621Client.Request,
  envelopes: { readonly v2: Envelope; readonly legacy: Envelope },
  read: (
    request: E621Client.Request,
    item: Schema.ConstraintDecoder<Post.Post>,
    envelope: Envelope
  ) => Effect.Effect<A, E621Error, E621Client.E621Client>
): Effect.Effect<A, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.settings, (settings) =>
    settings.postFormat === "v2"
      ? read(asV2(request), Post.PostV2, envelopes.v2)
      : read(request, Post.Post, envelopes.legacy))

const postLists = { v2: list(), legacy: list("posts") }

/**
 * A list of posts (see {@link inPostFormat}): `{"posts":[…]}` in the legacy format, an array in v2.
 *
 * @internal
 */
export const postList = (
  request: E621Client.Request
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> => Effect.map(postListSized(request), itemsOf)

/**
 * {@link postList} with the number of posts e621 sent (see {@link Sized}).
 *
 * @internal
 */
export const postListSized = (
  request: E621Client.Request
): Effect.Effect<Sized<Post.Post>, E621Error, E621Client.E621Client> => inPostFormat(request, postLists, jsonListSized)

/**
 * {@link postList}, undecoded, for streams (see {@link jsonPage}).
 *
 * @internal
 */
export const postPage = (
  request: E621Client.Request
): Effect.Effect<Paginate.RawPage<Post.Post, E621DecodeError, never>, E621Error, E621Client.E621Client> =>
  inPostFormat(request, postLists, jsonPage)

/**
 * One post (`/posts/:id`, `/posts/random`, `?md5=`, `PATCH`), under `post` in both formats (see
 * {@link inPostFormat}).
 *
 * @internal
 */
export const postOne = (
  request: E621Client.Request
): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  inPostFormat(request, { v2: key("post"), legacy: key("post") }, json)

// ---------------------------------------------------------------------------------------------------------
// Declarations: a family file states its routes with these, the interpreter above does the rest
// ---------------------------------------------------------------------------------------------------------

/** Paging parameters of a one-page `search` (public in `Paging.ts`). @internal */
export type PageParams = Paging.PageParams

/** Parameters of a `stream` (public in `Paging.ts`). @internal */
export type StreamParams = Paging.StreamParams

/**
 * A list route: path, the search-field schema (camelCase keys, encoded to `search[snake_case]`; unknown keys
 * are a compile error and refused at run time too, since strict e621 controllers answer them with 403), the
 * item schema, and the envelope (default: array, or the empty-list quirk). See `Route.Route`.
 *
 * @internal
 */
export interface ListSpec<P, S extends Schema.ConstraintDecoder<unknown>> extends Route.Route<P, unknown, S["Type"]> {
  readonly search: Schema.ConstraintDecoder<P>
  readonly item: S
}

/**
 * The request a route sends: its method, its path template filled with `path` (values already checked by the
 * caller), its fixed query with `search` (fields of the route's search schema, sent as `search[snake_case]`)
 * and `query`, `body`, and its bucket and idempotence.
 *
 * @internal
 */
export const request = (
  route: Route.Route,
  parts: {
    readonly path?: Readonly<Record<string, string | number>> | undefined
    readonly search?: Readonly<Record<string, unknown>> | undefined
    readonly query?: E621Client.Query | undefined
    readonly body?: E621Client.Body | undefined
  } = {}
): E621Client.Request => ({
  method: route.method,
  path: parts.path === undefined ? route.path : Route.fill(route.path, parts.path),
  ...(route.query === undefined && parts.query === undefined && parts.search === undefined
    ? {}
    : { query: Params.query(route.query, parts.search === undefined ? undefined : Params.encode("search", parts.search), parts.query) }),
  ...(parts.body === undefined ? {} : { body: parts.body }),
  ...(route.bucket === undefined ? {} : { bucket: route.bucket }),
  ...(route.idempotent === undefined ? {} : { idempotent: route.idempotent })
})

/**
 * Sends a route's request and decodes its answer with the route's `item` and envelope.
 *
 * @internal
 */
export const call = <S extends Schema.ConstraintDecoder<unknown>>(
  route: Route.Route & { readonly item: S },
  parts?: Parameters<typeof request>[1]
): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  json(request(route, parts), route.item, route.envelope ?? none)

/**
 * Sends a route's request and decodes its answer as a list of the route's `item`.
 *
 * @internal
 */
export const callList = <S extends Schema.ConstraintDecoder<unknown>>(
  route: Route.Route & { readonly item: S },
  parts?: Parameters<typeof request>[1]
): Effect.Effect<ReadonlyArray<S["Type"]>, E621Error, E621Client.E621Client> =>
  jsonList(request(route, parts), route.item, route.envelope ?? list())

/**
 * Sends a route's request; the answer's body is not needed.
 *
 * @internal
 */
export const send = (
  route: Route.Route,
  parts?: Parameters<typeof request>[1]
): Effect.Effect<void, E621Error, E621Client.E621Client> => empty(request(route, parts))

const listSchemas = new WeakMap<object, Schema.ConstraintDecoder<unknown>>()

const listOf = <S extends Schema.ConstraintDecoder<unknown>>(item: S): Schema.ConstraintDecoder<ReadonlyArray<S["Type"]>> => {
  let schema = listSchemas.get(item)
  if (schema === undefined) {
    schema = Schema.Array(item as unknown as Schema.Top) as unknown as Schema.ConstraintDecoder<unknown>
    listSchemas.set(item, schema)
  }
  return schema as Schema.ConstraintDecoder<ReadonlyArray<S["Type"]>>
}

/** The paging keys of a one-page `search`, and of a `stream`. */
const searchPaging = Params.searchPagingKeys
const streamPaging = Params.streamPagingKeys

/**
 * Takes the paging keys out of a list call's parameters and checks the rest against the search schema, so
 * that an unknown key — a typo, or `pageSize` given to `search` — is refused naming the nearest known one.
 */
const splitPaging = <P>(
  spec: ListSpec<P, Schema.ConstraintDecoder<unknown>>,
  params: unknown,
  paging: ReadonlyArray<string>
): Effect.Effect<{ readonly paging: PageParams & StreamParams; readonly search: Record<string, unknown> }, E621InvalidInput> =>
  Effect.gen(function*() {
    if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
      yield* Params.options(params, [...(Params.keysOf(spec.search.ast) ?? []), ...paging])
    }
    yield* Params.pagingOf(params, paging === searchPaging ? "search" : "stream")
    const taken: Record<string, unknown> = {}
    const rest: Record<PropertyKey, unknown> = {}
    // every own key (symbols and non-enumerable ones too), so the search check sees what it must refuse
    const given = (params ?? {}) as Record<PropertyKey, unknown>
    for (const key of Reflect.ownKeys(given)) {
      if (typeof key === "string" && paging.includes(key)) taken[key] = given[key]
      else rest[key] = given[key]
    }
    const search = yield* Params.check(spec.search, rest, "search", { also: paging })
    return { paging: taken as PageParams & StreamParams, search: search as Record<string, unknown> }
  })

const listRequest = <P, S extends Schema.ConstraintDecoder<unknown>>(
  spec: ListSpec<P, S>,
  search: Readonly<Record<string, unknown>>,
  limit: number | undefined,
  page: string | undefined
): E621Client.Request => ({
  method: "GET",
  path: spec.path,
  query: Params.query(
    spec.query,
    Params.encode("search", spec.encodeSearch === undefined ? search : spec.encodeSearch(search as P)),
    { limit, page }
  ),
  bucket: spec.bucket
})

const listPage = <P, S extends Schema.ConstraintDecoder<unknown>>(
  spec: ListSpec<P, S>,
  search: Readonly<Record<string, unknown>>,
  limit: number | undefined,
  page: string | undefined
) => jsonListSized(listRequest(spec, search, limit, page), spec.item, spec.envelope ?? list())

const listRawPage = <P, S extends Schema.ConstraintDecoder<unknown>>(
  spec: ListSpec<P, S>,
  search: Readonly<Record<string, unknown>>,
  limit: number | undefined,
  page: string | undefined
) =>
  jsonPage(listRequest(spec, search, limit, page), spec.item, spec.envelope ?? list())

/**
 * One page of a list route.
 *
 * @internal
 */
export const search = <P, S extends Schema.ConstraintDecoder<unknown>>(spec: ListSpec<P, S>) => {
  const sized = searchSized(spec)
  return (params: P & PageParams = {} as P & PageParams): Effect.Effect<ReadonlyArray<S["Type"]>, E621Error, E621Client.E621Client> =>
    Effect.map(sized(params), itemsOf)
}

/**
 * {@link search} with the number of items e621 sent (see {@link Sized}), for walks that page by themselves.
 *
 * @internal
 */
export const searchSized = <P, S extends Schema.ConstraintDecoder<unknown>>(spec: ListSpec<P, S>) =>
(
  params: P & PageParams = {} as P & PageParams
): Effect.Effect<Sized<S["Type"]>, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const { paging, search: checked } = yield* splitPaging(spec, params, searchPaging)
    const limit = yield* Params.limit(paging.limit, { max: spec.maxLimit ?? Params.maxLimit })
    const page = yield* Params.page(paging.page, { max: spec.maxPage ?? Params.maxPage })
    return yield* listPage(spec, checked as Record<string, unknown>, limit, page)
  })

const defaultIdOrdered = (search: unknown): boolean => {
  const order = (search as { readonly order?: unknown }).order
  return order === undefined || order === "id" || order === "id_desc" || order === "id_asc"
}

/**
 * Every item of a list route as a `Stream`: `b<id>` cursors (no cap, no duplicates, newest first) unless the
 * search asks for an order that is not by id, then numbered pages up to the cap.
 *
 * @internal
 */
export const stream = <P, S extends Schema.ConstraintDecoder<unknown>>(spec: ListSpec<P, S>) =>
(
  params: P & StreamParams = {} as P & StreamParams
): Stream.Stream<S["Type"], E621Error, E621Client.E621Client> =>
  Stream.unwrap(Effect.gen(function*() {
    const { paging, search: checked } = yield* splitPaging(spec, params, streamPaging)
    const checkedPaging = yield* Params.streamPaging(paging, spec.maxLimit ?? Params.maxLimit)
    const cursor = (spec.idOrdered ?? defaultIdOrdered)(checked as P)
    return Paginate.streamRaw(
      (page, limit) => listRawPage(spec, checked as Record<string, unknown>, limit, page),
      { ...checkedPaging, path: spec.path, mode: cursor ? "cursor" : "numbered", cursorFromStart: true, maxPage: spec.maxPage }
    )
  }))

/**
 * A route that reads one record by id (`GET /things/:id.json`).
 *
 * @internal
 */
export const get = <S extends Schema.ConstraintDecoder<unknown>>(route: Route.Route & { readonly item: S }) =>
(id: number): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("id", id), (id) => call(route, { path: { id } }))

/**
 * A write whose input is checked against `body` and sent as `root[snake_key]` form fields.
 *
 * @internal
 */
export interface WriteSpec<I> extends Route.Route<unknown, I> {
  readonly body: Schema.ConstraintDecoder<I>
}

const writeRequest = <I>(route: WriteSpec<I>, path: Readonly<Record<string, number>> | undefined, input: I) =>
  Effect.map(Params.check(route.body, input, route.root ?? "input"), (checked): E621Client.Request =>
    request(route, {
      path,
      body: { _tag: "Form", fields: Params.encode(route.root, checked as Record<string, unknown>, { arrays: route.arrays }) }
    }))

/**
 * A write to a fixed path that answers with a record (`POST /pools.json` → 201 + pool).
 *
 * @internal
 */
export const create = <I, S extends Schema.ConstraintDecoder<unknown>>(route: WriteSpec<I> & { readonly item: S }) =>
(input: I): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.flatMap(writeRequest(route, undefined, input), (request) => json(request, route.item, route.envelope ?? none))

/**
 * A write to one record (`PATCH /pools/:id.json`) that answers 204: resolves to `void`. A patch without a
 * value to send is refused before any request (`Params.changes`, field `patch`).
 *
 * @internal
 */
export const update = <I>(route: WriteSpec<I>) =>
(id: number, input: I): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    const request = yield* writeRequest(route, { id: checkedId }, input)
    if (request.body?._tag === "Form") yield* Params.changes("patch", request.body.fields)
    yield* empty(request)
  })

/**
 * How a write's checked input becomes form fields, where the plain `root[snake_key]` encoding does not do
 * (`artist[url_string]`, `wiki_page[featured_posts_string]`): `field` names the input in error messages
 * (`"input"` for a create, `"patch"` for an update).
 *
 * @internal
 */
export type FormFields<I> = (input: I, field: string) => Effect.Effect<E621Client.Query, E621InvalidInput>

/**
 * {@link create} with the form fields built by `fields` from the input checked against the route's `body`
 * (field `input`).
 *
 * @internal
 */
export const createWith = <I, S extends Schema.ConstraintDecoder<unknown>>(
  route: WriteSpec<I> & { readonly item: S },
  fields: FormFields<I>
) =>
(input: I): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.check(route.body, input, "input")
    return yield* call(route, { body: { _tag: "Form", fields: yield* fields(checked, "input") } })
  })

/**
 * {@link update} with the form fields built by `fields` from the patch checked against the route's `body`
 * (field `patch`; `fields` refuses an empty patch where it must): resolves to `void`.
 *
 * @internal
 */
export const updateWith = <I>(route: WriteSpec<I>, fields: FormFields<I>) =>
(id: number, patch: I): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    const checked = yield* Params.check(route.body, patch, "patch")
    yield* send(route, { path: { id: checkedId }, body: { _tag: "Form", fields: yield* fields(checked, "patch") } })
  })

/**
 * A body-less action on one record (`DELETE /pools/:id.json`, `PUT /forum_topics/:id/subscribe.json`):
 * resolves to `void`.
 *
 * @internal
 */
export const action = (route: Route.Route) => (id: number): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.flatMap(Params.id("id", id), (id) => send(route, { path: { id } }))

/**
 * A revert to one of a record's versions (`PUT /pools/:id/revert.json` with `version_id`): both ids checked
 * (`id`, `versionId`), resolves to `void` (e621 answers 204; a version of another record is a 404).
 *
 * @internal
 */
export const revert = (route: Route.Route) =>
(id: number, versionId: number): Effect.Effect<void, E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checkedId = yield* Params.id("id", id)
    const version = yield* Params.id("versionId", versionId)
    yield* send(route, { path: { id: checkedId }, body: { _tag: "Form", fields: { version_id: version } } })
  })

/**
 * Hiding one record (`POST /forum_posts/:id/hide.json`, …): answers the record, which must now be hidden —
 * one that is not is `E621ValidationFailed` (e621 renders the record even when the save failed). Safe to
 * repeat (declare the route `idempotent`).
 *
 * @internal
 */
export const hide = <S extends Schema.ConstraintDecoder<{ readonly is_hidden: boolean }>>(
  route: Route.Route & { readonly item: S }
) =>
(id: number): Effect.Effect<S["Type"], E621Error, E621Client.E621Client> =>
  Effect.gen(function*() {
    const checked = yield* Params.id("id", id)
    const req = request(route, { path: { id: checked } })
    const record = yield* json(req, route.item, route.envelope ?? none)
    if (record.is_hidden !== true) {
      return yield* rejected(req.method, { status: 200, url: req.path, body: { errors: { base: ["the record is still visible"] } } })
    }
    return record
  })
