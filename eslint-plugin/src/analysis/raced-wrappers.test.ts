import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A helper module racing the request it forwards against a rejecting timer (met on kentcdodds.com, the twenty-second
// session: `fetchWithTimeout(url, init, ms)` that strips the caller's signal on purpose): its importers' calls are
// bounded by the race. A helper of the same shape with no race keeps its callers' findings.
const root = mkdtempSync(join(tmpdir(), 'resilint-raced-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string): string => join(root, name);

writeFileSync(file('deadline.ts'), `export function withDeadline(address: string, init: RequestInit = {}, limitMs = 1000): Promise<Response> {
  const copy: RequestInit = { ...init };
  delete copy.signal;
  const deadline = new Promise<never>((_, reject) => { setTimeout(() => reject(new Error('too slow')), limitMs); });
  return Promise.race([fetch(address, copy), deadline]);
}
export function unraced(address: string, init: RequestInit = {}): Promise<Response> {
  const copy: RequestInit = { ...init };
  return fetch(address, copy);
}
`);

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: callers of a helper in another module that races its request against a timer', requireTimeout, {
  valid: [
    { filename: file('probe.ts'), code: `import { withDeadline } from './deadline'; export const probe = async () => (await withDeadline('https://status.example.com', { method: 'HEAD' }, 750)).ok;` },
  ],
  invalid: [
    {
      filename: file('plain.ts'),
      code: `import { unraced } from './deadline'; export const probe = async () => (await unraced('https://status.example.com', { method: 'HEAD' })).ok;`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
  ],
});
