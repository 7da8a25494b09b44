/**
 * A static page that searches e621 and shows the thumbnails: effect-e621 in a browser. The client sees it runs in a
 * browser (which cannot set `User-Agent`) and identifies itself with e621's `_client` parameter instead; e621
 * answers cross-origin requests, so the page can live anywhere. `?host=` points it at another e621ng (the tests
 * use the fake), `?tags=` searches at once.
 *
 *   npx esbuild examples/browser/main.ts --bundle --format=esm --outfile=examples/browser/main.js
 */
import * as E621Client from "@effect-e621/core/E621Client"
import * as Posts from "@effect-e621/core/api/Posts"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FetchHttpClient from "effect/http/FetchHttpClient"

const params = new URL(location.href).searchParams

const client = E621Client.layer({
  host: params.get("host") ?? "e621",
  userAgent: "effect-e621-browser-example/1.0 (by your_name on e621)"
}).pipe(Layer.provide(FetchHttpClient.layer))

const form = document.querySelector<HTMLFormElement>("#search")!
const status = document.querySelector<HTMLElement>("#status")!
const list = document.querySelector<HTMLElement>("#posts")!

/** One page of posts for the tags, as thumbnails linking to the posts. */
const search = (tags: string) =>
  Effect.gen(function*() {
    status.textContent = `Searching ${tags || "everything"}…`
    const posts = yield* Posts.search({ tags, limit: 24 })
    list.replaceChildren(...posts.flatMap((post) => {
      if (post.preview.url === null) return [] // hidden from this viewer (deleted, login required…)
      const image = document.createElement("img")
      image.src = post.preview.url
      image.alt = `post #${post.id}`
      const link = document.createElement("a")
      link.href = new URL(`/posts/${post.id}`, params.get("host") ?? "https://e621.net").href
      link.append(image)
      return [link]
    }))
    status.textContent = `${posts.length} posts`
  }).pipe(
    Effect.catch((error) => Effect.sync(() => status.textContent = `Failed: ${error.message}`)),
    Effect.provide(client)
  )

form.addEventListener("submit", (event) => {
  event.preventDefault()
  void Effect.runPromise(search(new FormData(form).get("tags")?.toString() ?? ""))
})
if (params.has("tags")) {
  form.querySelector("input")!.value = params.get("tags")!
  void Effect.runPromise(search(params.get("tags")!))
}
