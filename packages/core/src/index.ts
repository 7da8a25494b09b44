/**
 * effect-e621: an Effect-native client for the e621 / e926 / e6ai JSON API.
 *
 * Every endpoint is an `Effect` (lists are also `Stream`s) that needs the {@link E621Client} service; provide
 * it with `NodeE621.layer` (from `@effect-e621/platform-node`), `E621Client.layer` over any `HttpClient`, or
 * the fake e621 from `@effect-e621/core/testing` in tests.
 *
 * Modules: the client and its errors, `Decoding` (what lists do with a record the schema rejects), `Paging`
 * (the paging options every list shares), `TagQuery` and `Blacklist`, one module per endpoint family (`Posts`,
 * `Pools`, `Tags`, `Users`, …) and one per resource schema (`Post`, `Pool`, `Tag`, `User`, …; a schema whose
 * name is taken by a family is exported with a `Schema` suffix, e.g. `StatsSchema`). By path only (not loaded
 * by this index): `CsvParser`, `ExportRows` and `Progress` (database export files and a progress line,
 * re-exported by `@effect-e621/platform-node`).
 *
 * @module @effect-e621/core
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as E621Client from "./E621Client.ts"

/** @since 0.1.0 */
export * as E621Error from "./E621Error.ts"

/** @since 0.1.0 */
export * as BudgetStore from "./BudgetStore.ts"

/** @since 0.1.0 */
export * as Decoding from "./Decoding.ts"

/** @since 0.1.0 */
export * as Paging from "./Paging.ts"

/** @since 0.1.0 */
export * as TagQuery from "./TagQuery.ts"

/** @since 0.1.0 */
export * as Blacklist from "./Blacklist.ts"

/** @since 0.1.0 */
export * as TagGraph from "./TagGraph.ts"

/** @since 0.1.0 */
export * as Watch from "./Watch.ts"

/** @since 0.1.0 */
export * as ReadCache from "./ReadCache.ts"

// Endpoint families

/** @since 0.1.0 */
export * as Appeals from "./api/Appeals.ts"

/** @since 0.1.0 */
export * as ArtistUrls from "./api/ArtistUrls.ts"

/** @since 0.1.0 */
export * as ArtistVersions from "./api/ArtistVersions.ts"

/** @since 0.1.0 */
export * as Artists from "./api/Artists.ts"

/** @since 0.1.0 */
export * as AvoidPostings from "./api/AvoidPostings.ts"

/** @since 0.1.0 */
export * as Bans from "./api/Bans.ts"

/** @since 0.1.0 */
export * as Blips from "./api/Blips.ts"

/** @since 0.1.0 */
export * as BulkUpdateRequests from "./api/BulkUpdateRequests.ts"

/** @since 0.1.0 */
export * as Comments from "./api/Comments.ts"

/** @since 0.1.0 */
export * as DText from "./api/DText.ts"

/** @since 0.1.0 */
export * as DbExports from "./api/DbExports.ts"

/** @since 0.1.0 */
export * as Dmails from "./api/Dmails.ts"

/** @since 0.1.0 */
export * as Favorites from "./api/Favorites.ts"

/** @since 0.1.0 */
export * as ForumPosts from "./api/ForumPosts.ts"

/** @since 0.1.0 */
export * as ForumTopics from "./api/ForumTopics.ts"

/** @since 0.1.0 */
export * as HelpPages from "./api/HelpPages.ts"

/** @since 0.1.0 */
export * as Iqdb from "./api/Iqdb.ts"

/** @since 0.1.0 */
export * as Mascots from "./api/Mascots.ts"

/** @since 0.1.0 */
export * as ModActions from "./api/ModActions.ts"

/** @since 0.1.0 */
export * as NewsUpdates from "./api/NewsUpdates.ts"

/** @since 0.1.0 */
export * as NoteVersions from "./api/NoteVersions.ts"

/** @since 0.1.0 */
export * as Notes from "./api/Notes.ts"

/** @since 0.1.0 */
export * as PoolVersions from "./api/PoolVersions.ts"

/** @since 0.1.0 */
export * as Pools from "./api/Pools.ts"

/** @since 0.1.0 */
export * as Popular from "./api/Popular.ts"

/** @since 0.1.0 */
export * as PostApprovals from "./api/PostApprovals.ts"

/** @since 0.1.0 */
export * as PostEvents from "./api/PostEvents.ts"

/** @since 0.1.0 */
export * as PostFlags from "./api/PostFlags.ts"

/** @since 0.1.0 */
export * as PostReplacements from "./api/PostReplacements.ts"

/** @since 0.1.0 */
export * as PostSets from "./api/PostSets.ts"

/** @since 0.1.0 */
export * as PostVersions from "./api/PostVersions.ts"

/** @since 0.1.0 */
export * as PostVotes from "./api/PostVotes.ts"

/** @since 0.1.0 */
export * as Posts from "./api/Posts.ts"

/** @since 0.1.0 */
export * as SearchTrends from "./api/SearchTrends.ts"

/** @since 0.1.0 */
export * as Stats from "./api/Stats.ts"

/** @since 0.1.0 */
export * as TagAliases from "./api/TagAliases.ts"

/** @since 0.1.0 */
export * as TagImplications from "./api/TagImplications.ts"

/** @since 0.1.0 */
export * as TagTypeVersions from "./api/TagTypeVersions.ts"

/** @since 0.1.0 */
export * as Tags from "./api/Tags.ts"

/** @since 0.1.0 */
export * as Takedowns from "./api/Takedowns.ts"

/** @since 0.1.0 */
export * as Tickets from "./api/Tickets.ts"

/** @since 0.1.0 */
export * as Uploads from "./api/Uploads.ts"

/** @since 0.1.0 */
export * as UploadWhitelists from "./api/UploadWhitelists.ts"

/** @since 0.1.0 */
export * as UserFeedbacks from "./api/UserFeedbacks.ts"

/** @since 0.1.0 */
export * as Users from "./api/Users.ts"

/** @since 0.1.0 */
export * as WikiPageVersions from "./api/WikiPageVersions.ts"

/** @since 0.1.0 */
export * as WikiPages from "./api/WikiPages.ts"

// Resource schemas

/** @since 0.1.0 */
export * as Appeal from "./schemas/Appeal.ts"

/** @since 0.1.0 */
export * as Artist from "./schemas/Artist.ts"

/** @since 0.1.0 */
export * as ArtistUrl from "./schemas/ArtistUrl.ts"

/** @since 0.1.0 */
export * as ArtistUrlEntry from "./schemas/ArtistUrlEntry.ts"

/** @since 0.1.0 */
export * as ArtistVersion from "./schemas/ArtistVersion.ts"

/** @since 0.1.0 */
export * as AutocompleteTag from "./schemas/AutocompleteTag.ts"

/** @since 0.1.0 */
export * as AvoidPosting from "./schemas/AvoidPosting.ts"

/** @since 0.1.0 */
export * as AvoidPostingVersion from "./schemas/AvoidPostingVersion.ts"

/** @since 0.1.0 */
export * as AvatarMenu from "./schemas/AvatarMenu.ts"

/** @since 0.1.0 */
export * as Ban from "./schemas/Ban.ts"

/** @since 0.1.0 */
export * as Blip from "./schemas/Blip.ts"

/** @since 0.1.0 */
export * as BulkUpdateRequest from "./schemas/BulkUpdateRequest.ts"

/** @since 0.1.0 */
export * as Comment from "./schemas/Comment.ts"

/** @since 0.1.0 */
export * as CommentVote from "./schemas/CommentVote.ts"

/** @since 0.1.0 */
export * as DTextPreview from "./schemas/DTextPreview.ts"

/** @since 0.1.0 */
export * as DbExport from "./schemas/DbExport.ts"

/** @since 0.1.0 */
export * as Dmail from "./schemas/Dmail.ts"

/** @since 0.1.0 */
export * as Favorite from "./schemas/Favorite.ts"

/** @since 0.1.0 */
export * as ForumPost from "./schemas/ForumPost.ts"

/** @since 0.1.0 */
export * as ForumPostVote from "./schemas/ForumPostVote.ts"

/** @since 0.1.0 */
export * as ForumTopic from "./schemas/ForumTopic.ts"

/** @since 0.1.0 */
export * as HelpPage from "./schemas/HelpPage.ts"

/** @since 0.1.0 */
export * as IqdbMatch from "./schemas/IqdbMatch.ts"

/** @since 0.1.0 */
export * as Mascot from "./schemas/Mascot.ts"

/** @since 0.1.0 */
export * as ModAction from "./schemas/ModAction.ts"

/** @since 0.1.0 */
export * as NewsUpdate from "./schemas/NewsUpdate.ts"

/** @since 0.1.0 */
export * as Note from "./schemas/Note.ts"

/** @since 0.1.0 */
export * as NoteVersion from "./schemas/NoteVersion.ts"

/** @since 0.1.0 */
export * as Pool from "./schemas/Pool.ts"

/** @since 0.1.0 */
export * as PoolVersion from "./schemas/PoolVersion.ts"

/** @since 0.1.0 */
export * as Post from "./schemas/Post.ts"

/** @since 0.1.0 */
export * as PostApproval from "./schemas/PostApproval.ts"

/** @since 0.1.0 */
export * as PostCount from "./schemas/PostCount.ts"

/** @since 0.1.0 */
export * as PostEvent from "./schemas/PostEvent.ts"

/** @since 0.1.0 */
export * as PostFlag from "./schemas/PostFlag.ts"

/** @since 0.1.0 */
export * as PostReplacement from "./schemas/PostReplacement.ts"

/** @since 0.1.0 */
export * as PostSet from "./schemas/PostSet.ts"

/** @since 0.1.0 */
export * as PostVersion from "./schemas/PostVersion.ts"

/** @since 0.1.0 */
export * as PostVote from "./schemas/PostVote.ts"

/** @since 0.1.0 */
export * as Recommendations from "./schemas/Recommendations.ts"

/** @since 0.1.0 */
export * as RelatedTag from "./schemas/RelatedTag.ts"

/** @since 0.1.0 */
export * as SearchTrend from "./schemas/SearchTrend.ts"

/** @since 0.1.0 */
export * as StatsSchema from "./schemas/Stats.ts"

/** @since 0.1.0 */
export * as Tag from "./schemas/Tag.ts"

/** @since 0.1.0 */
export * as TagAlias from "./schemas/TagAlias.ts"

/** @since 0.1.0 */
export * as TagCorrection from "./schemas/TagCorrection.ts"

/** @since 0.1.0 */
export * as TagImplication from "./schemas/TagImplication.ts"

/** @since 0.1.0 */
export * as TagPreview from "./schemas/TagPreview.ts"

/** @since 0.1.0 */
export * as TagTypeVersion from "./schemas/TagTypeVersion.ts"

/** @since 0.1.0 */
export * as Takedown from "./schemas/Takedown.ts"

/** @since 0.1.0 */
export * as Ticket from "./schemas/Ticket.ts"

/** @since 0.1.0 */
export * as Upload from "./schemas/Upload.ts"

/** @since 0.1.0 */
export * as UploadTags from "./schemas/UploadTags.ts"

/** @since 0.1.0 */
export * as UploadWhitelist from "./schemas/UploadWhitelist.ts"

/** @since 0.1.0 */
export * as User from "./schemas/User.ts"

/** @since 0.1.0 */
export * as UserFeedback from "./schemas/UserFeedback.ts"

/** @since 0.1.0 */
export * as UserNameChangeRequest from "./schemas/UserNameChangeRequest.ts"

/** @since 0.1.0 */
export * as UserMinimal from "./schemas/UserMinimal.ts"

/** @since 0.1.0 */
export * as WikiPage from "./schemas/WikiPage.ts"

/** @since 0.1.0 */
export * as WikiPageVersion from "./schemas/WikiPageVersion.ts"
