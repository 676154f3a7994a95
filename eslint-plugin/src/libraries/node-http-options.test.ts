import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// node:https requests whose options the function keeps in a variable of its own: a HEAD request's options built
// before a promised `https.get` (met on parse-server), and a download's options handed in beside its URL (met on
// saltcorn's plugin loader). The fix copies the options with a signal, leaving the variable as it is.
const head = (options: string) => `import https from 'node:https';
export function headersOf(url: URL) {
  const headOptions = { hostname: url.hostname, path: url.pathname, method: 'HEAD' };
  return new Promise((resolve, reject) => https.get(${options}, (res) => resolve(res.headers)).on('error', reject));
}
`;
const download = (options: string) => `import https from 'node:https';
export function download(url: string, headers: Record<string, string>) {
  const requestOptions = { headers };
  return new Promise((resolve, reject) => https.get(url, ${options}, (res) => resolve(res.statusCode)).on('error', reject));
}
`;
const withSignal = (name: string) => `{ ...${name}, signal: AbortSignal.timeout(5_000) }`;
// an SDK's redirect: the follow-up's options built apart and handed to `request` alone, its response awaited elsewhere
// (met on Adyen's client)
const redirect = (options: string) => `import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
export function follow(location: string, method: string): ClientRequest {
  const next = new URL(location);
  const nextOptions = { hostname: next.hostname, path: next.pathname, method };
  return request(${options});
}
`;

ruleTester.run('require-timeout: node:https options kept in a variable', requireTimeout, {
  valid: [head(withSignal('headOptions')), download(withSignal('requestOptions')), redirect(withSignal('nextOptions'))],
  invalid: [
    { code: redirect('nextOptions'), errors: [{ messageId: 'missingTimeout', line: 6, suggestions: [{ messageId: 'fixClientTimeout', output: redirect(withSignal('nextOptions')) }] }] },
    { code: head('headOptions'), errors: [{ messageId: 'missingTimeout', line: 4, suggestions: [{ messageId: 'fixClientTimeout', output: head(withSignal('headOptions')) }] }] },
    { code: download('requestOptions'), errors: [{ messageId: 'missingTimeout', line: 4, suggestions: [{ messageId: 'fixClientTimeout', output: download(withSignal('requestOptions')) }] }] },
  ],
});

describe('the fixes', () => {
  it('compile against node\'s own types', { timeout: 60_000 }, () => {
    const fixed = [head('headOptions'), download('requestOptions'), redirect('nextOptions')].map((source) => {
      const [finding] = lint(source, 'request.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      return applyFix(source, finding!.suggestions[0]!);
    });
    expect(typeErrors([...fixed, fixed[0]!.replace('signal:', 'sginal:')]).map((errors) => errors.length > 0)).toEqual([false, false, false, true]);
  });
});
