import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A helper of the file that returns what its callback gives (a rate limiter: `async limited(op) { await slot();
// return op(); }`): a request made in the callback fails where the helper's promise goes. Met on a sync service's
// Google Drive helpers (the twenty-fourth round) and on request layers that throttle their requests.
const ruleTester = new RuleTester();
const bounded = '{ signal: AbortSignal.timeout(5_000) }';

const limiter = `  private async limited<T>(op: () => Promise<T>): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return op();
  }`;

ruleTester.run('no-unprotected-call: a request handed to a helper that returns what it gives', noUnprotectedCall, {
  valid: [
    `export class Sync {
${limiter}
  async changes(url: string) {
    try {
      return await this.limited(() => fetch(url, ${bounded}));
    } catch {
      return [];
    }
  }
}`,
    // a helper that catches inside is not followed: what it does with the failure is its own
    `const quietly = async (op: () => Promise<Response>) => { try { return await op(); } catch { return undefined; } };
export function ping(url: string) { void quietly(() => fetch(url, ${bounded})); }`,
  ],
  invalid: [
    {
      code: `export class Sync {
${limiter}
  refresh(url: string) {
    this.limited(() => fetch(url, ${bounded}));
  }
}`,
      errors: [{ messageId: 'floating', suggestions: 3 }],
    },
    {
      code: `const throttle = (op: () => Promise<Response>) => op();
export function warm(url: string) {
  throttle(() => fetch(url, ${bounded}));
}`,
      errors: [{ messageId: 'floating', suggestions: 3 }],
    },
  ],
});

// Such a helper inside a request layer of another module: the layer is a wrapper, its callers judged by what they pass.
const root = mkdtempSync(join(tmpdir(), 'resilint-pass-through-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'api.ts'), `export class Api {
${limiter}
  send(path: string, init: RequestInit = {}) {
    return this.limited(() => fetch(\`https://api.example.com\${path}\`, { ...init, headers: { accept: 'application/json' } }));
  }
}
`);

ruleTester.run('require-timeout: callers of a layer whose request goes through such a helper', requireTimeout, {
  valid: [
    { filename: join(root, 'bounded.ts'), code: `import { Api } from './api';\nexport const list = (api = new Api()) => api.send('/items', ${bounded});` },
  ],
  invalid: [
    {
      filename: join(root, 'list.ts'),
      code: `import { Api } from './api';\nexport const list = (api = new Api()) => api.send('/items', { method: 'GET' });`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
  ],
});
