import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A wrapper that follows redirects itself keeps its request options in a `let` and, after a 303, gives it a new value
// built from the old one (`opts = { ...opts, method: 'GET', body: undefined }`). Every value the variable holds still
// carries what the caller passed, so the callers are judged by what they pass, as with a wrapper that never reassigns.
const ruleTester = new RuleTester();

const wrapper = (reassigned: string): string => `import fetch, { RequestInit, Response } from 'node-fetch';
async function follow(url: string, init?: RequestInit): Promise<Response> {
  let target = url;
  let options = { ...init, redirect: 'manual' as const };
  for (let hop = 0; hop < 5; hop++) {
    const response = await fetch(target, options);
    const next = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !next) return response;
    target = new URL(next, target).toString();
    if (response.status === 303) ${reassigned};
  }
  throw new Error('too many redirects');
}
`;
const rebuiltAsGet = wrapper("options = { ...options, method: 'GET', body: undefined }");

ruleTester.run('require-timeout: a wrapper whose options are rebuilt from themselves', requireTimeout, {
  valid: [
    // every caller passes a signal: the bound is theirs
    `${rebuiltAsGet}export const page = (url: string) => follow(url, { signal: AbortSignal.timeout(5_000) });`,
    // the new value sets a bound of the wrapper's own on some hops: the callers' options are not all the call gets
    `${wrapper("options = { ...options, method: 'GET', signal: AbortSignal.timeout(5_000) }")}export const page = (url: string) => follow(url, { method: 'GET' });`,
  ],
  invalid: [
    {
      // the caller passes options with no signal: it is the one to bound
      code: `${rebuiltAsGet}export const page = (url: string) => follow(url, { method: 'GET' });`,
      errors: [{ messageId: 'missingTimeout', line: 14, suggestions: 4 }],
    },
  ],
});
