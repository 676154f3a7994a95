import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
// Summarising 300 KiB of modules takes seconds on a loaded machine: more than vitest's default 5 s.
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A project with more source than the process keeps trees of: the summaries keep what they answered, drop the trees,
// and a question nobody asked before parses the module again. The lints below run in this order, so the last ones ask
// about `api.ts` after the service modules (300 KiB of source) have pushed its tree out.
const root = mkdtempSync(join(tmpdir(), 'resilint-detached-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

writeFileSync(join(root, 'api.ts'), `import axios from 'axios';
export const api = axios.create({ baseURL: 'https://billing.test' });
export const boundedApi = axios.create({ baseURL: 'https://billing.test', timeout: 2_000 });
export class BillingClient {
  private readonly http = axios.create({ baseURL: 'https://billing.test' });
  private readonly boundedHttp = axios.create({ timeout: 2_000 });
  charge(id: string) { return this.http.post('/charges', { id }); }
  refund(id: string) { return this.boundedHttp.post('/refunds', { id }); }
  status(id: string, init: { signal?: AbortSignal } = {}) { return fetch('/status/' + id, init); }
}
`);
const SERVICES = 12;
const catalogue = Array.from({ length: 360 }, (_, index) => `export const item${index} = { id: ${index}, name: 'item ${index}', tags: ['a', 'b'] };`).join('\n');
for (let index = 0; index < SERVICES; index++) {
  writeFileSync(join(root, `service${index}.ts`), `import axios from 'axios';\nexport const load${index} = () => axios.get('/s/${index}', { timeout: 1_000 });\n${catalogue}\n`);
}
const file = (name: string): string => join(root, name);
const manyServices = Array.from({ length: SERVICES }, (_, index) => `import { load${index} } from './service${index}';`).join('\n')
  + `\nexport const all = () => Promise.all([${Array.from({ length: SERVICES }, (_, index) => `load${index}()`).join(', ')}]);`;

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout with summaries whose trees were dropped', requireTimeout, {
  valid: [
    { filename: file('first.ts'), code: `import { BillingClient } from './api'; export const run = (c: BillingClient) => c.refund('1');` },
    // every service module is summarised: the tree of api.ts is dropped
    { filename: file('all.ts'), code: manyServices },
    // new questions on api.ts: a method and an export nobody asked about yet
    { filename: file('later.ts'), code: `import { BillingClient, boundedApi } from './api';
export const run = (c: BillingClient) => [c.status('1', { signal: AbortSignal.timeout(1_000) }), boundedApi.get('/a')];` },
    // a method whose own call is unbounded is reported there, in api.ts, not at its callers
    { filename: file('charge.ts'), code: `import { BillingClient } from './api'; export const run = (c: BillingClient) => c.charge('1');` },
    // the instance set up in this file: the same client value whichever way it is reached
    { filename: file('defaults.ts'), code: `import { api } from './api'; api.defaults.timeout = 3_000; export const run = () => api.get('/a');` },
  ],
  invalid: [
    { filename: file('status.ts'), code: `import { BillingClient } from './api'; export const run = (c: BillingClient) => c.status('1');`, errors: [{ ...missing, suggestions: 4 }] },
    { filename: file('plain.ts'), code: `import { api } from './api'; export const run = () => api.get('/a');`, errors: [{ ...missing, suggestions: 4 }] },
  ],
});
