import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    alias: [
      { find: /^eslint-plugin-resilint$/, replacement: fileURLToPath(new URL('../eslint-plugin/src/index.ts', import.meta.url)) },
      { find: /^eslint-plugin-resilint\/file-roles$/, replacement: fileURLToPath(new URL('../eslint-plugin/src/project/file-roles.ts', import.meta.url)) },
      { find: /^eslint-plugin-resilint\/eslint-env-comments$/, replacement: fileURLToPath(new URL('../eslint-plugin/src/eslint-env-comments.ts', import.meta.url)) },
    ],
  },
  test: {
    name: 'extension',
    include: ['src/**/*.test.ts'],
  },
});
