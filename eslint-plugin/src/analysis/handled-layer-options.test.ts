import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A wrapper that spreads its caller's options into fetch and answers `{ ok: false }` when it fails: handling the
// failure is not bounding the wait. Its callers make no external call of their own (the wrapper catches), so they
// are not judged; the wrapper's fetch is, by what the callers in view give it.
ruleTester.run('require-timeout: a wrapper that catches its own failures and spreads its caller options into fetch', rule, {
  valid: [
    // a caller gives a signal, and the only other one gives options that may hold one
    `const API = 'https://notes.example.com';
     export class Notes {
       async call(path: string, options: RequestInit = {}) {
         try {
           const response = await fetch(API + path, { ...options, headers: { accept: 'application/json' } });
           return { ok: true, body: await response.json() };
         } catch (error) {
           return { ok: false, error: String(error) };
         }
       }
       list() { return this.call('/notes', { signal: AbortSignal.timeout(8_000) }); }
       search(init: RequestInit) { return this.call('/notes/search', init); }
     }`,
    // the wrapper sets its own bound beside the spread
    `const API = 'https://notes.example.com';
     export class Notes {
       async call(path: string, options: RequestInit = {}) {
         try {
           const response = await fetch(API + path, { ...options, signal: AbortSignal.timeout(8_000) });
           return { ok: true, body: await response.json() };
         } catch {
           return { ok: false };
         }
       }
       list() { return this.call('/notes'); }
     }`,
  ],
  invalid: [
    {
      // no caller in view gives a bound: reported once, at the wrapper's fetch
      code: `const API = 'https://notes.example.com';
export class Notes {
  async call(path: string, options: RequestInit = {}) {
    try {
      const response = await fetch(API + path, { ...options, headers: { accept: 'application/json' } });
      return { ok: true, body: await response.json() };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }
  list() { return this.call('/notes'); }
  remove(id: string) { return this.call('/notes/' + id, { method: 'DELETE' }); }
}`,
      errors: [{ messageId: 'missingTimeout', line: 5, suggestions: 4 }],
    },
  ],
});
