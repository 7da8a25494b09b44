/**
 * A static file server in a process of its own: `files.ts <path>` serves that one file at `/<its name>` on
 * 127.0.0.1 (any free port), prints its URL, and stops when stdin closes. The export benchmark downloads the
 * generated export from it, as the client downloads e621's from the static host.
 *
 * @since 0.1.0
 */
import * as Fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Path from "node:path"
import { report } from "./harness.ts"

const file = process.argv[2] ?? ""
const name = `/${Path.basename(file)}`

const server = Http.createServer((request, response) => {
  if (request.url !== name) {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { "content-type": "application/gzip", "content-length": String(Fs.statSync(file).size) })
  Fs.createReadStream(file).pipe(response)
})

server.listen(0, "127.0.0.1", () => {
  const port = (server.address() as AddressInfo).port
  report({ url: `http://127.0.0.1:${port}${name}`, port })
})
process.stdin.resume()
process.stdin.on("end", () => server.close(() => process.exit(0)))
