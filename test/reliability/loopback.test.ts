/**
 * Loopback means loopback: credentials go over plain `http://` only to an address of this machine, decided on
 * the address the URL parser resolved (any spelling of `127.0.0.0/8` or `::1`, and the name `localhost`), never
 * on a prefix of the host name.
 */
import { E621Client, Users } from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { NodeE621 } from "@effect-e621/platform-node"
import { NodeE621Fake } from "@effect-e621/platform-node/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"

const loopback: ReadonlyArray<string> = [
  "http://127.0.0.1:3000",
  "http://127.1",
  "http://127.255.255.254",
  "http://0x7f.1/",
  "http://0x7f000001/",
  "http://2130706433/",
  "http://0177.0.0.1/",
  "http://%31%32%37.0.0.1/",
  "http://localhost:8080",
  "http://LOCALHOST",
  "http://[::1]:3000",
  "http://[0:0:0:0:0:0:0:1]/",
  "http://[0::1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/"
]

const elsewhere: ReadonlyArray<string> = [
  "http://127.attacker.example",
  "http://127.0.0.1.nip.io",
  "http://127.0.0.1.attacker.example:3000",
  "http://localhost.evil.com",
  "http://localhost.",
  "http://evil-localhost",
  "http://127-0-0-1.attacker.example",
  "http://128.0.0.1",
  "http://126.255.255.255",
  "http://0.0.0.0",
  "http://0",
  "http://[::]",
  "http://[::2]",
  "http://[::ffff:128.0.0.1]",
  "http://[::127.0.0.1]",
  "http://[fe80::1]",
  "http://10.0.0.1",
  "http://e621.net"
]

const credentials = { username: "tester", apiKey: "some-key-0123456789" }
const check = (host: string) =>
  Effect.exit(E621Client.validateOptions({ host, userAgent: E621Fake.userAgent, credentials }))

describe("loopback means loopback", () => {
  for (const host of loopback) {
    it.effect(`credentials over ${host} are allowed (loopback)`, () =>
      Effect.map(check(host), (exit) => assert.isTrue(Exit.isSuccess(exit), `${host} is loopback`)))
  }
  for (const host of elsewhere) {
    it.effect(`credentials over ${host} are refused before any request`, () =>
      Effect.map(check(host), (exit) => {
        assert.isTrue(Exit.isFailure(exit), `${host} is not loopback`)
        if (Exit.isFailure(exit)) assert.include(String(exit.cause), "host")
      }))
    it.effect(`${host} over https, or anonymous over http, is fine`, () =>
      Effect.gen(function*() {
        const anonymous = yield* Effect.exit(E621Client.validateOptions({ host, userAgent: E621Fake.userAgent }))
        assert.isTrue(Exit.isSuccess(anonymous))
      }))
  }

  it.live("a numeric spelling of 127.0.0.1 reaches the served fake, logged in", () =>
    Effect.gen(function*() {
      const server = yield* NodeE621Fake.serve({ posts: 5 })
      for (const host of [`http://2130706433:${server.port}`, `http://0x7f.1:${server.port}`]) {
        const me = yield* Users.me.pipe(
          Effect.provide(NodeE621.layer({ host, userAgent: E621Fake.userAgent, credentials: E621Fake.testerCredentials, rateLimit: false }))
        )
        assert.strictEqual(me.name, "tester")
      }
    }))
})
