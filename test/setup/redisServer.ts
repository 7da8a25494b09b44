/**
 * Vitest global setup: the Redis tests start their own `redis-server`, so the test command provisions it. When
 * the binary is missing and this process can install it (root with `apt-get`, as on a bare Debian machine or
 * CI), it runs `apt-get update` and `apt-get install -y redis-server`; otherwise it says so in one line and the
 * Redis tests fail with the same advice — they are never skipped.
 */
import { spawnSync } from "node:child_process"

const found = (command: string): boolean => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0

const run = (args: ReadonlyArray<string>): boolean =>
  spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } })
    .status === 0

export default function setup(): void {
  if (found("redis-server")) return
  if (process.getuid?.() !== 0 || !found("apt-get")) {
    console.error("redis-server is missing and cannot be installed here (needs root and apt-get): install the Debian package redis-server, or the Redis tests fail")
    return
  }
  console.error("redis-server is missing: installing the Debian package redis-server for the Redis tests (apt-get update, apt-get install)")
  if (!run(["update", "-qq"]) || !run(["install", "-y", "-qq", "--no-install-recommends", "redis-server"]) || !found("redis-server")) {
    console.error("redis-server could not be installed (apt-get failed): the Redis tests will fail")
  }
}
