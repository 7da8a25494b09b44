/**
 * A throwaway `redis-server` on loopback for the tests that keep budgets or the read cache in Redis (Debian's
 * `redis-server`, installed by `npm test` when missing: `scripts/provision.sh`).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"

/** A port of 127.0.0.1 that was free a moment ago. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

/** Starts `redis-server` on `port` (no persistence) and resolves once it accepts connections. */
export const spawnRedis = (port: number) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "pipe" })
    child.once("error", (error) => reject(new Error(`redis-server could not start (install the redis-server package): ${error.message}`)))
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) resolve(child)
    })
  })
