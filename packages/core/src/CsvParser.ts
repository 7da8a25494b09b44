/**
 * A streaming parser for the CSV that PostgreSQL's `COPY … TO STDOUT WITH CSV` writes, which is what e621's
 * database exports are: fields separated by `,`, records by `\n` (or `\r\n`), fields quoted with `"` when they
 * hold a delimiter, quote or newline (quotes doubled inside), and — PostgreSQL's convention — an **unquoted
 * empty field is NULL** while a quoted empty field `""` is the empty string.
 *
 * The parser is fed text chunks of any size (a record may span many chunks, a chunk many records) and keeps
 * only the record in progress, so memory stays constant whatever the file size. The record in progress is
 * bounded too: a field over `maxField` characters or a record over `maxRecord` (a quote never closed, a
 * corrupt file) fails with {@link ParseError} instead of growing until the process runs out of memory, and so
 * does a text that ends inside a quoted field.
 *
 * @since 0.1.0
 */
import { checkOptions, E621DecodeError, type E621InvalidInput, optionKeys } from "./E621Error.ts"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/**
 * One record: its fields, `null` for SQL NULL.
 *
 * @category Types
 * @since 0.1.0
 */
export type Record = ReadonlyArray<string | null>

/**
 * An incremental parser: `push` a chunk and get the records it completed; `end` flushes the last record.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Parser {
  /** Feeds the next chunk of text; answers the records completed by it (a record may span chunks). */
  readonly push: (chunk: string) => Array<Record>
  /** Ends the input; answers the last record if the text did not end with a newline. */
  readonly end: () => Array<Record>
}

/**
 * Size bounds of a parser, in characters. The defaults — 8 Mi per field, 32 Mi per record — are far above
 * anything e621 stores (the longest texts, wiki bodies and descriptions, are capped at a few hundred
 * thousand characters) and keep a broken file's record in progress under ~64 MiB of memory.
 *
 * @category Types
 * @since 0.1.0
 */
export interface Limits {
  readonly maxField?: number | undefined
  readonly maxRecord?: number | undefined
}

/**
 * The default {@link Limits}.
 *
 * @category Constants
 * @since 0.1.0
 */
export const defaultLimits = { maxField: 8 * 1024 * 1024, maxRecord: 32 * 1024 * 1024 } as const

/**
 * Thrown by `push` when a field or a record passes its bound, and by `end` when the text ends inside a quoted
 * field; {@link records} turns it into an `E621DecodeError`.
 *
 * @category Errors
 * @since 0.1.0
 */
export class ParseError extends Error {
  /** What went wrong: a field or a record over its bound, or a quote never closed. */
  readonly what: "field" | "record" | "quote"
  /** 1-based number of the record (header included) it happened in. */
  readonly record: number
  /** A parse failure: what, in which record, and the bound that was passed (for `field` and `record`). */
  constructor(what: "field" | "record" | "quote", record: number, max?: number) {
    super(
      what === "quote"
        ? `record ${record}: the text ends inside a quoted field (an unclosed quote or a cut file)`
        : `record ${record}: a ${what} is over ${max} characters (an unclosed quote or a corrupt file)`
    )
    this.what = what
    this.record = record
  }
}

/**
 * A fresh parser.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const make = (limits: Limits = {}): Parser => {
  const maxField = limits.maxField ?? defaultLimits.maxField
  const maxRecord = limits.maxRecord ?? defaultLimits.maxRecord
  let fields: Array<string | null> = []
  let field = ""
  let recordChars = 0 // characters of the record in progress
  let recordNumber = 1
  const grow = (text: string) => {
    field += text
    recordChars += text.length
    if (field.length > maxField) throw new ParseError("field", recordNumber, maxField)
    if (recordChars > maxRecord) throw new ParseError("record", recordNumber, maxRecord)
  }
  let quoted = false // the current field started with a quote
  let inQuotes = false // inside the quotes of the current field
  let quotePending = false // saw a quote inside quotes: either the closing one or the first of a doubled pair
  let fieldStarted = false
  let skipLf = false

  const endField = () => {
    fields.push(!quoted && field === "" ? null : field)
    field = ""
    quoted = false
    fieldStarted = false
  }

  const push = (chunk: string): Array<Record> => {
    const out: Array<Record> = []
    let i = 0
    const n = chunk.length
    while (i < n) {
      const c = chunk.charCodeAt(i)
      if (skipLf) {
        skipLf = false
        if (c === 10) {
          i++
          continue
        }
      }
      if (inQuotes) {
        if (quotePending) {
          quotePending = false
          if (c === 34) {
            grow("\"")
            i++
            continue
          }
          inQuotes = false
          // fall through: the character after the closing quote
        } else {
          // copy a run of ordinary characters at once
          const next = chunk.indexOf("\"", i)
          if (next < 0) {
            grow(chunk.slice(i))
            i = n
          } else {
            grow(chunk.slice(i, next))
            quotePending = true
            i = next + 1
          }
          continue
        }
      }
      if (c === 44) {
        endField()
        i++
      } else if (c === 10 || c === 13) {
        if (fieldStarted || fields.length > 0 || quoted) {
          endField()
          out.push(fields)
          fields = []
          recordChars = 0
          recordNumber++
        }
        if (c === 13) skipLf = true
        i++
      } else if (c === 34 && !fieldStarted) {
        quoted = true
        inQuotes = true
        fieldStarted = true
        i++
      } else {
        fieldStarted = true
        let j = i + 1
        while (j < n) {
          const d = chunk.charCodeAt(j)
          if (d === 44 || d === 10 || d === 13) break
          j++
        }
        grow(chunk.slice(i, j))
        i = j
      }
    }
    return out
  }

  const end = (): Array<Record> => {
    if (quotePending) {
      quotePending = false
      inQuotes = false
    }
    if (inQuotes) throw new ParseError("quote", recordNumber)
    if (fieldStarted || fields.length > 0 || quoted) {
      endField()
      const last = fields
      fields = []
      return [last]
    }
    return []
  }

  return { push, end }
}

/**
 * Parses a whole string (tests, small files); throws {@link ParseError} on a field over the default bounds or
 * an unclosed quote.
 *
 * @category Functions
 * @since 0.1.0
 */
export const parse = (text: string): Array<Record> => {
  const parser = make()
  return [...parser.push(text), ...parser.end()]
}

const isNonEmpty = <A>(records: Array<A>): records is [A, ...Array<A>] => records.length > 0

/**
 * Options of {@link records}: the {@link Limits}, and the URL named in errors.
 *
 * @category Types
 * @since 0.1.0
 */
export interface RecordsOptions extends Limits {
  /** The file's URL, named in `E621DecodeError`s. */
  readonly url?: string | undefined
}

const recordsKeys = optionKeys<RecordsOptions>({ maxField: true, maxRecord: true, url: true })

/**
 * Records from a stream of text chunks. The records completed by a pull of text are emitted together as one
 * chunk of the stream (not one inner stream per text chunk), which keeps the garbage young: memory stays flat
 * on exports of any size. A field or record over its bound, or a text ending inside a quoted field, fails the
 * stream with `E621DecodeError` (naming `url`, when given).
 *
 * @category Stream
 * @since 0.1.0
 */
export const records = <E, R>(
  text: Stream.Stream<string, E, R>,
  options: RecordsOptions = {}
): Stream.Stream<Record, E | E621DecodeError | E621InvalidInput, R> =>
  Stream.unwrap(Effect.as(checkOptions(options, recordsKeys), parsed(text, options)))

const parsed = <E, R>(text: Stream.Stream<string, E, R>, options: RecordsOptions): Stream.Stream<Record, E | E621DecodeError, R> =>
  Stream.suspend(() => {
    const parser = make(options)
    const guarded = <A>(parse: () => A): Effect.Effect<A, E621DecodeError> => {
      try {
        return Effect.succeed(parse())
      } catch (error) {
        if (!(error instanceof ParseError)) throw error
        return Effect.fail(
          new E621DecodeError({
            ...(options.url === undefined ? {} : { method: "GET", url: options.url }),
            issue: error.message,
            excerpt: "",
            message: `${options.url ?? "CSV"}: ${error.message}`
          })
        )
      }
    }
    return text.pipe(
      Stream.mapArrayEffect((chunks) =>
        guarded(() => {
          const out: Array<Record> = []
          for (const chunk of chunks) for (const record of parser.push(chunk)) out.push(record)
          return [out] as const
        })
      ),
      Stream.concat(Stream.fromEffect(Effect.suspend(() => guarded(parser.end)))),
      Stream.filter(isNonEmpty),
      Stream.flattenArray
    )
  })

/**
 * A PostgreSQL array literal (`{1,2,3}`, `{a,"b c","d\"e"}`, `{}`) as its elements (`NULL` elements become
 * `null`). One dimension, as in e621's exports.
 *
 * @category Functions
 * @since 0.1.0
 */
export const pgArray = (literal: string): Array<string | null> => {
  const body = literal.trim().replace(/^\{/, "").replace(/\}$/, "")
  const out: Array<string | null> = []
  if (body === "") return out
  let i = 0
  while (i <= body.length) {
    if (body[i] === "\"") {
      let value = ""
      i++
      while (i < body.length && body[i] !== "\"") {
        if (body[i] === "\\") i++
        value += body[i] ?? ""
        i++
      }
      out.push(value)
      i += 2 // closing quote and comma
    } else {
      const comma = body.indexOf(",", i)
      const raw = body.slice(i, comma < 0 ? body.length : comma)
      out.push(raw.toUpperCase() === "NULL" ? null : raw)
      i = comma < 0 ? body.length + 1 : comma + 1
    }
  }
  return out
}
