import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'eslint-plugin',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
  },
});
