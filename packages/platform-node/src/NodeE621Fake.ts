/**
 * The fake e621 (`E621Fake` from `@effect-e621/core/testing`) served over real HTTP on localhost, for the
 * demo, the command line, benchmarks, comparisons with other clients, and tests that need real sockets
 * (dropped connections, cut bodies, many processes).
 *
 * Faults the fake plans are carried out on the socket: `"drop"` destroys the connection without an answer,
 * a truncation sends the headers and part of the body, then destroys the connection; a stall sends the headers
 * and part of the body, then nothing; a trickle sends the body one byte per second.
 *
 * The server is also the fake's static host: file URLs in its answers (`https://static1.e621.net/data/…`)
 * are rewritten to point at the server itself, so downloads and database exports stay on localhost. Pass
 * `files: true` to give posts the md5 of the files it serves.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Posts } from "@effect-e621/core"
 * import { NodeE621 } from "@effect-e621/platform-node"
 * import { NodeE621Fake } from "@effect-e621/platform-node/testing"
 *
 * Effect.scoped(Effect.gen(function*() {
 *   const server = yield* NodeE621Fake.serve({ posts: 2_000, seed: 7 })
 *   const posts = yield* Posts.search({ tags: "rating:s", limit: 5 }).pipe(
 *     Effect.provide(NodeE621.layer({ host: server.url, userAgent: "demo/1.0 (by me on e621)" }))
 *   )
 * }))
 * ```
 *
 * @since 0.1.0
 */
import { checkOptions, optionKeys } from "@effect-e621/core/E621Error"
import { E621Fake } from "@effect-e621/core/testing"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { maxRequestBytes, NodeE621FakeServer, type Server } from "./NodeE621FakeServer.ts"

export { maxRequestBytes, NodeE621FakeServer, type Server }

/**
 * Options: the fake's own, and where to listen (default `127.0.0.1`, a free port).
 *
 * @category Types
 * @since 0.1.0
 */
export interface Options extends E621Fake.Options {
  /** Port to listen on (default `0`: a free port, see `Server.port`). */
  readonly port?: number
  /** Address to listen on (default `127.0.0.1`). */
  readonly hostname?: string
}

/** The static host the fake's post URLs name (§5.1a), served by this server instead. */
const staticOrigin = "https://static1.e621.net"


class TooLarge extends Error {}

const readBody = (request: Http.IncomingMessage): Promise<Uint8Array | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxRequestBytes) {
        // keep nothing more: the rest is read and dropped, so that the client can read the 413
        chunks.length = 0
        request.removeAllListeners("data")
        request.resume()
        reject(new TooLarge())
      } else {
        chunks.push(chunk)
      }
    })
    request.on("end", () => resolve(chunks.length === 0 ? undefined : new Uint8Array(Buffer.concat(chunks))))
    request.on("error", reject)
  })

const headersOf = (request: Http.IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

/**
 * Where {@link serveFake} listens.
 *
 * @category Types
 * @since 0.1.0
 */
export interface ServeOptions {
  /** Port (default: any free port). */
  readonly port?: number
  /** Host name (default `"127.0.0.1"`). */
  readonly hostname?: string
}

const serveKeys = optionKeys<ServeOptions>({ port: true, hostname: true })

/**
 * Serves an existing fake until the scope closes.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const serveFake = (
  fake: E621Fake.E621Fake["Service"],
  options: ServeOptions = {}
): Effect.Effect<Server, Error, Scope.Scope> =>
  Effect.gen(function*() {
    yield* checkOptions(options, serveKeys)
    const context = yield* Effect.context<never>()
    const hostname = options.hostname ?? "127.0.0.1"
    const sockets = new Set<import("node:net").Socket>()
    let origin = ""
    const server = Http.createServer((request, response) => {
      readBody(request).then((body) => {
        const url = new URL(request.url ?? "/", `http://${request.headers.host ?? hostname}`)
        return Effect.runPromiseWith(context)(
          fake.handle({ method: request.method ?? "GET", url, headers: headersOf(request), body })
        )
      }).then((answer) => {
        if (answer.fault === "drop") {
          request.socket.destroy()
          return
        }
        const bytes = answer.bytes !== undefined
          ? Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength)
          : Buffer.from(answer.body.replaceAll(staticOrigin, origin), "utf8")
        response.writeHead(answer.status, { ...answer.headers, "content-length": String(bytes.length) })
        const fault = answer.fault
        if (fault !== undefined && "truncateAt" in fault) {
          response.write(bytes.subarray(0, Math.min(fault.truncateAt, bytes.length)), () => request.socket.destroy())
          return
        }
        if (fault !== undefined && "stallAt" in fault) {
          response.write(bytes.subarray(0, Math.min(fault.stallAt, bytes.length)))
          return // and nothing more: the socket stays open until the client gives up
        }
        if (fault !== undefined && "trickle" in fault) {
          let sent = 0
          const timer = setInterval(() => {
            if (sent >= bytes.length || request.socket.destroyed) {
              clearInterval(timer)
              response.end()
              return
            }
            response.write(bytes.subarray(sent, ++sent))
          }, fault.trickle)
          request.socket.once("close", () => clearInterval(timer))
          return
        }
        response.end(bytes)
      }).catch((error: unknown) => {
        if (!(error instanceof TooLarge)) return request.socket.destroy()
        // nginx's answer to a body over `client_max_body_size`; the rest of the body is dropped as it comes, for
        // at most 10 s, then the connection is closed
        response.writeHead(413, { "content-type": "text/html" })
        response.end("<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>")
        const timer = setTimeout(() => request.socket.destroy(), 10_000)
        request.once("end", () => clearTimeout(timer))
        request.socket.once("close", () => clearTimeout(timer))
      })
    })
    server.on("connection", (socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    yield* Effect.acquireRelease(
      Effect.callback<void, Error>((resume) => {
        server.once("error", (error) => resume(Effect.fail(error)))
        server.listen(options.port ?? 0, hostname, () => resume(Effect.void))
      }),
      () =>
        Effect.callback<void>((resume) => {
          for (const socket of sockets) socket.destroy()
          server.close(() => resume(Effect.void))
        })
    )
    const port = (server.address() as AddressInfo).port
    origin = `http://${hostname}:${port}`
    return { url: `http://${hostname}:${port}`, port, fake, connections: () => sockets.size }
  })

/**
 * Builds a fake from options and serves it on localhost until the scope closes.
 *
 * @category Constructors
 * @since 0.1.0
 */
export const serve = (options: Options = {}): Effect.Effect<Server, Error, Scope.Scope> => {
  const { hostname, port, ...fake } = options ?? {}
  const where = { ...(hostname === undefined ? {} : { hostname }), ...(port === undefined ? {} : { port }) }
  return Effect.flatMap(E621Fake.make(fake), (made) => serveFake(made, where))
}

/**
 * The served fake as a layer: `NodeE621FakeServer` (URL, port) and the `E621Fake` service.
 *
 * @category Layers
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<NodeE621FakeServer | E621Fake.E621Fake, Error> =>
  Layer.effectContext(Effect.map(serve(options), (server) =>
    Context.make(NodeE621FakeServer, server).pipe(Context.add(E621Fake.E621Fake, server.fake))))
