import { defaultServerConditions } from "vite"
import { defineConfig } from "vitest/config"

// Tests run the packages' sources (the `source` export condition), not the compiled `dist/` that Node users get.
const conditions = ["source", ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/noNetwork.ts"],
    // each file in a fresh worker (vitest's default, said explicitly: otherwise a full run ends with a hint,
    // after the summary, to turn isolation off — tests patch globals and start servers per file)
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
