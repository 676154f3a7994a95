import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// make-fetch-happen sets no timeout unless `timeout` is given (0 by default), on the call or in `fetch.defaults(...)`;
// a CLI's release or token request on it can hang a CI job.
ruleTester.run('require-timeout (make-fetch-happen)', requireTimeout, {
  valid: [
    `import fetch from 'make-fetch-happen'; export const token = (url: string) => fetch(url, { method: 'POST', timeout: 15_000 });`,
    `import fetch from 'make-fetch-happen'; export const page = (url: string, signal: AbortSignal) => fetch(url, { signal });`,
    // a fetch with defaults that bound every call
    `import fetch from 'make-fetch-happen';
const registry = fetch.defaults({ cachePath: '/tmp/cache', timeout: 30_000 });
export const manifest = (name: string) => registry('https://registry.example.test/' + name);`,
    // defaults given with a base URI first
    `import fetch from 'make-fetch-happen';
const api = fetch.defaults('https://api.example.test', { timeout: 10_000 });
export const me = () => api('/me');`,
    // options from elsewhere may carry one
    `const fetch = require('make-fetch-happen'); module.exports = (url, options) => fetch(url, options);`,
  ],
  invalid: [
    {
      code: `import fetch from 'make-fetch-happen';
export function createRelease(url: string, token: string, body: string) {
  return fetch(url, { method: 'POST', body, headers: { 'PRIVATE-TOKEN': token } });
}`,
      errors: [{ ...missing, line: 3, suggestions: [{ messageId: 'fixNativeTimeout', output: `import fetch from 'make-fetch-happen';
export function createRelease(url: string, token: string, body: string) {
  return fetch(url, { method: 'POST', body, headers: { 'PRIVATE-TOKEN': token }, timeout: 5_000 });
}` }] }],
    },
    {
      // defaults with a cache and retries, but no timeout
      code: `import fetch from 'make-fetch-happen';
const cached = fetch.defaults({ cachePath: '/tmp/cache', retry: { retries: 2 } });
export const oidcToken = (url: string) => cached(url);`,
      errors: [{ ...missing, line: 3, suggestions: [
        { messageId: 'fixInstanceTimeout', output: `import fetch from 'make-fetch-happen';
const cached = fetch.defaults({ cachePath: '/tmp/cache', retry: { retries: 2 }, timeout: 30_000 });
export const oidcToken = (url: string) => cached(url);` },
        { messageId: 'fixNativeTimeout', output: `import fetch from 'make-fetch-happen';
const cached = fetch.defaults({ cachePath: '/tmp/cache', retry: { retries: 2 } });
export const oidcToken = (url: string) => cached(url, { timeout: 5_000 });` },
      ] }],
    },
  ],
});

describe('the make-fetch-happen fix', () => {
  it('compiles against @types/make-fetch-happen', { timeout: 60_000 }, () => {
    const sources = [
      `import fetch from 'make-fetch-happen';\nexport const a = (url: string) => fetch(url, { method: 'POST', body: '{}' });\n`,
      `import fetch from 'make-fetch-happen';\nconst cached = fetch.defaults({ cachePath: '/tmp/cache' });\nexport const b = (url: string) => cached(url);\n`,
    ];
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `make-fetch-happen-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding?.suggestions[0];
      expect(suggestion?.text).toMatch(/timeout: \d+_000 }\)?$/);
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(typeErrors(fixed)).toEqual([[], []]);
  });
});
