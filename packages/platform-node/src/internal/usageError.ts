/**
 * What the `e621` command prints for a mistyped command line: the reason in a line, a "did you mean" when
 * there is a near match (commands, options, choice values), and where the help is — instead of the whole help.
 */
import type * as CliError from "effect/cli/CliError"
import type * as HelpDoc from "effect/cli/HelpDoc"
import * as Option from "effect/Option"

/** Edit distance with adjacent transpositions (`serch` → `search` 1, `formt` → `format` 1, `lmiit` → `limit` 1). */
const distance = (a: string, b: string): number => {
  const d: Array<Array<number>> = Array.from({ length: a.length + 1 }, (_, i) => [i])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The candidates nearest to `input` (at most 2 edits, and fewer than half its length; or the only candidate it
 * is a prefix of), nearest first.
 */
export const suggest = (input: string, candidates: ReadonlyArray<string>): ReadonlyArray<string> => {
  const lower = input.toLowerCase()
  const scored = candidates
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .filter(({ d }) => d <= 2 && d < Math.max(2, lower.replace(/^-+/, "").length / 2))
  if (scored.length > 0) {
    const best = Math.min(...scored.map(({ d }) => d))
    return scored.filter(({ d }) => d === best).map(({ candidate }) => candidate)
  }
  const prefixed = candidates.filter((c) => lower.length >= 2 && c.toLowerCase().startsWith(lower))
  return prefixed.length === 1 ? prefixed : []
}

const didYouMean = (found: ReadonlyArray<string>): string =>
  found.length === 0 ? "" : `; did you mean ${found.join(" or ")}?`

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)

/** The choices of an `InvalidValue` from a `Flag.Literals` / `Flag.Choice` (`"a" | "b"`), if it has any. */
const choicesOf = (expected: string): ReadonlyArray<string> =>
  /^(Expected: )?"[^"]*"( \| "[^"]*")+$/.test(expected) ? [...expected.matchAll(/"([^"]*)"/g)].map((m) => m[1]!) : []

/** Every flag of the command in force (its own, the inherited and the global ones), with `--`. */
const flagNames = (doc: HelpDoc.HelpDoc): ReadonlyArray<string> =>
  [...doc.flags, ...(doc.inheritedFlags ?? []), ...(doc.globalFlags ?? [])].flatMap((flag) => [
    `--${flag.name}`,
    ...flag.aliases.filter((alias) => alias.startsWith("--"))
  ])

/** One line for one parse error, with a suggestion when one is near. */
export const reason = (error: CliError.CliError, doc: HelpDoc.HelpDoc): string => {
  switch (error._tag) {
    case "UnknownSubcommand": {
      const names = (doc.subcommands ?? []).flatMap((group) => group.commands.map((command) => command.name))
      return `unknown command "${error.subcommand}"${didYouMean(suggest(error.subcommand, names).map((name) => `"${name}"`))}`
    }
    case "UnrecognizedOption":
      return `unknown option ${error.option}${didYouMean(suggest(error.option, flagNames(doc)))}`
    case "InvalidValue": {
      const name = error.kind === "flag" ? `--${error.option}` : `<${error.option}>`
      const choices = choicesOf(error.expected)
      if (choices.length > 0) {
        const quoted = suggest(error.value, choices).map((c) => `"${c}"`)
        return `${name} must be one of ${choices.join(", ")}, not "${error.value}"${didYouMean(quoted)}`
      }
      const docs: ReadonlyArray<{ readonly name: string; readonly type: string }> = error.kind === "flag"
        ? [...doc.flags, ...(doc.inheritedFlags ?? []), ...(doc.globalFlags ?? [])]
        : doc.args ?? []
      const type = docs.find((d) => d.name === error.option)?.type
      // the type reads better than effect/cli's own words, but a range (the CLI's number flags) is said as is
      const range = /^(from|at least) -?\d/.test(error.expected)
      const expected = type === undefined || type === "string" || range ? error.expected.replace(/^Expected:? /, "") : article(type)
      return error.value === "" ? `${name} needs a value (${expected})` : `${name} must be ${expected}, not "${error.value}"`
    }
    case "MissingArgument": {
      const description = Option.getOrUndefined(doc.args?.find((arg) => arg.name === error.argument)?.description ?? Option.none())
      return `missing <${error.argument}>${description === undefined ? "" : ` (${description.charAt(0).toLowerCase()}${description.slice(1)})`}`
    }
    case "MissingOption":
      return `missing --${error.option}`
    case "UnexpectedArgument":
      return `unexpected ${error.arguments.length === 1 ? "argument" : "arguments"} ${error.arguments.map((a) => JSON.stringify(a)).join(" ")}`
    default:
      return error.message.split("\n")[0]!
  }
}

/**
 * The message for a mistyped command line: `<command>: <reason of the first error>` (later errors are
 * usually its consequences: `--hots fake` also makes `fake` an unknown command), then a pointer to `--help`.
 */
export const render = (
  commandPath: ReadonlyArray<string>,
  errors: ReadonlyArray<CliError.CliError>,
  doc: HelpDoc.HelpDoc
): string => {
  const command = commandPath.join(" ")
  const first = errors[0]
  return `${command}: ${first === undefined ? "invalid command line" : reason(first, doc)}\n` +
    `Run "${command} --help" for usage and examples.`
}
