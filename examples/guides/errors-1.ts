// examples/guides/errors-1.ts
import { NodeE621 } from "@effect-e621/platform-node"

// The defaults, spelled out: change them only if you know why.
export const E621 = NodeE621.layer({
  userAgent: "archiver/2.1 (by some_user on e621)",
  rateLimit: { limit: 2, window: "2 seconds" }, // reads: bursts of 2, 1 request/s sustained
  writeRateLimit: { limit: 1, window: "1 second" }, // writes (e621 allows Members 60/min)
  iqdbRateLimit: { limit: 10, window: "10 seconds" }, // reverse image search by post or hash
  iqdbImageRateLimit: { limit: 1, window: "1 minute" }, // … by file or URL (logged in: 6 per 10 s)
  filesRateLimit: { limit: 4, window: "1 second" }, // downloads from the static host
  retry: { times: 4, base: "500 millis", maxDelay: "1 minute" }, // jittered, never sooner than Retry-After
  timeout: "30 seconds", // per attempt: an API answer's headers and body, a file's headers
  transfer: { idle: "30 seconds" }, // file bodies: the next bytes within 30 s; overall 10 min + size at 64 KiB/s
  maxServerWait: "10 minutes", // a longer Retry-After fails at once (E621RateLimited), pausing nothing
  budgetStore: { maxWait: "1 minute", fallback: "none" } // Redis unavailable: wait, then E621BudgetUnavailable
})
