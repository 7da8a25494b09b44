// examples/guides/downloads-2.ts
import { Downloads } from "@effect-e621/platform-node"
import { Stream } from "effect"

// A comic into ./comic/0001_<id>.png, 0002_<id>.jpg, … in reading order
export const comic = (poolId: number) =>
  Downloads.pool(poolId, "./comic").pipe(Stream.runCollect)

// Samples instead of originals, named by date
export const samples = (poolId: number) =>
  Downloads.pool(poolId, "./comic", { variant: "sample", filename: "{date}/{pool_index}.{ext}" }).pipe(Stream.runDrain)
