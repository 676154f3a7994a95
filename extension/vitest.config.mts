import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    alias: { 'eslint-plugin-resilint': fileURLToPath(new URL('../eslint-plugin/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'extension',
    include: ['src/**/*.test.ts'],
  },
});
