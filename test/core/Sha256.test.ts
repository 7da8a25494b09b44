import { createHash, randomBytes } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import * as Sha256 from "../../packages/core/src/internal/sha256.ts"

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")

describe("internal SHA-256 (the client's identity digest)", () => {
  it("matches FIPS 180-4 test vectors", () => {
    assert.strictEqual(hex(Sha256.digest(new TextEncoder().encode(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert.strictEqual(hex(Sha256.digest(new TextEncoder().encode("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    assert.strictEqual(
      hex(Sha256.digest(new TextEncoder().encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    )
  })

  it("agrees with node:crypto on every length around the block boundaries", () => {
    for (let length = 0; length < 300; length++) {
      const data = new Uint8Array(randomBytes(length))
      assert.strictEqual(hex(Sha256.digest(data)), createHash("sha256").update(data).digest("hex"), `length ${length}`)
    }
  })
})
