/**
 * Removes the client's own credentials from everything it builds out of an answer. A server (or a proxy, or an
 * error page) that echoes the request back — the `Authorization` header, the login — would otherwise put the
 * API key into an error's `reason`, `message`, `excerpt`, `issue` or `errors`, and from there into logs and
 * `Cause.pretty`. The client knows the key, so it looks for it in every obvious encoding and replaces it.
 *
 * @internal
 */

/** What replaces a secret. @internal */
export const redacted = "<redacted>"

/** @internal */
export interface Scrubber {
  /** Whether `text` holds a secret in any of the forms looked for. */
  readonly test: (text: string) => boolean
  /** `text` with every form of every secret replaced by {@link redacted}. */
  readonly text: (text: string) => string
  /** A parsed JSON value with every string (and key) scrubbed; the value itself when nothing is found. */
  readonly value: (value: unknown) => unknown
  /** An error (any object with string fields) with its fields and message scrubbed; itself when clean. */
  readonly error: <E extends object>(error: E) => E
}

/** The scrubber of an anonymous client: nothing to hide. @internal */
export const none: Scrubber = { test: () => false, text: (text) => text, value: (value) => value, error: (error) => error }

const utf8 = new TextEncoder()

const base64 = (text: string): string => {
  let binary = ""
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

const hex = (text: string): string => Array.from(utf8.encode(text), (byte) => byte.toString(16).padStart(2, "0")).join("")

/** Percent-encoding of every byte that is not unreserved, in upper and lower case hex, and form-encoding. */
const percentForms = (text: string): ReadonlyArray<string> => {
  const upper = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return [upper, upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), encodeURIComponent(text)]
}

/** The text as a JSON string body (`/` may be escaped as `\/`), and HTML-escaped. */
const escapedForms = (text: string): ReadonlyArray<string> => {
  const json = JSON.stringify(text).slice(1, -1)
  return [json, json.replaceAll("/", "\\/"), text.replace(/[&<>"'/=+]/g, (c) => `&#${c.charCodeAt(0)};`), text.replace(/[&<>"'/=+]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)]
}

/** Shortest encoded form looked for. */
const minimumForm = 8

/**
 * Every form of the credentials looked for: the key; `user:key`; their base64 (with and without padding,
 * and base64url) — the Basic-auth header; the key's own base64 and hex; and each of those percent-encoded,
 * JSON-escaped or HTML-escaped.
 */
const forms = (username: string, apiKey: string): ReadonlyArray<string> => {
  const pair = `${username}:${apiKey}`
  const encoded = [base64(pair), base64(apiKey)]
  const bases = [
    apiKey,
    pair,
    ...encoded,
    ...encoded.map((b) => b.replace(/=+$/, "")),
    ...encoded.map((b) => b.replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_")),
    hex(apiKey),
    hex(apiKey).toUpperCase()
  ]
  const all = new Set<string>()
  for (const base of bases) for (const form of [base, ...percentForms(base), ...escapedForms(base)]) all.add(form)
  // the key itself always; its encodings only when long enough to be told from ordinary text (a real key is 24
  // characters; the hex or base64 of a toy key such as "k" would be "6b" or "aw")
  return [...all].filter((form) => form === apiKey ? form !== "" : form.length >= minimumForm)
}


const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * The scrubber for a user name and API key. Longer forms are matched first, so `user:key` is replaced whole
 * rather than leaving the user name next to a redacted key.
 *
 * @internal
 */
export const make = (username: string, apiKey: string): Scrubber => {
  const needles = [...forms(username, apiKey)].sort((a, b) => b.length - a.length)
  const pattern = new RegExp(needles.map(escapeRegExp).join("|"), "g")
  const test = (text: string): boolean => {
    pattern.lastIndex = 0
    return pattern.test(text)
  }
  const text = (input: string): string => (test(input) ? input.replace(pattern, redacted) : input)
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === "string") return text(input)
    if (typeof input !== "object" || input === null || depth > 64) return input
    if (Array.isArray(input)) return input.map((item: unknown) => value(item, depth + 1))
    return Object.fromEntries(Object.entries(input).map(([key, item]) => [text(key), value(item, depth + 1)]))
  }
  const error = <E extends object>(input: E): E => {
    const fields = Object.entries(input)
    const message = (input as { readonly message?: unknown }).message
    const dirty = (typeof message === "string" && test(message)) ||
      fields.some(([, field]) => typeof field === "string" ? test(field) : typeof field === "object" && field !== null && test(JSON.stringify(field)))
    if (!dirty) return input
    const props: Record<string, unknown> = {}
    for (const [key, field] of fields) if (key !== "_tag") props[key] = value(field)
    if (typeof message === "string") props.message = text(message)
    const Constructor = input.constructor as new(props: Record<string, unknown>) => E
    return new Constructor(props)
  }
  return { test, text, value: (input) => value(input), error }
}
