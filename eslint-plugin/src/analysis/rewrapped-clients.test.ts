import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A variable that starts as fetch and is swapped, on some path, for fetch wrapped by something not known here (a
// cookie jar, a logger) still sends with fetch: it is judged as fetch, as `jar ? wrap(fetch) : fetch` is. A wrapper
// the name or arguments of which speak of a timeout may bound it, and a swap for anything else leaves it unknown.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout (a fetch variable swapped for a wrapped fetch)', requireTimeout, {
  valid: [
    // the call gives a signal either way
    `export async function load(url: string, jar?: { wrap(f: typeof fetch): typeof fetch }) {
  let send = fetch;
  if (jar) send = jar.wrap(fetch);
  return send(url, { signal: AbortSignal.timeout(4_000) });
}`,
    // a wrapper that may add a deadline of its own
    `import { withTimeout } from 'fetch-helpers';
export async function load(url: string, slow: boolean) {
  let send = fetch;
  if (slow) send = withTimeout(fetch, 30_000);
  return send(url);
}`,
    // swapped for something that is not handed fetch: what it holds is not known
    `import { mockFetch } from './mock';
export async function load(url: string, testing: boolean) {
  let send = fetch;
  if (testing) send = mockFetch();
  return send(url);
}`,
  ],
  invalid: [
    {
      // a cookie-keeping fetch from a package not modelled, or the global one
      code: `import makeCookieFetch from 'fetch-cookie';
export async function load(url: string, jar?: object) {
  let send = fetch;
  if (jar) {
    send = makeCookieFetch(fetch, jar);
  }
  const response = await send(url, { headers: { accept: 'application/json' } });
  return response.json();
}`,
      errors: [{ ...missing, line: 7, suggestions: 4 }],
    },
    {
      // a method of an object the caller hands in, given fetch
      code: `export async function load(url: string, jar?: { wrap(f: typeof fetch): typeof fetch }) {
  let send = fetch;
  if (jar) send = jar.wrap(fetch);
  return send(url);
}`,
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
  ],
});
