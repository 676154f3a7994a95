import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnprotectedCall from '../rules/no-unprotected-call.js';

const ruleTester = new RuleTester();
// a package of the git-sync workspace depending on @git-sync/cache, whose KeyCache holds a client typed
// `CacheClient`, an alias of node-redis's RedisClientType declared in another module of that package
const filename = fileURLToPath(new URL('../../../fixtures/workspaces/git-sync/packages/sync-api/src/session.ts', import.meta.url));

// A workspace class wrapping a client through a type alias from another module: its methods are external calls.
ruleTester.run('no-unprotected-call: a workspace cache whose client type is an alias from another module', noUnprotectedCall, {
  valid: [
    {
      filename,
      code: `import { KeyCache } from '@git-sync/cache';
export function remember(cache: KeyCache, id: string, done: (error: Error | null) => void) {
  cache.set(id, 'seen', 60).then(() => done(null)).catch((error: Error) => done(error));
}`,
    },
    {
      filename,
      code: `import { KeyCache } from '@git-sync/cache';
export async function recall(cache: KeyCache, id: string) {
  return cache.get(id);
}`,
    },
  ],
  invalid: [
    {
      filename,
      code: `import { KeyCache } from '@git-sync/cache';
export function remember(cache: KeyCache, id: string, done: (error: Error | null) => void) {
  cache.set(id, 'seen', 60).then(() => done(null));
}`,
      errors: [{ messageId: 'floating', line: 3, suggestions: 4 }],
    },
  ],
});
