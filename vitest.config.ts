import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources of the workspace packages (the
// "@emporium/source" export condition), so no build is needed before `npm test`.
export default defineConfig({
  resolve: { conditions: ["@emporium/source"] },
  ssr: { resolve: { conditions: ["@emporium/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "examples/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.contract.ts", "**/test-support/**"],
    },
  },
});
