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

// An SDK whose client keeps `fetch.bind(globalThis)` and waits for each request under a time-limit helper of another
// module (met on notion-sdk-js, tuned on): the wait is bounded, so the request is not one that waits for ever.
const limitedClient = (helper: string) => `import { RequestTimeoutError } from './errors';
export class Client {
  readonly #fetch: typeof fetch;
  constructor(private readonly timeoutMs = 60_000, custom?: typeof fetch) {
    this.#fetch = custom ?? fetch.bind(globalThis);
  }
  request(url: string) {
    return ${helper};
  }
}
`;

ruleTester.run('require-timeout: a fetch bound to its global', requireTimeout, {
  valid: [
    authClient(', signal: AbortSignal.timeout(10_000)'),
    limitedClient('RequestTimeoutError.rejectAfterTimeout(this.#fetch(url).then((response) => response.json()), this.timeoutMs)'),
    `import { withTimeout } from './time';
export const load = (url: string) => withTimeout(fetch(url), 5_000);`,
    // a page's module that also tests for one of the page's members is still a page's (met on etherpad-lite)
    `export const pad = {
  log: (line: string) => { if (typeof window.padLog === 'string') console.log(line); },
  sendDiagnostics: () => fetch('../pad/diagnostics', { method: 'POST', body: JSON.stringify({ url: window.location.href }) }),
};`,
  ],
  invalid: [
    // a helper whose name says nothing of a limit bounds nothing the file can see
    { code: limitedClient('RequestTimeoutError.wrap(this.#fetch(url), this.timeoutMs)'), errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 4 }] },
    { code: authClient(''), errors: [{ messageId: 'missingTimeout', line: 16, suggestions: 3 }] },
    {
      code: `const send = globalThis.fetch.bind(globalThis);
export const ping = (url: string) => send(url);`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 4 }],
    },
  ],
});
