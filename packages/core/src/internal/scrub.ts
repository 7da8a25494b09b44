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

const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`

/** The text HTML-escaped, with decimal and hex character references. */
const htmlForms = (text: string): ReadonlyArray<string> => [
  text.replace(/[&<>"'/=+]/g, (c) => `&#${c.charCodeAt(0)};`),
  text.replace(/[&<>"'/=+]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)
]

/**
 * The text inside a JSON string as encoders write it: plain, `/` as `\/`, `<`, `>`, `&` as `\u003c`… (Rails),
 * everything beyond ASCII as `\uXXXX` (lower and upper case hex).
 */
const jsonForms = (text: string): ReadonlyArray<string> => {
  const json = JSON.stringify(text).slice(1, -1)
  const rails = json.replace(/[<>&]/g, unicodeEscape)
  const ascii = rails.replace(/[^\x00-\x7f]/g, unicodeEscape)
  return [json, json.replaceAll("/", "\\/"), rails, ascii, ascii.replace(/\\u([0-9a-f]{4})/g, (_, code: string) => `\\u${code.toUpperCase()}`)]
}

/** Shortest encoded form looked for. */
const minimumForm = 8

/**
 * Every form of the credentials looked for: the key; `user:key`; their base64 (with and without padding,
 * and base64url) — the Basic-auth header; the key's own base64 and hex; each of those as is, percent-encoded
 * or HTML-escaped, and each of these as written inside a JSON string.
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
  // each base, percent-encoded or HTML-escaped, and each of those as written inside a JSON string
  const all = new Set<string>()
  for (const base of bases) {
    for (const form of [base, ...percentForms(base), ...htmlForms(base)]) {
      all.add(form)
      for (const json of jsonForms(form)) all.add(json)
    }
  }
  // the key itself always; its encodings only when long enough to be told from ordinary text (a real key is 24
  // characters; the hex or base64 of a toy key such as "k" would be "6b" or "aw")
  return [...all].filter((form) => form === apiKey ? form !== "" : form.length >= minimumForm)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

interface Trie extends Map<string, Trie> {
  end?: boolean
}

/**
 * One regular expression matching any of `needles`, as a trie (`ab(?:c|d)` rather than `abc|abd`): at each
 * position of a page the engine rejects after a character or two instead of trying every needle, which keeps a
 * scan of a 1 MB page around a millisecond. Longer needles win at a shared start.
 */
const trieSource = (needles: ReadonlyArray<string>): string => {
  const root: Trie = new Map()
  for (const needle of needles) {
    let node = root
    for (const char of needle) {
      let next = node.get(char)
      if (next === undefined) node.set(char, next = new Map())
      node = next
    }
    node.end = true
  }
  const source = (node: Trie): string => {
    const branches = [...node].map(([char, next]) => escapeRegExp(char) + source(next))
    if (branches.length === 0) return ""
    const group = branches.length === 1 ? branches[0]! : `(?:${branches.join("|")})`
    return node.end === true ? `(?:${group})?` : group
  }
  return source(root)
}

/**
 * The scrubber for a user name and API key.
 *
 * @internal
 */
export const make = (username: string, apiKey: string): Scrubber => {
  const all = forms(username, apiKey)
  // detection: a form that holds another (`user:key` holds the key) is found through that one — fewer starts
  // to try on every page; replacement: every form, longest first, so `user:key` or a padded base64 go whole
  const needles: Array<string> = []
  for (const form of [...all].sort((a, b) => a.length - b.length)) {
    if (!needles.some((needle) => form.includes(needle))) needles.push(form)
  }
  const detect = new RegExp(trieSource(needles), "u")
  const replace = new RegExp(trieSource(all), "gu")
  const test = (text: string): boolean => detect.test(text)
  const text = (input: string): string => (test(input) ? input.replace(replace, redacted) : input)
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
