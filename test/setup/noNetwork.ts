/**
 * Vitest setup: no test may reach the network. Every TCP/TLS connection (Node's `http`, `https`, undici's
 * `fetch`, Redis clients) goes through `net.Socket#connect`; a connection to any host but loopback fails at once,
 * before any DNS lookup, naming the host (socket files, which have no host, stay allowed). Tests use the fake e621 in memory or on
 * 127.0.0.1.
 */
import * as Net from "node:net"

const isLoopback = (host: string | undefined): boolean =>
  host === undefined || host === "" || host === "localhost" || host === "::1" || /^127\./.test(host) ||
  host === "::ffff:127.0.0.1"

type Connect = (...args: Array<unknown>) => Net.Socket
const connect = Net.Socket.prototype.connect as Connect

Net.Socket.prototype.connect = function(this: Net.Socket, ...args: Array<unknown>): Net.Socket {
  // `net.connect` passes its normalised arguments as one array: `[options, listener]`
  const first = Array.isArray(args[0]) ? (args[0] as Array<unknown>)[0] : args[0]
  const options = typeof first === "object" && first !== null
    ? first as { readonly host?: string }
    : { host: typeof args[1] === "string" ? args[1] : undefined }
  if (!isLoopback(options.host)) {
    throw new Error(`a test tried to reach the network (${options.host}); use the fake e621`)
  }
  return connect.apply(this, args)
} as typeof Net.Socket.prototype.connect
