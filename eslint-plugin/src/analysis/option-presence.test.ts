import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// Options built by a helper function of the same file: what it returns is what the call gets.
ruleTester.run('require-timeout: options returned by a function of the file', rule, {
  valid: [
    // the helper's options carry a signal
    `const requestInit = () => ({ headers: { accept: 'application/json' }, signal: AbortSignal.timeout(8_000) });
     export async function listInvoices(base: string) { return fetch(base + '/invoices', requestInit()); }`,
    `function requestInit() { return { headers: { accept: 'text/plain' }, signal: AbortSignal.timeout(3_000) }; }
     export async function ping(base: string) { return fetch(base, { ...requestInit(), method: 'HEAD' }); }`,
    // the spread comes first and the call sets its own signal after it
    `const requestInit = () => ({ headers: { 'x-token': 'abc' } });
     export async function ping(base: string) { return fetch(base, { ...requestInit(), signal: AbortSignal.timeout(2_000) }); }`,
    // a helper that may return options it did not build itself: not read
    `const requestInit = (given?: RequestInit) => { if (given) return given; return { headers: {} }; };
     export async function ping(base: string, init?: RequestInit) { return fetch(base, requestInit(init)); }`,
    // its signal comes from its parameter: unknown here
    `const requestInit = (signal: AbortSignal) => ({ headers: {}, signal });
     export async function ping(base: string, signal: AbortSignal) { return fetch(base, requestInit(signal)); }`,
    // a helper from another module is not read here
    `import { requestInit } from './request-init';
     export async function ping(base: string) { return fetch(base, requestInit()); }`,
    // one branch bounds the call: not visibly unbounded
    `function requestInit(slow: boolean) {
       if (slow) return { headers: {}, signal: AbortSignal.timeout(60_000) };
       return { headers: {} };
     }
     export async function ping(base: string) { return fetch(base, requestInit(true)); }`,
  ],
  invalid: [
    {
      code: `const authHeaders = () => ({ headers: { authorization: 'Bearer ' + process.env.TOKEN, 'content-type': 'application/json' } });
export async function listLinks(base: string) {
  const response = await fetch(base + '/links', authHeaders());
  return response.json();
}`,
      errors: [{ ...missing, suggestions: 4 }],
    },
    {
      code: `function authHeaders() {
  return { headers: { authorization: 'Bearer ' + process.env.TOKEN } };
}
export class Shortener {
  async shorten(base: string, target: string) {
    return fetch(base + '/links', { ...authHeaders(), method: 'POST', body: JSON.stringify({ target }) });
  }
}`,
      // a POST: no retry among the fixes
      errors: [{ ...missing, suggestions: 3 }],
    },
  ],
});

/** The code after the suggestion `messageId` of the file's single finding. */
function afterSuggestion(code: string, messageId: string): string | undefined {
  const linter = new Linter({ configType: 'flat' });
  const [message] = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule as never } } }, rules: { 'resilint/require-timeout': 'error' } }], 'file.ts');
  const fix = message?.suggestions?.find((suggestion) => suggestion.messageId === messageId)?.fix;
  return fix && code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('the fix for options a helper returns', () => {
  it('spreads the helper\'s options under the signal', () => {
    const code = `const authHeaders = () => ({ headers: { authorization: 'Bearer x' } });
export const listLinks = (base: string) => fetch(base, authHeaders());`;
    expect(afterSuggestion(code, 'fixNativeTimeout')).toBe(`const authHeaders = () => ({ headers: { authorization: 'Bearer x' } });
export const listLinks = (base: string) => fetch(base, { ...authHeaders(), signal: AbortSignal.timeout(5_000) });`);
  });

  it('adds the signal beside the spread', () => {
    const code = `const authHeaders = () => ({ headers: { authorization: 'Bearer x' } });
export const create = (base: string) => fetch(base, { ...authHeaders(), method: 'POST' });`;
    expect(afterSuggestion(code, 'fixNativeTimeout')).toBe(`const authHeaders = () => ({ headers: { authorization: 'Bearer x' } });
export const create = (base: string) => fetch(base, { ...authHeaders(), method: 'POST', signal: AbortSignal.timeout(5_000) });`);
  });
});
