/**
 * A read-only npm registry on loopback, for tests that run `npm install` without reaching the network: it serves
 * the given packages and everything they need (dependencies, optional dependencies found installed, and required
 * peers), each packed from the version installed in this repository's `node_modules`.
 */
import * as Child from "node:child_process"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as NodePath from "node:path"

const root = NodePath.resolve(import.meta.dirname, "../..")

interface Manifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>
}

interface Packed {
  readonly manifest: Manifest
  readonly file: string
  readonly integrity: string
  readonly shasum: string
}

/** The installed copy of `name` that Node would resolve from `from` (walking up to the repository). */
const locate = (name: string, from: string): string | undefined => {
  for (let dir = from; dir.startsWith(root); dir = NodePath.dirname(dir)) {
    const candidate = NodePath.join(dir, "node_modules", name)
    if (Fs.existsSync(NodePath.join(candidate, "package.json"))) return candidate
    if (dir === root) break
  }
  return undefined
}

/** Packs `names` and their closure into `dir`; serves them until `close`. */
export const serve = async (names: ReadonlyArray<string>, dir: string) => {
  Fs.mkdirSync(dir, { recursive: true })
  const packages = new Map<string, Map<string, Packed>>()
  const visit = (name: string, from: string, optional: boolean): void => {
    const location = locate(name, from)
    if (location === undefined) {
      if (optional) return
      throw new Error(`${name} (needed from ${NodePath.relative(root, from)}) is not installed`)
    }
    const manifest = JSON.parse(Fs.readFileSync(NodePath.join(location, "package.json"), "utf8")) as Manifest
    const versions = packages.get(manifest.name) ?? new Map<string, Packed>()
    packages.set(manifest.name, versions)
    if (versions.has(manifest.version)) return
    const file = NodePath.join(dir, `${manifest.name.replace("/", "-")}-${manifest.version}.tgz`)
    Child.execFileSync("tar", ["-czf", file, "-C", location, "--exclude=./node_modules", "--transform=s,^\\.,package,", "."])
    const bytes = Fs.readFileSync(file)
    versions.set(manifest.version, {
      manifest,
      file,
      integrity: `sha512-${Crypto.createHash("sha512").update(bytes).digest("base64")}`,
      shasum: Crypto.createHash("sha1").update(bytes).digest("hex")
    })
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, location, false)
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, location, true)
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) {
      if (manifest.peerDependenciesMeta?.[dep]?.optional !== true) visit(dep, location, false)
    }
  }
  for (const name of names) visit(name, root, false)

  const server = Http.createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? "/").replace(/\?.*$/, "").slice(1))
    const tarball = /^-\/(.+\.tgz)$/.exec(path)
    const packed = tarball === null ? undefined : [...packages.values()].flatMap((v) => [...v.values()]).find((p) => NodePath.basename(p.file) === tarball[1])
    if (packed !== undefined) {
      response.writeHead(200, { "content-type": "application/octet-stream" })
      return void response.end(Fs.readFileSync(packed.file))
    }
    const versions = packages.get(path)
    if (versions === undefined) {
      response.writeHead(404, { "content-type": "application/json" })
      return void response.end(JSON.stringify({ error: "not found" }))
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    response.writeHead(200, { "content-type": "application/json" })
    response.end(JSON.stringify({
      name: path,
      "dist-tags": { latest: [...versions.keys()].at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([version, p]) => [
          version,
          { ...p.manifest, dist: { tarball: `${base}/-/${NodePath.basename(p.file)}`, integrity: p.integrity, shasum: p.shasum } }
        ])
      )
    }))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** The packages served, as `name@version`. */
    served: [...packages].flatMap(([name, versions]) => [...versions.keys()].map((v) => `${name}@${v}`)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
