import { defineConfig } from 'vitest/config';

/** The test setup every package shares: its tests, a JSON report for the CI summary, type tests. */
export const packageTests = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
