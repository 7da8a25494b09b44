/**
 * The fake's post versions (`/post_versions`, with undo): the store's own `versions` (what post edits record)
 * plus a seeded upload history.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/PostVersions.ts"
import type * as Post from "../../schemas/Post.ts"
import * as FakeContext from "./Handler.ts"
import type * as FakeData from "./Data.ts"
import * as FakeHttp from "./Http.ts"
import * as FakePosts from "./Posts.ts"
import * as FakeRender from "./Render.ts"
import * as Serve from "./Serve.ts"
import * as FakeTable from "./Table.ts"
import { recent } from "./Common.ts"

const seedVersions = (store: FakeData.Store): void => {
  FakeTable.tableOf(store, "post_versions:seeded", (store) => {
    const edited = new Set(store.versions.map((v) => v.post_id))
    let id = 500_000
    for (const i of recent(store, 200).reverse()) {
      const post = store.at(i)
      if (edited.has(post.id)) continue
      const tags = FakeRender.render(post, "basic") as { readonly tags: ReadonlyArray<string> }
      store.versions.push({
        id: ++id,
        post_id: post.id,
        version: 1,
        tags: tags.tags.join(" "),
        added_tags: [...tags.tags],
        removed_tags: [],
        rating: post.rating,
        rating_changed: false,
        parent_id: post.relationships.parent_id,
        parent_changed: false,
        source: post.sources.join("\n"),
        source_changed: false,
        description: post.description,
        description_changed: false,
        updater_id: post.uploader_id,
        updater_name: post.uploader_name ?? "",
        updated_at: post.created_at,
        reason: null
      })
    }
    return new FakeTable.Table<FakeTable.Row>()
  })
}

const words = (s: string): Array<string> => s.split(/\s+/).filter((w) => w !== "")

const allOf = (get: (v: FakeData.PostVersion) => ReadonlyArray<string>): FakeTable.Filter<FakeData.PostVersion> => (v, value) => {
  const have = new Set(get(v))
  return words(value.toLowerCase()).every((w) => have.has(w))
}

const renderVersion = (v: FakeData.PostVersion): unknown => ({
  ...v,
  is_hidden: false,
  locked_tags: null,
  added_locked_tags: [],
  removed_locked_tags: []
})

const versionIndex: FakeContext.Handler = (ctx) => {
  seedVersions(ctx.store)
  const limit = FakeContext.parseLimit(ctx.params.limit, 75)
  if (FakeContext.isResponse(limit)) return limit
  // `max_count: 10_000`: the last numbered page depends on the page size
  const page = FakeContext.parsePage(ctx.params.page, limit === 0 ? 750 : Math.min(750, Math.floor(10_000 / limit)))
  if (FakeContext.isResponse(page)) return page
  return FakeTable.search(Api.routes.search)<FakeData.PostVersion & { readonly created_at?: string }>(
    ctx,
    ctx.store.versions,
    {
      render: renderVersion,
      users: { updater: (v) => v.updater_id },
      filters: {
        postId: FakeTable.numeric((v) => v.post_id),
        rating: (v, value) => value.toLowerCase().split(",").some((r) => r.trim().charAt(0) === v.rating),
        ratingChanged: (v, value) => v.rating_changed && (value === "any" || value.charAt(0) === v.rating),
        parentId: FakeTable.numeric((v) => v.parent_id),
        // e621 ignores the value: any one means "parent changed, to a post" (elastic_post_version_query_builder.rb)
        parentIdChanged: (v) => v.parent_changed && v.parent_id !== null,
        tags: allOf((v) => words(v.tags)),
        tagsAdded: allOf((v) => v.added_tags),
        tagsRemoved: allOf((v) => v.removed_tags),
        reason: FakeTable.text((v) => v.reason),
        description: FakeTable.text((v) => v.description),
        descriptionChanged: FakeTable.bool((v) => v.description_changed),
        sourceChanged: FakeTable.bool((v) => v.source_changed),
        uploads: (v, value) => value === "only" ? v.version === 1 : value === "excluded" ? v.version > 1 : true
      }
    }
  )
}

/** `PUT /post_versions/:id/undo.json` (member): reverses what that version changed; 400 for version 1. */
const versionUndo: FakeContext.Handler = (ctx, match) => {
  const { store } = ctx
  seedVersions(store)
  const refused = FakePosts.editRefused(ctx)
  if (refused !== undefined) return refused
  const version = store.versions.find((v) => v.id === Number(match[1]))
  if (version === undefined) return FakeHttp.notFound()
  if (version.version <= 1) return FakeHttp.expectedError(400, "Version 1 is not undoable")
  const previous = store.versions.find((v) => v.post_id === version.post_id && v.version === version.version - 1)
  const index = store.indexOf(version.post_id)
  if (index < 0 || previous === undefined) return FakeHttp.notFound()
  const post: Post.Post = store.at(index)
  const removed = new Set(version.added_tags)
  const tags = [...new Set([...Object.values(post.tags).flat().filter((t) => !removed.has(t)), ...version.removed_tags])].sort()
  FakePosts.applyEdit(store, index, {
    tags,
    rating: version.rating_changed && !post.flags.rating_locked ? previous.rating : post.rating,
    parentId: version.parent_changed ? previous.parent_id : post.relationships.parent_id,
    sources: version.source_changed ? previous.source.split("\n").filter((s) => s !== "") : post.sources,
    description: version.description_changed ? previous.description : post.description
  }, ctx.viewer.user!, ctx.now, `Undo of version ${version.version}`)
  return FakeHttp.noContent()
}

/**
 * The routes of `/post_versions` (declared in `api/PostVersions.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: versionIndex, undo: versionUndo })
