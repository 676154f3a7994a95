import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

// An init that spreads a fixed object of the module: its keys are in view, so a missing signal is too. Options of
// the caller spread in stay the caller's choice (judged where it calls); an object written to or handed to other
// code after it is made may hold anything. So do a factory's options spread into its calls, unless another call of
// the factory sets a bound of its own beside them: then the bound is the factory's, and a call without it forgot it.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout: spread defaults', rule, {
  valid: [
    // a fixed object that sets the signal, spread into the init
    `const bounded = { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } };
export const list = (url: string) => fetch(url, { ...bounded, method: 'GET' });`,
    // spread options of the caller: the caller chooses (judged where it calls, not here)
    `export const post = (url: string, init?: RequestInit) => fetch(url, { ...init, method: 'POST' });`,
    // a module object written to after it is made may gain a signal anywhere
    `const shared: RequestInit = { headers: {} };
export function arm(ms: number) { shared.signal = AbortSignal.timeout(ms); }
export const hit = (url: string) => fetch(url, { ...shared, method: 'POST' });`,
    // or handed to code that may set one
    `import { withDeadline } from './deadline';
const base: RequestInit = { headers: {} };
withDeadline(base, 5_000);
export const hit = (url: string) => fetch(url, { ...base, method: 'POST' });`,
    // a factory's options spread into its one call: whoever makes the requester chooses
    `export function makeRequester({ init = {} }: { init?: RequestInit } = {}) {
  return { get: (url: string) => fetch(url, { method: 'GET', ...init }) };
}`,
    // both calls of the factory set the bound beside its options
    `export function makeRequester({ init = {} }: { init?: RequestInit } = {}) {
  const get = (url: string, ms: number) => fetch(url, { signal: AbortSignal.timeout(ms), ...init });
  const stream = (url: string, ms: number) => fetch(url, { signal: AbortSignal.timeout(ms), ...init, headers: { ...init.headers } });
  return { get, stream };
}`,
    // a module variable that is reassigned holds whatever was last put there
    `let current: RequestInit = { headers: {} };
export function configure(next: RequestInit) { current = next; }
export const call = (url: string) => fetch(url, { ...current });`,
  ],
  invalid: [
    {
      // fixed defaults of the module, spread into the init: none of them is a signal
      code: `const jsonDefaults = { headers: { 'content-type': 'application/json' }, credentials: 'include' as const };
export const create = (url: string, body: unknown) => fetch(url, { ...jsonDefaults, method: 'POST', body: JSON.stringify(body) });`,
      // a POST (its method written after the spread): no retry among the fixes
      errors: [{ ...missing, line: 2, suggestions: 3 }],
    },
    {
      // an SDK's requester: the plain call applies the timeout it is given beside the factory's options, the streaming
      // one spreads the same options and drops it
      code: `type Job = { url: string; method: string; timeoutMs: number };
export function requesterFor(extra: RequestInit = {}) {
  async function send(job: Job) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), job.timeoutMs);
    try {
      return await fetch(job.url, { method: job.method, signal: controller.signal, ...extra });
    } finally {
      clearTimeout(timer);
    }
  }
  async function sendStream(job: Job) {
    const response = await fetch(job.url, { method: job.method, ...extra, headers: { ...(extra.headers as Record<string, string>) } });
    return response.body;
  }
  return { send, sendStream };
}`,
      // its body is handed on as a stream: the fixes bound the wait for the headers only (fixes/streamed-responses.ts)
      errors: [{ ...missing, line: 13, suggestions: 2 }],
    },
  ],
});
