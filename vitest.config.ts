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
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
