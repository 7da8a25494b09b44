/**
 * Whether a URL names this machine, decided on the address the WHATWG URL parser resolved — never on how the
 * host is spelled. Credentials go over plain `http://` only to such a URL.
 *
 * @internal
 */

/**
 * WHATWG `URL` serialises every IPv4 host as four decimal octets (`0x7f.1`, `2130706433` and `127.1` all become
 * `127.0.0.1`) and refuses a host whose last label is a number but not an address, so a hostname of this shape
 * is always an address, never a name like `127.0.0.1.nip.io`.
 */
const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** IPv4-mapped IPv6 addresses of `127.0.0.0/8` as WHATWG serialises them (`[::ffff:127.0.0.1]` → `[::ffff:7f00:1]`). */
const mappedLoopback = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/

/**
 * `true` for `127.0.0.0/8` (in any form the parser accepts), `::1` (any spelling: `[0:0:0:0:0:0:0:1]` is
 * serialised `[::1]`), IPv4-mapped `::ffff:127.x.y.z`, and the name `localhost` exactly; `false` for
 * everything else (`127.attacker.example`, `localhost.evil.com`, `localhost.`, `127.0.0.1.nip.io`).
 *
 * @internal
 */
export const isLoopback = (url: URL): boolean => {
  const host = url.hostname
  if (host === "localhost" || host === "[::1]") return true
  const octets = ipv4.exec(host)
  if (octets !== null) return octets[1] === "127" && octets.slice(2).every((octet) => Number(octet) <= 255)
  return mappedLoopback.test(host)
}
