import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// An SDK's auth client picks its fetch when it is made: the page's, a worker's or Node's, each bound to its global
// (`globalThis.fetch.bind(globalThis)`), kept in a module variable, then in a field the user's own fetch may replace
// (met on dropbox-sdk-js, tuned on). A bound function is the function: its calls are fetch's; and testing for the
// page's fetch (`typeof window.fetch === 'function'`) before using it is isomorphic code, not a page's.
const authClient = (init: string) => `import { isPage } from './environment';
let fetch: typeof globalThis.fetch | undefined;
export class TokenClient {
  private readonly fetch: typeof globalThis.fetch;
  constructor(options: { fetch?: typeof globalThis.fetch } = {}) {
    if (isPage() && typeof window.fetch === 'function') {
      fetch = window.fetch.bind(window);
    } else if (typeof self !== 'undefined' && 'importScripts' in self) {
      fetch = self.fetch.bind(self);
    } else {
      fetch = globalThis.fetch.bind(globalThis);
    }
    this.fetch = options.fetch || fetch;
  }
  refresh(tokenUrl: string, body: string) {
    return this.fetch(tokenUrl, { method: 'POST', body${init} }).then((response) => response.json());
  }
}
`;

ruleTester.run('require-timeout: a fetch bound to its global', requireTimeout, {
  valid: [authClient(', signal: AbortSignal.timeout(10_000)')],
  invalid: [
    { code: authClient(''), errors: [{ messageId: 'missingTimeout', line: 16, suggestions: 3 }] },
    {
      code: `const send = globalThis.fetch.bind(globalThis);
export const ping = (url: string) => send(url);`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 4 }],
    },
  ],
});
