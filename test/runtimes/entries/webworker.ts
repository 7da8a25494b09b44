/** A dedicated Web Worker (no `window`, no `document`): runs the program with the input the page posts to it. */
import * as Program from "../program.ts"

const scope = globalThis as unknown as {
  onmessage: ((event: { readonly data: Program.Input }) => void) | null
  postMessage(message: unknown): void
}

scope.onmessage = (event) => {
  Program.run(event.data).then(
    (summary) => scope.postMessage({ summary }),
    (error: unknown) => scope.postMessage({ error: String(error) })
  )
}
