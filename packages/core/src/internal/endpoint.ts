/**
 * The one interpreter behind every endpoint: send an `E621Client.Request`, normalise e621's envelope,
 * decode with a Schema, and turn a schema mismatch into `E621DecodeError`. Family modules only declare
 * routes with these helpers; quirks of single routes are named options here, never ad-hoc code there.
 *
 * @internal
 */
import { Effect, Result, Schema } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import * as E621Client from "../E621Client.ts"
import { E621DecodeError, type E621Error, E621ValidationFailed } from "../E621Error.ts"
import * as Post from "../schemas/Post.ts"
import * as Classify from "./classify.ts"

/**
 * How the payload sits in the body:
 * - `none`: the body is the payload;
 * - `{ key }`: e621 wraps it (`{"post":{…}}`); a body without the key is taken as is (v2 / `only=` answers);
 * - `list`: an array, or the pre-2025 empty-list quirk — an object whose single value is an array
 *   (`{"post_flags":[]}`), or an explicit wrapper key (`{"posts":[…]}`);
 * - `jsonString: key`: the payload is a JSON string inside the key (notes create/update).
 *
 * @internal
 */
export type Envelope =
  | { readonly _tag: "None" }
  | { readonly _tag: "Key"; readonly key: string }
  | { readonly _tag: "List"; readonly key?: string | undefined }
  | { readonly _tag: "JsonString"; readonly key: string }

/** @internal */
export const none: Envelope = { _tag: "None" }
/** @internal */
export const key = (key: string): Envelope => ({ _tag: "Key", key })
/** @internal */
export const list = (key?: string): Envelope => ({ _tag: "List", key })
/** @internal */
export const jsonString = (key: string): Envelope => ({ _tag: "JsonString", key })

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
  let text: string
  try {
    text = JSON.stringify(payload) ?? String(payload)
  } catch {
    text = String(payload)
  }
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

const legacyList = Schema.Array(Post.Post)
const v2List = Schema.Array(Post.PostV2)

const asV2 = (request: E621Client.Request): E621Client.Request => ({
  ...request,
  query: { ...request.query, v2: "true", mode: "extended" }
})

/**
 * The post-format quirk, handled once for every route that answers with a list of posts (`/posts`,
 * `/favorites`, `/popular`): in the client's `"v2"` format the request gets `v2=true&mode=extended` and the
 * unwrapped answer is decoded with `PostV2`; in `"legacy"` the `{"posts":[…]}` answer with `Post`. Both give
 * `Post`s.
 *
 * @internal
 */
export const postList = (
  request: E621Client.Request
): Effect.Effect<ReadonlyArray<Post.Post>, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.settings, (settings) =>
    settings.postFormat === "v2"
      ? json(asV2(request), v2List, list())
      : json(request, legacyList, list("posts")))

/**
 * {@link postList} for routes that answer with one post (`/posts/:id`, `/posts/random`, `?md5=`, `PATCH`).
 *
 * @internal
 */
export const postOne = (
  request: E621Client.Request
): Effect.Effect<Post.Post, E621Error, E621Client.E621Client> =>
  Effect.flatMap(E621Client.settings, (settings) =>
    settings.postFormat === "v2"
      ? json(asV2(request), Post.PostV2, key("post"))
      : json(request, Post.Post, key("post")))
