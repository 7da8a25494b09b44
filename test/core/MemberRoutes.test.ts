/**
 * The member routes added from e621ng's `config/routes.rb`, each through HTTP against the fake: appeals,
 * the upload whitelist, tag previews and corrections, marking translations, the account menu and uploader
 * tags, name changes, `show_or_new` for wiki pages and artists, and hiding one's own forum posts and topics.
 */
import {
  Appeals,
  Artists,
  type E621Error,
  ForumPosts,
  ForumTopics,
  Iqdb,
  Posts,
  TagAliases,
  TagImplications,
  Tags,
  UploadWhitelists,
  Users,
  WikiPages
} from "@effect-e621/core"
import { E621Fake } from "@effect-e621/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { anonymous, as, member, requests } from "./communityFake.ts"

const failure = <A, R>(effect: Effect.Effect<A, E621Error.E621Error, R>) => Effect.map(Effect.flip(effect), (e) => e._tag)

describe("Appeals", () => {
  it.effect("members see only their own appeals; anonymous callers none; staff all, with claimant_id", () =>
    Effect.gen(function*() {
      const mine = yield* Appeals.search({ limit: 100 })
      assert.isAbove(mine.length, 0)
      assert.isTrue(mine.every((a) => a.creator_id === E621Fake.TESTER.id && a.claimant_id === undefined))
      assert.strictEqual((yield* requests)[0]!.path, "/appeals.json")
      assert.deepStrictEqual(yield* as("anonymous")(Appeals.search()), [])
      const all = yield* as("admin")(Appeals.search({ limit: 100 }))
      assert.isAbove(all.length, mine.length)
      assert.isTrue(all.every((a) => "claimant_id" in a))
      // pending first, then partial, then the rest
      const rank = (s: string) => (s === "pending" ? 0 : s === "partial" ? 1 : 2)
      assert.deepStrictEqual(all.map((a) => rank(a.status)), all.map((a) => rank(a.status)).sort())
      const streamed = yield* as("admin")(Appeals.stream({ pageSize: 3 }).pipe(Stream.map((a) => a.id), Stream.runCollect))
      assert.deepStrictEqual([...streamed], all.map((a) => a.id).sort((a, b) => b - a))
      const handled = yield* as("admin")(Appeals.search({ status: "handled" }))
      assert.isTrue(handled.length > 0 && handled.every((a) => a.status === "approved" || a.status === "rejected"))
    }).pipe(Effect.provide(member)))

  it.effect("staff-only search keys and another user's creatorId are 403; get: own yes, others' 403, unknown 404", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* failure(Appeals.search({ reason: "restore" })), "E621Forbidden")
      assert.strictEqual(yield* failure(Appeals.search({ creatorId: E621Fake.ADMIN.id })), "E621Forbidden")
      const own = yield* Appeals.search({ creatorId: E621Fake.TESTER.id })
      assert.isAbove(own.length, 0)
      const appeal = yield* Appeals.get(own[0]!.id)
      assert.strictEqual(appeal.id, own[0]!.id)
      assert.strictEqual(appeal.qtype, "flag")
      const others = (yield* as("admin")(Appeals.search({ limit: 100 }))).find((a) => a.creator_id !== E621Fake.TESTER.id)!
      assert.strictEqual(yield* failure(Appeals.get(others.id)), "E621Forbidden")
      assert.strictEqual(yield* failure(as("anonymous")(Appeals.get(own[0]!.id))), "E621Forbidden")
      assert.strictEqual(yield* failure(Appeals.get(99_999)), "E621NotFound")
      assert.strictEqual(yield* failure(Appeals.search({ qtype: "post" as "flag" })), "E621InvalidInput")
    }).pipe(Effect.provide(member)))
})

describe("UploadWhitelists", () => {
  it.effect("search: ordered by note by default, note with * wildcards, other orders; stream by cursors", () =>
    Effect.gen(function*() {
      const all = yield* UploadWhitelists.search({ limit: 100 })
      assert.isAbove(all.length, 5)
      assert.deepStrictEqual(all.map((e) => e.note), all.map((e) => e.note).sort((a, b) => a!.localeCompare(b!)))
      const fur = yield* UploadWhitelists.search({ note: "fur*" })
      assert.isTrue(fur.length > 0 && fur.every((e) => e.note!.toLowerCase().startsWith("fur")))
      const byDomain = yield* UploadWhitelists.search({ order: "domain", limit: 100 })
      assert.deepStrictEqual(byDomain.map((e) => e.domain), all.map((e) => e.domain).sort((a, b) => a!.localeCompare(b!)))
      const streamed = yield* UploadWhitelists.stream({ pageSize: 4 }).pipe(Stream.map((e) => e.id), Stream.runCollect)
      assert.deepStrictEqual([...streamed], all.map((e) => e.id).sort((a, b) => b - a))
      assert.strictEqual(
        yield* failure(UploadWhitelists.search({ domain: "x" } as UploadWhitelists.UploadWhitelistSearch)),
        "E621InvalidInput"
      )
    }).pipe(Effect.provide(anonymous)))

  it.effect("isAllowed: allowed, banned, unknown host, disallowed path; admins bypass; Iqdb.byUrl agrees", () =>
    Effect.gen(function*() {
      const allowed = yield* UploadWhitelists.isAllowed("https://d.furaffinity.net/art/someone/1.png")
      assert.deepStrictEqual(allowed, {
        url: "https://d.furaffinity.net/art/someone/1.png",
        domain: "furaffinity.net",
        is_allowed: true,
        reason: null
      })
      const [request] = yield* requests
      assert.strictEqual(request!.path, "/upload_whitelists/is_allowed.json")
      assert.strictEqual(request!.query.url, "https://d.furaffinity.net/art/someone/1.png")
      const banned = yield* UploadWhitelists.isAllowed("https://cdn.imgbanned.test/a.png")
      assert.strictEqual(banned.is_allowed, false)
      assert.strictEqual(banned.reason, "Hotlinking not allowed")
      const unknown = yield* UploadWhitelists.isAllowed("https://nowhere.test/a.png")
      assert.strictEqual(unknown.reason, "nowhere.test not in whitelist")
      const path = yield* UploadWhitelists.isAllowed("https://example.com/private/a.png")
      assert.strictEqual(path.reason, "example.com is in whitelist, but path /private/a.png is not allowed.")
      assert.strictEqual((yield* as("admin")(UploadWhitelists.isAllowed("https://nowhere.test/a.png"))).reason, "bypassed")
      // the fake's IQDB uses the same whitelist
      assert.strictEqual(yield* failure(Iqdb.byUrl("https://nowhere.test/a.png")), "E621ValidationFailed")
      yield* Iqdb.byUrl("https://d.furaffinity.net/art/someone/1.png")
    }).pipe(Effect.provide(anonymous)))

  it.effect("isAllowed refuses non-http URLs and URLs with credentials before any request", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* failure(UploadWhitelists.isAllowed("ftp://example.com/a.png")), "E621InvalidInput")
      const error = yield* Effect.flip(UploadWhitelists.isAllowed("https://me:secret@example.com/a.png"))
      assert.strictEqual(error._tag, "E621InvalidInput")
      assert.notInclude(error.message, "secret")
      assert.deepStrictEqual(yield* requests, [])
    }).pipe(Effect.provide(anonymous)))
})

describe("Tags.preview and Tags.correction", () => {
  it.effect("preview: aliases resolved, implications listed (and their tags), category prefixes, unknown tags", () =>
    Effect.gen(function*() {
      const alias = (yield* TagAliases.search({ status: "active", limit: 100 }))[0]!
      const implication = (yield* TagImplications.search({ status: "active", limit: 100 }))
        .find((i) => i.antecedent_name !== alias.antecedent_name)!
      const preview = yield* Tags.preview([alias.antecedent_name, implication.antecedent_name, "artist:Brand_New_Artist"])
      const form = (yield* requests).at(-1)!
      assert.strictEqual(form.method, "POST")
      assert.strictEqual(form.path, "/tags/preview.json")
      assert.strictEqual(form.body?.tags, `${alias.antecedent_name} ${implication.antecedent_name} artist:Brand_New_Artist`)
      const byName = new Map(preview.map((entry) => [entry.name, entry]))
      assert.strictEqual(byName.get(alias.antecedent_name)!.alias, alias.consequent_name)
      assert.include(byName.get(implication.antecedent_name)!.implies ?? [], implication.consequent_name)
      assert.isTrue(byName.has(implication.consequent_name), "implied tags are listed too")
      const artist = byName.get("artist:brand_new_artist")!
      assert.deepStrictEqual(artist, { name: "artist:brand_new_artist", resolved: "brand_new_artist", category: 1 })
      const tag = (yield* Tags.search({ limit: 1 }))[0]!
      const [known] = yield* Tags.preview(tag.name)
      assert.deepStrictEqual(known, { id: tag.id, name: tag.name, category: tag.category, post_count: tag.post_count })
    }).pipe(Effect.provide(member)))

  it.effect("preview: members only; an empty string or a tag with blanks is refused before sending", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* failure(as("anonymous")(Tags.preview("canine"))), "E621Forbidden")
      assert.strictEqual(yield* failure(Tags.preview("  ")), "E621InvalidInput")
      assert.strictEqual(yield* failure(Tags.preview(["a b"])), "E621InvalidInput")
    }).pipe(Effect.provide(member)))

  it.effect("correction: stored and counted post counts with the tag; unknown ids are 404", () =>
    Effect.gen(function*() {
      const tag = (yield* Tags.search({ limit: 1 }))[0]!
      const correction = yield* Tags.correction(tag.id)
      assert.strictEqual(correction.tag.id, tag.id)
      assert.strictEqual(correction.post_count, tag.post_count)
      assert.strictEqual(correction.category, tag.category)
      assert.strictEqual((yield* requests).at(-1)!.path, `/tags/${tag.id}/correction.json`)
      assert.strictEqual(yield* failure(Tags.correction(987_654_321)), "E621NotFound")
      assert.strictEqual(yield* failure(Tags.correction(0)), "E621InvalidInput")
    }).pipe(Effect.provide(anonymous)))
})

describe("Posts.markAsTranslated", () => {
  const tagsOf = (post: Posts.Translation & { readonly tags: Record<string, ReadonlyArray<string>> }) =>
    Object.values(post.tags).flat()

  it.effect("done → translated; translationCheck → translation_request; clearing it → translated again", () =>
    Effect.gen(function*() {
      const [post] = yield* Posts.search({ limit: 1 })
      const done = yield* Posts.markAsTranslated(post!.id)
      assert.include(tagsOf(done), "translated")
      assert.notInclude(tagsOf(done), "translation_request")
      const checked = yield* Posts.markAsTranslated(post!.id, { translationCheck: true })
      assert.includeMembers(tagsOf(checked), ["translation_check", "translation_request"])
      assert.notInclude(tagsOf(checked), "translated")
      const write = (yield* requests).at(-1)!
      assert.strictEqual(write.method, "PUT")
      assert.strictEqual(write.path, `/posts/${post!.id}/mark_as_translated.json`)
      assert.strictEqual(write.body?.["post[translation_check]"], "true")
      const cleared = yield* Posts.markAsTranslated(post!.id, { translationCheck: false })
      assert.include(tagsOf(cleared), "translated")
      assert.notIncludeMembers(tagsOf(cleared), ["translation_check", "translation_request"])
      const stored = yield* Posts.get(post!.id)
      assert.include(tagsOf(stored), "translated")
    }).pipe(Effect.provide(member)))

  it.effect("members only; bad input refused before sending", () =>
    Effect.gen(function*() {
      const [post] = yield* Posts.search({ limit: 1 })
      assert.strictEqual(yield* failure(as("anonymous")(Posts.markAsTranslated(post!.id))), "E621Forbidden")
      assert.strictEqual(yield* failure(Posts.markAsTranslated(-1)), "E621InvalidInput")
      assert.strictEqual(
        yield* failure(Posts.markAsTranslated(post!.id, { translationCheck: "yes" as unknown as boolean })),
        "E621InvalidInput"
      )
    }).pipe(Effect.provide(member)))
})

describe("Users.avatarMenu, Users.uploadTags, Users.nameChangeRequest", () => {
  it.effect("avatarMenu: the caller's own lists; logged-in callers only", () =>
    Effect.gen(function*() {
      const menu = yield* Users.avatarMenu
      assert.strictEqual(menu.has_uploads, true)
      assert.strictEqual((yield* requests).at(-1)!.path, "/users/avatar_menu.json")
      assert.strictEqual(yield* failure(as("anonymous")(Users.avatarMenu)), "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("uploadTags: favourite tags in the setting's order, tags added in the last hour", () =>
    Effect.gen(function*() {
      const [a, b] = yield* Tags.search({ limit: 2 })
      yield* Users.update({ favoriteTags: `${b!.name} no_such_tag_xyz ${a!.name}` })
      const [post] = yield* Posts.search({ limit: 1 })
      yield* Posts.update(post!.id, { tags: { add: ["translation_request"] } })
      const tags = yield* Users.uploadTags
      assert.deepStrictEqual(tags.upload_tags, [
        { name: b!.name, count: b!.post_count, category_id: b!.category },
        { name: a!.name, count: a!.post_count, category_id: a!.category }
      ])
      assert.deepStrictEqual(tags.recent_tags.map((t) => t.name), ["translation_request"])
      assert.strictEqual(yield* failure(as("anonymous")(Users.uploadTags)), "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("nameChangeRequest: the caller's own, any for moderators, others 403, unknown 404", () =>
    Effect.gen(function*() {
      const own = yield* Users.nameChangeRequest(2)
      assert.strictEqual(own.user_id, E621Fake.TESTER.id)
      assert.strictEqual(own.desired_name, "tester")
      assert.strictEqual(own.original_name, "tester_old")
      assert.strictEqual((yield* requests).at(-1)!.path, "/user_name_change_requests/2.json")
      assert.strictEqual(yield* failure(Users.nameChangeRequest(1)), "E621Forbidden")
      assert.strictEqual((yield* as("admin")(Users.nameChangeRequest(1))).id, 1)
      assert.strictEqual(yield* failure(Users.nameChangeRequest(999)), "E621NotFound")
    }).pipe(Effect.provide(member)))
})

describe("WikiPages.showOrNew and Artists.showOrNew", () => {
  // e621 answers an existing record with a 302, which the client never follows
  const anonymous = E621Fake.layer({ posts: 600, seed: 7, client: { retry: false } })

  it.effect("an existing wiki page (the redirect is not followed: the page is read by title); a new title normalised", () =>
    Effect.gen(function*() {
      const [page] = yield* WikiPages.search({ limit: 1 })
      const existing = yield* WikiPages.showOrNew(page!.title.replace(/_/g, " ").toUpperCase())
      assert.deepStrictEqual(existing, { _tag: "Existing", page: yield* WikiPages.get(page!.id) })
      const log = yield* requests
      assert.strictEqual(log[1]!.path, "/wiki_pages/show_or_new.json")
      assert.strictEqual(log[1]!.query.title, page!.title)
      assert.strictEqual(log[1]!.status, 302)
      const fresh = yield* WikiPages.showOrNew("Some Brand New Page")
      assert.deepStrictEqual(fresh, { _tag: "New", title: "some_brand_new_page" })
      assert.strictEqual(yield* failure(WikiPages.showOrNew("   ")), "E621InvalidInput")
    }).pipe(Effect.provide(anonymous)))

  it.effect("an existing artist; a new name normalised", () =>
    Effect.gen(function*() {
      const [artist] = yield* Artists.search({ limit: 1 })
      const existing = yield* Artists.showOrNew(artist!.name)
      assert.strictEqual(existing._tag, "Existing")
      assert.strictEqual(existing._tag === "Existing" ? existing.artist.id : 0, artist!.id)
      assert.deepStrictEqual(yield* Artists.showOrNew("Nobody Yet"), { _tag: "New", name: "nobody_yet" })
      assert.isTrue((yield* requests).some((r) => r.path === "/artists/show_or_new.json" && r.query.name === "nobody_yet"))
    }).pipe(Effect.provide(anonymous)))
})

describe("ForumPosts.hide and ForumTopics.hide", () => {
  it.effect("creators hide their own post and topic (201); others may not; hidden ones leave the public lists", () =>
    Effect.gen(function*() {
      const topic = yield* ForumTopics.create({ title: "Hide me later", categoryId: 1, body: "Opening post" })
      const reply = yield* ForumPosts.create({ topicId: topic.id, body: "A reply to hide" })
      assert.strictEqual(yield* failure(as("privileged")(ForumPosts.hide(reply.id))), "E621Forbidden")
      assert.strictEqual(yield* failure(as("privileged")(ForumTopics.hide(topic.id))), "E621Forbidden")
      const hiddenPost = yield* ForumPosts.hide(reply.id)
      assert.strictEqual(hiddenPost.is_hidden, true)
      const write = (yield* requests).at(-1)!
      assert.strictEqual(write.method, "POST")
      assert.strictEqual(write.path, `/forum_posts/${reply.id}/hide.json`)
      assert.strictEqual(write.status, 201)
      assert.isFalse((yield* as("anonymous")(ForumPosts.search({ topicId: topic.id }))).some((p) => p.id === reply.id))
      const hiddenTopic = yield* ForumTopics.hide(topic.id)
      assert.strictEqual(hiddenTopic.is_hidden, true)
      assert.isFalse((yield* as("anonymous")(ForumTopics.search({ limit: 320 }))).some((t) => t.id === topic.id))
      // again: safe to repeat
      assert.strictEqual((yield* ForumTopics.hide(topic.id)).is_hidden, true)
      assert.strictEqual(yield* failure(as("anonymous")(ForumTopics.hide(topic.id))), "E621Forbidden")
    }).pipe(Effect.provide(member)))

  it.effect("moderators hide anyone's post", () =>
    Effect.gen(function*() {
      const post = (yield* ForumPosts.search({ limit: 50 })).find((p) => p.creator_id !== E621Fake.TESTER.id)!
      assert.strictEqual(yield* failure(ForumPosts.hide(post.id)), "E621Forbidden")
      assert.strictEqual((yield* as("admin")(ForumPosts.hide(post.id))).is_hidden, true)
    }).pipe(Effect.provide(member)))
})
