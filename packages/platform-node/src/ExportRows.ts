/**
 * `ExportRows` moved to `@effect-e621/core` (it needs no Node API); this path re-exports it, so
 * `@effect-e621/platform-node/ExportRows` keeps working.
 *
 * @since 0.1.0
 */
export * from "@effect-e621/core/ExportRows"
