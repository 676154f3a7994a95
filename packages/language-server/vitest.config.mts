import { defineProject } from 'vitest/config';

// The tests start the built binary (npm run build), as an editor does.
export default defineProject({
  test: {
    name: 'language-server',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
