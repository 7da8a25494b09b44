/**
 * A streaming parser for the CSV that PostgreSQL's `COPY … TO STDOUT WITH CSV` writes, which is what e621's
 * database exports are: fields separated by `,`, records by `\n` (or `\r\n`), fields quoted with `"` when they
 * hold a delimiter, quote or newline (quotes doubled inside), and — PostgreSQL's convention — an **unquoted
 * empty field is NULL** while a quoted empty field `""` is the empty string.
 *
 * The parser is fed text chunks of any size (a record may span many chunks, a chunk many records) and keeps
 * only the record in progress, so memory stays constant whatever the file size.
 *
 * @since 0.1.0
 */
import * as Stream from "effect/Stream"

/**
 * One record: its fields, `null` for SQL NULL.
 *
 * @since 0.1.0
 */
export type Record = ReadonlyArray<string | null>

/**
 * An incremental parser: `push` a chunk and get the records it completed; `end` flushes the last record.
 *
 * @since 0.1.0
 */
export interface Parser {
  /** Feeds the next chunk of text; answers the records completed by it (a record may span chunks). */
  readonly push: (chunk: string) => Array<Record>
  /** Ends the input; answers the last record if the text did not end with a newline. */
  readonly end: () => Array<Record>
}

/**
 * A fresh parser.
 *
 * @since 0.1.0
 */
export const make = (): Parser => {
  let fields: Array<string | null> = []
  let field = ""
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
            field += "\""
            i++
            continue
          }
          inQuotes = false
          // fall through: the character after the closing quote
        } else {
          // copy a run of ordinary characters at once
          const next = chunk.indexOf("\"", i)
          if (next < 0) {
            field += chunk.slice(i)
            i = n
          } else {
            field += chunk.slice(i, next)
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
        field += chunk.slice(i, j)
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
 * Parses a whole string (tests, small files).
 *
 * @since 0.1.0
 */
export const parse = (text: string): Array<Record> => {
  const parser = make()
  return [...parser.push(text), ...parser.end()]
}

const isNonEmpty = <A>(records: Array<A>): records is [A, ...Array<A>] => records.length > 0

/**
 * Records from a stream of text chunks. The records completed by a pull of text are emitted together as one
 * chunk of the stream (not one inner stream per text chunk), which keeps the garbage young: memory stays flat
 * on exports of any size.
 *
 * @since 0.1.0
 */
export const records = <E, R>(text: Stream.Stream<string, E, R>): Stream.Stream<Record, E, R> =>
  Stream.suspend(() => {
    const parser = make()
    return text.pipe(
      Stream.mapArray((chunks) => {
        const out: Array<Record> = []
        for (const chunk of chunks) for (const record of parser.push(chunk)) out.push(record)
        return [out] as const
      }),
      Stream.concat(Stream.sync(() => parser.end())),
      Stream.filter(isNonEmpty),
      Stream.flattenArray
    )
  })

/**
 * A PostgreSQL array literal (`{1,2,3}`, `{a,"b c","d\"e"}`, `{}`) as its elements (`NULL` elements become
 * `null`). One dimension, as in e621's exports.
 *
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
