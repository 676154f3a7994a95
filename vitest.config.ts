import { defineConfig } from 'vitest/config';

// One test run for the whole repository: each package keeps its tests beside its code,
// cross-package tests live in test/.
export default defineConfig({
  test: {
    projects: ['packages/runtime', 'packages/language-server', 'eslint-plugin', 'extension', 'test'],
  },
});
