import { defineConfig } from 'vitest/config';

// Cross-package tests: they lint fixtures with every rule and type-check generated code, so give them time.
export default defineConfig({
  test: {
    name: 'test',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
  },
});
