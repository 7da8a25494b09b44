// examples/guides/cli-1.ts
import { NodeRuntime } from "@effect/platform-node"
import * as Cli from "@effect-e621/platform-node/Cli"

// The same command line, embedded in your own program (Cli.run takes the arguments after the program name).
NodeRuntime.runMain(Cli.run(["search", "rating:s", "--limit", "5", "--host", "fake"]))
