import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        // Pure functions, parsers and renderers, and the GitHub API contract on a local server: no database,
        // so they run alone in seconds (`npm run test:unit`). They keep no state between files, so the files of
        // a worker share one module graph: loading the SQL parser's WebAssembly once per worker, not per file.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        // Everything that needs PostgreSQL, which the global setup finds or starts.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // Each file creates its own throwaway databases, so files may run side by side.
          pool: 'forks',
        },
      },
    ],
  },
});
