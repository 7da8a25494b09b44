/**
 * What the `e621` command shares with the package index's on-demand `Cli` without loading the command: its
 * version and exit codes.
 *
 * @internal
 */

/** The version the command reports. @internal */
export const version = "0.1.0"

/** The exit code for a failure (see `Cli.exitCode`). @internal */
export const exitCode = (error: unknown): number => {
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : ""
  switch (tag) {
    case "E621InvalidInput":
    case "ShowHelp":
    case "MissingOption":
    case "MissingArgument":
    case "InvalidValue":
    case "UnrecognizedOption":
    case "UnknownSubcommand":
    case "DuplicateOption":
      return 2
    case "E621NotFound":
      return 3
    case "E621Unauthorized":
    case "E621Forbidden":
      return 4
    case "E621RateLimited":
      return 5
    case "E621TransportError":
    case "E621ServerError":
      return 6
    default:
      return 1
  }
}

